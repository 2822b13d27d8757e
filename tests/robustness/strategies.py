"""Hostile input for the questionnaire and for `assess`: wrong types, missing fields, huge and negative numbers,
numbers written strangely, very long strings, any Unicode, very long lists."""
import string

from hypothesis import strategies as st

from decisionaid.assessment.profile import KNOWN_KEYS, WALKING_RANGE_EDSS
from decisionaid.questionnaire.views import STEPS

STEP_NAMES = [name for name, _ in STEPS]
FIELDS = {name: list(form.base_fields) for name, form in STEPS}

# Numbers as people (and attackers) might type them.
NUMBERISH = [
    "1e308", "-1e308", "1e-308", "1e999999999", "-0", "0", "-1", "+34", "34.0", "34.5", "3.25", "6.5", "10.5",
    "NaN", "nan", "-NaN", "sNaN", "Infinity", "-inf", "٣٤", "３４", "೩೪", "34\u200b", "0x22", "1_000", "1,5", " 34 ",
    "34\x00", "", " ", "\t", "2147483648", "18446744073709551616", "9" * 5000, "-" + "9" * 5000, "0" * 10_000 + "34",
    "0." + "0" * 10_000 + "1", "1e-999999999", "٣" * 3000,
]
WORDS = ["unknown", "yes", "no", "on", "off", "true", "false", "None", "null", "patient", "clinician", "rrms",
         "natalizumab", "very", "done", "<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}", "%(value)s", "%s"]


def real_choices() -> list[str]:
    choices = set()
    for _, form in STEPS:
        for field in form.base_fields.values():
            for value, label in getattr(field, "choices", []):
                if isinstance(label, (list, tuple)):
                    choices.update(str(v) for v, _ in label)
                else:
                    choices.add(str(value))
    return sorted(choices | set(WALKING_RANGE_EDSS) | {"interferon-beta", "natalizumab"})


short_text = st.text(max_size=40)
# Long, but with everything else in one request under Django's 2.5 MB limit (a request over it gets a 400).
huge_text = st.one_of(
    # codec: characters a browser can send (UTF-8 has no lone surrogates; JSON can, see json_scalars)
    st.builds(lambda char, size: char * size, st.characters(codec="utf-8"), st.integers(1_000, 15_000)),
    st.text(min_size=500, max_size=2_000),
)
hostile_word = st.one_of(
    short_text,
    st.sampled_from(NUMBERISH),
    st.sampled_from(WORDS),
    st.sampled_from(real_choices()),
    st.integers().map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
hostile_text = st.one_of(hostile_word, huge_text)
# One value, or a field sent many times (a browser sends a ticked box once per box). At most 100 values, so
# that a whole request stays under Django's limit of 1000 fields (over it: a 400, tested separately).
hostile_value = st.one_of(
    hostile_text,
    hostile_text,
    st.lists(hostile_word, min_size=2, max_size=8),
    st.lists(st.sampled_from(real_choices() + NUMBERISH[:10]), min_size=20, max_size=100),
)


def step_keys(step: str) -> list[str]:
    return [f"{step}-{field}" for field in FIELDS[step]]


ALL_STEP_KEYS = [key for step in STEP_NAMES for key in step_keys(step)]
PREFIX = "questionnaire_wizard"
MANAGEMENT_KEY = f"{PREFIX}-current_step"
url_safe_step = st.text(alphabet=string.ascii_letters + string.digits + "-_.~%", min_size=1, max_size=30)


@st.composite
def hostile_post(draw, step: str) -> tuple[str, dict]:
    """(path, POST data) aimed at one step: its own fields with hostile values, fields of other steps, made-up
    fields, a management form that is right, wrong or missing, and Back buttons to anywhere."""
    data: dict[str, object] = {}
    own = draw(st.lists(st.sampled_from(step_keys(step)), unique=True))
    for key in own:
        data[key] = draw(hostile_value)
    for key in draw(st.lists(st.sampled_from(ALL_STEP_KEYS), max_size=3, unique=True)):
        data.setdefault(key, draw(hostile_value))
    for key in draw(st.lists(st.text(min_size=1, max_size=30), max_size=3, unique=True)):
        data.setdefault(key, draw(hostile_value))
    management = draw(st.one_of(
        st.just(step), st.just(step), st.sampled_from(STEP_NAMES + ["done", "walking"]), st.none(), short_text,
        st.lists(st.sampled_from(STEP_NAMES), min_size=2, max_size=3),
    ))
    if management is not None:
        data[MANAGEMENT_KEY] = management
    goto = draw(st.one_of(st.none(), st.none(), st.sampled_from(STEP_NAMES + ["done"]), short_text))
    if goto is not None:
        data["wizard_goto_step"] = goto
    path_step = draw(st.one_of(st.just(step), st.just(step), st.sampled_from(STEP_NAMES + ["done"]), url_safe_step))
    return f"/questions/{path_step}/", data


# -- assess ----------------------------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30), st.sampled_from(NUMBERISH + WORDS),
    st.sampled_from(["\ud800", "a\udfffb"]),  # lone surrogates: JSON's "\ud800" escape makes them
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5),
    max_leaves=20,
)

GOOD_VALUES = {
    "role": st.sampled_from(["patient", "clinician"]),
    "age": st.integers(18, 90),
    "sex": st.sampled_from(["female", "male", "other"]),
    "subtype": st.sampled_from(["rrms", "spms_active", "spms", "ppms", "unsure"]),
    "disease_duration_years": st.one_of(st.none(), st.integers(0, 18), st.sampled_from([0.5, 2.5, "6", "1e1"])),
    "edss": st.one_of(st.none(), st.integers(0, 20).map(lambda n: n / 2), st.sampled_from(["3.5", "6", "-0"])),
    "walking_range": st.one_of(st.none(), st.sampled_from(sorted(WALKING_RANGE_EDSS))),
    "relapses_12m": st.one_of(st.none(), st.integers(0, 30)),
    "mri_activity_12m": st.sampled_from(["yes", "no", "unknown"]),
    "disability_worsened_12m": st.sampled_from(["yes", "no", "unknown"]),
    "dmts": st.lists(st.sampled_from(["natalizumab", "interferon-beta", "ocrelizumab", "cladribine"]), max_size=4),
    "high_efficacy_contraindicated": st.one_of(st.none(), st.booleans()),
    "pregnancy_wish": st.sampled_from(["yes", "no", "unsure"]),
    "values": st.dictionaries(
        st.sampled_from(["stop_activity", "avoid_risks", "fertility", "time_away", "no_ongoing_treatment"]),
        st.sampled_from(["very", "somewhat", "not", "unsure"]),
    ),
    "treatment_abroad": st.one_of(st.none(), st.sampled_from(["yes", "no", "unsure"])),
}
assert set(GOOD_VALUES) == KNOWN_KEYS


@st.composite
def profile_like(draw) -> dict:
    """A profile object with good values except for a few fields (often none) that are missing or hostile, and
    sometimes a key that is not a profile key."""
    data = {key: draw(good) for key, good in GOOD_VALUES.items()}
    spoilt = draw(st.lists(st.sampled_from(sorted(GOOD_VALUES)), max_size=3, unique=True))
    for key in spoilt:
        if draw(st.booleans()):
            del data[key]
        else:
            data[key] = draw(st.one_of(json_values, hostile_text))
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.text(min_size=1, max_size=20))] = draw(json_values)
    return data
