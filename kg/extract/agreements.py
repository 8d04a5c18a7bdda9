"""Agreements: a deal that a sentence says was signed or concluded, with its kind, name,
parties, signatories, date and place. Proposed, planned, negotiated or rejected deals are kept
with that status and never become signed agreements.
"""

from __future__ import annotations

import itertools
import re

from kg.extract.context import DocContext, Sentence, clause_end, clause_start
from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, AgreementFact, OfficialFact

__all__ = ["KIND_NAMES", "extract_agreements", "merge_agreements", "normalise_kind"]

_KIND = (
    r"memorandum\s+of\s+understanding|memoranda\s+of\s+understanding|MoU|MOU|memorandum|letters?\s+of\s+intent|"
    r"joint\s+statement|joint\s+declaration|declaration|statement|agreements?|accords?|treaty|treaties|protocols?|"
    r"pacts?|deals?|partnership|arrangements?|compacts?|convention|documents?|(?:exchange\s+of\s+)?notes|text"
)
_KIND_RX = re.compile(rf"\b(?P<kind>{_KIND})\b", re.IGNORECASE)
# "Guatemala had signed one at the White House": a deal of the kind just spoken of
_KIND_PRONOUN = re.compile(r"\s+(?P<kind>one|its\s+own|their\s+own|a\s+similar\s+one)\b", re.IGNORECASE)
_SIGN = re.compile(
    r"\b(?P<verb>signed|signs|sign|signing|co-signed|concluded|concludes|conclude|inked|inks|struck|strikes|sealed|"
    r"seals|finali[sz]ed|finali[sz]es|entered\s+into(?!\s+force)|enters\s+into(?!\s+force)|reached|reach|reaches|agreed\s+(?:on|to)|"
    r"initialled|initialed|adopted)\b",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"\b(?:will|would|could|should|might|may|shall|must|still|to\s+be|plans?\s+to|planned\s+to|planning\s+to|expected\s+to|set\s+to|"
    r"hopes?\s+to|hoping\s+to|aims?\s+to|seeks?\s+to|wants?\s+to|intends?\s+to|ready\s+to|about\s+to|"
    r"proposed|proposes?|draft|not\s+yet|yet\s+to|failed\s+to|refused\s+to|declined\s+to|did\s+not|didn't|"
    r"never|negotiat\w+|talks\s+(?:on|about)|if|unless|whether|from|against|blocked|block|prevent\w*|stop\w*|halt\w*)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_REJECTED = re.compile(r"\b(?:refused|declined|rejected|failed|did\s+not|didn't|never|blocked|barred|prevented|stopped)\b",
                       re.IGNORECASE)
_PLACE = re.compile(
    r"\b(?P<prep>in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w.'’\-]*(?:\s+(?:of\s+|de\s+|del\s+)?[A-Z][\w.'’\-]*){0,4})"
)
_VENUE = re.compile(r"\b(?:Headquarters|Building|Palace|Hall|Centre|Center|Office|Ministry|Department|Embassy|House)$")
_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept?\.?|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|An?|Today|Trump|Biden)\b"
)

KIND_NAMES = {
    "memorandum of understanding": "memorandum of understanding",
    "memoranda of understanding": "memorandum of understanding",
    "mou": "memorandum of understanding",
    "memorandum": "memorandum of understanding",
    "letter of intent": "letter of intent",
    "letters of intent": "letter of intent",
    "joint statement": "joint statement",
    "joint declaration": "joint statement",
    "declaration": "joint statement",
    "statement": "joint statement",
    "treaty": "treaty",
    "treaties": "treaty",
    "convention": "treaty",
    "protocol": "protocol",
    "protocols": "protocol",
    "partnership": "partnership",
    "notes": "exchange of notes",
    "exchange of notes": "exchange of notes",
}


#: words that name a deal without saying its kind ("signed the text", "signed one")
_UNSPECIFIC = {"text", "document", "documents", "one", "its own", "their own", "a similar one"}
_ANY_KIND = ""


def normalise_kind(word: str) -> str:
    """The canonical kind of an agreement word ("MoU" → "memorandum of understanding")."""
    w = " ".join(word.lower().split())
    if w in _UNSPECIFIC:
        return _ANY_KIND
    return KIND_NAMES.get(w, "agreement")


def extract_agreements(ctx: DocContext) -> list[AgreementFact]:
    found: list[AgreementFact] = []
    for s in ctx.sentences:
        found.extend(_in_sentence(ctx, s))
    found = _attach_signatories(found)
    found = merge_agreements(found)
    _complete_parties(ctx, found)
    _places_from_other_sentences(ctx, found)
    _places_from_dateline(ctx, found)
    for a in found:
        a.kind = a.kind or "agreement"
    # a deal between fewer than two known parties is not a fact the graph can state
    return [a for a in found if len(set(a.parties)) >= 2]


def _in_sentence(ctx: DocContext, s: Sentence) -> list[AgreementFact]:
    text = ctx.text
    kinds = list(_KIND_RX.finditer(text, s.start, s.end))
    out: list[AgreementFact] = []
    used_kinds: set[int] = set()
    for verb in _SIGN.finditer(text, s.start, s.end):
        v = verb.group("verb").lower()
        kind = _kind_for_verb(text, verb, kinds, used_kinds, s)
        if kind is None:
            signed_for = _signed_for(ctx, s, verb)
            if signed_for is not None:
                out.append(signed_for)
            continue
        if v == "signing" and text[max(s.start, verb.start() - 4) : verb.start()].lower().strip() in {"the", "'s", "’s"}:
            continue  # "the signing reflects …": a reference to a signing already reported
        used_kinds.add(kind.start())
        before = text[max(s.start, verb.start() - 60) : verb.start()]
        status = "signed"
        headline = s.index == 0 and "\n" not in text[s.start : s.end] and not text[s.start : s.end].rstrip().endswith(".")
        if _NOT_YET.search(before) or (v in {"sign", "reach", "conclude"} and not _past_context(before) and not headline):
            status = "rejected" if _REJECTED.search(before) else "proposed"
            if re.search(r"negotiat|talks", before, re.IGNORECASE):
                status = "negotiating"
        out.append(_agreement(ctx, s, verb, kind, status))
    out.extend(_named_references(ctx, s, kinds, used_kinds))
    return out


_SIGNED_FOR = re.compile(r"\s+(?:it\s+|them\s+)?(?:for|on\s+behalf\s+of)\s+(?:the\s+|his\s+|her\s+|its\s+)?", re.IGNORECASE)
_ATTACH = "signatories of the deal just reported"


def _signed_for(ctx: DocContext, s: Sentence, verb: re.Match[str]) -> AgreementFact | None:
    """ "McAleenan signed for the United States, and Hill Tinoco … for the Salvadoran
    government": signatories of the agreement the text has just reported."""
    if not _PERSONAL.match(verb.group("verb")) or not _SIGNED_FOR.match(ctx.text, verb.end(), s.end):
        return None
    subject_start = max(s.start, ctx.text.rfind(",", s.start, max(s.start, verb.start() - 120)) + 1)
    officials = [o for o_start, _, o in s.officials if subject_start <= o_start < verb.start()]
    if not officials:
        return None
    return AgreementFact(kind=_ATTACH, signatories=officials[-1:], evidence=[ctx.evidence(s)])


# "the EU-Turkey statement of March 2016", "a U.S.-Mexico Joint Declaration released on …"
_PAIR = re.compile(r"[-–/]\s?")


def _named_references(ctx: DocContext, s: Sentence, kinds: list[re.Match[str]], used: set[int]) -> list[AgreementFact]:
    """A deal named by its two parties ("the EU-Turkey statement") was concluded: the text
    speaks of it as a thing that exists."""
    out = []
    actors = ctx.actors_in(s, s.start, s.end)
    for kind in kinds:
        if kind.start() in used:
            continue
        pair = [a for a in actors if kind.start() - 60 <= a.start and a.end <= kind.start()]
        joined = [
            (a, b) for a, b in itertools.pairwise(pair)
            if _PAIR.fullmatch(ctx.text[a.end : b.start]) and re.fullmatch(r"[\s\w]*", ctx.text[b.end : kind.start()])
        ]
        if not joined:
            continue
        a, b = joined[-1]
        before = ctx.text[max(s.start, a.start - 40) : a.start]
        if re.search(r"\b(?:proposed|draft|planned|possible|potential|new|future|would-be)\s+$", before, re.IGNORECASE):
            continue
        date = None
        m = re.match(r"\s+(?:of|from|signed\s+in|concluded\s+in|agreed\s+in)\s+", ctx.text[kind.end() : kind.end() + 30])
        if m:
            date = next((d.date for d in s.dates if d.start == kind.end() + m.end()), None)
        elif re.match(r"\s+(?:\w+\s+){0,2}(?:released|issued|published|adopted|agreed|signed)\b", ctx.text[kind.end() : kind.end() + 40]):
            date = _nearest_date(ctx, s, kind.end(), s.end)
        out.append(AgreementFact(
            kind=normalise_kind(kind.group("kind")),
            parties=[*a.actors, *b.actors],
            date=date,
            evidence=[ctx.evidence(s)],
        ))
    return out


def _past_context(before: str) -> bool:
    return bool(re.search(r"\b(?:did|has|have|had|to)\s*$", before))


def _kind_for_verb(
    text: str, verb: re.Match[str], kinds: list[re.Match[str]], used: set[int], s: Sentence
) -> re.Match[str] | None:
    """The agreement noun a signing verb governs: the next one after an active verb ("signed a
    Protection Cooperative Agreement"), or the one right before a participle ("the Letter of
    Intent signed by …", "an agreement was signed")."""
    pronoun = _KIND_PRONOUN.match(text, verb.end(), s.end)
    if pronoun is not None:
        return pronoun
    after = [k for k in kinds if k.start() >= verb.end() and k.start() not in used]
    if after:
        gap = text[verb.end() : after[0].start()]
        if len(gap) <= 80 and not _SIGN.search(gap) and not re.search(r"[.;]", gap):
            return after[0]
    before = [k for k in kinds if k.end() <= verb.start() and k.start() not in used]
    if before:
        gap = text[before[-1].end() : verb.start()]
        if len(gap) <= 45 and re.fullmatch(
            r"(?:\s*[\"“”'’]?[\w\s,\-“”\"'’]*?)?\s*(?:(?:was|were|is|are|has\s+been|had\s+been|have\s+been|being)\s+)?"
            r"(?:\w+ly\s+)?",
            gap,
        ):
            return before[-1]
    return None


def _agreement(ctx: DocContext, s: Sentence, verb: re.Match[str], kind: re.Match[str], status: str) -> AgreementFact:
    text = ctx.text
    active = kind.start() >= verb.end()
    subject_start = clause_start(text, s.start, verb.start())
    if not active:
        # "… with the British partnership signed in April": the parties are in the noun
        # phrase and after the participle, not in the main clause's subject
        subject_start = max(subject_start, _noun_phrase_start(text, kind.start(), s.start))
    end = clause_end(text, max(verb.end(), kind.end()), s.end)
    actors = ctx.actors_in(s, subject_start, end)
    signatories = ctx.officials_in(s, subject_start, end) if _PERSONAL.match(verb.group("verb")) else []
    if _PERSONAL.match(verb.group("verb")) and not any(o_start < verb.start() for o_start, _, _ in s.officials if o_start >= subject_start):
        pronoun = _pronoun_signatory(ctx, s, verb.start())
        if pronoun is not None and pronoun not in signatories:
            signatories.append(pronoun)
    parties: list[Actor] = []
    for a in actors:
        before = text[max(s.start, a.start - 30) : a.start]
        if a.via == "group" and re.search(r"\bof\s+(?:the\s+)?(?:\w+\s+)?$", before):
            continue  # "the last of the three Northern Triangle countries": not the signer
        if a.via == "organisation" and re.search(r"\b(?:during|at|sidelines\s+of)\s+(?:the\s+)?$", before):
            continue  # "during the UN General Assembly": where, not who
        for actor in a.actors:
            if actor not in parties:
                parties.append(actor)
    for o in signatories:
        if o.represents is not None and o.represents not in parties:
            parties.append(o.represents)
    name = _name(text, kind, verb if active else None)
    date = _nearest_date(ctx, s, verb.start(), end)
    place = _place(text, max(verb.end(), kind.end()), end if end > verb.end() else s.end)
    return AgreementFact(
        kind=normalise_kind(kind.group("kind")),
        name=name,
        parties=parties,
        signatories=list(signatories),
        date=date,
        place=place,
        status=status,  # type: ignore[arg-type]
        evidence=[ctx.evidence(s)],
    )


_NP_BOUNDARY = re.compile(r"(?:^|[\s,(])(?:the|a|an|its|their|this|that|these|those)\s", re.IGNORECASE)


def _noun_phrase_start(text: str, kind_start: int, floor: int) -> int:
    """Start of the noun phrase that ends with an agreement word: its last determiner."""
    window_start = max(floor, kind_start - 80)
    starts = [m.start() for m in _NP_BOUNDARY.finditer(text, window_start, kind_start)]
    return starts[-1] if starts else window_start


def _name(text: str, kind: re.Match[str], verb: re.Match[str] | None) -> str | None:
    """The agreement's name as written: capitalised or quoted words before the kind word."""
    start = verb.end() if verb is not None else max(0, kind.start() - 80)
    head = text[start : kind.start()]
    m = re.search(
        r"(?<![\w\-])(?:[\"“][^\"”]{2,60}[\"”]\s*|(?:[A-Z][\w\-–]*|of|and|on|for|the)\s+)*$",
        head,
    )
    words = (m.group(0) if m else "").strip()
    words = re.sub(r"^(?:(?:the|a|an|of|and|on|for)(?:\s+|$))+", "", words, flags=re.IGNORECASE).strip()
    if not words or not re.search(r"[A-Z\"“]", words):
        return None
    name = (words + " " + kind.group("kind")).strip()
    name = name.replace("“", "").replace("”", "").replace('"', "").strip()
    return name if len(name) <= 120 else None


_DATELINE_END = re.compile(r"^[^\n]{0,80}?(?:\s--\s|\s[—–]\s|\)\s[—–-]\s)")


def _nearest_date(ctx: DocContext, s: Sentence, pos: int, end: int) -> PartialDate | None:
    """The date of the signing: in the clause after the verb first ("signed … on Friday"),
    then before it; never the dateline that opens the sentence."""
    dateline = _DATELINE_END.match(ctx.text, s.start, s.end)
    floor = dateline.end() if dateline else s.start
    dates = [d for d in s.dates if d.start >= floor]
    after = [d for d in dates if pos <= d.start <= end]
    if after:
        return min(after, key=lambda d: d.start).date
    before = [d for d in dates if d.end <= pos]
    if before:
        return max(before, key=lambda d: (0 if d.date.day is None else 1, d.start)).date
    return None


_PERSONAL = re.compile(r"(?:co-)?sign|ink|initial", re.IGNORECASE)


def _pronoun_signatory(ctx: DocContext, s: Sentence, verb_start: int) -> OfficialFact | None:
    """ "… the agreement he signed": the official the pronoun stands for, the last one named."""
    if not re.search(r"\b(?:he|she)\s+(?:\w+\s+)?$", ctx.text[max(s.start, verb_start - 20) : verb_start], re.IGNORECASE):
        return None
    named = [o for o_start, _, o in s.officials if o_start < verb_start]
    if named:
        return named[-1]
    previous = [x for x in ctx.sentences if x.index == s.index - 1]
    if previous and previous[0].officials:
        return previous[0].officials[-1][2]
    return None


def _place(text: str, start: int, end: int) -> str | None:
    candidates = []
    for m in _PLACE.finditer(text, start, end):
        place = m.group("place").strip(" .,")
        if _NOT_PLACE.match(place) or re.match(r"['’]s\b", text[m.end("place") : m.end("place") + 3]):
            continue
        candidates.append((m.group("prep"), place))
    if not candidates:
        return None
    ins = [p for prep, p in candidates if prep == "in" and not _VENUE.search(p)]
    if ins:
        return ins[-1]
    return candidates[-1][1]


def merge_agreements(found: list[AgreementFact]) -> list[AgreementFact]:
    """Merge agreements of one document that are the same deal: same status and kind, the
    same parties (or one of them names fewer), dates that agree."""
    out: list[AgreementFact] = []
    for a in found:
        target = next((b for b in out if _same(a, b)), None)
        if target is None:
            out.append(a)
            continue
        for p in a.parties:
            if p not in target.parties:
                target.parties.append(p)
        for o in a.signatories:
            if o not in target.signatories:
                target.signatories.append(o)
        if a.date is not None and (target.date is None or len(a.date.isoformat()) > len(target.date.isoformat())):
            target.date = a.date
        target.place = target.place or a.place
        target.name = target.name or a.name
        target.kind = target.kind or a.kind
        target.evidence.extend(e for e in a.evidence if e not in target.evidence)
    return out


def _same(a: AgreementFact, b: AgreementFact) -> bool:
    if a.status != b.status:
        return False
    if _ANY_KIND in (a.kind, b.kind):
        pa, pb = set(a.parties), set(b.parties)
        dates_agree = a.date is None or b.date is None or a.date.compatible(b.date)
        return bool(pa) and (pa <= pb or pb <= pa) and dates_agree
    if a.kind != b.kind:
        # "agreed on a joint statement" and "reached an agreement" the same day: one deal
        return (a.date is not None and a.date == b.date and a.date.day is not None
                and bool(a.parties) and set(a.parties) == set(b.parties))
    if a.date is not None and b.date is not None and not a.date.compatible(b.date):
        return False
    pa, pb = set(a.parties), set(b.parties)
    if pa == pb:
        return True
    if not pa or not pb:
        return bool(set(map(id, a.signatories)) & set(map(id, b.signatories)))
    small, big = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    return len(small) >= 1 and small <= big and (len(small) < 2 or len(big) == len(small))


def _attach_signatories(found: list[AgreementFact]) -> list[AgreementFact]:
    out: list[AgreementFact] = []
    for a in found:
        if a.kind != _ATTACH:
            out.append(a)
            continue
        target = next((b for b in reversed(out) if b.status == "signed"), None)
        if target is None:
            continue
        for o in a.signatories:
            if o not in target.signatories:
                target.signatories.append(o)
            if o.represents is not None and o.represents not in target.parties:
                target.parties.append(o.represents)
    return out


def _complete_parties(ctx: DocContext, agreements: list[AgreementFact]) -> None:
    """A deal "signed with Tunisia" in a report about one other actor: that actor is the
    other party, when the document names it most and more than once."""
    counts = ctx.actor_counts()
    for a in agreements:
        if len(set(a.parties)) != 1:
            continue
        others = sorted(((n, x) for x, n in counts.items() if x not in a.parties), key=lambda t: -t[0])
        if others and others[0][0] >= 2 and (len(others) == 1 or others[1][0] < others[0][0]):
            a.parties.append(others[0][1])


def _places_from_other_sentences(ctx: DocContext, agreements: list[AgreementFact]) -> None:
    """An agreement with a date but no place: a sentence that names one of its signatories and
    the same full date, and says where ("… at CBP headquarters in Washington, on Sept. 20,
    2019", a photo caption), gives the place."""
    for a in agreements:
        if a.place or a.date is None or a.date.day is None or not a.signatories:
            continue
        for s in ctx.sentences:
            if not any(d.date == a.date for d in s.dates):
                continue
            if not any(o in a.signatories for _, _, o in s.officials):
                continue
            place = _place(ctx.text, s.start, s.end)
            if place:
                a.place = place
                break


_DATELINE_CITY = re.compile(
    r"^[\s*_]*(?P<city>[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+){0,3})\s*(?:\([A-Za-z .]+\)\s*)?"
    r"(?:,\s*(?:[A-Z][a-z]+day,?\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d|\d{1,2}\s+[A-Z])|\s+--\s|\s+[—–]\s)",
    re.MULTILINE,
)


def dateline_city(text: str) -> str | None:
    """The city of a dateline opening the text ("NOUAKCHOTT, 7 March 2024 --")."""
    for line in [ln for ln in text[:3000].splitlines() if ln.strip()][:6]:
        m = _DATELINE_CITY.match(line)
        if m:
            city = m.group("city")
            return city.title() if city.isupper() else city
    return None


def _places_from_dateline(ctx: DocContext, agreements: list[AgreementFact]) -> None:
    """A deal signed on the day of the report, with no place of its own, was signed where the
    report was filed: the dateline's city."""
    if ctx.doc_date is None:
        return
    city = None
    for a in agreements:
        if a.place or a.date is None or a.date != PartialDate.of(ctx.doc_date) or a.status != "signed":
            continue
        city = city or dateline_city(ctx.text)
        if city is None:
            return
        a.place = city
