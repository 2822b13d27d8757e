"""The languages of the evidence texts, and where each language's text of a field is kept.

Plain functions over django-modeltranslation's registry, so that the loader, the snapshot, admin and the
"Missing translations" page name the columns the same way.
"""
from django.conf import settings
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
OTHER_LANGUAGES = tuple(language for language in LANGUAGES if language != DEFAULT)


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` that have a text per language (none for a model that is not registered)."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def column(name: str, language: str) -> str:
    """Where `language`'s text of field `name` is kept: population, nb -> population_nb."""
    return build_localized_fieldname(name, language)


def active() -> str:
    """The evidence language for the active request: one of LANGUAGES, English for any other."""
    language = (translation.get_language() or DEFAULT).lower()
    if language in LANGUAGES:
        return language
    base = language.split("-")[0]
    return next((known for known in LANGUAGES if known.split("-")[0] == base), DEFAULT)


def other_texts(obj) -> tuple[tuple[str, str, str], ...]:
    """(language, field, text) for every non-empty text of `obj` in a language other than English."""
    return tuple(
        (language, name, text)
        for name in translated_fields(type(obj))
        for language in OTHER_LANGUAGES
        if (text := getattr(obj, column(name, language)) or "")
    )


def missing(obj) -> list[str]:
    """The translated fields of `obj` whose English text is there and whose text in another language is not."""
    return [
        name for name in translated_fields(type(obj))
        if getattr(obj, column(name, DEFAULT))
        and any(not getattr(obj, column(name, language)) for language in OTHER_LANGUAGES)
    ]
