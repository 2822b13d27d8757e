"""Continue from saved answers, with hostile files: any bytes, and files signed with the site's own key (as if the
key had leaked) whose answers are anything at all. Never a server error: the results, a step, or the home page
with a message naming the field; and the answers already in the browser stay when the file is refused."""
import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given
from hypothesis import strategies as st

from decisionaid.questionnaire import answers_file

from .conftest import browser, robust
from .strategies import FIELDS, STEP_NAMES, hostile_word, real_choices

SAVED_ON = datetime.date(2026, 12, 3)
field_value = st.one_of(hostile_word, st.sampled_from(real_choices()), st.just("\ud800"),
                        st.lists(st.one_of(hostile_word, st.sampled_from(real_choices())), max_size=6))
step_answers = st.dictionaries(
    st.one_of(st.sampled_from([field for fields in FIELDS.values() for field in fields]), st.text(max_size=10)),
    field_value, max_size=6,
)
file_answers = st.dictionaries(st.one_of(st.sampled_from(STEP_NAMES), st.text(max_size=10)), step_answers,
                               max_size=9)


def send(client, data: bytes):
    return client.post("/continue/", {"saved_answers": SimpleUploadedFile("answers.json", data)})


def check(response, context) -> None:
    assert response.status_code in (200, 302), (response.status_code, context)
    if response.status_code == 302:
        assert response["Location"] == "/results/" or response["Location"].startswith("/questions/"), context
    else:
        assert "Saved answers file: " in response.content.decode(), context


@given(data=st.binary(max_size=3000))
@robust(60)
def test_any_bytes(catalogue, data):
    check(send(browser(), data), data)


@given(answers=file_answers)
@example(answers={"treatments": {"dmts": "\ud800"}})  # a lone surrogate, echoed in the message: was a 500
@robust(150)
def test_signed_files_with_any_answers(start_sessions, answers):
    data = answers_file.dumps(answers, SAVED_ON)
    client = browser(start_sessions["finished"])
    response = send(client, data)
    check(response, answers)
    if response.status_code == 200:
        assert client.session["profile"]["age"] == 34, "a refused file leaves the answers as they were"
    for page in ("/results/", "/questions/"):
        assert client.get(page).status_code in (200, 302), (page, answers)
