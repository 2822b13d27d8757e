"""The page's language, for <html lang> (which WeasyPrint also writes into the PDF as /Lang), and the same page's
URL in another language, for the language switch."""
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, to_locale

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The active language as a BCP 47 tag with its region in capitals: "en-GB", "nb"."""
    return to_locale(get_language() or "en-gb").replace("_", "-")


@register.simple_tag(takes_context=True)
def this_page_in(context, language_code: str) -> str:
    """This page's path and query in `language_code` ("/results/" <-> "/nb/results/"): the language switch's
    `next`. Worked out here, while the page's own language is active, because Django's set_language view runs
    unprefixed and could not resolve a /nb/ path itself."""
    request = context.get("request")
    if request is None:
        return "/"
    return _translated(settings.ROOT_URLCONF, get_language(), request.get_full_path(), language_code)


@lru_cache(maxsize=512)
def _translated(urlconf: str, active: str, path: str, language_code: str) -> str:
    """translate_url resolves the path and reverses it again (a tenth of a question page): the answer is the same
    for the same URLs, page language and path, so it is kept (a bounded number, as the query string is the
    visitor's)."""
    return translate_url(path, language_code)


@register.simple_tag(takes_context=True)
def other_languages(context) -> list[tuple[str, str, str]]:
    """(code, name, this page's URL in it) for each language but the page's own. The name is the one in
    settings.LANGUAGES, in that language itself ("English", "Norsk bokmål"), never translated: a person looks for
    their own language's name."""
    current = get_language()
    return [(code, name, this_page_in(context, code)) for code, name in settings.LANGUAGES if code != current]
