"""Aid decisions: who decided what about which money for whom.

One decision per distinct action in a sentence ("reversing some of the cuts but would not
approve future aid" is a Restore and a Deny). Threats and conditions count as Withhold
("warned it would withhold … unless", "threatened to cut aid"). A decision that names no
recipient or date takes them from the aid decision just before it in the document, the way a
reader does ("… some $370 million … will be moved to other projects", said "then").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.context import NEW_CLAUSE, ActorMention, DocContext, Sentence, clause_end
from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, AidFact
from kg.extract.money import MoneyMention

__all__ = ["extract_aid"]

_AID_NOUN = re.compile(
    r"\b(?:aid|assistance|funding|funds?|financing|finance|money|grants?|budget(?:ary)?\s+support|loans?|"
    r"package|support|donations?|contributions?|payments?|tranche|programmes?|programs?|projects?|"
    r"investments?|resources)\b",
    re.IGNORECASE,
)
_THREAT = re.compile(
    r"\b(?:threat\w*|warn\w*|would|could|might|may|unless|if|conditional|condition\w*)\b[^.;]{0,60}$", re.IGNORECASE
)
_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (action, re.compile(pattern, re.IGNORECASE))
    for action, pattern in [
        ("Restore", r"\b(?:restor\w*|(?:will|would|can|could|to)\s+go\s+ahead|allowed\s+to\s+(?:go\s+ahead|continue|proceed)|revers\w*\s+(?:some\s+of\s+|part\s+of\s+|most\s+of\s+|all\s+of\s+)?(?:the\s+|its\s+|those\s+|these\s+)?"
                    r"(?:aid\s+)?(?:cuts?|decision|freeze|suspension|reductions?)|resum\w*|reinstat\w*|unfr[eo]\w*|"
                    r"lift\w*\s+(?:the\s+|its\s+)?(?:freeze|suspension|hold))"),
        ("Deny", r"(?:\b(?:would|will|did|does|do|could|shall|should)\s+not\s+(?:approve|provide|give|grant|send|offer|fund|release)|"
                 r"\bwon't\s+(?:approve|provide|give|send|fund)|\brefus\w+\s+(?:to\s+(?:provide|give|grant|send|fund|approve)|"
                 r"(?:any\s+)?(?:further|new|more|future))|\bden(?:y|ied|ies|ying)\s+(?:\w+\s+){0,2}(?:aid|assistance|funding|funds|money)|"
                 r"\bno\s+(?:new|future|further|more)\s+(?:aid|assistance|funding|funds|money))"),
        ("Reallocate", r"\b(?:realloc\w*|reprogram\w*|re-program\w*|redirect\w*|divert\w*|repurpos\w*|"
                       r"(?:moved|shifted|transferred|channell?ed)\s+(?:to|toward|towards|into)\s+other)"),
        ("Withhold", r"\b(?:withh[oe]ld\w*|hold\w*\s+back|held\s+back|threat\w*\s+to\s+(?:cut|withhold|suspend|end|halt|stop|freeze)\w*|"
                     r"warn\w*\s+(?:that\s+)?(?:it|they|he|she|the\s+\w+)\s+(?:would|will|could|might)\s+(?:cut|withhold|suspend|end|halt|stop|freeze)\w*)"),
        ("Suspend", r"\b(?:suspend\w*|suspension|paus(?:e|es|ed|ing)|fr[eo]ez\w*|froze|frozen|halt\w*|"
                    r"stop(?:ped|s|ping)?\s+(?:all\s+)?(?:aid|assistance|funding|payments))"),
        ("Cut", r"\b(?:cut|cuts|cutting|slash\w*|reduc\w*|terminat\w*|scrap\w*|eliminat\w*|axed?|cancel\w*|strip(?:s|ped|ping)?|"
                r"end(?:ed|s|ing)?\s+(?:all\s+|its\s+)?(?:\w+\s+)?(?:aid|assistance|funding|payments|programmes|programs|support|funds)|withdr[ae]w\w*\s+(?:\w+\s+)?(?:aid|funding))"),
        ("Disburse", r"\b(?:disburs\w*|paid\s+out|released?\s+(?:the\s+)?(?:first|second|third|final|a|an)?\s*(?:tranche|instal+ment)|"
                     r"(?:has|have|had)\s+(?:already\s+)?(?:transferred|delivered|paid))"),
        ("Commit", r"\b(?:pledg\w*|commit(?:s|ted|ting|ment|ments)?|grant(?:s|ed)?|award\w*|approv\w*|allocat\w*|earmark\w*|"
                   r"provid\w*|offer\w*|promis\w*|(?:will|would|to|shall)\s+receive|receiv(?:es|ed)|worth|package\s+of|"
                   r"financ(?:e|es|ed|ing)\b|contribut\w*|donat\w*|mobili[sz]\w*|announc\w*|unveil\w*|earmark\w*|set\s+aside|"
                   r"giv(?:e|es|en|ing)|gave|make\s+available|made\s+available|invest(?:s|ed|ing|ment|ments)?|"
                   r"(?:financial|investment|aid|support|funding|assistance|rescue|economic)\s+package|package|backed\s+by)"),
    ]
]


@dataclass
class _Trigger:
    action: str
    start: int
    end: int


def extract_aid(ctx: DocContext) -> list[AidFact]:
    out: list[AidFact] = []
    last: AidFact | None = None
    last_index = -10
    for s in ctx.sentences:
        if _is_headline(ctx, s):
            continue  # a headline restates the lead in other words; the lead has the facts
        decisions = _in_sentence(ctx, s)
        for d in decisions:
            inherit = last is not None and s.index - last_index <= 3
            if not d.recipients and inherit and last is not None:
                d.recipients = list(last.recipients)
            if d.donor is None and inherit and last is not None:
                d.donor = last.donor
            if (d.date is None or d.date_is_report_date) and inherit and last is not None and re.search(
                r"\bthen\b", ctx.text[s.start : s.end]
            ):
                d.date, d.date_is_report_date = last.date, last.date_is_report_date
            if (d.date is None or d.date_is_report_date) and inherit and last is not None and last.date is not None \
                    and _SAME_DAY.search(ctx.text, s.start, s.end):
                d.date, d.date_is_report_date = last.date, last.date_is_report_date  # "The same day, the EU …"
            if d.donor is None:
                d.donor = _home_donor(ctx, d.recipients)
            if not d.recipients and d.donor is not None:
                d.recipients = _counterpart(ctx, d.donor)
        good = [d for d in decisions if d.recipients and d.donor is not None and d.donor not in d.recipients]
        if good:
            last, last_index = good[-1], s.index
        out.extend(good)
    return _merge(out)


_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+same\s+day|later\s+that\s+day|on\s+the\s+same\s+day)\b", re.IGNORECASE)


def _is_headline(ctx: DocContext, s: Sentence) -> bool:
    """The title line: the first sentence, on a line of its own, with no closing punctuation."""
    if s.index != 0 or len(ctx.sentences) < 3:
        return False
    text = ctx.text[s.start : s.end]
    return "\n" not in text and not text.rstrip().endswith((".", "!", "?", '"', "”"))


def _triggers(text: str, s: Sentence) -> list[_Trigger]:
    found: list[_Trigger] = []
    for action, rx in _TRIGGERS:
        for m in rx.finditer(text, s.start, s.end):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            if action == "Cut" and re.search(r"\b(?:the|those|these|such|previous|earlier)\s+$", text[max(s.start, m.start() - 12) : m.start()]):
                continue  # "the cuts": a cut already reported
            window = text[max(s.start, m.start() - 80) : min(s.end, m.end() + 120)]
            if not (_AID_NOUN.search(window) or s.money):
                continue
            if action == "Commit" and not _commit_is_aid(text, s, m):
                continue
            if action == "Cut" and not _cut_is_aid(text, s, m):
                continue
            if action in {"Commit", "Disburse"} and _refers_back(text, s, m):
                continue
            act = action
            if action in {"Cut", "Suspend"} and _THREAT.search(text[max(s.start, m.start() - 70) : m.start()]):
                act = "Withhold"
            found.append(_Trigger(act, m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    if any(not _names_the_form(text, t) for t in found):
        # "$432 million in grants … will go ahead": "grants" says what form the money takes;
        # the sentence's verb says what was decided about it
        found = [t for t in found if not _names_the_form(text, t)]
    return found


def _names_the_form(text: str, t: _Trigger) -> bool:
    """A Commit word used as the noun for the form money takes: "$50 million in grants", "€2bn of loans"."""
    return t.action == "Commit" and bool(
        re.fullmatch(r"(?:grants|commitments|contributions|donations|investments|pledges)", text[t.start : t.end], re.IGNORECASE)
        and re.search(r"\b(?:in|of|as)\s+(?:new\s+|direct\s+|additional\s+)?$", text[max(0, t.start - 20) : t.start]))


def _refers_back(text: str, s: Sentence, m: re.Match[str]) -> bool:
    """ "the 3 billion euros already allocated", "funds previously pledged": money decided
    earlier, named again, not a new decision."""
    before = text[max(s.start, m.start() - 30) : m.start()]
    if re.search(r"\b(?:already|previously|originally|earlier|formerly|once)\s+$", before, re.IGNORECASE):
        # "the funds already allocated" names money again; "Britain has already committed £140m" states a decision
        return not re.search(r"\b(?:has|have|had)\s+\w+\s+$", before, re.IGNORECASE)
    word = m.group(0).lower()
    return word.endswith("ed") and any(0 <= m.start() - x.end <= 3 for x in s.money)


def _cut_is_aid(text: str, s: Sentence, m: re.Match[str]) -> bool:
    """A cut of aid ("cut off all aid", "aid cuts", "cut $450 million"), not of migration."""
    after = text[m.end() : min(s.end, m.end() + 60)]
    before = text[max(s.start, m.start() - 25) : m.start()]
    return bool(_AID_NOUN.search(after) or _AID_NOUN.search(before)
                or any(0 <= x.start - m.end() <= 60 for x in s.money))


def _commit_is_aid(text: str, s: Sentence, m: re.Match[str]) -> bool:
    """A commitment needs money or an aid noun as what is committed (not "committed to addressing")."""
    after = text[m.end() : min(s.end, m.end() + 90)]
    if any(m.end() - 40 <= x.start <= m.end() + 90 for x in s.money):
        return True
    if re.match(r"\s+to\s+\w+ing\b", after):
        return False
    word = m.group(0).lower()
    if word.startswith(("announc", "unveil")):
        return any(0 <= x.start - m.end() <= 60 for x in s.money)
    if word.startswith("package") or word.endswith("package") or word.startswith("backed"):
        return any(abs(x.end - m.start()) <= 45 or abs(x.start - m.end()) <= 45 for x in s.money)
    if word.startswith(("financ", "fund")):
        return True
    return bool(_AID_NOUN.search(after)) and bool(re.search(r"\b(?:aid|assistance|funding|funds|financing|grant|budget support|money)\b", after, re.IGNORECASE))


def _in_sentence(ctx: DocContext, s: Sentence) -> list[AidFact]:
    text = ctx.text
    triggers = _triggers(text, s)
    if not triggers:
        return []
    seen_actions: set[str] = set()
    out: list[AidFact] = []
    money_left = list(s.money)
    for i, t in enumerate(triggers):
        if t.action in seen_actions and not _own_money(t, s.money):
            continue
        seen_actions.add(t.action)
        clause_start = max(s.start, text.rfind(";", s.start, t.start) + 1)
        nxt = triggers[i + 1].start if i + 1 < len(triggers) else s.end
        end = clause_end(text, t.end, s.end)
        limit = min(nxt, s.end)
        # ", and Germany had pledged …": a clause with a subject of its own; ", citing a law …": an aside
        stop = _OWN_CLAUSE.search(text, t.end, limit)
        donor, recipients = _donor_and_recipients(ctx, s, t, clause_start, stop.start() if stop else max(end, limit))
        amounts = _amounts_for(t, triggers, money_left)
        date, reported = _date_for(ctx, s, t)
        fiscal = next((y for fs, fe, y in s.fiscal_years), None)
        if not amounts:
            out.append(AidFact(t.action, donor, recipients, None, None, fiscal, date, _purpose(text, t.end, s.end),
                               [ctx.evidence(s)], reported))
        for mm in amounts:
            money_left.remove(mm)
            out.append(AidFact(t.action, donor, list(recipients), mm.amount, mm.currency, fiscal, date,
                               _purpose(text, mm.end, s.end), [ctx.evidence(s)], reported))
    return out


_OWN_CLAUSE = re.compile(NEW_CLAUSE.pattern + r"|,\s+(?=(?:citing|saying|arguing|adding|noting|claiming|accusing|blaming)\b)")


def _own_money(t: _Trigger, money: list[MoneyMention]) -> bool:
    return any(abs(m.start - t.end) < 40 for m in money)


def _amounts_for(t: _Trigger, triggers: list[_Trigger], money: list[MoneyMention]) -> list[MoneyMention]:
    """Money mentions closer to this trigger than to any other; a Commit takes each of several
    amounts as a decision of its own ("€105 million for migration and €150 million in budget
    support"); other actions take the nearest."""
    mine = [m for m in money if min(triggers, key=lambda x: _distance(x, m)) is t]
    if not mine:
        return []
    if t.action == "Commit":
        return _distinct_amounts(mine)
    return [min(mine, key=lambda m: _distance(t, m))]


def _distinct_amounts(money: list[MoneyMention]) -> list[MoneyMention]:
    out: list[MoneyMention] = []
    for m in money:
        if any(o.amount == m.amount and o.currency == m.currency for o in out):
            continue
        out.append(m)
    return out


def _distance(t: _Trigger, m: MoneyMention) -> int:
    if m.start >= t.end:
        return m.start - t.end
    return (t.start - m.end) * 2 if m.end <= t.start else 0


_DEADLINE = re.compile(r"\b(?:until|till|through|up\s+to|by|to|before|over|for|from|between|and|until\s+the\s+end\s+of|"
                       r"(?:up\s+)?to\s+the\s+end\s+of|by\s+the\s+end\s+of|end\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
# "had paid", "has already committed", "the €200 million that Europe has earmarked": a decision taken
# before the report and named as known
_EARLIER = re.compile(r"\b(?:had\s+(?:\w+\s+)?|(?:already|previously|earlier|originally)\s+"
                      r"|(?:that|which)\s+(?:the\s+)?(?:[A-Z][\w.'’\-]*\s+){1,4}(?:has|have)\s+)$")
# "LONDON, 2 March 2021 --", "BRUSSELS (Reuters) -": the place and date a report was filed
_DATELINE_END = re.compile(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}\s*(?:\([^)\n]{1,30}\)\s*)?(?:[,:][^\n]{0,40}?)?(?:\s--\s|\s[—–-]\s)")
_NOT_YET_DONE = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|is\s+going\s+to)\s+(?:\w+\s+)?$|"
                           r"\b(?:undertakes?|agrees?|commits?|pledges?|promises?|plans?|intends?|decides?|is\s+set|are\s+set)\s+to\s+"
                           r"(?:\w+\s+(?:and|or)\s+)?$|"
                           r"\b(?:has|have)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _date_for(ctx: DocContext, s: Sentence, t: _Trigger) -> tuple[PartialDate | None, bool]:
    """The date nearest the trigger that is not a deadline ("up to the end of 2018"); with
    none, the document's date when the sentence speaks of the decision in the present, perfect or
    future ("the EU will mobilise …", "has pledged …", a headline): a decision announced then."""
    at_line_start = s.start == 0 or ctx.text[s.start - 1] == "\n"
    dateline = _DATELINE_END.match(ctx.text, s.start, s.end) if at_line_start else None
    floor = dateline.end() if dateline else s.start  # "LONDON, 2 March 2021 --": when it was filed, not decided
    candidates = [d for d in s.dates if d.start >= floor and not (
        _DEADLINE.search(ctx.text[max(s.start, d.start - 30) : d.start]) and d.date.day is None and not d.relative)]
    candidates = [d for d in candidates if not re.match(r"\s*(?:budget|fiscal)", ctx.text[d.end : d.end + 10])]
    # "the EU-Turkey statement of March 2016": a date after "of" dates the noun before it; "on hold since
    # January": a date after "since" dates the start of a state; neither is the decision's date
    candidates = [d for d in candidates if not (d.text.lower().startswith(("of ", "since "))
                                                or re.search(r"\b(?:of|since)\s+(?:the\s+)?$", ctx.text[max(s.start, d.start - 8) : d.start]))]
    before = ctx.text[max(s.start, t.start - 40) : t.start]
    earlier = _EARLIER.search(ctx.text[max(s.start, t.start - 60) : t.start]) or re.match(r"had\b", ctx.text[t.start : t.end])
    if earlier:
        # "that Brussels had paid …, the minister said on Wednesday", "has already committed": done
        # before the report, at a time only the trigger's own clause can give
        lo = max(s.start, max(ctx.text.rfind(c, s.start, t.start) for c in ",;") + 1)
        hi = min([s.end] + [i for i in (ctx.text.find(c, t.end, s.end) for c in ",;") if i >= 0])
        candidates = [d for d in candidates if lo <= d.start and d.end <= hi]
    if candidates:
        return min(candidates, key=lambda d: abs(d.start - t.start)).date, False
    if ctx.doc_date is None or earlier:
        return None, False
    word = ctx.text[t.start : t.end].lower()
    present = bool(re.match(r"\w+s$", word.split()[0])) and not word.endswith("ss")
    if _NOT_YET_DONE.search(before) or present or s.index == 0:
        return PartialDate.of(ctx.doc_date), True
    return None, False


_DONOR_AFTER = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$")
# "toward the U.S. border": the country names a place there, it receives nothing
_MODIFIER_OF_PLACE = re.compile(r"(?:'s|’s)?\s+(?:border|borders|coast|coastline|side|soil|territory|embassy|citizens|nationals|waters|islands|shores)\b")
# "the suspension of security assistance that the State Department announced", "a package of almost
# €127 million that the European Commission announced": the actor of the relative clause
_RELATIVE_AGENT = re.compile(r"(?:\s+(?:[^\s,;:.()]|\.(?=\d))+){0,6}?\s+(?:that|which)\s+(?:the\s+)?", re.IGNORECASE)
_RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|from|in|towards?|with)\s+(?:the\s+|its\s+|their\s+)?(?:(?:government|people|authorities)\s+of\s+)?$"
                               r"|,\s+(?:and\s+)?$|\s+and\s+$", re.IGNORECASE)


def _donor_and_recipients(
    ctx: DocContext, s: Sentence, t: _Trigger, start: int, end: int
) -> tuple[Actor | None, list[Actor]]:
    text = ctx.text
    before = ctx.actors_in(s, start, t.start)
    after = ctx.actors_in(s, t.start, end)
    donor: Actor | None = None
    recipients: list[Actor] = []
    receiving = "receiv" in text[t.start : t.end].lower()  # "Turkey will receive €3bn": the subject gets it
    taking = t.action in {"Cut", "Withhold", "Suspend", "Deny", "Reallocate"}
    introduced: list[Actor] = []
    after = [a for a in after if not _MODIFIER_OF_PLACE.match(text, a.end)]
    for a in after:
        prefix = text[max(start, a.start - 14) : a.start]
        if _DONOR_AFTER.search(prefix) and len(a.actors) == 1 and not (taking and re.search(r"\bfrom\s+(?:the\s+)?$", prefix)):
            donor = donor or a.actors[0]
            continue
        for actor in a.actors:
            if actor not in recipients:
                recipients.append(actor)
            if (_RECIPIENT_BEFORE.search(prefix) or a.via in {"anaphor", "group"}) and actor not in introduced:
                introduced.append(actor)
    if introduced:
        recipients = introduced
    owner = _POSSESSOR.search(text, max(start, t.start - 60), t.end)
    if donor is None and not receiving and owner is not None and t.action == "Commit":
        # "Japan's first Official Security Assistance grant": who a grant belongs to gives it
        mention = next((a for a in before if a.end in (owner.start(), owner.start() + 2) and len(a.actors) == 1), None)
        if mention is not None:
            donor = mention.actors[0]
    if receiving:
        for a in before:
            for actor in a.actors:
                if actor not in recipients and actor != donor:
                    recipients.append(actor)
    elif before:
        subject = _nearest_subject(text, before, t.start) or _subject(text, before, start)
        if subject is not None and donor is None:
            donor = subject
        for a in before:
            if a.via in {"anaphor", "group"} or re.search(r"\b(?:to|for)\s+(?:the\s+)?$", text[max(start, a.start - 8) : a.start]):
                for actor in a.actors:
                    if actor not in recipients and actor != donor:
                        recipients.append(actor)
    m = _RELATIVE_AGENT.match(text, t.end, end)
    if donor is None and m:
        agent = next((a for a in after if a.start == m.end()), None)
        if agent is not None and len(agent.actors) == 1:
            donor = agent.actors[0]  # "the suspension of security assistance that the State Department announced"
    agencies = [a for a in after if a.via == "organisation" and a.actors[0].kind == "country"]
    if donor is None and agencies:
        donor = agencies[0].actors[0]  # "… was reprogrammed," Pentagon spokesman X said
    national = {a.actors[0] for a in after if a.via == "organisation" and a.actors[0].kind == "country"}
    named = {actor for a in after if a.via != "organisation" for actor in a.actors}
    recipients = [r for r in recipients if r != donor and (r not in national or r in named)]
    return donor, recipients


_POSSESSOR = re.compile(r"(?:'s|’s)(?:\s+(?!(?:and|or|to|for|of|from|with|by|the|a|an)\b)[\w\-]+){0,5}?\s+"
                        r"(?=(?:grant|loan|package|tranche|pledge|contribution|donation)\b)")


def _nearest_subject(text: str, before: list[ActorMention], trigger_start: int) -> Actor | None:
    """An actor right before the trigger ("that Brussels had paid", "the European Commission
    announced") is its subject."""
    for a in reversed(before):
        if len(a.actors) != 1:
            continue
        gap = text[a.end : trigger_start]
        if len(gap) <= 30 and re.fullmatch(r"(?:'s|’s)?(?:\s+\w+){0,3}\s*", gap) and not re.search(
            r"\b(?:and|or|but|to|for|from|of|in|with|that|which|who)\b", gap
        ):
            prefix = text[max(0, a.start - 12) : a.start]
            if re.search(r"\b(?:to|for|in|into|from|with|of|told|informed|warned|asked|urged|pressed)\s+(?:the\s+)?$", prefix):
                return None
            if a.via == "country" and _is_adjective(text, a):
                return None
            return a.actors[0]
        return None
    return None


def _subject(text: str, before: list[ActorMention], start: int) -> Actor | None:
    """The donor is the first single actor of the clause that is not the object of a
    preposition, nor an adjective on something else ("a lack of Pakistani action")."""
    for a in before:
        if len(a.actors) != 1:
            continue
        prefix = text[max(start, a.start - 12) : a.start]
        if re.search(r"\b(?:to|for|in|into|from|with|of|across|through|against|on|at|by)\s+(?:the\s+|a\s+)?$|,\s+$|\band\s+$", prefix):
            continue  # the object of a preposition, or the next item of a list after one
        if a.via == "country" and _is_adjective(text, a):
            continue
        if a.start > start and re.search(r"\b[a-z]{3,}(?<!and)(?<!the)(?<!but)\s+$", text[max(start, a.start - 15) : a.start]) and \
                not re.search(r"[,;:]\s*(?:the\s+)?$", text[max(start, a.start - 6) : a.start]):
            continue  # the object of a verb ("which reimburse Pakistan"), not its subject
        return a.actors[0]
    return None


def _is_adjective(text: str, a: ActorMention) -> bool:
    word = text[a.start : a.end]
    if word.endswith(("'s", "’s")):
        return False
    from kg.extract.gazetteer import countries

    c = countries().get(a.actors[0].key)
    if c is None or word not in c.adjectives:
        return False
    return not re.match(r"\s+(?:government|administration|authorities|officials|ministry|state|side|leaders?|cabinet|president|prime)",
                        text[a.end : a.end + 20], re.IGNORECASE)


def _home_donor(ctx: DocContext, recipients: list[Actor]) -> Actor | None:
    """When a sentence names no donor ("the administration warned …", "the Union will …"),
    the actor the document names most, other than the recipients."""
    for actor in ctx.home_actors():
        if actor not in recipients:
            return actor
    return None


def _counterpart(ctx: DocContext, donor: Actor) -> list[Actor]:
    """A decision that names no recipient, in a document about one donor and one other
    country ("the EU would provide €105 million …" in a report on the EU–Tunisia deal): that
    country, when the document names it more than once and no other as often."""
    counts = ctx.actor_counts()
    others = [(n, a) for a, n in counts.items() if a != donor and a.kind == "country"]
    others.sort(key=lambda x: -x[0])
    if not others or others[0][0] < 2 or (len(others) > 1 and others[1][0] == others[0][0]):
        return []
    return [others[0][1]]


_PURPOSE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:for|to\s+(?:support|fund|finance|help|improve|strengthen|tackle|address|combat|manage))\s+"
    r"(?P<what>(?:the\s+)?[a-z][\w\s\-]{3,70}?)(?=[,.;:]|\s+(?:and|in|from|over|to|by|with|as|which|that)\s|$)"
)


def _purpose(text: str, pos: int, stop: int) -> str | None:
    m = _PURPOSE.match(text[pos:stop])
    if not m:
        return None
    what = m.group("what").strip()
    return what if len(what.split()) <= 10 else None


def _merge(decisions: list[AidFact]) -> list[AidFact]:
    """One decision reported twice in a document (the same action, donor and recipients,
    agreeing amounts and dates) is one decision with two pieces of evidence."""
    out: list[AidFact] = []
    for d in decisions:
        target = next((o for o in out if _same(o, d)), None)
        if target is None:
            out.append(d)
            continue
        target.amount = target.amount if target.amount is not None else d.amount
        target.currency = target.currency or d.currency
        target.fiscal_year = target.fiscal_year or d.fiscal_year
        if d.date is not None and (
            target.date is None
            or (target.date_is_report_date and not d.date_is_report_date)
            or (target.date_is_report_date == d.date_is_report_date and len(str(d.date)) > len(str(target.date)))
        ):
            target.date, target.date_is_report_date = d.date, d.date_is_report_date
        target.purpose = target.purpose or d.purpose
        target.evidence.extend(e for e in d.evidence if e not in target.evidence)
    return out


def _same(a: AidFact, b: AidFact) -> bool:
    if a.action != b.action or a.donor != b.donor or set(a.recipients) != set(b.recipients):
        return False
    if a.amount is not None and b.amount is not None and (a.amount != b.amount or a.currency != b.currency):
        return False
    if a.date is not None and b.date is not None and not a.date.compatible(b.date):
        return False
    return a.amount is None or b.amount is None or a.amount == b.amount

