"""Evidence past its review date shows itself: on the admin home for editors, and on the public evidence page
for a trial status older than 12 months."""
from datetime import timedelta

from django.utils import timezone

from decisionaid.evidence.models import Figure

from ..pages.html_tree import parse
from .factories import make_figure, make_source, make_trial

TODAY = timezone.localdate()


def test_the_admin_home_lists_rows_past_their_review_date(admin_client, db):
    source = make_source(last_reviewed=TODAY)
    stale = make_figure(source, key="stale-figure", last_reviewed=TODAY - timedelta(days=400))
    fresh = make_figure(source, key="fresh-figure", last_reviewed=TODAY - timedelta(days=30))
    page = admin_client.get("/admin/").content.decode()
    assert "Past their review date" in page
    assert f'href="/admin/evidence/figure/{stale.pk}/change/"' in page
    assert f"/admin/evidence/figure/{fresh.pk}/change/" not in page
    assert "Figures: 1 not checked against their source within 12 months" in page


def test_the_admin_home_says_when_nothing_is_past_its_review_date(admin_client, db):
    make_source(last_reviewed=TODAY)
    assert Figure.objects.count() == 0
    assert "No evidence row is past its review date." in admin_client.get("/admin/").content.decode()


def trial_status_text(client, key: str) -> str:
    [article] = [a for a in parse(client.get("/evidence/")).find_all("article") if a.attrs.get("id") == f"trial-{key}"]
    return article.text


def test_a_trial_status_older_than_a_year_asks_whether_it_is_still_true(client, db):
    old = TODAY - timedelta(days=400)
    make_trial(key="old-trial", status="active_not_recruiting", status_known_on=old, status_as_of="October 2025")
    make_trial(key="new-trial", name="NEW-MS", status="active_not_recruiting", status_known_on=TODAY - timedelta(days=30))
    assert "Status last checked: October 2025. Ask whether this is still true." in trial_status_text(client, "old-trial")
    assert "Ask whether" not in trial_status_text(client, "new-trial")


def test_an_old_recruiting_status_asks_whether_it_is_still_recruiting(client, db):
    make_trial(key="old-trial", status_known_on=TODAY - timedelta(days=400), status_as_of="October 2025")
    assert "Ask whether it is still recruiting." in trial_status_text(client, "old-trial")
