"""The printable summaries as PDF, through WeasyPrint, loading nothing but the app's own static files.

`render_pdf(html=..., base_url=..., paper=...)` turns an already-rendered summary page into PDF bytes: tagged
(PDF/UA-1, so the structure, title and language are in the file and screen readers can follow it), on A4 or US
Letter, with the print stylesheet the page links. Every resource WeasyPrint asks for goes through
`StaticFilesFetcher`, which serves files from the static files on disk and refuses everything else (other
hosts, other paths on this host, local files outside the static folders): a summary never makes a network
request, whatever ends up in its HTML.
"""
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

A4 = "A4"
LETTER = "Letter"
PAPER_SIZES = {"a4": A4, "letter": LETTER}
# PDF/UA-1 (ISO 14289-1): a tagged PDF with its title and language; WeasyPrint 70 produces it.
PDF_VARIANT = "pdf/ua-1"


def paper_size(request_value: str | None) -> str:
    """The paper for ?paper=...: "Letter" when asked for, A4 otherwise (an unknown value is never an error)."""
    return PAPER_SIZES.get((request_value or "").strip().lower(), A4)


class RefusedResource(ValueError):
    """A resource the summary may not load: it is not one of the app's static files."""


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, (tuple, list)) else entry))
    return [root.resolve() for root in roots]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _found_or_collected(relative: str) -> Path | None:
    """A static file by its path below STATIC_URL: the source file the staticfiles finders know (what debug
    serves), or else the collected copy in STATIC_ROOT (hashed names, as {% static %} gives them when debug is
    off, exist only there)."""
    parts = relative.split("/")
    if not relative or any(part in ("", ".", "..") for part in parts) or "\\" in relative:
        return None
    found = finders.find(relative)
    if found:
        return Path(found).resolve()
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        collected = (root / relative).resolve()
        if root in collected.parents and collected.is_file():
            return collected
    return None


def static_file_for(url: str, *, base_url: str) -> Path | None:
    """The file on disk that `url` names, when it is one of the app's static files; None for anything else.

    Allowed: `<origin of base_url><STATIC_URL>...` (what `{% static %}` gives, resolved against base_url), and
    file:// URLs inside STATIC_ROOT or a STATICFILES_DIRS folder. Everything else is None: other hosts, other
    schemes, other paths, paths that climb out of the static folders.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        return path if path.is_file() and _inside(path, _static_roots()) else None
    if scheme not in ("http", "https"):
        return None
    static_url = settings.STATIC_URL
    static = urlsplit(static_url if "://" in static_url else base_url.rstrip("/") + "/" + static_url.lstrip("/"))
    same_origin = (scheme, parts.netloc.lower()) == (static.scheme.lower(), static.netloc.lower())
    if not same_origin or not parts.path.startswith(static.path):
        return None
    return _found_or_collected(unquote(parts.path[len(static.path):]))


class StaticFilesFetcher(URLFetcher):
    """WeasyPrint's URL fetcher for the summaries: the app's static files from disk, data: URLs (decoded in
    memory), and a refusal for everything else. `served` and `refused` list the URLs asked for."""

    def __init__(self, *, base_url: str):
        # Only data: ever reaches WeasyPrint's own opener, and no redirect is followed.
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.base_url = base_url
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.split(":", 1)[0].lower() == "data":
            return super().fetch(url, headers)
        path = static_file_for(url, base_url=self.base_url)
        if path is None:
            self.refused.append(url)
            raise RefusedResource(f"not one of the app's static files, not loaded: {url}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type == "image/svg+xml":
            content_type += "; charset=utf-8"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


def _layout(*, html: str, base_url: str, paper: str, fetcher: StaticFilesFetcher):
    if paper not in (A4, LETTER):
        raise ValueError(f"paper must be {A4!r} or {LETTER!r}, not {paper!r}")
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher, media_type="print")
    page_size = CSS(string=f"@page {{ size: {paper}; }}", url_fetcher=fetcher)
    return document.render(stylesheets=[page_size], pdf_variant=PDF_VARIANT)


def render_pdf(*, html: str, base_url: str, paper: str, fetcher: StaticFilesFetcher | None = None) -> bytes:
    """PDF bytes for one rendered summary page. `paper` is "A4" or "Letter" (see `paper_size`).

    The page's own stylesheet sets fonts, margins and page numbers; only the paper size is added here, so that
    a browser printing the same page keeps the reader's paper. Pass a `fetcher` to see what was loaded.
    """
    fetcher = fetcher or StaticFilesFetcher(base_url=base_url)
    return _layout(html=html, base_url=base_url, paper=paper, fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf_within(
    *, htmls, base_url: str, paper: str, max_pages: int, fetcher: StaticFilesFetcher | None = None
) -> bytes:
    """The first of `htmls` (the same summary, each more compact than the one before; a callable is rendered
    only when reached) whose layout fits in `max_pages`, as PDF bytes; the last one when none fits."""
    fetcher = fetcher or StaticFilesFetcher(base_url=base_url)
    document = None
    for html in htmls:
        html = html() if callable(html) else html
        document = _layout(html=html, base_url=base_url, paper=paper, fetcher=fetcher)
        if len(document.pages) <= max_pages:
            break
    return document.write_pdf(pdf_variant=PDF_VARIANT)
