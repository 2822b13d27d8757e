"""Which evidence texts have a Norwegian version beside the English one (django-modeltranslation).

Each field named here gets one column per language (`population_en_gb`, `population_nb`); reading `population`
gives the active language's text, or the English one when that is empty. Numbers, identifiers, sources and
citations are not named: they are shared by both languages.

The change history of these models is registered here, after their language columns exist, so that every
historical row keeps both languages (django-simple-history's advice for modeltranslation: register the
history after the translation).
"""
import simple_history
from modeltranslation.translator import TranslationOptions, translator

from .models import (
    Caveat, EvidenceRelease, Figure, Guideline, GuidelineCriterion, Passage, Source, Statement, Treatment, Trial,
)

TRANSLATED_FIELDS: dict[type, tuple[str, ...]] = {
    Source: ("population", "cohort_note", "country"),
    Figure: (
        "label_plain", "label_technical", "arm", "arm_plain", "time_point", "population", "amount_unit",
        "comparator_label", "comparator_label_plain", "comparison_note", "correction_note",
    ),
    Caveat: ("text_plain",),
    Guideline: ("summary_plain", "confidence_note", "known_through"),
    GuidelineCriterion: ("label_plain", "label_technical", "threshold_plain"),
    Treatment: ("plain_group", "how_taken"),
    Trial: (
        "design", "ahsct_arm", "comparator", "size", "countries", "key_eligibility", "primary_endpoint",
        "status_as_of",
    ),
    Statement: ("text_plain", "stated_on_words"),
    Passage: ("text_plain",),
}

for model, names in TRANSLATED_FIELDS.items():
    # A text not written in a language is NULL (empty in the form is NULL too), so "missing" has one meaning.
    options = {"fields": names, "empty_values": None}
    translator.register(model, type(f"{model.__name__}Translation", (TranslationOptions,), options))
    simple_history.register(model)

# A release's note ("what changed") is read on the About page in both languages. Its history is the model's own
# (models.EvidenceRelease.history), made before these columns, so it keeps the English note only.
translator.register(EvidenceRelease, type("EvidenceReleaseTranslation", (TranslationOptions,),
                                          {"fields": ("note",), "empty_values": None}))
