"""Agreements: a deal that a sentence says was signed or concluded, with its kind, name,
parties, signatories, date and place. Proposed, planned, negotiated or rejected deals are kept
with that status and never become signed agreements.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter

from kg.extract.context import DocContext, Sentence, after_dateline, clause_end, clause_start, is_display_line
from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, AgreementFact, OfficialFact

__all__ = ["KIND_NAMES", "extract_agreements", "merge_agreements", "normalise_kind"]

_KIND = (
    r"memorandum\s+of\s+understanding|memoranda\s+of\s+understanding|MoU|MOU|memorandum|letters?\s+of\s+intent|"
    r"joint\s+statement|joint\s+declaration|joint\s+communiqu[ée]s?|communiqu[ée]s?|declaration|statement|agreements?|accords?|treaty|treaties|protocols?|"
    r"pacts?|deals?|partnership|arrangements?|compacts?|convention|documents?|(?:exchange\s+of\s+)?notes|"
    r"(?:exchange\s+of\s+)?letters|text|instruments?"
)
_KIND_RX = re.compile(rf"\b(?P<kind>{_KIND})\b", re.IGNORECASE)
# "Guatemala had signed one at the White House": a deal of the kind just spoken of
_KIND_PRONOUN = re.compile(
    r"\s+(?P<kind>one|its\s+own|their\s+own|a\s+similar\s+one|another(?!(?:\s+[\w\-]+){0,3}?\s+(?:" + _KIND + r")\b))\b",
    re.IGNORECASE,
)
_SIGN = re.compile(
    r"\b(?P<verb>signed|signs|sign|signing|co-signed|concluded|concludes|conclude|inked|inks|struck|strikes|sealed|"
    r"seals|finali[sz]ed|finali[sz]es|entered\s+into(?!\s+force)|enters\s+into(?!\s+force)|reached|reach|reaches|agreed\s+(?:on|to)|"
    r"initialled|initialed|adopted|exchanged|exchanges|endorsed|endorses|endorse|endorsing|"
    # "put pen to paper on an agreement", "put their names to a partnership": idioms of signing
    r"puts?\s+pen\s+to\s+paper(?:\s+on)?|put(?:s|ting)?\s+(?:their|his|her|its)\s+(?:names?|signatures?)\s+to)\b",
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
    r"\b(?P<prep>[Ii]n|[Aa]t)\s+(?:the\s+)?(?P<place>[A-Z][\w.'’\-]*(?:\s+(?:of\s+|de\s+|del\s+)?[A-Z][\w.'’\-]*){0,4})"
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
    "joint communiqué": "joint statement",
    "joint communique": "joint statement",
    "communiqué": "joint statement",
    "communique": "joint statement",
    "treaty": "treaty",
    "treaties": "treaty",
    "convention": "treaty",
    "protocol": "protocol",
    "protocols": "protocol",
    "partnership": "partnership",
    "notes": "exchange of notes",
    "exchange of notes": "exchange of notes",
    "letters": "exchange of notes",
    "exchange of letters": "exchange of notes",
}


#: words that name a deal without saying its kind ("signed the text", "signed one")
_UNSPECIFIC = {"text", "document", "documents", "instrument", "instruments", "one", "its own", "their own", "a similar one",
               "another"}
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
    # a headline's details are shorthand the body restates ("… deal in the Oval Office" and
    # "… in the Oval Office at the White House"): the body's account is merged into first
    display = {x.start for x in ctx.sentences if is_display_line(ctx, x)}
    found = [a for a in found if not (a.evidence[0].start in display and _summary_of_deals(a))]
    found = merge_agreements(sorted(found, key=lambda a: a.evidence[0].start in display))
    found = _fold_partyless(found)
    _complete_parties(ctx, found)
    _places_from_other_sentences(ctx, found)
    _places_from_dateline(ctx, found)
    for a in found:
        a.kind = a.kind or "agreement"
    # a deal between fewer than two known parties is not a fact the graph can state
    return [a for a in found if len(set(a.parties)) >= 2]


def _summary_of_deals(a: AgreementFact) -> bool:
    """ "Spain's prime minister signed deals in Mauritania, The Gambia and Senegal": a headline's
    plural deal noun over three or more countries sums up separate deals the body reports."""
    return bool(a.name is None and len(set(a.parties)) > 2 and a.evidence and re.search(
        r"\b(?:deals|agreements|accords|pacts|treaties|memoranda|arrangements|protocols)\b", a.evidence[0].quote, re.IGNORECASE))


def _in_sentence(ctx: DocContext, s: Sentence) -> list[AgreementFact]:
    text = ctx.text
    kinds = list(_KIND_RX.finditer(text, s.start, s.end))
    out: list[AgreementFact] = []
    used_kinds: set[int] = set()
    last: tuple[re.Match[str], re.Match[str], AgreementFact] | None = None
    for verb in _SIGN.finditer(text, s.start, s.end):
        v = verb.group("verb").lower()
        to_do = _AGREED_TO_DO.match(text, verb.end(), s.end) if v.startswith("agreed") else None
        if to_do is not None and not _KIND_RX.search(to_do.group()):
            continue  # "agreed to immediately expand the Protocols": agreeing to act, not to a deal
        kind = _kind_for_verb(text, verb, kinds, used_kinds, s)
        if kind is None and last is not None:
            second = _coordinated_signing(ctx, s, last, verb)
            if second is not None:
                out.append(second)
                continue
        if kind is None:
            signed_for = _signed_for(ctx, s, verb) or _signed_by_it(ctx, s, verb)
            if signed_for is not None:
                out.append(signed_for)
            continue
        if v == "signing" and text[max(s.start, verb.start() - 4) : verb.start()].lower().strip() in {"the", "'s", "’s"}:
            continue  # "the signing reflects …": a reference to a signing already reported
        if v.startswith("exchange") and not re.fullmatch(r"(?:exchange\s+of\s+)?notes|letters?", kind.group("kind"), re.IGNORECASE):
            continue  # "exchanged notes" concludes a deal; "exchanged views on the agreement" does not
        if v.startswith("endors") and normalise_kind(kind.group("kind")) != "joint statement":
            continue  # leaders endorse a declaration they adopt; "endorsed the plan" is support, not a deal
        if _NO_DEAL.search(text, max(s.start, kind.start() - 12), kind.start()):
            continue  # "No agreement with Colombia has been reached", "no deal was signed": a denial
        used_kinds.add(kind.start())
        before = text[max(s.start, verb.start() - 60) : verb.start()]
        status = "signed"
        headline = is_display_line(ctx, s)
        # "Trudeau joined … Biden, and leaders from across the hemisphere to endorse the Declaration":
        # a past verb of coming together whose purpose is the signing
        joined = _JOINED_TO.search(text, max(s.start, verb.start() - 160), verb.start())
        if joined is None and (
                _NOT_YET.search(before) or (v in {"sign", "reach", "conclude"} and not _past_context(before) and not headline)):
            status = "rejected" if _REJECTED.search(before) else "proposed"
            if re.search(r"negotiat|talks", before, re.IGNORECASE):
                status = "negotiating"
        agreement = _agreement(ctx, s, verb, kind, status)
        split = _distributed(ctx, s, verb, kind, agreement)
        out.extend(split or [agreement])
        last = (verb, kind, out[-1])
    out.extend(_named_references(ctx, s, kinds, used_kinds))
    return out


_NO_DEAL = re.compile(r"\b(?:[Nn]o|[Nn]either|[Nn]or)\s+(?:\w+\s+)?$")


# plural deal nouns ("agreements", "memoranda of understanding"), not an exchange of notes or letters
_PLURAL_KIND = re.compile(r"^(?!(?:exchange\s+of\s+)?(?:notes|letters)$)(?:.*s|memoranda\b.*|letters\s+of\s+intent)$", re.IGNORECASE)
_WITH = re.compile(r"\b(?:one\s+)?with\s+(?:the\s+)?")


def _distributed(
    ctx: DocContext, s: Sentence, verb: re.Match[str], kind: re.Match[str], whole: AgreementFact
) -> list[AgreementFact] | None:
    """ "the Asylum Cooperative Agreements signed with Guatemala in July 2019 and with El
    Salvador and Honduras in September 2019", "two memoranda … signed by the Gillard government
    in 2012: one with Nauru, on 29 August, and one with Papua New Guinea the following month":
    a plural deal noun whose "with" phrases each name other partners and dates. Each partner
    has a deal of its own, with the parties named outside the "with" phrases (or, for a deal
    spoken of in passing, the one actor of the main clause that has them) and the date of its
    phrase."""
    text = ctx.text
    if not _PLURAL_KIND.match(kind.group("kind")):
        return None
    active = kind.start() > verb.start()
    if active and not re.fullmatch(r"[\w\s\-]*", text[verb.end() : kind.start()]):
        return None
    end = clause_end(text, max(verb.end(), kind.end()), s.end)
    withs = [m for m in _WITH.finditer(text, max(verb.end(), kind.end()) if active else verb.end(), end)
             if ctx.actors_in(s, m.end(), min(end, m.end() + 40))
             and ctx.actors_in(s, m.end(), min(end, m.end() + 40))[0].start == m.end()]
    # "signed asylum cooperative agreements with Guatemala, Honduras and El Salvador in 2019":
    # one "with" phrase listing several partners, a deal with each
    listed = len(withs) == 1 and len({x for m in ctx.actors_in(s, withs[0].end(), end) if m.via == "country" for x in m.actors}) >= 2
    if len(withs) < 2 and not listed:
        return None
    if active and not listed:
        return None
    bounds = [m.start() for m in withs] + [end]
    segments = [(m.end(), bounds[i + 1]) for i, m in enumerate(withs)]
    inside = {x for a, b in segments for m in ctx.actors_in(s, a, b) if m.via in {"country", "organisation"} for x in m.actors}
    common = [p for p in whole.parties if p not in inside]
    if not common:
        main = ctx.actors_in(s, clause_start(text, s.start, kind.start()), _noun_phrase_start(text, kind.start(), s.start))
        owners = {x for m in main for x in m.actors}
        if len(owners) == 1:
            common = list(owners)
    if not common:
        # the other side of every one of these deals: the actor the report names most, never
        # one of the listed partners
        ranked = [(n, x) for x, n in ctx.actor_counts().most_common() if x not in inside]
        if ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
            common = [ranked[0][1]]
    out = []
    for a, b in segments:
        partners = [x for m in ctx.actors_in(s, a, b) if m.via in {"country", "organisation"} for x in m.actors]
        date = next((d.date for d in s.dates if a <= d.start < b), None)
        for partner in dict.fromkeys(partners):
            out.append(AgreementFact(
                kind=whole.kind, parties=[*common, partner] if partner not in common else list(common),
                signatories=list(whole.signatories), date=date or whole.date, place=whole.place,
                status=whole.status, evidence=[ctx.evidence(s)],
            ))
    return out or None


_JOINED_TO = re.compile(r"\b(?:joined|gathered|met|came\s+together|convened)\b[^.;]*\bto\s+$")


def _coordinated_signing(
    ctx: DocContext, s: Sentence, last: tuple[re.Match[str], re.Match[str], AgreementFact], verb: re.Match[str]
) -> AgreementFact | None:
    """ "similar agreements that Guatemala signed at the White House on July 26 and El Salvador
    signed in Washington last Friday": a plural deal noun, and a second subject that signed one
    of its own. Each signing is a deal with its own subject, date and place; actors named
    outside both clauses belong to both."""
    text = ctx.text
    first_verb, kind, first = last
    if not re.search(r"s$|ta$|da$", kind.group("kind")) or kind.end() > first_verb.start():
        return None
    subject = [a for a in ctx.actors_in(s, first_verb.end(), verb.start()) if a.via in {"country", "organisation"}]
    if not subject or not re.fullmatch(r"\s*", text[subject[-1].end : verb.start()]):
        return None
    conj = re.search(r"(?:,\s*|\s+)(?:and|while|whereas)\s+(?:the\s+)?$", text[first_verb.end() : subject[-1].start])
    if conj is None or re.search(r"[.;]", text[first_verb.end() : subject[-1].start]):
        return None
    split = first_verb.end() + conj.start()
    end = clause_end(text, verb.end(), s.end)
    own = list(subject[-1].actors)
    first_own = [x for a in ctx.actors_in(s, _noun_phrase_start(text, kind.start(), s.start), first_verb.start())
                 for x in a.actors if a.start > kind.end()]
    first_own_set = set(first_own)
    shared = [p for p in first.parties if p not in own and p not in first_own_set]
    first.parties = [p for p in first.parties if p not in own or p in first_own_set]
    first.place = _place(text, first_verb.end(), split)
    first.date = _nearest_date(ctx, s, first_verb.start(), split)
    return AgreementFact(
        kind=first.kind,
        parties=own + [p for p in shared if p not in own],
        date=_nearest_date(ctx, s, verb.start(), end),
        place=_place(text, verb.end(), end),
        status=first.status,
        evidence=[ctx.evidence(s)],
    )


# "agreed to" before a verb, not a noun phrase: the object is an action
_AGREED_TO_DO = re.compile(
    r"(?<=to)\s+(?!(?:the|a|an|its|their|this|that|these|those|such|new|one|two|three|both|all)\b)(?:\w+ly\s+)?[a-z]+\b"
    r"(?!\s+(?:of\s+understanding|of\s+intent))",
)
_SIGNED_FOR = re.compile(r"\s+(?:it\s+|them\s+)?(?:for|on\s+behalf\s+of)\s+(?:the\s+|his\s+|her\s+|its\s+)?", re.IGNORECASE)
_SIGNED_IT = re.compile(r"\s+it\b(?!\s+into\s+law)", re.IGNORECASE)
_ATTACH = "signatories of the deal just reported"


def _signed_for(ctx: DocContext, s: Sentence, verb: re.Match[str]) -> AgreementFact | None:
    """ "McAleenan signed for the United States, and Hill Tinoco … for the Salvadoran
    government": signatories of the agreement the text has just reported."""
    if not _PERSONAL.match(verb.group("verb")):
        return None
    signed_it = _SIGNED_IT.match(ctx.text, verb.end(), s.end)
    if not signed_it and not _SIGNED_FOR.match(ctx.text, verb.end(), s.end):
        return None
    subject_start = max(s.start, ctx.text.rfind(",", s.start, max(s.start, verb.start() - 120)) + 1)
    officials = [o for o_start, _, o in s.officials if subject_start <= o_start < verb.start()]
    if not officials:
        return None
    date = None
    if signed_it:
        # "Fraser signed it in Ottawa on March 29, 2022, and Mayorkas signed it …": this signing's date
        nxt = _SIGN.search(ctx.text, verb.end(), s.end)
        date = _nearest_date(ctx, s, verb.end(), nxt.start() if nxt else s.end)
    signers = officials[-1:]
    if not signed_it:
        # "McAleenan signed for Washington and Honduran Foreign Minister Rosales for Tegucigalpa":
        # the verb left out of the second conjunct
        nxt = _SIGN.search(ctx.text, verb.end(), s.end)
        stop = nxt.start() if nxt else s.end
        for o_start, o_end, o in s.officials:
            if verb.end() < o_start and o_end < stop and o not in signers \
                    and re.search(r"\band\s+(?:\S+\s+){0,6}$", ctx.text[verb.end() : o_start]) \
                    and re.match(r"\s+(?:for|on\s+behalf\s+of)\s", ctx.text[o_end : o_end + 20]):
                signers.append(o)
    return AgreementFact(kind=_ATTACH, signatories=signers, date=date, evidence=[ctx.evidence(s)])


#: "was signed", "had been signed": a passive verb has no object after it
_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_IT_WAS = re.compile(r"\b(?:[Ii]t|[Tt]his|[Tt]hat)\s+(?:was|had\s+been|has\s+been)\s+(?:\w+ly\s+)?$")


def _signed_by_it(ctx: DocContext, s: Sentence, verb: re.Match[str]) -> AgreementFact | None:
    """ "It was signed by Andrews and Nauru's President, Lionel Aingimea": signatories of the
    deal just reported."""
    if not _IT_WAS.search(ctx.text, max(s.start, verb.start() - 25), verb.start()):
        return None
    if not re.match(r"\s+(?:[\w,]+\s+){0,6}?by\s", ctx.text[verb.end() : verb.end() + 60]):
        return None
    end = clause_end(ctx.text, verb.end(), s.end)
    signers = _signers(ctx, s, verb.end(), end, verb.end())
    if not signers:
        return None
    return AgreementFact(kind=_ATTACH, signatories=signers, evidence=[ctx.evidence(s)])


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
            # the date mention may hold the preposition itself ("of March 2016")
            date = next((d.date for d in s.dates if kind.end() <= d.start <= kind.end() + m.end()), None)
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


# "… a joint communiqué which Mr Sunak and his Albanian counterpart, Edi Rama, signed": a
# relative clause whose subject is officials named by title, name or as someone's counterpart
_RELATIVE_SUBJECT = re.compile(
    r"\s+(?:that|which)\s+(?:[A-Z][\w.'’\-]*,?\s+|(?:of|the|and|his|her|their|its)\s+"
    r"|(?:counterparts?|colleagues?|two|both|leaders|ministers|minister|foreign|interior|prime|home|secretary|president)"
    r",?\s+){1,12}"
)


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
    if after and not _PASSIVE.search(text, max(s.start, verb.start() - 25), verb.start()):
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
        # "a letter of intent that Acting Homeland Security Secretary Kevin McAleenan signed":
        # a relative clause whose subject is a long title and name
        if len(gap) <= 100 and re.fullmatch(_RELATIVE_SUBJECT, gap):
            return before[-1]
        # "two memoranda of understanding, one on asylum and one on political consultations,
        # signed in Kigali …": an apposition between the deal and its participle
        if (len(gap) <= 120 and re.fullmatch(r",\s[^;.()]+,\s*", gap)
                and re.match(r"\s+(?:in|on|at|by|with|last|earlier)\b", text[verb.end() : verb.end() + 10])):
            return before[-1]
    return None


_IN_CAPITAL = re.compile(r"\bin\s+the\s+(?:[A-Z]\w+\s+)?capital\b(?!\s+of\b)")


def _agreement(ctx: DocContext, s: Sentence, verb: re.Match[str], kind: re.Match[str], status: str) -> AgreementFact:
    text = ctx.text
    active = kind.start() >= verb.end()
    subject_start = clause_start(text, s.start, verb.start())
    for later in _LATER_CLAUSE.finditer(text, subject_start, verb.start()):
        subject_start = later.end()  # "…, and a month later the EU and Mauritania signed": a clause of its own
    clause_begins = subject_start
    if not active:
        # "… with the British partnership signed in April": the parties are in the noun
        # phrase and after the participle, not in the main clause's subject
        subject_start = max(subject_start, _noun_phrase_start(text, kind.start(), s.start))
    else:
        subject_start = _subordinate_start(text, subject_start, verb.start())
    end = clause_end(text, max(verb.end(), kind.end()), s.end)
    adjunct = _ADJUNCT.search(text, max(verb.end(), kind.end()), end)
    if adjunct is not None:
        end = adjunct.start()  # "…, completing a set of deals with the three countries": a comment on the deal
    restated = _RESTATED.search(text, max(verb.end(), kind.end()), end)
    if restated is not None:
        end = restated.start()  # "…, a deal Turkey rejects": an apposition about the deal, not its parties
    actors = ctx.actors_in(s, subject_start, end)
    signatories = _signers(ctx, s, subject_start, end, verb.end()) if _PERSONAL.match(verb.group("verb")) else []
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
        if _BACKER.match(text, a.end):
            continue  # "Libya's UN-backed government": who backs a party, not a party
        for actor in a.actors:
            if actor not in parties:
                parties.append(actor)
    leaders_date = None
    if not signatories and _PERSONAL.match(verb.group("verb")):
        two = _two_leaders(ctx, s, subject_start, end)
        if two is not None:
            signatories, leaders_date = two
    for o in signatories:
        if o.represents is not None and o.represents not in parties:
            parties.append(o.represents)
    name = _name(text, kind, verb if active else None)
    if name is None and kind.group("kind")[0].isupper() and re.search(r"\bthe\s+$", text[max(s.start, kind.start() - 5) : kind.start()]):
        name = kind.group("kind")  # "signed the Declaration": the one the text has named
    date = _nearest_date(ctx, s, verb.start(), end) or leaders_date
    place = _place(text, max(verb.end(), kind.end()), end if end > verb.end() else s.end)
    if place is None:
        place = _fronted_place(text, clause_begins, verb.start())
    if place is None and _IN_CAPITAL.search(text, verb.end(), end if end > verb.end() else s.end):
        place = dateline_city(text)  # "signed … in the capital" in a report filed from that capital
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


_LATER_CLAUSE = re.compile(
    r",\s+(?:and|but)\s+(?:(?:a|an|one|two|three|four|few|several|some|\d+)\s+)?(?:\w+\s+)?"
    r"(?:later|earlier|afterwards|then|subsequently)\s+(?=(?:the\s+)?[A-Z])"
)
_TWO_LEADERS = re.compile(
    r"\b(?:the\s+)?(?:two|both)\s+(?:leaders|presidents|prime\s+ministers|ministers|heads\s+of\s+(?:state|government)|"
    r"foreign\s+ministers|interior\s+ministers)\b",
    re.IGNORECASE,
)


def _two_leaders(ctx: DocContext, s: Sentence, start: int, end: int) -> tuple[list[OfficialFact], PartialDate | None] | None:
    """ "The two leaders signed a letter of intent" after a sentence naming López Obrador and
    Bukele: the two officials of different countries named last, here or just before; the
    signing is the event that sentence reports, so its date is the signing's when this one
    gives none."""
    if _TWO_LEADERS.search(ctx.text, start, end) is None:
        return None
    for x in (s, *[p for p in ctx.sentences if p.index == s.index - 1]):
        named = [o for o_start, _, o in x.officials if o.represents is not None and (x is not s or o_start < end)]
        by_country: dict[Actor, OfficialFact] = {}
        for o in named:
            by_country.setdefault(o.represents, o)  # type: ignore[arg-type]
        if len(by_country) == 2:
            dates = [d.date for d in x.dates if d.date.day is not None] if x is not s else []
            return list(by_country.values()), (dates[0] if len(dates) == 1 else None)
        if named:
            return None
    return None


_BACKER = re.compile(r"[-–](?:backed|led|brokered|sponsored|supported|funded|recogni[sz]ed|mediated|appointed)\b", re.IGNORECASE)
# "The Albania plan comes a month after Mrs Braverman and … Darmanin signed …", "in Dakar on
# Thursday, where Spain and Senegal signed …": the signing is a subordinate clause with its own
# subject; the main clause before it names no party
_SUBORDINATOR = re.compile(r"\b(?:after|before|when|where|once|since|until|as)\s+(?:the\s+)?(?=[A-Z])")
_APPOSITION = re.compile(r",\s[^,;]{1,60},")


def _subordinate_start(text: str, start: int, verb_start: int) -> int:
    """Where the subordinate clause holding a signing verb begins, if the verb is in one."""
    for m in reversed(list(_SUBORDINATOR.finditer(text, start, verb_start))):
        between = _APPOSITION.sub("", text[m.end() : verb_start])
        if "," not in between and not re.search(r"\b(?:said|says|was|were|is|are|had|has|have)\b", between):
            return m.start()
        break
    return start


def _signers(ctx: DocContext, s: Sentence, start: int, end: int, verb_end: int | None = None) -> list[OfficialFact]:
    """The officials named in ``text[start:end]``, except those named in a possessive
    ("Dybvad Bek's predecessor, Mattias Tesfaye"): that is someone else. After the verb, an
    official in a circumstance of the signing ("during a state visit by President Ruto", "the
    day President Mulino was sworn in") or the subject of a clause of their own ("…, the same day
    Rubio said President Bukele had offered …") is no signatory."""
    out: list[OfficialFact] = []
    for o_start, o_end, official in s.officials:
        if start <= o_start and o_end <= end and official not in out:
            named_last = ctx.text[o_start:o_end].endswith(official.name.split()[-1])
            if named_last and re.match(r"['’]s\b", ctx.text[o_end : o_end + 3]):
                continue
            if verb_end is not None and o_start >= verb_end and (
                    _CIRCUMSTANCE.search(ctx.text, verb_end, o_start) or _OWN_VERB.match(ctx.text, o_end)):
                continue
            out.append(official)
    return out


_CIRCUMSTANCE = re.compile(
    r"\b(?:during|amid|ahead\s+of|sidelines|the\s+(?:same\s+)?day|visit\s+by|hosted\s+by|invitation\s+of|presence\s+of|"
    r"witnessed\s+by|attended\s+by|said|says|told|announced)\b"
)
_OWN_VERB = re.compile(r"\s+(?:had|has|have|was|were|is|are|said|says|told|announced|added|held|met|would|will)\b")


#: a participial clause after a comma ("…, completing a set of deals with …", "…, making it the third …")
_ADJUNCT = re.compile(r",\s+(?!during\b|including\b)[a-z]+ing\s")
_RESTATED = re.compile(r",\s+(?:a|an)\s+(?:\w+\s+)?(?:deal|accord|agreement|pact|treaty|move|step)\b(?!\s+(?:with|between)\b)")
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


def _nearest_date(ctx: DocContext, s: Sentence, pos: int, end: int) -> PartialDate | None:
    """The date of the signing: in the clause after the verb first ("signed … on Friday"),
    then before it; never the dateline that opens the sentence."""
    floor = after_dateline(ctx.text, s)
    dates = [d for d in s.dates if d.start >= floor]
    # "a package for 2024 to 2027": a period the deal covers, not the day it was signed
    after = [d for d in dates if pos <= d.start <= end and not _PERIOD.search(ctx.text, max(floor, d.start - 12), d.start)
             and not re.match(r"\s*(?:for|until|through|to|from|between|since)\b", d.text)]
    if after:
        return min(after, key=lambda d: d.start).date
    before = [d for d in dates if d.end <= pos]
    if before:
        return max(before, key=lambda d: (0 if d.date.day is None else 1, d.start)).date
    return None


_PERIOD = re.compile(r"\b(?:for|until|through|to|from|between|since)\s+$")
_PERSONAL = re.compile(r"(?:co-)?sign|ink|initial|exchang|endors|put", re.IGNORECASE)


def _pronoun_signatory(ctx: DocContext, s: Sentence, verb_start: int) -> OfficialFact | None:
    """ "… the agreement he signed": the official the pronoun stands for, the last one named."""
    if not re.search(r"\b(?:he|she)\s+(?:\w+\s+)?$", ctx.text[max(s.start, verb_start - 20) : verb_start], re.IGNORECASE):
        return None
    named = [o for o_start, _, o in s.officials if o_start < verb_start]
    if named:
        # the pronoun takes up the sentence's subject ("McAleenan met Morales to press for the
        # agreement he signed …"), the first official it names
        return named[0]
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
        candidates.append((m.group("prep").lower(), place))
    if not candidates:
        return None
    ins = [p for prep, p in candidates if prep == "in" and not _VENUE.search(p)]
    if ins:
        return ins[-1]
    return candidates[-1][1]


# "On Wednesday in Banjul, Spain and …", "The day before, in Rome, …", "in Dakar on Thursday,
# where …": a place in an adverbial set off by a comma before the subject
_FRONTED_PLACE = re.compile(r"\s*(?:(?:on|last|this)\s+[\w ]{3,25}?|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)?\s*,")


def _fronted_place(text: str, start: int, verb_start: int) -> str | None:
    for m in reversed(list(_PLACE.finditer(text, start, verb_start))):
        place = m.group("place").strip(" .,")
        if m.group("prep").lower() != "in" or _NOT_PLACE.match(place) or _VENUE.search(place):
            continue
        if _FRONTED_PLACE.match(text, m.end("place")) is None:
            continue
        before = text[start : m.start()]
        if re.fullmatch(r"\s*(?:(?:[A-Z]\w*|on|the|last|this|day|before|after|earlier|later|\d+|[a-z]+day)[\s,]+)*", before) \
                or re.match(r"\s*on\s+[\w ]{3,25}?,\s+where\b|\s*,\s+where\b", text[m.end("place") :]):
            return place
    return None


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


def _fold_partyless(found: list[AgreementFact]) -> list[AgreementFact]:
    """ "… under a memorandum signed on Monday" names no party; when the report has exactly one
    other deal of that kind, with parties, it is that deal, and its date and place are the
    deal's."""
    out = list(found)
    for a in found:
        if a.parties or a.status != "signed":
            continue
        kin = [b for b in out if b is not a and b.parties and b.kind == a.kind and b.status == "signed"]
        if len(kin) != 1 or (a.date is not None and kin[0].date is not None and not a.date.compatible(kin[0].date)):
            continue
        b = kin[0]
        if a.date is not None and (b.date is None or len(a.date.isoformat()) > len(b.date.isoformat())):
            b.date = a.date
        b.place = b.place or a.place
        for o in a.signatories:
            if o not in b.signatories:
                b.signatories.append(o)
        b.evidence.extend(e for e in a.evidence if e not in b.evidence)
        out.remove(a)
    return out


# deal nouns that say nothing of the instrument's form: "an agreement" and "the memorandum"
# signed the same day by the same two parties are one deal
_GENERIC_KINDS = {"agreement", "deal", "pact", "accord"}


def _same(a: AgreementFact, b: AgreementFact) -> bool:
    if a.status != b.status:
        return False
    if a.kind == b.kind and a.name and b.name and a.name != b.name and (
            (" " not in a.name and b.name.endswith(" " + a.name)) or (" " not in b.name and a.name.endswith(" " + b.name))):
        return True  # "the Los Angeles Declaration …" and then "the Declaration"
    if _ANY_KIND in (a.kind, b.kind):
        pa, pb = set(a.parties), set(b.parties)
        dates_agree = a.date is None or b.date is None or a.date.compatible(b.date)
        return bool(pa) and (pa <= pb or pb <= pa) and dates_agree
    if a.kind != b.kind:
        # "agreed on a joint statement" and "reached an agreement" the same day: one deal
        if a.signatories and b.signatories and not {o.family for o in a.signatories} & {o.family for o in b.signatories}:
            return False  # the defence ministers' memorandum and the deputy ministers' agreement: two deals
        if (a.date is not None and a.date == b.date and a.date.day is not None
                and bool(a.parties) and set(a.parties) == set(b.parties)):
            return True
        # "put pen to paper on Thursday on an agreement." and, in the very next sentence, "signed
        # the memorandum of understanding at the State Department": a generic noun, then the
        # instrument's own name
        return ((a.kind in _GENERIC_KINDS) != (b.kind in _GENERIC_KINDS)
                and (a.date is None or b.date is None or a.date.compatible(b.date))
                and len(set(a.parties)) >= 2 and set(a.parties) == set(b.parties) and _consecutive(a, b))
    if a.date is not None and b.date is not None and not a.date.compatible(b.date):
        return False
    pa, pb = set(a.parties), set(b.parties)
    if pa == pb:
        return True
    if not pa or not pb:
        return bool(set(map(id, a.signatories)) & set(map(id, b.signatories)))
    small, big = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    return len(small) >= 1 and small <= big and (len(small) < 2 or len(big) == len(small))


def _consecutive(a: AgreementFact, b: AgreementFact) -> bool:
    """Two facts from one sentence, or from sentences that follow each other with nothing between."""
    pairs = [(x, y) for x in a.evidence for y in b.evidence]
    return any((x.start, x.end) == (y.start, y.end) or 0 <= y.start - x.end <= 3 or 0 <= x.start - y.end <= 3
               for x, y in pairs)


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
        if a.date is not None:
            # signed by each side on its own day: the deal's date is what the days share
            target.date = a.date if target.date is None else _shared_date(target.date, a.date)
    return out


def _shared_date(a: PartialDate, b: PartialDate) -> PartialDate:
    if a.compatible(b):
        return a if len(a.isoformat()) >= len(b.isoformat()) else b
    if a.year != b.year:
        return a
    return PartialDate(a.year, a.month if a.month == b.month else None)


def _complete_parties(ctx: DocContext, agreements: list[AgreementFact]) -> None:
    """A deal "signed with Tunisia" in a report about one other actor: that actor is the
    other party, when the document names it most and more than once. A deal signed in another
    country's capital ("that Priti Patel signed in Kigali") has that country as its other
    party."""
    from kg.extract.countries import find_countries

    counts = ctx.actor_counts()
    for a in agreements:
        if len(set(a.parties)) != 1:
            continue
        if a.place:
            found = [c for c in find_countries(f"{a.place} said", 0, len(a.place))
                     if c.start == 0 and c.end == len(a.place) and len(c.isos) == 1]
            host = Actor.country(found[0].iso) if found else None
            if host is not None and host not in a.parties:
                a.parties.append(host)
                continue
        # the partner the report shows this party dealing with elsewhere ("one with Papua New Guinea"
        # signed by Australia) says more than how often a country is named
        partners: Counter[Actor] = Counter(
            x for b in agreements if b is not a and a.parties[0] in b.parties and len(set(b.parties)) == 2
            for x in b.parties if x != a.parties[0])
        ranked = partners.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            a.parties.append(ranked[0][0])
            continue
        others = sorted(((n, x) for x, n in counts.items() if x not in a.parties), key=lambda t: -t[0])
        if not others or others[0][0] < 2 or (len(others) > 1 and others[1][0] >= others[0][0]):
            continue
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


_CAP = r"[A-ZÀ-ÖØ-Þ][\w.'\-]*"
_DATELINE_CITY = re.compile(
    rf"^[\s*_]*(?:[^|\n]{{0,60}}\|\s*)?(?P<city>{_CAP}(?:\s+{_CAP}){{0,3}})\s*(?:\([A-Za-z .]+\)\s*)?"
    rf"(?:,\s*(?P<region>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
    r"(?:,\s*(?:[A-Z][a-z]+day,?\s*)?(?:[A-Z][a-z]{2,8}\.?\s+\d|\d{1,2}\s+[A-Z])|(?P<dash>\s+--\s|\s+[—–]\s))",
    re.MULTILINE,
)
_NOT_CITY = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Date|Updated|Published|Posted|By)\b",
    re.IGNORECASE,
)


def dateline_city(text: str) -> str | None:
    """The city of a dateline opening the text ("NOUAKCHOTT, 7 March 2024 --", "SAN JOSÉ, Costa
    Rica —", "**Press Release No. 214** | Panama City, August 20, 2024")."""
    for line in [ln for ln in text[:3000].splitlines() if ln.strip()][:20]:
        m = _DATELINE_CITY.match(line)
        if m is None or _NOT_CITY.match(m.group("city")):
            continue
        city = m.group("city")
        if m.group("dash") and not city.isupper() and len(line) - m.end() < 60:
            continue  # "Central America Today — News from Costa Rica": a masthead, not a dateline
        return city.title() if city.isupper() else city
    return None


def dateline_region(text: str) -> str | None:
    """The country or region a dateline names after its city ("SAMARKAND, Uzbekistan, …")."""
    for line in [ln for ln in text[:3000].splitlines() if ln.strip()][:20]:
        m = _DATELINE_CITY.match(line)
        if m is not None and not _NOT_CITY.match(m.group("city")):
            return m.group("region")
    return None


def _places_from_dateline(ctx: DocContext, agreements: list[AgreementFact]) -> None:
    """A deal signed on the day of the report (or the day before), with no place of its own, was
    signed where the report was filed: the dateline's city."""
    if ctx.doc_date is None:
        return
    city = None
    region = dateline_region(ctx.text)
    for a in agreements:
        # "signs migration pact in Uzbekistan" under "SAMARKAND, Uzbekistan, …": the city says more
        if (a.place and a.place != region) or a.date is None or a.date.day is None or a.status != "signed":
            continue
        signed_on = dt.date(a.date.year, a.date.month or 1, a.date.day)
        if not 0 <= (ctx.doc_date - signed_on).days <= 1:
            continue  # the day of the report, or the day before it ("signed on Wednesday", filed Thursday)
        city = city or dateline_city(ctx.text)
        if city is None:
            return
        a.place = city
