"""The one form after the questionnaire, the SURE test on the last part of the results, on hostile posts: a page, never a 500,
and the answers behind the results are still there."""
from collections import Counter
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisionaid.evidence.loading import load_evidence

from .conftest import browser, robust
from .strategies import hostile_value, short_text

SURE_KEYS = ["sure", "understand", "risk_benefit", "encouragement"]


@pytest.fixture
def finished(start_sessions):
    load_evidence()
    return start_sessions["finished"]


def test_hostile_sure_answers_get_the_results_page_back(finished):
    sent = Counter()

    @robust(max_examples=25)
    @given(data=st.dictionaries(st.one_of(st.sampled_from(SURE_KEYS), short_text), hostile_value, max_size=6))
    def hostile(data):
        client = browser(finished)
        response = client.post("/results/check-your-understanding/", urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")
        sent["posts"] += 1
        assert response.status_code == 200, (response.status_code, data)
        assert client.session["profile"]["age"] == 34

    hostile()
    print(f"\nresults (SURE): {sent['posts']} hostile submissions")
    assert sent["posts"] >= 25
