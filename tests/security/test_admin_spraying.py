"""Admin sign-in: one address trying many usernames is locked too (password spraying), and usernames are stored
cut to the User model's length (issue 15; decisionaid/admin_signin.py)."""
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from .test_admin_lockout import LIMIT, PASSWORD, editors, sign_in, signed_in  # noqa: F401 (fixture)

ADDRESS_LIMIT = 20
SPRAYER = "203.0.113.66"


def spray(count, ip=SPRAYER):
    """One failure for each of `count` different usernames, from one address; the status of each."""
    return [sign_in(f"guess-{n}", "Summer2026!", ip)[0].status_code for n in range(count)]


def test_the_settings_add_an_address_rule_above_the_username_rule():
    assert settings.AXES_HANDLER == "decisionaid.admin_signin.AddressLimitHandler"
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == ADDRESS_LIMIT > LIMIT


def test_sixty_usernames_from_one_address_get_locked(editors):
    statuses = spray(60)
    assert statuses[: ADDRESS_LIMIT - 1] == [200] * (ADDRESS_LIMIT - 1), "each is under the username limit"
    assert statuses[ADDRESS_LIMIT - 1 :] == [429] * (60 - ADDRESS_LIMIT + 1)  # from the failure that reaches it
    response, client = sign_in("editor", PASSWORD, SPRAYER)  # the right password, from that address
    assert response.status_code == 429 and not signed_in(client)
    response, client = sign_in("editor", PASSWORD, "198.51.100.7")  # another address is not affected
    assert response.status_code == 302 and signed_in(client)


def test_fewer_failures_than_the_address_limit_do_not_lock_it(editors):
    assert spray(ADDRESS_LIMIT - 1) == [200] * (ADDRESS_LIMIT - 1)
    response, client = sign_in("editor", PASSWORD, SPRAYER)
    assert response.status_code == 302 and signed_in(client)


def test_the_address_lock_ends_after_the_cool_off(editors):
    spray(ADDRESS_LIMIT)
    assert sign_in("editor", PASSWORD, SPRAYER)[0].status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    response, client = sign_in("editor", PASSWORD, SPRAYER)
    assert response.status_code == 302 and signed_in(client)


def test_a_5000_character_username_is_stored_cut_to_the_user_models_length(editors):
    max_length = get_user_model()._meta.get_field("username").max_length
    assert max_length == 150
    response, _ = sign_in("x" * 5000, "wrong password")
    assert response.status_code == 200  # the form again, not an error
    [attempt] = AccessAttempt.objects.all()
    assert attempt.username == "x" * 150


def test_a_cut_username_still_counts_towards_its_own_lock(editors):
    for _ in range(LIMIT - 1):
        assert sign_in("y" * 5000, "wrong password")[0].status_code == 200
    assert sign_in("y" * 5000, "wrong password")[0].status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == LIMIT
