"""Thousands of random and hostile submissions to every questionnaire step: wrong types, missing fields, huge,
negative and strangely written numbers, very long strings and lists, any Unicode, a management form that is
wrong or missing, Back buttons to steps that do not exist. Every response is a page with a message or a
redirect, never a 500, and the age answered earlier is still there afterwards."""
from collections import Counter
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from decisionaid.questionnaire.forms import AboutForm

from .conftest import ANSWERED_AGE, assert_page_or_redirect, browser, robust, shown_age
from .strategies import STEP_NAMES, hostile_post

EXAMPLES_PER_STEP = 40
POSTS_PER_EXAMPLE = (2, 8)  # one session takes several hostile posts in a row
MIN_POSTS_PER_STEP = EXAMPLES_PER_STEP * POSTS_PER_EXAMPLE[0]  # on average about 5 per example


def encode(data: dict) -> str:
    return urlencode(data, doseq=True)


def age_it_would_set(body: str) -> str | None:
    """The age a post would store if it were taken as an answer to the about step (whatever its address or
    management form say): the only way the age may change."""
    form = AboutForm(data=QueryDict(body), prefix="about")
    return str(form.cleaned_data["age"]) if form.is_valid() else None


@pytest.mark.parametrize("step", STEP_NAMES)
def test_hostile_posts_to_every_step_never_break_it_nor_lose_an_answer(start_sessions, step):
    sent = Counter()

    @robust(max_examples=EXAMPLES_PER_STEP)
    @given(start=st.sampled_from(sorted(start_sessions)), posts=st.lists(hostile_post(step), min_size=POSTS_PER_EXAMPLE[0], max_size=POSTS_PER_EXAMPLE[1]))
    def hostile(start, posts):
        client = browser(start_sessions[start])
        allowed_ages = {ANSWERED_AGE}
        for path, data in posts:
            body = encode(data)
            response = client.post(path, body, content_type="application/x-www-form-urlencoded")
            sent["posts"] += 1
            assert_page_or_redirect(response, (path, data))
            if (new_age := age_it_would_set(body)) is not None:
                allowed_ages.add(new_age)
        if response.status_code == 302:  # where the last one led opens too
            assert_page_or_redirect(client.get(response["Location"]), ("followed", path, data), posted=False)
        assert shown_age(client) in allowed_ages
        if start == "finished":
            assert client.session["profile"]["age"] is not None  # the finished answers are still there

    hostile()
    print(f"\n{step}: {sent['posts']} hostile submissions")
    assert sent["posts"] >= MIN_POSTS_PER_STEP
