"""Clinical consistency over many random profiles: the figures put in front of a person are chosen by population,
never by value; the least favourable figure is never hidden; figures from other people say so; one criterion
never has two thresholds; no empty identifier or bracket; the knowledge check uses the page's own figures."""
import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decisionaid.assessment.assess import assess
from decisionaid.assessment.population import is_eligible
from decisionaid.assessment.profile import ProfileError, profile_from_data
from decisionaid.assessment.selection import KEY_TOPICS, can_be_pictured, sex_applies
from decisionaid.assessment.serialize import assessment_to_dict
from decisionaid.evidence.choices import Estimate
from tests.robustness.strategies import GOOD_VALUES

# The published evidence is loaded once (conftest); the marker makes pytest-django set up the test database
# even when these are the only tests run.
pytestmark = pytest.mark.django_db

PROFILE_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def profiles(draw):
    data = {key: draw(good) for key, good in GOOD_VALUES.items()}
    try:
        return profile_from_data(data)
    except ProfileError:
        assume(False)


def run(evidence, profile):
    return assess(profile=profile, evidence=evidence, today=date(2026, 12, 2))


def eligible_single(evidence, profile, outcomes, kind):
    return [
        f for f in evidence.figures
        if f.kind == kind and f.outcome in outcomes and can_be_pictured(f) and sex_applies(profile, f.sex)
        and is_eligible(profile, f) and f.estimate != Estimate.POOLED
    ]


@PROFILE_SETTINGS
@given(profile=profiles())
def test_no_key_harm_hides_a_less_favourable_eligible_figure(published_evidence, profile):
    result = run(published_evidence, profile)
    for topic, kind, outcomes in KEY_TOPICS:
        outcome = next((o for o in result.outcomes if o.topic == topic and o.kind == kind), None)
        eligible = eligible_single(published_evidence, profile, outcomes, kind)
        if outcome is None or outcome.from_other_people:
            assert not eligible, topic
            continue
        shown_studies = {f.source.cohort for f in outcome.studies}
        # Every eligible study is among the studies shown (one figure each), whatever its value.
        assert {f.source.cohort for f in eligible} == shown_studies, topic
        values = [f.per_100 for f in outcome.studies]
        if len(values) > 1:
            assert outcome.lowest.figure.per_100 == min(values) and outcome.highest.figure.per_100 == max(values)
            worst = max(values) if kind == "risk" else min(values)
            best = min(values) if kind == "risk" else max(values)
            # When the headline is the most favourable figure and a less favourable one exists, the range that
            # shows it is on the page, in its words.
            if outcome.headline.per_100 == best and worst != best:
                end = outcome.highest if kind == "risk" else outcome.lowest
                assert end.value in outcome.range_text and end.study in outcome.range_text
        else:
            assert outcome.range_text.startswith("Only one study")


@settings(PROFILE_SETTINGS, max_examples=20)
@given(profile=profiles())
def test_the_headline_is_chosen_by_population_not_by_value(published_evidence, profile):
    """Changing a study's value never changes which figure is the headline."""
    from dataclasses import replace
    from decimal import Decimal

    result = run(published_evidence, profile)
    for outcome in result.outcomes:
        if not outcome.is_key or outcome.headline is None or outcome.study_count < 2:
            continue
        for bump in (Decimal("0"), Decimal("100")):
            figures = tuple(
                replace(f, per_100=bump, ci_low=None, ci_high=None, numerator=None) if f.key == outcome.headline.key
                else f
                for f in published_evidence.figures
            )
            again = run(replace(published_evidence, figures=figures), profile)
            same = next(o for o in again.outcomes if o.topic == outcome.topic and o.kind == outcome.kind)
            assert same.headline.key == outcome.headline.key


@PROFILE_SETTINGS
@given(profile=profiles())
def test_every_figure_from_other_people_says_so(published_evidence, profile):
    result = run(published_evidence, profile)
    for outcome in result.outcomes:
        for figure in outcome.figures:
            if not figure.matches_person:
                assert figure.match_notes, figure.key
        if outcome.from_other_people:
            assert all(f.match_notes for f in outcome.studies)
            assert "other people" in outcome.range_text


BRACKETS = re.compile(r"\([^()]*\([^()]*\)")


def _texts(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


@PROFILE_SETTINGS
@given(profile=profiles())
def test_no_empty_identifier_or_bracket_and_no_nested_brackets_in_plain_words(published_evidence, profile):
    result = run(published_evidence, profile)
    data = assessment_to_dict(result)
    for text in _texts(data):
        assert "()" not in text and "( )" not in text, text
    plain = [f.text for o in result.outcomes for f in o.figures] + [o.range_text for o in result.outcomes]
    plain += list(result.questions) + [m.status_note for m in result.trials + result.other_trials]
    plain += [q.explanation for q in result.knowledge_questions]
    for text in plain:
        assert not BRACKETS.search(text), text
    for match in result.trials + result.other_trials:
        assert match.registry_text


@PROFILE_SETTINGS
@given(profile=profiles())
def test_one_criterion_one_threshold_everywhere(published_evidence, profile):
    """Every "younger than N" said of a guideline is that guideline's own age limit."""
    result = run(published_evidence, profile)
    limits = {
        g.short_name: {c.threshold for c in g.criteria if c.check_name == "age_below"} for g in published_evidence.guidelines
    }
    text = json.dumps(assessment_to_dict(result), ensure_ascii=False)
    for name, thresholds in limits.items():
        for said in re.findall(rf"{re.escape(name)}: younger than (\d+)", text):
            assert {int(said)} <= {int(t) for t in thresholds}, (name, said)


@PROFILE_SETTINGS
@given(profile=profiles())
def test_the_knowledge_check_uses_the_figures_on_the_page(published_evidence, profile):
    result = run(published_evidence, profile)
    by_question = {q.question: q for q in result.knowledge_questions}
    deaths = next((o for o in result.outcomes if o.topic == "death" and o.headline), None)
    if deaths is not None:
        explanation = by_question["Is aHSCT free of serious risks?"].explanation
        assert deaths.headline.text in explanation and deaths.range_text in explanation
        for pooled in deaths.pooled_text:
            assert pooled in explanation
    activity = next((o for o in result.outcomes if o.topic == "neda" and o.headline), None)
    if activity is not None:
        assert activity.headline.text in by_question["Does aHSCT stop MS activity in everyone?"].explanation


def test_relapsing_deaths_show_a_non_zero_figure_and_the_pooled_estimate(published_evidence):
    profile = profile_from_data(
        dict(age=34, sex="female", subtype="rrms", disease_duration_years=6, edss=3.5, relapses_12m=2,
             mri_activity_12m="yes", disability_worsened_12m="no", dmts=["natalizumab"],
             high_efficacy_contraindicated=False, pregnancy_wish="yes")
    )
    deaths = next(o for o in run(published_evidence, profile).outcomes if o.topic == "death")
    assert deaths.headline.per_100 == 0 and deaths.highest.figure.per_100 > 0
    assert "1 of 24 people" in deaths.range_text
    assert {f.key for f in deaths.studies} >= {"r1-death-100d-uk", "r2-death-100d-silfverberg", "r5-death-100d-boffa"}
    assert "2.1 in the study" in deaths.pooled_text[0] and "1.3 to 3.4" in deaths.pooled_text[0]
    uk = next(f for f in deaths.studies if f.key == "r1-death-100d-uk")
    assert "median EDSS was 6.5" in uk.caveats[0].text
