"""Ingest: files → :class:`Document`.

Plain text, Markdown and HTML are read with their encoding detected (UTF-8, UTF-16/32 with a
byte-order mark, Windows-1252, Latin-1). HTML keeps its main text only. The publication date
comes from a ``Date:`` line, a ``Release Date:`` line, a dateline, HTML metadata or the
caller; when none is found the document has no date.

Bad input raises :class:`IngestError` with the file's name and the reason; callers that read
a batch report it and go on with the rest.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.extract.dates import parse_explicit_date

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Document",
    "IngestError",
    "document_from_text",
    "iter_paths",
    "max_bytes_limit",
    "read_document",
]

#: files larger than this are refused (override with ``KG_MAX_BYTES`` or ``--max-bytes``)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: files that describe a folder rather than report news; skipped when a folder is walked
_FOLDER_NOTES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "SOURCES", "NOTES", "INDEX"})
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", "")

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive or an Office file",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


class IngestError(Exception):
    """A file that cannot be read as a document; ``str()`` names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """One document, ready for extraction."""

    id: str
    """content hash (hex) of the document's text: the same text is the same document"""
    text: str
    source: str
    title: str = ""
    date: dt.date | None = None
    """publication date, when the document states one (or the caller gave it)"""
    media_type: str = "text/plain"


def document_from_text(
    text: str,
    source: str = "<text>",
    *,
    title: str | None = None,
    date: dt.date | None = None,
    media_type: str = "text/plain",
) -> Document:
    """Make a :class:`Document` from text already in memory (title and date found as for files).

    Line ends become ``\n`` (Windows and old Mac files give the text, and the id, of the same
    file with Unix line ends), and control characters that XML cannot hold (a form feed or
    vertical tab becomes a line break, the others a space) are replaced, so that every export
    format carries the text unchanged; text with lone surrogates is refused."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates: not Unicode text, cannot be stored
        raise IngestError(source, f"not valid Unicode text (a lone surrogate code point at character {exc.start})") from None
    text = _xml_safe(text)
    if not text.strip():
        raise IngestError(source, "no text (empty or white space only)")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        id=digest,
        text=text,
        source=_xml_safe(_path_text(source)),
        title=_xml_safe(title) if title is not None else _title_of(text),
        date=date if date is not None else find_publication_date(text),
        media_type=media_type,
    )


#: characters that XML 1.0 cannot hold, not even escaped (RDF/XML exports would break on them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else " ", text)


def _path_text(source: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) become U+FFFD."""
    try:
        return source.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return source.encode("utf-8", "replace").decode("utf-8")


def read_document(
    path: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Read one file as a :class:`Document`, or raise :class:`IngestError` saying why not."""
    p = Path(path)
    source = str(p)
    limit = max_bytes if max_bytes is not None else max_bytes_limit()
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IngestError(source, _folder_reason(p))
        if not stat.S_ISREG(st.st_mode):
            raise IngestError(source, "not a regular file (a device, named pipe or socket)")
        if st.st_size > limit:
            raise IngestError(source, f"too large ({st.st_size:,} bytes; the limit is {limit:,}, see --max-bytes)")
        with p.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(source, _os_reason(p, exc)) from None
    if len(raw) > limit:
        raise IngestError(source, f"too large (over {limit:,} bytes, see --max-bytes)")
    reader = _binary_reader(p, raw)
    if reader is not None:
        return reader(raw, source, date=date)
    text = decode(raw, source)
    if _looks_like_html(p, text):
        html = _HtmlText.parse(text)
        body = html.text
        if not body.strip():
            raise IngestError(source, "no text (the HTML page has no main text)")
        return document_from_text(
            body,
            source,
            title=html.title or _title_of(body),
            date=date or html.date or find_publication_date(body),
            media_type="text/html",
        )
    media = "text/markdown" if p.suffix.lower() in {".md", ".markdown"} else "text/plain"
    return document_from_text(text, source, date=date, media_type=media)


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (it leads back to itself)"
    if isinstance(exc, FileNotFoundError):
        return "a broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied (this user may not read it)"
    return f"cannot be read ({exc.strerror or exc})"


def _folder_reason(folder: Path) -> str:
    try:
        next(folder.iterdir(), None)
    except OSError as exc:
        return f"a folder that cannot be listed: {_os_reason(folder, exc)}"
    kinds = ", ".join(s for s in SUPPORTED_SUFFIXES if s)
    return f"a folder with no documents in it (read: {kinds})"


def _binary_reader(path: Path, raw: bytes) -> Callable[..., Document] | None:
    """The reader of a binary format (PDF, Word: :mod:`kg.formats`), by suffix or by content."""
    from kg.formats import READERS, sniff

    return READERS.get(path.suffix.lower()) or READERS.get(sniff(raw) or "")


def decode(raw: bytes, source: str = "<bytes>") -> str:
    """Decode bytes as text: BOMs first, then UTF-8, then Windows-1252, then Latin-1."""
    if not raw.strip():
        raise IngestError(source, "no text (empty or white space only)")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"undecodable {enc.upper()} ({exc.reason} at byte {exc.start})") from None
            return _check_text(text, source)
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise IngestError(source, f"binary file ({what}), not text")
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        try:
            return _check_text(raw.decode(utf16), source)
        except UnicodeDecodeError as exc:
            raise IngestError(source, f"undecodable {utf16.upper()} ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in raw[:65536]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    return _check_text(text, source)


def _utf16_without_bom(raw: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for text with a NUL in the high byte of nearly every
    character (Latin script in UTF-16 without a byte-order mark), else None."""
    sample = raw[:4096]
    if len(sample) < 8 or len(raw) % 2:
        return None
    for enc, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        low = sample[0::2] if enc == "utf-16-le" else sample[1::2]
        if high.count(0) >= 0.9 * len(high) and low.count(0) == 0:
            return enc
    return None


def _check_text(text: str, source: str) -> str:
    if "\x00" in text:
        raise IngestError(source, "binary file (contains NUL characters), not text")
    if not text.strip():
        raise IngestError(source, "no text (empty or white space only)")
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > max(8, len(sample) // 20):
        raise IngestError(source, "binary file (mostly control characters), not text")
    return text


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted, following no symlink loops) to files.

    Paths that do not exist are yielded as they are, so that reading them reports the error.
    Hidden files, files with suffixes other than :data:`SUPPORTED_SUFFIXES` and folder notes
    (README, LICENSE, SOURCES, …) inside folders are skipped; a file named explicitly is always yielded, and so is a folder named explicitly
    that holds no document (reading it says so). A path is yielded once, however often it is
    named or reached.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = list(_walk(p, seen_dirs))
            if not found and next(_walk(p, set()), None) is None:  # not walked before: no document in it
                found = [p]
        else:
            found = [p]
        for f in found:
            if f not in seen:
                seen.add(f)
                yield f


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = folder.stat()
    except OSError:
        yield folder
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.suffix.lower() in SUPPORTED_SUFFIXES and entry.stem.upper() not in _FOLDER_NOTES:
            yield entry


def max_bytes_limit() -> int:
    """The size limit for files: ``$KG_MAX_BYTES`` when set, else :data:`DEFAULT_MAX_BYTES`;
    ``ValueError`` when the variable is not a whole number of bytes."""
    value = os.environ.get("KG_MAX_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"KG_MAX_BYTES={value!r}: expected a whole number of bytes (1 or more)")
    return int(value)


# ---------------------------------------------------------------------------- titles and dates

_MARKUP = re.compile(r"[*_#>`\[\]]+")


def _title_of(text: str) -> str:
    for line in text.splitlines():
        clean = _MARKUP.sub("", line).strip()
        if (len(clean) >= 3 and not clean.lower().startswith(("official website", "skip to"))
                and not _DATE_LINE.match(line)):
            return clean[:200]
    return ""


_DATE_LINE = re.compile(
    r"^[\s*_>#-]*(?:release\s+date|date\s+of\s+release|published(?:\s+on)?|publication\s+date|date|dated|issued)"
    r"(?:[\s*_]*[:\-–—][\s*_]*|\s+(?:on\s+)?(?=[A-Z0-9]))(?P<value>[^\n]{4,200})$",
    re.IGNORECASE | re.MULTILINE,
)
# "WASHINGTON, Sept. 20, 2019 —", "BRUSSELS (Reuters) - 16 July 2023:", "Sept. 20, 2019"
_DATELINE = re.compile(
    r"^[\s*_]*(?:[A-Z][A-Za-z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .]+)?\s*(?:\([A-Za-z .]+\))?\s*[,:\-–—]+\s*)?"
    r"(?P<value>(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}))\b",
    re.MULTILINE,
)


def find_publication_date(text: str) -> dt.date | None:
    """The document's own date: a date line near the top, or a dateline opening the text."""
    head = text[:4000]
    for m in _DATE_LINE.finditer(head):
        found = parse_explicit_date(_MARKUP.sub("", m.group("value")))
        if found is not None:
            return found
    lines = [ln for ln in head.splitlines() if ln.strip()][:12]
    for line in lines:
        # "**Press Release No. 214** | Panama City, August 20, 2024": each part of a byline
        for part in (line, *line.split(" | ")[1:]) if len(line) < 400 else ():
            dl = _DATELINE.match(_MARKUP.sub("", part).strip())
            found = parse_explicit_date(dl.group("value")) if dl else None
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------------- HTML

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
              "button", "iframe", "select", "head"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "main", "tr", "table", "blockquote", "figcaption", "figure", "dd", "dt", "pre", "hr"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
_DATE_META = {"article:published_time", "date", "dc.date", "dcterms.date", "dc.date.issued", "pubdate",
              "publishdate", "datepublished", "og:published_time", "sailthru.date", "citation_publication_date"}


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in _HTML_SUFFIXES:
        return True
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


class _HtmlText(HTMLParser):
    """Main text, title and date of an HTML page, with boilerplate elements dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._skip = 0
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()
        self._in_title = False
        self._main_depth = 0
        self._parts: list[str] = []
        self._main_parts: list[str] = []
        self.title = ""
        self.date: dt.date | None = None

    @classmethod
    def parse(cls, html: str) -> _HtmlText:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    @property
    def text(self) -> str:
        parts = self._main_parts if "".join(self._main_parts).strip() else self._parts
        raw = "".join(parts)
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip() + "\n"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._emit("\n")
            return
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in {"main", "article"}:
            self._main_depth += 1
        if tag == "time" and self.date is None:
            value = dict(attrs).get("datetime")
            if value:
                self.date = parse_explicit_date(value[:10])
        self._stack.append(tag)
        self._open[tag] += 1
        if tag in _BLOCK_TAGS:
            self._emit("\n\n" if tag in {"p", "h1", "h2", "h3", "h4", "section", "article"} else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or not self._open[tag]:
            return
        while self._stack:
            top = self._stack.pop()
            self._open[top] -= 1
            self._close(top)
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        if tag in {"main", "article"}:
            self._main_depth = max(0, self._main_depth - 1)
        if tag in _BLOCK_TAGS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title + " " + data).strip()[:200]
            return
        if self._skip:
            return
        self._emit(data)

    def _emit(self, data: str) -> None:
        if self._skip:
            return
        self._parts.append(data)
        if self._main_depth:
            self._main_parts.append(data)

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content") or ""
        if key in _DATE_META and self.date is None and content:
            self.date = parse_explicit_date(content[:10]) or parse_explicit_date(content)
        if key in {"og:title", "twitter:title"} and content and not self.title:
            self.title = content[:200]
