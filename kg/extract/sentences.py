"""Sentences: spaCy's tokenizer and rule-based sentencizer, with paragraph breaks (blank
lines) as hard boundaries. Returns character spans into the document's text."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["nlp", "split_sentences"]

_PARAGRAPH = re.compile(
    r"\n[ \t]*\n+|\n(?=[ \t]*(?:[#*>\-•]|\d+\.\s))"
    r"|\n(?=[ \t]*\**(?:Release\s+Date|Date|Published|Updated|Posted|By)\b)"
)
# a first line with no closing punctuation is a title, a sentence of its own
_TITLE_LINE = re.compile(r"\A[ \t]*[^\n]{1,200}?[^.!?:;,\"”\s][ \t]*\n(?=[ \t]*[A-Z0-9\W])")
_MAX_PARAGRAPH = 100_000
_MAX_SENTENCE = 5_000  # a "sentence" longer than this is not prose: pieces stay apart


@cache
def nlp() -> Language:
    """A blank English spaCy pipeline with the sentencizer (loaded once, on first use)."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = _MAX_PARAGRAPH + 10
    return pipeline


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    title = _TITLE_LINE.match(text)
    if title:
        spans.append((0, title.end() - 1))
        pos = title.end()
    for m in _PARAGRAPH.finditer(text, pos):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while e - s > _MAX_PARAGRAPH:  # a line with no break at all: cut it at a space
            cut = text.rfind(" ", s, s + _MAX_PARAGRAPH)
            cut = cut if cut > s else s + _MAX_PARAGRAPH
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding white space."""
    paragraphs = _paragraphs(text)
    out: list[tuple[int, int]] = []
    docs = nlp().pipe((text[s:e] for s, e in paragraphs), batch_size=64)
    for (p_start, _), doc in zip(paragraphs, docs, strict=True):
        for sent in doc.sents:
            s = p_start + sent.start_char
            e = p_start + sent.end_char
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
    return _merge_fragments(text, out)


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that ends without punctuation to a next one that starts in lower case
    (a line broken in the middle of a sentence)."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged:
            ps, pe = merged[-1]
            prev_end = text[pe - 1]
            if (prev_end not in ".!?:\"”')]" and text[s].islower() and "\n\n\n" not in text[pe:s]
                    and e - ps <= _MAX_SENTENCE):
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged
