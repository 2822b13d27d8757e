"""Shared fixtures: the real published evidence, loaded once per test session, and a profile builder."""
import pytest
from django.db import transaction

from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.profile import profile_from_data
from decisionaid.evidence.loading import load_evidence

# A relapsing profile that every guideline describes as a best candidate; tests change what they are about.
IDEAL = dict(
    age=35,
    sex="female",
    subtype="rrms",
    disease_duration_years=5,
    edss=3.0,
    walking_range=None,
    relapses_12m=2,
    mri_activity_12m="yes",
    disability_worsened_12m="no",
    dmts=["natalizumab"],
    high_efficacy_contraindicated=False,
    pregnancy_wish="no",
)


def make_profile(**changes):
    return profile_from_data({**IDEAL, **changes})


@pytest.fixture(scope="session")
def published_evidence(django_db_setup, django_db_blocker):
    """The fixtures as `assess` sees them. Loaded inside a rolled-back transaction: other tests get a clean DB."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_evidence()
        evidence = load_published_evidence()
        transaction.set_rollback(True)
    return evidence


@pytest.fixture
def loaded(db):
    load_evidence()
