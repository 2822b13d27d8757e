"""/results/: the guidelines side by side, people like you as icon arrays, and nothing that is not a
published figure with a source."""
import html
import re
import xml.etree.ElementTree as ET

import pytest

from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import Figure

from ..questionnaire.test_wizard import GOOD_ANSWERS, page_text, walk

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def evidence(db):
    load_evidence()


def answers(**steps):
    merged = {step: dict(values) for step, values in GOOD_ANSWERS.items()}
    for step, values in steps.items():
        merged[step] = values
    order = ["role", "about", "disease", "edss", "walking", "activity", "treatments", "values"]
    return {step: merged[step] for step in order if step in merged}


def results_for(client, **steps):
    walk(client, answers(**steps))
    response = client.get("/results/")
    assert response.status_code == 200
    return response


def page_text_of(content: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content)))


def figure_blocks(content: str) -> dict[str, str]:
    """Each element carrying data-figure-key, with the markup up to the end of that element."""
    blocks = {}
    for match in re.finditer(r'<(figure|li)[^>]*data-figure-key="([^"]+)"', content):
        tag, key = match.groups()
        end = content.find(f"</{tag}>", match.end())
        blocks.setdefault(key, "")
        blocks[key] += content[match.start():end]
    return blocks


def test_every_figure_shown_is_a_published_row_and_names_its_source(client, evidence):
    content = results_for(client).content.decode()
    blocks = figure_blocks(content)
    assert len(blocks) >= 10
    published = {f.key: f for f in Figure.objects.published().select_related("source")}
    for key, block in blocks.items():
        assert key in published, f"{key} is not a published figure"
        assert html.escape(published[key].source.short_name) in block, key


def test_no_unpublished_or_unconfirmed_figure_appears(client, evidence):
    content = results_for(client).content.decode()
    hidden = Figure.objects.exclude(pk__in=Figure.objects.published())
    assert hidden.exists()
    for figure in hidden:
        assert f'data-figure-key="{figure.key}"' not in content


def test_three_guidelines_side_by_side_criterion_by_criterion(client, evidence):
    text = page_text(results_for(client))
    for name in ("EBMT 2020", "NMSS 2021", "ECTRIMS/EBMT 2025"):
        assert name in text
    # 34, RRMS for 6 years, EDSS 3.5, 2 relapses and MRI activity despite natalizumab: every rule is met.
    assert text.count("Your answers match what this guideline describes") == 3
    assert "How sure we are of this guideline's wording" in text


def test_an_unknown_answer_makes_the_verdicts_incomplete_and_says_what_to_ask(client, evidence):
    text = page_text(results_for(client, activity={"relapses_unknown": "on", "mri_activity": "unknown", "disability_worsened": "no"}))
    assert "Answers to check with your neurologist" in text
    assert "How many relapses you had in the last 12 months" in text
    assert "Not known" in text


def test_icon_arrays_are_images_with_their_text_and_whole_people(client, evidence):
    content = results_for(client).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", content, re.S)
    assert len(svgs) >= 8
    for markup in svgs:
        root = ET.fromstring(markup)
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title").text
        assert re.search(r"\d", title), title
        assert len(list(root.iter(f"{SVG}use"))) == 100


def test_benefits_and_risks_get_the_same_format(client, evidence):
    content = results_for(client).content.decode()
    benefits = content.count('class="figure-card figure-benefit"')
    risks = content.count('class="figure-card figure-risk"')
    assert benefits >= 3 and risks >= 3
    for block in figure_blocks(content).values():
        if 'class="figure-card' in block:
            for label in ("When", "Who", "Kind of number", "Source:"):
                assert label in block


def test_the_mist_comparison_is_shown_with_both_arms(client, evidence):
    text = page_text(results_for(client))
    assert "3 of 55" in text and "34 of 55" in text


def test_fertility_figures_are_prominent_for_a_woman_who_may_want_a_child(client, evidence):
    content = results_for(client).content.decode()
    assert "You said you may want a child in the future" in page_text_of(content)
    assert content.index("<h3>Periods and fertility</h3>") < content.index("<h3>Benefits</h3>")


def test_no_fertility_figures_about_women_for_a_man(client, evidence):
    content = results_for(client, about={"age": "34", "sex": "male", "pregnancy_wish": "no"}).content.decode()
    for key in Figure.objects.filter(sex="female").values_list("key", flat=True):
        assert f'data-figure-key="{key}"' not in content


def test_approximate_edss_is_said_when_it_came_from_walking_range(client, evidence):
    text = page_text(results_for(client, edss={"edss": "unknown"}, walking={"walking_range": "200m"}))
    assert "Your EDSS is approximate" in text
    assert "approximately" in text.lower()


def test_clinicians_see_technical_labels_quotes_and_citations(client, evidence):
    content = results_for(client, role={"role": "clinician"}).content.decode()
    assert "https://doi.org/10.1136/jnnp-2023-331864" in content
    assert 'class="guideline-text"' in content


def test_the_page_describes_and_never_tells_the_person_what_to_choose(client, evidence):
    text = page_text(results_for(client)).lower()
    for phrase in ("you should", "we recommend", "you ought", "best option for you"):
        assert phrase not in text
    assert "it is not a recommendation" in text


def test_questions_values_knowledge_check_and_start_again(client, evidence):
    text = page_text(results_for(client))
    assert "Questions to ask your neurologist" in text
    assert "preserve fertility" in text
    assert "Keeping the chance of having children" in text and "Very important" in text
    assert "Does this aid tell you whether to have aHSCT?" in text
    assert "Start again (clears all answers)" in text


def test_sure_test_scores_on_the_page_and_stores_nothing(client, evidence):
    walk(client, answers())
    session_before = dict(client.session)
    response = client.post("/results/", {"sure": "yes", "understand": "yes", "risk_benefit": "no", "encouragement": "yes"})
    assert response.status_code == 200
    assert "You answered yes to 3 of 4 questions" in page_text(response)
    assert dict(client.session) == session_before


def test_sure_test_with_a_missing_answer_names_the_question(client, evidence):
    walk(client, answers())
    response = client.post("/results/", {"sure": "yes"})
    assert response.status_code == 200
    assert "Please answer “Do you know the benefits and risks of each option?”" in page_text(response)


def test_no_inline_styles_so_the_content_security_policy_holds(client, evidence):
    content = results_for(client).content.decode()
    assert " style=" not in content and "<style" not in content and "<script" not in content


def test_a_treatment_removed_from_the_catalogue_sends_the_person_back_to_that_question(client, evidence):
    walk(client, answers())
    from decisionaid.evidence.models import Treatment

    Treatment.objects.filter(slug="interferon-beta").delete()
    response = client.get("/results/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/treatments/"
    assert "interferon-beta" in page_text(response)


def summary_links(content: str) -> list[tuple[str, str]]:
    return [
        (href, html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        for href, text in re.findall(r'<a class="btn[^"]*" href="([^"]+)">(.*?)</a>', content)
        if href.startswith("/summary")
    ]


def test_print_and_download_buttons_near_the_top_and_at_the_end(client, evidence):
    content = results_for(client).content.decode()
    links = summary_links(content)
    expected = [("/summary/", "Print or save my summary"), ("/summary.pdf", "Download PDF")]
    assert links == expected * 2
    assert content.index("/summary.pdf") < content.index('id="your-answers"')
    assert content.rindex("/summary.pdf") > content.index('id="check"')
    assert "Clinician handout" not in content


def test_clinicians_also_get_the_clinician_handout(client, evidence):
    content = results_for(client, role={"role": "clinician"}).content.decode()
    links = summary_links(content)
    assert links.count(("/summary/clinician.pdf", "Clinician handout (PDF)")) == 2
    assert links.count(("/summary/", "Print or save my summary")) == 2
    assert links.count(("/summary.pdf", "Download PDF")) == 2
