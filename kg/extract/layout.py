"""Page chrome: the lines of a saved web page that are not the article.

A page saved as text keeps its menus ("Home | World | Africa"), share and tag lines, the
"Related stories" list and the copyright line beside the article. Their words name countries
and sometimes read like facts (a related headline "EU suspends aid to Libya"), but they
report nothing: they are left out before any fact is looked for.

:func:`is_chrome` judges one sentence span by the line or lines it lies on. It needs the
text and the spans of :func:`kg.extract.sentences.split_sentences`; it sets nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["blank_chrome", "chrome_lines", "is_chrome"]

#: separators of menu items and breadcrumbs, with space around them
_SEPARATOR = re.compile(r"\s(?:\||·|•|>|»|›|/)\s")
#: a line that is page furniture by its first words
_FURNITURE = re.compile(
    r"""^\W*(?:
        menu|share(?:\s+this(?:\s+(?:article|story|page))?)?|tags?|topics|related\s+topics|keywords
        |follow\s+us|skip\s+to|subscribe|sign\s+(?:in|up)|log\s+in|print(?:\s+friendly)?
        |you\s+are\s+here|language\s+selection|comments?\s*\(\d+\)|reading\s+time|advertisement|search
    )(?:\s*:|\b(?![^:]*[.!?]["”’')\]]*\s*$))""",
    re.IGNORECASE | re.VERBOSE,
)
"""first words of furniture; a line that ends as a sentence ("Share prices fell.") is one
only when a colon follows them ("Tags: aid, Libya.")"""
#: the copyright line, whatever follows
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b", re.IGNORECASE)
_LINKS_WORDS = r"""(?:related(?:\s+(?:coverage|stories|articles|content|links|news))?|read\s+(?:more|also|next)
    |more\s+(?:on\s+this\s+(?:story|topic)|from\b.*|stories|news)|most\s+(?:read|popular|viewed)
    |see\s+also|associated\s+links|further\s+reading|you\s+may\s+also\s+like|recommended)"""
#: the heading of a list of links to other pages
_LINKS_HEADING = re.compile(rf"^\W*{_LINKS_WORDS}\W*$", re.IGNORECASE | re.VERBOSE)
#: the heading and the links on one line: "Read more: Rome conference opens | EU-Tunisia deal under strain"
_LINKS_LINE = re.compile(rf"^\W*{_LINKS_WORDS}\s*:\s*\S", re.IGNORECASE | re.VERBOSE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


def _is_menu(line: str) -> bool:
    """Three or more short items between separators, and no sentence among them."""
    items = [i.strip() for i in _SEPARATOR.split(f" {line.strip()} ") if i.strip()]
    if len(items) < 3 or _SENTENCE_END.search(line):
        return False
    return max(len(i.split()) for i in items) <= 5


def chrome_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` that is page chrome."""
    out: list[tuple[int, int]] = []
    in_links = False
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        body = text[start:end].strip().strip("*#_ ").strip()
        if not body:
            continue
        if _LINKS_HEADING.match(body):
            in_links = True
            out.append((start, end))
            continue
        if in_links and (_LIST_ITEM.match(text[start:end]) or (not _SENTENCE_END.search(body) and len(body.split()) <= 15)):
            out.append((start, end))  # a linked headline of another page
            continue
        in_links = False
        if _LINKS_LINE.match(body) and not _SENTENCE_END.search(body):
            out.append((start, end))
            continue
        if _FURNITURE.match(body) or _is_menu(body) or (_COPYRIGHT.search(body) and len(body.split()) <= 30):
            out.append((start, end))
    return out


def is_chrome(text: str, span: tuple[int, int], lines: list[tuple[int, int]]) -> bool:
    """Whether the sentence ``span`` lies wholly on chrome ``lines`` (in text order)."""
    s, e = span
    covered = s
    # lines do not overlap, so their ends are in order too: start at the first that ends after s
    for ls, le in lines[bisect_right(lines, s, key=lambda line: line[1]) :]:
        if ls > covered and text[covered:ls].strip():
            return False
        covered = max(covered, le)
        if covered >= e:
            return True
    return False


def blank_chrome(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans, each one that is page chrome made empty (kept, so that sentences
    keep their places: "the sentence before" and the headline stay what they were)."""
    lines = chrome_lines(text)
    if not lines:
        return spans
    return [(s, s) if is_chrome(text, (s, e), lines) else (s, e) for s, e in spans]
