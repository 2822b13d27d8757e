"""LIX, the readability index for Norwegian (and Swedish) text: words per sentence plus the percentage of words
longer than 6 letters. The figures below are counted by hand."""
import pytest

from decisionaid.pages import about, readability
from decisionaid.pages.readability import lix


@pytest.mark.parametrize(("text", "expected"), [
    # 8 words, 2 sentences, no long word: 8/2 + 0 = 4.
    ("Jeg liker å gå tur. Det er fint.", 4.0),
    # 4 words, 1 sentence, 2 long ("Stamcellebehandling", "behandling"): 4 + 100*2/4 = 54.
    ("Stamcellebehandling er en behandling.", 54.0),
    # 11 words, 2 sentences (the colon ends one), 3 long ("sykdomsmodifiserende", "behandling", "attakker"; "finnes"
    # and "mindre" have 6 letters): 5.5 + 27.3 = 32.8.
    ("Det finnes sykdomsmodifiserende behandling: den gir færre attakker og mindre MR.", 32.8),
    # A decimal comma or point does not end a sentence, and a number (18,4) is one word: 6 words, 1 sentence,
    # 1 long ("personer", 8 letters): 6 + 100/6 = 22.7.
    ("Det gjaldt 18,4 av 100 personer.", 22.7),
    # Exactly 6 letters is not long ("behand"), 7 is ("behandl"): 2 words, 2 sentences: 1 + 50 = 51.
    ("Behand. Behandl.", 51.0),
    # English works the same way: 10 words, 1 sentence, 4 long ("transplant", "treatment", "multiple",
    # "sclerosis"): 10 + 40 = 50.
    ("A stem cell transplant is one treatment for multiple sclerosis?", 50.0),
    ("", 0.0),
])
def test_lix_of_known_texts(text, expected):
    assert lix(text) == expected


def test_a_text_without_a_full_stop_is_one_sentence():
    assert lix("Dette er en setning uten punktum") == lix("Dette er en setning uten punktum.")


def test_the_norwegian_pages_are_measured_in_norwegian(db):
    # Measured from /nb/ as the view renders it: ready for the LIX <= 40 test once the catalogue is complete.
    measured = dict(readability.norwegian_lix())
    assert set(measured) == {str(name) for name, _ in readability.MEASURED_PAGES}
    assert all(value > 0 for value in measured.values())
    assert 'lang="nb"' in readability.page_html("pages:home", "nb")
    # The English grades are measured in English whatever language is active when they are first asked for.
    assert 'lang="en-GB"' in readability.page_html("pages:home")


def test_the_about_page_shows_the_lix_beside_the_english_grades(db, client):
    page = client.get("/about/").content.decode()
    for name, value in readability.norwegian_lix():
        assert f'<td class="lix">{value}</td>' in page, name
        assert value <= readability.LIX_TARGET, name
    assert "LIX (Norwegian)" in page


def test_names_marked_translate_no_are_not_measured_as_prose():
    # The medicines in the list of treatments are names: "Teriflunomide (Aubagio)" would count as two long words
    # in any language. Everything else on the page, the question and the groups' names, is measured.
    html = ('<main><p>Hvilken behandling har du brukt?</p><strong>Tabletter</strong>'
            '<label translate="no">Teriflunomide (Aubagio)</label><label>Jeg vet ikke</label></main>')
    assert readability.main_text(html) == "Hvilken behandling har du brukt? Tabletter. Jeg vet ikke."
