"""The results: an overview first, then one page per topic. Every figure is a published row with its source;
benefits come before harms; each outcome is under one title once; patient pages use patient words."""
import html
import re
import xml.etree.ElementTree as ET

import pytest

from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import Figure
from decisionaid.summary.topics import ABROAD, ALL_TOPICS, FERTILITY

from ..questionnaire.test_wizard import GOOD_ANSWERS, page_text, walk

SVG = "{http://www.w3.org/2000/svg}"
TOPIC_SLUGS = [topic.slug for topic in ALL_TOPICS]


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


def topic(client, slug):
    response = client.get(f"/results/{slug}/")
    assert response.status_code == 200, slug
    return response


def all_pages(client, **steps) -> dict[str, str]:
    """The overview and every topic page this person gets, by URL."""
    overview = results_for(client, **steps).content.decode()
    pages = {"/results/": overview}
    for href in re.findall(r'<nav aria-labelledby="overview-parts".*?</nav>', overview, re.S)[0].split('href="')[1:]:
        url = href.split('"')[0]
        pages[url] = client.get(url).content.decode()
    return pages


def page_text_of(content: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content)))


def _element_end(content: str, tag: str, start: int) -> int:
    """Where the element opened at `start` closes, counting elements of the same tag nested in it."""
    depth, position = 0, start
    pattern = re.compile(rf"<(/?){tag}\b")
    for match in pattern.finditer(content, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
        position = match.end()
    return position


def figure_blocks(content: str) -> dict[str, str]:
    """Each element carrying data-figure-key, with the markup up to the end of that element."""
    blocks = {}
    for match in re.finditer(r'<(figure|li|div)[^>]*data-figure-key="([^"]+)"', content):
        tag, key = match.groups()
        blocks.setdefault(key, "")
        blocks[key] += content[match.start():_element_end(content, tag, match.start())]
    return blocks


# -- the overview and the parts --------------------------------------------------------------------------


def test_the_overview_lists_every_part_and_each_part_says_where_it_is(client, evidence):
    pages = all_pages(client, values={**GOOD_ANSWERS["values"], "treatment_abroad": "yes"})
    urls = [url for url in pages if url.startswith("/results/") and url != "/results/"]
    # A woman who may want a child and is thinking of treatment abroad: all eleven.
    assert urls == [f"/results/{slug}/" for slug in TOPIC_SLUGS] and ABROAD.slug in TOPIC_SLUGS
    assert list(pages)[-1] == "/answers/"  # and, not numbered, "Check your answers" (tests/questionnaire)
    for number, url in enumerate(urls, start=1):
        text = page_text_of(pages[url])
        assert f"Part {number} of {len(urls)}" in text
        previous = urls[number - 2] if number > 1 else None
        following = urls[number] if number < len(urls) else None
        if previous:
            assert f'href="{previous}" rel="prev"' in pages[url]
        if following:
            assert f'href="{following}" rel="next"' in pages[url]
        assert 'href="/results/"' in pages[url]


def test_the_fertility_part_is_only_for_those_it_applies_to(client, evidence):
    man = all_pages(client, about={"age": "34", "sex": "male", "pregnancy_wish": "yes"})
    assert f"/results/{FERTILITY.slug}/" not in man
    assert "Part 9 of 9" in page_text_of(man[f"/results/{TOPIC_SLUGS[-1]}/"])
    response = client.get(f"/results/{FERTILITY.slug}/", follow=True)
    assert response.redirect_chain[-1][0] == "/results/"
    assert "does not apply to your answers" in page_text(response)
    for content in man.values():
        for key in Figure.objects.filter(sex="female").values_list("key", flat=True):
            assert f'data-figure-key="{key}"' not in content


def test_an_unknown_part_is_a_404_and_a_post_to_a_part_without_a_form_is_refused(client, evidence):
    walk(client, answers())
    assert client.get("/results/no-such-part/").status_code == 404
    assert client.post("/results/guidelines/", {}).status_code == 405


def test_the_overview_answers_first_benefit_before_harm_in_the_same_format(client, evidence):
    content = results_for(client).content.decode()
    text = page_text_of(content)
    for name in ("EBMT 2020", "NMSS 2021", "ECTRIMS/EBMT 2025"):
        assert name in text
    # 34, RRMS for 6 years, EDSS 3.5, 2 relapses and MRI activity despite natalizumab: every rule is met, so
    # the three are said in one line.
    assert "EBMT 2020, NMSS 2021 and ECTRIMS/EBMT 2025: your answers match" in text
    rows = re.findall(r'<div class="outcome-row outcome-(benefit|risk)" data-topic="([a-z_]+)"', content)
    assert rows == [("benefit", "neda"), ("risk", "death")]
    benefit, harm = (content[content.index(f'data-topic="{topic}"'):] for _, topic in rows)
    for block in (benefit, harm):
        block = block[: block.index("</div>\n</div>")]
        assert "<svg" in block and "outcome-title" in block and "studies" in block
    # The key harm shows the range across studies, with a non-zero death figure, and the pooled estimate.
    assert "Pooled: 2.1 (range 1.3 to 3.4) in 100" in text and "4.2 in 100" in text


def test_every_figure_shown_is_a_published_row_and_names_its_source(client, evidence):
    published = {f.key: f for f in Figure.objects.published().select_related("source")}
    seen = set()
    for url, content in all_pages(client).items():
        for key, block in figure_blocks(content).items():
            assert key in published, f"{key} on {url} is not a published figure"
            assert html.escape(published[key].source.short_name) in block, (url, key)
            seen.add(key)
    assert len(seen) >= 40


def test_the_overview_counts_the_key_benefits_and_harms_it_links_to(client, evidence):
    response = results_for(client)
    assessment = response.context["assessment"]
    count = len(assessment.benefits) + len(assessment.risks)
    assert count > 0
    assert f"All {count} key benefits and harms, study by study" in page_text_of(response.content.decode())


def test_no_unpublished_or_unconfirmed_figure_appears(client, evidence):
    hidden = Figure.objects.exclude(pk__in=Figure.objects.published())
    assert hidden.exists()
    for content in all_pages(client).values():
        for figure in hidden:
            assert f'data-figure-key="{figure.key}"' not in content


def test_benefits_come_before_harms_and_each_outcome_has_one_title(client, evidence):
    walk(client, answers())
    content = topic(client, "benefits-and-risks").content.decode()
    assert content.index('id="section-benefit"') < content.index('id="section-risk"')
    titles = re.findall(r'<h3 id="title-[^"]+">([^<]+)</h3>', content)
    assert len(titles) == len(set(titles)), titles
    assert titles.count("Deaths linked to the treatment") == 1
    # Each figure once on the page.
    keys = re.findall(r'data-figure-key="([^"]+)"', content)
    assert len(keys) == len(set(keys))


def test_icon_arrays_are_images_with_their_text_and_whole_people(client, evidence):
    walk(client, answers())
    content = topic(client, "benefits-and-risks").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", content, re.S)
    assert len(svgs) >= 7
    for markup in svgs:
        root = ET.fromstring(markup)
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title").text
        assert re.search(r"\d", title), title
        assert len(list(root.iter(f"{SVG}use"))) == 100


def test_each_key_outcome_has_its_picture_sentence_people_source_and_range(client, evidence):
    walk(client, answers())
    content = topic(client, "benefits-and-risks").content.decode()
    cards = re.findall(r'<section class="outcome-card outcome-(benefit|risk)".*?</section>', content, re.S)
    assert cards.count("benefit") == 4 and cards.count("risk") == 3  # the fourth harm (periods) has its own part
    for card in re.findall(r'<section class="outcome-card.*?</section>', content, re.S):
        for piece in ('class="icon-array', 'class="figure-text"', 'class="figure-who"', "Source:",
                      'class="outcome-range"'):
            assert piece in card, piece


def test_the_mist_comparison_is_shown_with_both_arms_and_what_the_comparison_group_took(client, evidence):
    walk(client, answers())
    text = page_text(topic(client, "compared-with-other-treatments"))
    assert "3 of 55" in text and "34 of 55" in text
    assert "interferons 10" in text and "ocrelizumab, ofatumumab and alemtuzumab were not among them" in text


def test_fertility_is_its_own_part_for_a_woman_who_may_want_a_child(client, evidence):
    walk(client, answers())
    text = page_text(topic(client, FERTILITY.slug))
    assert "You said you may want a child in the future" in text
    for title in ("Periods stopped for more than a year", "Periods did not come back", "Periods came back",
                  "Became pregnant after treatment"):
        assert text.count(title) == 1, title
    assert "do not say how many of the 38 women tried to become pregnant" in text


def test_approximate_edss_is_said_when_it_came_from_walking_range(client, evidence):
    walk(client, answers(edss={"edss": "unknown"}, walking={"walking_range": "200m"}))
    assert "approximately" in page_text(topic(client, "guidelines")).lower()


def test_an_unknown_answer_makes_the_verdicts_incomplete_and_says_what_to_ask(client, evidence):
    walk(client, answers(activity={"relapses_unknown": "on", "mri_activity": "unknown", "disability_worsened": "no"}))
    assert "not complete yet" in page_text(client.get("/results/"))
    text = page_text(topic(client, "guidelines"))
    assert "Answers to check with your neurologist" in text
    assert "How many relapses you had in the last 12 months" in text


def test_patient_pages_use_patient_words(client, evidence):
    """No hazard ratios, p-values, confidence levels or regimen names on a patient's pages."""
    for url, content in all_pages(client).items():
        text = page_text_of(content)
        for jargon in ("HR ", "p <", "p =", "% CI", "confidence interval", "Cy/ATG", "BEAM", "busulfan",
                       "Kaplan", "myeloablative"):
            assert jargon not in text, (url, jargon)


def test_clinicians_see_technical_labels_quotes_and_the_handout(client, evidence):
    pages = all_pages(client, role={"role": "clinician"})
    assert 'class="guideline-text"' in pages["/results/guidelines/"]
    assert "https://doi.org/10.1136/jnnp-2023-331864" in pages["/results/benefits-and-risks/"]
    assert "clinician handout" in page_text_of(pages["/results/benefits-and-risks/"])


def test_the_pages_describe_and_never_tell_the_person_what_to_choose(client, evidence):
    for url, content in all_pages(client).items():
        text = page_text_of(content).lower()
        for phrase in ("you should", "we recommend", "you ought", "best option for you"):
            assert phrase not in text, url
    assert "it does not choose for you" in page_text_of(results_for(client).content.decode()).lower()


def test_questions_values_and_knowledge_check(client, evidence):
    walk(client, answers())
    assert "preserve fertility" in page_text(topic(client, "questions-to-ask"))
    values = page_text(topic(client, "what-matters-to-you"))
    assert "Keeping the chance of having children" in values and "Very important" in values
    check = page_text(topic(client, "check-your-understanding"))
    assert "Does this aid tell you whether to have aHSCT?" in check
    assert "Is aHSCT free of serious risks?" in check and "1 of 24 people" in check


def test_sure_test_scores_on_the_page_and_stores_nothing(client, evidence):
    walk(client, answers())
    session_before = dict(client.session)
    response = client.post(
        "/results/check-your-understanding/",
        {"sure": "yes", "understand": "yes", "risk_benefit": "no", "encouragement": "yes"},
    )
    assert response.status_code == 200
    assert "You answered yes to 3 of 4 questions" in page_text(response)
    assert dict(client.session) == session_before


def test_sure_test_with_a_missing_answer_names_the_question(client, evidence):
    walk(client, answers())
    response = client.post("/results/check-your-understanding/", {"sure": "yes"})
    assert response.status_code == 200
    assert "Please answer “Do you know the benefits and risks of each option?”" in page_text(response)


def test_no_inline_styles_so_the_content_security_policy_holds(client, evidence):
    for url, content in all_pages(client).items():
        assert " style=" not in content and "<style" not in content and "<script" not in content, url


def test_results_pages_are_never_cached(client, evidence):
    walk(client, answers())
    for url in ["/results/"] + [f"/results/{slug}/" for slug in TOPIC_SLUGS]:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_a_treatment_removed_from_the_catalogue_sends_the_person_back_to_that_question(client, evidence):
    walk(client, answers())
    from decisionaid.evidence.models import Treatment

    from django.utils import timezone

    from decisionaid.evidence.models import EvidenceRelease

    Treatment.objects.filter(slug="interferon-beta").delete()
    # Patients see the catalogue of the current release: the removal reaches them with the next release.
    today = timezone.localdate()
    release = EvidenceRelease(version="2099.1", released_on=today, reviewed_on=today, note="Removed a treatment.")
    release.full_clean()
    release.save()
    for url in ("/results/", "/results/guidelines/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == "/questions/treatments/"
        assert "interferon-beta" in page_text(response)


def summary_links(content: str) -> list[tuple[str, str]]:
    """The summaries offered in "What to do next": its buttons and, after them, its list of links."""
    actions = content[content.index('class="summary-actions"'):]
    actions = actions[:actions.index('</ul>')]
    return [
        (href, html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        for href, text in re.findall(r'<a (?:class="[^"]*" )?href="([^"]+)">(.*?)</a>', actions)
        if href.startswith("/summary")
    ]


def test_the_summary_and_pdfs_are_offered_on_the_overview_and_with_the_questions(client, evidence):
    expected = [("/summary/", "My summary"), ("/summary.pdf", "PDF"), ("/summary/large-print.pdf", "Large-print PDF")]
    overview = results_for(client).content.decode()
    assert summary_links(overview) == expected
    assert summary_links(topic(client, "questions-to-ask").content.decode()) == expected
    assert "Handout" not in page_text_of(overview)


def test_clinicians_also_get_the_clinician_handout(client, evidence):
    links = summary_links(results_for(client, role={"role": "clinician"}).content.decode())
    assert ("/summary/clinician.pdf", "Handout PDF") in links and ("/summary/clinician/", "Handout web page") in links
    assert ("/summary.pdf", "PDF") in links
