"""Admin sign-in limits, on top of django-axes (settings: AXES_*).

Axes locks one username at one address after AXES_FAILURE_LIMIT failures. That stops guessing one account, not
trying one password on many (password spraying), so AddressLimitHandler adds a second rule with a higher limit:
an address is refused once its failures across all usernames reach AXES_ADDRESS_FAILURE_LIMIT within the
cool-off. It is axes' own database handler (AXES_HANDLER), with two methods extended.
"""
import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out


def address_failures(*, ip_address: str, since) -> int:
    attempts = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitHandler(AxesDatabaseHandler):
    @staticmethod
    def address_locked(request) -> bool:
        since = get_cool_off_threshold(request)
        failures = address_failures(ip_address=request.axes_ip_address, since=since)
        return failures >= settings.AXES_ADDRESS_FAILURE_LIMIT

    def is_locked(self, request, credentials=None) -> bool:
        """Asked before the password is checked: a locked address is refused even the right password."""
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        """After axes has recorded the failure: the one that reaches the address limit is answered with the
        lockout page already, as axes does for its own rule."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not request.axes_locked_out and self.address_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


def username_as_stored(request, credentials) -> str | None:
    """The username axes records (AXES_USERNAME_CALLABLE), cut to the User model's own length (150): nobody can
    sign in with a longer one, and a 5,000-character username would otherwise be stored whole."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    if not isinstance(username, str):
        return username
    user_model = get_user_model()
    return username[: user_model._meta.get_field(user_model.USERNAME_FIELD).max_length]


def client_address(request) -> str | None:
    """The address axes counts failures by (AXES_CLIENT_IP_CALLABLE). Behind a trusted proxy, the last entry of
    X-Forwarded-For: the one the proxy added itself; anything before it came from the client and may be forged.
    Otherwise, or if that entry is not an address, REMOTE_ADDR."""
    if settings.TRUST_PROXY_HEADERS:
        last = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")
