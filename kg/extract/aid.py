"""Aid decisions: who decided what about which money for whom.

One decision per distinct action in a sentence ("reversing some of the cuts but would not
approve future aid" is a Restore and a Deny). Threats and conditions count as Withhold
("warned it would withhold … unless", "threatened to cut aid"). A decision that names no
recipient or date takes them from the aid decision just before it in the document, the way a
reader does ("… some $370 million … will be moved to other projects", said "then").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.context import (
    NEW_CLAUSE,
    ActorMention,
    DocContext,
    Sentence,
    after_dateline,
    clause_end,
    is_display_line,
)
from kg.extract.dates import PartialDate
from kg.extract.facts import Actor, AidFact
from kg.extract.money import MoneyMention, local_dollar

__all__ = ["extract_aid"]

_AID_NOUN = re.compile(
    r"\b(?:aid|assistance|funding|funds?|financing|finance|money|grants?|budget(?:ary)?\s+support|loans?|"
    r"package|support|donations?|contributions?|payments?|tranche|programmes?|programs?|projects?|"
    r"investments?|resources|(?:development|financial|state|bilateral)\s+co-?operation)\b",
    re.IGNORECASE,
)
_THREAT = re.compile(
    r"\b(?:threat\w*|warn\w*|could|might|(?-i:may)|unless|if|conditional|condition\w*)\b[^.;]{0,60}$", re.IGNORECASE
)
# "said the United States would halt all payments": a decision announced; "would halt aid unless …",
# "would not hand over another cent if …": a threat, which needs a condition
_MODAL = re.compile(r"\b(?:would|will)\b[^.;]{0,60}$", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:unless|if|until|as\s+long\s+as|provided\s+that|so\s+long\s+as)\b", re.IGNORECASE)
_THREAT_CONDITION = re.compile(r"\b(?:unless|if)\b", re.IGNORECASE)
_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (action, re.compile(pattern, re.IGNORECASE))
    for action, pattern in [
        ("Restore", r"\b(?:restor\w*|waiver\w*\s+(?:exempting|for)|exempt\w*\s+(?:[\w.\-]+\s+){1,4}from\s+(?:the\s+|its\s+)?(?:[\w\-]+\s+){0,3}(?:freeze|suspension|pause|halt|cuts?)|(?:will|would|can|could|to)\s+go\s+ahead|allowed\s+to\s+(?:go\s+ahead|continue|proceed)|revers\w*\s+(?:some\s+of\s+|part\s+of\s+|most\s+of\s+|all\s+of\s+)?(?:the\s+|its\s+|those\s+|these\s+)?"
                    r"(?:aid\s+)?(?:cuts?|decision|freeze|suspension|reductions?)|resum\w*|reinstat\w*|unfr[eo]\w*|"
                    r"lift\w*\s+(?:the\s+|its\s+)?(?:freeze|suspension|hold))"),
        ("Deny", r"(?:\b(?:would|will|did|does|do|could|shall|should)\s+not\s+(?:approve|provide|give|grant|send|offer|fund|release)|"
                 r"\bwon't\s+(?:approve|provide|give|send|fund)|\brefus\w+\s+(?:to\s+(?:provide|give|grant|send|fund|approve)|"
                 r"(?:any\s+)?(?:further|new|more|future))|\bden(?:y|ied|ies|ying)\s+(?:\w+\s+){0,2}(?:aid|assistance|funding|funds|money)|"
                 r"\bno\s+(?:new|future|further|more|fresh)\s+(?:public\s+|development\s+|budget\s+)?(?:aid|assistance|funding|funds|money|financing|loans|lending)|"
                 r"\b(?:would|will|shall)\s+not\s+(?:hand\s+over|pay|transfer|disburse))"),
        ("Reallocate", r"\b(?:realloc\w*|reprogram\w*|re-program\w*|redirect\w*|divert\w*|repurpos\w*|"
                       r"(?:moved|shifted|transferred|channell?ed)\s+(?:to|toward|towards|into)\s+other)"),
        ("Withhold", r"\b(?:withh[oe]ld\w*|hold\w*\s+back|held\s+back|threat\w*\s+to\s+(?:cut|withhold|suspend|end|halt|stop|freeze)\w*|"
                     r"warn\w*\s+(?:that\s+)?(?:it|they|he|she|the\s+\w+)\s+(?:would|will|could|might)\s+(?:cut|withhold|suspend|end|halt|stop|freeze)\w*)"),
        ("Suspend", r"\b(?:suspend\w*|suspension|(?:would|will)\s+(?:stop|cease)(?=\s*(?:[,.;]|unless\b|if\b|until\b|once\b|immediately\b))|put\s+on\s+hold|no\s+(?:more\s+|further\s+)?payments?\s+of|"
                    r"no\s+longer\s+be\s+able\s+to\s+(?:draw\s+on|access|receive|use)|paus(?:e|es|ed|ing)|fr[eo]ez\w*|froze|frozen|halt\w*|"
                    r"stop(?:ped|s|ping)?\s+(?:all\s+)?(?:aid|assistance|funding|payments)|"
                    r"stop(?:ped|s|ping)?\s+(?:approving|making|extending|disbursing|signing)\s+(?:any\s+)?(?:new|fresh|further)\s+"
                    r"(?:[\w\-]+\s+){0,2}?(?:financing|funding|loans?|lending|grants?|aid|projects?|credits?)\b)"),
        ("Cut", r"\b(?:cut|cuts|cutting|slash\w*|reduc\w*|terminat\w*|scrap\w*|eliminat\w*|axed?|cancel\w*|strip(?:s|ped|ping)?|"
                r"end(?:ed|s|ing)?\s+(?:all\s+|its\s+)?(?:\w+\s+)?(?:aid|assistance|funding|payments|programmes|programs|support|funds)|"
                r"phas(?:e|es|ed|ing)\s+out|wound\s+down|wind(?:s|ing)?\s+down|withdr[ae]w\w*\s+(?:\w+\s+)?(?:aid|funding))"),
        ("Disburse", r"\b(?:disburs\w*|paid\s+out|released?\s+(?:the\s+)?(?:first|second|third|final|a|an)?\s*(?:tranche|instal+ment)|"
                     r"(?:has|have|had)\s+(?:already\s+)?(?:transferred|delivered|paid|handed))"),
        ("Commit", r"\b(?:pledg\w*|(?:will|would|shall|to)\s+pay\b|"
                   r"extend(?:s|ed|ing)?(?=\s+(?:[\w\-]+\s+){0,3}?(?:loans?|credits?|grants?|aid|assistance|financing|credit\s+lines?)\b)|"
                   r"(?:aid|assistance|support|funding)(?:\s+(?:to|for)\s+(?:the\s+)?(?-i:[A-Z])[\w.'’\-]*(?:\s+(?-i:[A-Z])[\w.'’\-]*){0,2})?\s+(?:will|would|is\s+to|are\s+to|is\s+set\s+to|are\s+set\s+to)\s+(?:rise|increase|grow|climb)\s+to(?=\s+(?:at\s+least\s+|about\s+|around\s+|some\s+)?[$€£¥\d]|\s+(?:at\s+least\s+)?(?-i:[A-Z]{3})\s)|"
                   r"(?:rais\w*|increas\w*|boost\w*|doubl\w*)\s+(?:its\s+|their\s+|the\s+|his\s+|her\s+)?(?:[\w\-]+\s+){0,4}?(?:aid|assistance|funding|support|contribution)\b(?=[^.;]{0,60}?\bto\s+(?:about\s+|around\s+|some\s+)?[$€£¥]|[^.;]{0,60}?\bto\s+\d)|commit(?:s|ted|ting|ment|ments)?|grant(?:s|ed)?|award\w*|approv\w*|allocat\w*|earmark\w*|"
                   r"provid\w*|offer\w*|promis\w*|(?:will|would|to|shall)\s+receive|receiv(?:es|ed)|worth|package\s+of|"
                   r"financ(?:e|es|ed|ing)\b|contribut\w*|donat\w*|mobili[sz]\w*|announc\w*|unveil\w*|earmark\w*|set\s+aside|"
                   r"giv(?:e|es|en|ing)|gave|endow\w*\s+with|adopt(?:s|ed|ing)?|make\s+available|made\s+available|invest(?:s|ed|ing|ment|ments)?|"
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
    dollar = local_dollar(ctx.text)
    for s in ctx.sentences:
        if _is_headline(ctx, s):
            continue  # a headline restates the lead in other words; the lead has the facts
        if last is not None and _stakes_of(ctx, s, last, s.index - last_index):
            continue
        decisions = _in_sentence(ctx, s, dollar)
        for d in decisions:
            inherit = last is not None and s.index - last_index <= 3
            if not d.recipients and inherit and last is not None:
                d.recipients = list(last.recipients)
            inherited = None
            if d.donor is None and inherit and last is not None:
                d.donor = inherited = last.donor
            if (d.date is None or d.date_is_report_date) and inherit and last is not None and re.search(
                r"\bthen\b", ctx.text[s.start : s.end]
            ):
                d.date, d.date_is_report_date = last.date, last.date_is_report_date
            if (d.date is None or d.date_is_report_date) and inherit and last is not None and last.date is not None \
                    and _SAME_DAY.search(ctx.text, s.start, s.end):
                d.date, d.date_is_report_date = last.date, last.date_is_report_date  # "The same day, the EU …"
            commission = _commission(ctx, s)
            if d.donor is None or (d.donor == inherited and commission):
                d.donor = commission or _home_donor(ctx, s, d.recipients)
            if not d.recipients and d.donor is not None and not _REGION.search(ctx.text, s.start, s.end) \
                    and not _UNNAMED_COUNTRIES.search(ctx.text, s.start, s.end):
                d.recipients = _counterpart(ctx, d.donor)
        good = [d for d in decisions if d.recipients and d.donor is not None and d.donor not in d.recipients]
        if good:
            last, last_index = good[-1], s.index
        out.extend(good)
    return _merge(out)


# "the money at stake", "Afghanistan had been due to receive €250 million": how much a stop just
# reported concerns, not a decision of its own
_AT_STAKE = re.compile(r"\b(?:at\s+stake|(?:had\s+been|was|were|is|are|has\s+been)\s+(?:due|set|expected|scheduled|supposed)\s+to\s+(?:receive|get)|"
                       r"(?:money|funds|funding|aid|assistance)\s+(?:affected|concerned|involved))\b", re.IGNORECASE)


def _stakes_of(ctx: DocContext, s: Sentence, last: AidFact, distance: int) -> bool:
    """Give the decision just reported the amount a sentence says it concerns; True when it did."""
    if distance > 2 or last.amount is not None or last.action not in {"Cut", "Suspend", "Withhold", "Deny"} or not s.money:
        return False
    if not _AT_STAKE.search(ctx.text, s.start, s.end):
        return False
    money = s.money[0]
    last.amount, last.currency = money.amount, money.currency
    last.evidence.append(ctx.evidence(s))
    return True


_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+same\s+day|later\s+that\s+day|on\s+the\s+same\s+day)\b", re.IGNORECASE)


def _is_headline(ctx: DocContext, s: Sentence) -> bool:
    """A headline or standfirst above the body (a line of its own with no full stop), in a
    document that has a body."""
    return s.end > s.start and len(ctx.sentences) - s.index >= 3 and is_display_line(ctx, s)


def _triggers(text: str, s: Sentence) -> list[_Trigger]:
    found: list[_Trigger] = []
    for action, rx in _TRIGGERS:
        for m in rx.finditer(text, s.start, s.end):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            if action == "Cut" and re.search(r"\b(?:the|those|these|such|previous|earlier)\s+$", text[max(s.start, m.start() - 12) : m.start()]):
                continue  # "the cuts": a cut already reported
            lo, hi = s.start, _semicolon_clause(text, s, m.start(), m.end())[1]
            window = text[max(lo, m.start() - 80) : min(hi, m.end() + 120)]
            if not (_has_aid_noun(window) or any(lo <= x.start < hi for x in s.money)):
                continue
            if _decides_nothing(text, s, m, action):
                continue
            if action == "Commit" and not _commit_is_aid(text, s, m):
                continue
            if action == "Cut" and not _cut_is_aid(text, s, m):
                continue
            if action in {"Commit", "Disburse"} and _refers_back(text, s, m):
                continue
            act = action
            before = text[max(s.start, m.start() - 70) : m.start()]
            after = text[m.end() : s.end]
            # a suspension lasts "until …" by nature: only "unless"/"if" makes it a threat
            condition = _CONDITION if action == "Cut" else _THREAT_CONDITION
            if action in {"Cut", "Suspend"} and (_THREAT.search(before) or (_MODAL.search(before) and condition.search(after))):
                act = "Withhold"
            if action == "Deny" and _THREAT_CONDITION.search(after):
                act = "Withhold"  # "would not hand over another cent if the Taliban seized power"
            found.append(_Trigger(act, m.start(), m.end()))
    found.sort(key=lambda t: t.start)
    # "announced that Washington would mobilise …": the decision is the clause's own verb, when it has one
    found = [t for t in found if not (t.action == "Commit" and re.match(r"announc|unveil", text[t.start : t.end], re.IGNORECASE)
                                      and re.match(r"\s+that\b", text[t.end : t.end + 8]) and any(o.start > t.end for o in found))]
    # "a waiver exempting Costa Rica from the 90-day freeze": the freeze a Restore undoes, not a new one
    found = [t for t in found if not (t.action in {"Suspend", "Cut", "Withhold"} and any(
        r.action == "Restore" and 0 <= t.start - r.end <= 60 for r in found)
        and re.search(r"\b(?:the|its|their|this|that)\s+(?:[\w\-]+\s+){0,2}$", text[max(s.start, t.start - 25) : t.start]))]
    # "carrying out the order to stop assistance to …, a day after Trump said he had ended payments to …": the
    # stop told again as what had been done, not a second decision
    found = [t for t in found if not (t.action in _STOPS and re.search(r"\bhad\s+(?:already\s+)?$", text[max(s.start, t.start - 14) : t.start])
                                      and any(o.action in _STOPS and o.start < t.start for o in found))]
    if any(not _names_the_form(text, t) for t in found):
        # "$432 million in grants … will go ahead": "grants" says what form the money takes;
        # the sentence's verb says what was decided about it
        found = [t for t in found if not _names_the_form(text, t)]
    return found


def _semicolon_clause(text: str, s: Sentence, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence between semicolons that holds ``start``–``end``."""
    lo = max(s.start, text.rfind(";", s.start, start) + 1)
    hi = text.find(";", end, s.end)
    return lo, (s.end if hi < 0 else hi)


def _has_aid_noun(window: str) -> bool:
    """An aid noun, not the name of a body ("the Fund", "the EU Trust Fund")."""
    return any(not (m.group(0)[0].isupper() and m.group(0).lower() in {"fund", "funds"}) for m in _AID_NOUN.finditer(window))


# who may demand, warn or report but decides nothing: "Aid groups warned that the freezes …",
# "The conservative opposition has demanded that development aid be cut"
_NON_STATE = (r"(?:(?:aid|humanitarian|relief|rights|advocacy|civil\s+society|opposition|business)\s+(?:groups?|organi[sz]ations?|agencies|charities|campaigners)"
              r"|critics|analysts|experts|economists|campaigners|activists|NGOs|charities|(?:the\s+)?(?:\w+\s+)?opposition|opposition\s+\w+"
              r"|(?:\w+\s+)?media|observers|commentators|researchers|MPs|lawmakers|legislators|senators|Democrats|Republicans)")
_NON_STATE_SPEAKER = re.compile(rf"^(?:[\w\-]+\s+){{0,2}}?{_NON_STATE}\s+(?:\w+\s+){{0,2}}?"
                                r"(?:has\s+|have\s+|had\s+)?(?:warn|said|say|demand|call|urg|argu|point|question|criticis|criticiz|"
                                r"fear|complain|note|insist|ask|press|claim|report|estimat)", re.IGNORECASE)
# "demanded that development aid be cut", "called for aid to be suspended": a demand, not a decision
_DEMAND = re.compile(r"\b(?:demand\w*|urg\w*|call\w*\s+for|insist\w*|propos\w*|suggest\w*|want\w*|ask\w*)\b[^.;]{0,80}?\b(?:be|to\s+be)\s+$",
                     re.IGNORECASE)


def _decides_nothing(text: str, s: Sentence, m: re.Match[str], action: str) -> bool:
    """A trigger word in a sentence that reports no decision: a demand, a question ("whether the
    president could redirect money"), a non-state speaker's warning, a fact about what aid does
    ("aid flows have financed …"), a habit ("gives Afghanistan some 430 million euros a year")
    or an estimate of trade ("business projects worth €9 billion")."""
    clause = text[_semicolon_clause(text, s, m.start(), m.end())[0] : m.start()]
    if _DEMAND.search(clause) or re.search(r"\bpropos(?:ed|es|ing)\s+to\s+$", clause, re.IGNORECASE):
        return True  # a demand or a proposal ("the Commission proposed to mobilise …") decides nothing yet
    if re.search(r"\b(?:until|unless|if|once)\b[^,;]{0,60}$", clause, re.IGNORECASE) and action != "Commit":
        return True  # "… until order is restored", "if the fighting resumed": a condition, not a decision
    if re.search(r"\b(?:remain|remains|remained|stay|stays|stayed|still)\s+(?:largely\s+|mostly\s+)?$", clause, re.IGNORECASE):
        return True  # "programmes remain frozen": a state that goes on, not a decision
    if re.search(r"\bwhether\b(?![^.;]{0,80}\b(?:said|announced|added)\b)[^.;]{0,100}$", clause, re.IGNORECASE):
        return True
    if _NON_STATE_SPEAKER.search(text[s.start : m.start()].lstrip("-–—•* \n\"“")):
        return True
    if action == "Commit" and re.search(r"\b(?:projects?|programmes?|programs?|activities|operations|schemes)\s+(?:that\s+|which\s+)?"
                                        r"(?:it|they|we|the\s+\w+)\s+$", clause, re.IGNORECASE):
        return True  # "in the projects it finances": what a donor does, not a decision
    if re.search(r"\b(?:stood|stands|stand)\s+at\b", clause, re.IGNORECASE):
        return True  # "the portfolio stood at about $5.2 billion, making it … development finance": a stock, not a decision
    word = m.group(0).lower()
    if action == "Commit" and re.search(r"\b(?:aid|assistance|funds?|funding|money|loans?)\s+(?:flows\s+(?:(?:has|have|had)\s+)?|(?:has|have|had)\s+)$",
                                        clause, re.IGNORECASE) and not re.match(r"(?:pledg|commit|promis|approv|allocat|earmark)", word):
        return True  # "aid flows have financed three-quarters of public spending"
    full = re.match(r"[\w\-]*", text[m.start() : s.end])
    if action == "Commit" and full and full.group(0).lower() in {"gives", "provides", "pays", "contributes", "funds", "finances",
                                                                 "spends", "donates", "grants"} and re.search(
            r"\b(?:a|per|each|every)\s+year\b|\bannually\b|\byearly\b", text[m.end() : min(s.end, m.end() + 80)]):
        return True  # a yearly habit stated as background, not a decision
    # "business projects worth some €9 billion": the value of trade, not aid
    return word == "worth" and bool(re.search(
        r"\b(?:business|trade|commercial|arms|export|import|contracts?|deals?|investment\s+projects|sales)\b[\w\s\-]{0,25}$",
        clause, re.IGNORECASE))


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
    # "the €135 million Spain contributed over the previous four years": earlier money, named again
    return word.endswith("ed") and any(0 <= m.start() - x.end <= 3 or (0 <= m.start() - x.end <= 40 and re.fullmatch(
        r"\s+(?:the\s+)?(?:[A-Z][\w.'’\-]*\s+){1,3}", text[x.end : m.start()])) for x in s.money)


def _cut_is_aid(text: str, s: Sentence, m: re.Match[str]) -> bool:
    """A cut of aid ("cut off all aid", "aid cuts", "cut $450 million"), not of migration."""
    after = text[m.end() : min(s.end, m.end() + 60)]
    before = text[max(s.start, m.start() - 25) : m.start()]
    if _AID_NOUN.search(m.group(0)):
        return True  # "will end its aid to Nepal": the trigger names the aid itself
    if re.search(r"\b(?:be|been|being|is|are|was|were)\s+$", before) and _AID_NOUN.search(text, max(s.start, m.start() - 90), m.start()):
        return True  # "The programmes for Nepal will be wound down": the subject of a passive is what is cut
    if re.search(r"\bto\s+$", before):
        before = ""  # "programs intended to reduce the reasons": an infinitive's object follows it
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
    # "will provide the Philippines with coastal radars, the first project under the Official Security Assistance
    # programme": the programme the goods come under, named a little further on, makes them aid
    wider = text[m.end() : min(s.end, m.end() + 130)]
    return bool(_AID_NOUN.search(after)) and bool(re.search(r"\b(?:aid|assistance|funding|funds|financing|grant|budget support|money)\b", wider, re.IGNORECASE))


def _in_sentence(ctx: DocContext, s: Sentence, dollar: str | None = None) -> list[AidFact]:
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
        donor, recipients = _donor_and_recipients(ctx, s, t, clause_start, stop.start() if stop else max(end, limit),
                                                  nxt if i + 1 < len(triggers) else None)
        amounts = _amounts_for(text, t, triggers, money_left)
        date, reported = _date_for(ctx, s, t)
        fiscal = next((y for fs, fe, y in s.fiscal_years), None)
        if fiscal is None and t.action == "Commit" and ctx.doc_date is not None and re.search(
                r"\b(?:will|would|shall)\b", text[max(s.start, t.start - 40) : t.end]):
            # "Swedish aid will rise to at least SEK 10 billion in 2026" (said in 2025): the year the money is for
            doc_year = ctx.doc_date.year
            year = next((d for d in s.dates if d.start > t.start and d.date.month is None and not d.relative
                         and d.date.year > doc_year and re.search(r"\bin\s+$", text[max(s.start, d.start - 4) : d.start])), None)
            if year is not None:
                fiscal = year.date.year
                if date is not None and date == year.date:
                    date, reported = PartialDate.of(ctx.doc_date), True
        if not amounts:
            out.append(AidFact(t.action, donor, recipients, None, None, fiscal, date, _purpose(text, t.end, s.end),
                               [ctx.evidence(s)], reported))
        for mm in amounts:
            money_left.remove(mm)
            currency = mm.currency
            if currency == "USD" and dollar and not re.search(r"U\.?S|USD|American", text[mm.start : mm.end]):
                currency = dollar  # "$26.9 million" in a release of the Government of Canada
            out.append(AidFact(t.action, donor, list(recipients), mm.amount, currency, fiscal, date,
                               _purpose(text, mm.end, s.end), [ctx.evidence(s)], reported))
    return out


_OWN_CLAUSE = re.compile(NEW_CLAUSE.pattern + r"|\s+(?=(?:since|because|after|while|when|as)\s+(?:the\s+)?[A-Z][\w.'’\-]*\s+(?:\w+\s+)?"
                         r"(?:said|had|has|was|were|is|would|will|announced|decided|threatened|warned)\b)"
                         r"|,\s+(?=(?:citing|saying|arguing|adding|noting|claiming|accusing|blaming|following|complementing|building\s+on|in\s+response\s+to)\b)")


def _own_money(t: _Trigger, money: list[MoneyMention]) -> bool:
    return any(abs(m.start - t.end) < 40 for m in money)


def _amounts_for(text: str, t: _Trigger, triggers: list[_Trigger], money: list[MoneyMention]) -> list[MoneyMention]:
    """Money mentions closer to this trigger than to any other; a Commit takes each of several
    amounts as a decision of its own ("€105 million for migration and €150 million in budget
    support"), but not the parts of a stated total ("$145 million …, including $67.9 million
    for …"); other actions take the nearest."""
    # money after a semicolon belongs to that clause ("…, the Post reported; the Fund had put the
    # reserves at $9.4 billion"); money before one may be named again ("$370 million …; the
    # department will reprogram it")
    mine = [m for m in money if min(triggers, key=lambda x: _distance(x, m)) is t
            and not (m.start > t.end and ";" in text[t.end : m.start]) and not _COMPARED.search(text, max(0, m.start - 30), m.start)]
    if not mine:
        return []
    if t.action == "Commit":
        return _without_parts(text, _distinct_amounts(mine))
    return [min(mine, key=lambda m: _distance(t, m))]


# "up from around £55m a year", "a third more than the €135 million Spain contributed": an amount to
# compare with, not one decided
_COMPARED = re.compile(r"(?:\bthan\s+(?:the|its|their|last\s+year's)|\b(?:up|down|rising|falling|increase|rise)\s+from"
                       r"(?:\s+(?:around|about|some|roughly|nearly|almost))?|\bcompared\s+(?:with|to)(?:\s+the)?)\s+$", re.IGNORECASE)
_PARTS = re.compile(r"\b(?:including|of\s+which|among\s+them|such\s+as|comprising|consisting\s+of|broken\s+down\s+as)\b|:")


def _without_parts(text: str, money: list[MoneyMention]) -> list[MoneyMention]:
    """A total followed by its parts ("over $145 million …, including $67.9 million …, $31.5
    million …") is one decision: the parts, adding up to no more than the total, go."""
    out: list[MoneyMention] = []
    i = 0
    while i < len(money):
        total = money[i]
        out.append(total)
        j = i + 1
        if j < len(money) and _PARTS.search(text, total.end, money[j].start):
            parts = [m for m in money[j:] if m.currency == total.currency]
            if parts and len(parts) == len(money) - j and sum(p.amount for p in parts) <= total.amount:
                return out
        i = j
    return out


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
_NOT_YET_DONE = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|is\s+going\s+to)\s+(?:\w+\s+)?$|"
                           r"\b(?:undertakes?|agrees?|commits?|pledges?|promises?|plans?|intends?|decides?|is\s+set|are\s+set)\s+to\s+"
                           r"(?:\w+\s+(?:and|or)\s+)?$|"
                           r"\b(?:has|have)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _date_for(ctx: DocContext, s: Sentence, t: _Trigger) -> tuple[PartialDate | None, bool]:
    """The date nearest the trigger that is not a deadline ("up to the end of 2018"); with
    none, the document's date when the sentence speaks of the decision in the present, perfect or
    future ("the EU will mobilise …", "has pledged …", a headline): a decision announced then."""
    floor = after_dateline(ctx.text, s)  # "LONDON, 2 March 2021 --": when it was filed, not decided
    candidates = [d for d in s.dates if d.start >= floor and not (
        _DEADLINE.search(ctx.text[max(s.start, d.start - 30) : d.start]) and d.date.day is None and not d.relative)]
    # "under the Official Security Assistance programme Tokyo launched in April": the date of the programme's launch
    # (a clause with "that"/"which" is left to the relative-clause rule below: "a package that the Fund adopted in April")
    candidates = [d for d in candidates if not (d.start > t.end + 25 and (launch := re.search(
        r"(?:\b(?:that|which)\s+(?:the\s+)?)?\b(?:[A-Z][\w.'’\-]*\s+){1,3}(?:launched|created|established|set\s+up|adopted|introduced|founded|started|opened)"
        r"\s+(?:(?:in|on|last)\s+)?$", ctx.text[max(t.end, d.start - 60) : d.start])) is not None
        and not re.match(r"that|which", launch.group(0)))]
    # "the EU would provide €105 million this year": when money still to come is spent, not when it was decided
    to_come = _NOT_YET_DONE.search(ctx.text[max(s.start, t.start - 40) : t.start]) is not None
    candidates = [d for d in candidates if not (to_come and d.relative and d.date.month is None and d.start > t.end)]
    # "will be wound down and the programmes concluded by 31 August 2026": a deadline after a decision still to come
    candidates = [d for d in candidates if not (d.start > t.end and re.search(r"\b(?:by|until|till|before)\s+(?:the\s+)?$",
                  ctx.text[max(s.start, d.start - 12) : d.start]) and to_come)]
    candidates = [d for d in candidates if not re.match(r"\s*(?:budget|fiscal)", ctx.text[d.end : d.end + 10])]
    # "the EU-Turkey statement of March 2016": a date after "of" dates the noun before it; "on hold since
    # January": a date after "since" dates the start of a state; neither is the decision's date
    candidates = [d for d in candidates if not (d.text.lower().startswith(("of ", "since "))
                                                or re.search(r"\b(?:of|since)\s+(?:the\s+)?$", ctx.text[max(s.start, d.start - 8) : d.start]))]
    # "the freeze … that President Trump ordered on January 20": a relative clause after the trigger dates its own verb
    candidates = [d for d in candidates if not (d.start > t.end and (rel := re.search(
        r"\b(?:that|which)\s+(?:[^\s,;:]+\s+){1,6}$", ctx.text[max(t.end, d.start - 60) : d.start])) is not None
        and max(t.end, d.start - 60) + rel.start() - t.end > 25)]
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
    if re.search(r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decades|months)\b|\bsince\s+(?:19|20)\d\d\b",
                 ctx.text[s.start : t.start], re.IGNORECASE):
        return None, False  # "Over the past 25 years Sweden has provided …": a sum over a period, decided at no one time
    word = ctx.text[t.start : t.end].lower()
    present = bool(re.match(r"\w+s$", word.split()[0])) and not word.endswith("ss")
    if _NOT_YET_DONE.search(before) or present or s.index == 0:
        return PartialDate.of(ctx.doc_date), True
    return None, False


_DONOR_AFTER = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$")
# "migrants trying to cross from Turkey": a place people come from, not a donor
_MOVED_FROM = re.compile(r"\b(?:cross\w*|fle\w+|fled|arriv\w*|com(?:e|es|ing)|came|migrants?|refugees?|people|travel\w*|mov(?:e|es|ed|ing)|"
                         r"escap\w*|return\w*|deport\w*|head\w*|sail\w*|flights?|boats?)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
# "during a visit to Beirut with Cypriot President Nikos Christodoulides": a companion, not a recipient
_COMPANION = re.compile(r"\b(?:with|alongside|accompanied\s+by|joined\s+by|together\s+with)\s+(?:[\w.\-]+\s+){0,3}$", re.IGNORECASE)
# "toward the U.S. border": the country names a place there, it receives nothing
# "a leaked U.N. report", "a World Bank study": the body names a document or its authors, it receives nothing
_MODIFIER_OF_TEXT = re.compile(r"\s+(?:group\s+of\s+experts|panel\s+of\s+experts|report|reports|study|studies|experts|investigators|"
                               r"inquiry|audit|figures|data|estimates?|resolution|survey|monitors)\b")
_MODIFIER_OF_PLACE = re.compile(r"(?:'s|’s)?\s+(?:border|borders|coast|coastline|side|soil|territory|embassy|citizens|nationals|waters|islands|shores)\b")
# "the suspension of security assistance that the State Department announced", "a package of almost
# €127 million that the European Commission announced": the actor of the relative clause
_RELATIVE_AGENT = re.compile(r"(?:\s+(?:[^\s,;:.()]|\.(?=\d))+){0,6}?\s+(?:that|which)\s+(?:the\s+)?", re.IGNORECASE)
_RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|from|in|towards?|with)\s+(?:the\s+|its\s+|their\s+)?(?:(?:government|people|authorities)\s+of\s+)?$"
                               r"|,\s+(?:and\s+)?$|\s+and\s+$", re.IGNORECASE)


def _donor_and_recipients(
    ctx: DocContext, s: Sentence, t: _Trigger, start: int, end: int, next_trigger: int | None = None
) -> tuple[Actor | None, list[Actor]]:
    text = ctx.text
    before = ctx.actors_in(s, start, t.start)
    after = ctx.actors_in(s, t.start, end)
    if re.match(r"waiver|exempt", text[t.start : t.end], re.IGNORECASE):
        return _waiver(text, after)
    donor: Actor | None = None
    recipients: list[Actor] = []
    # "Turkey will receive €3bn", "Afghanistan would no longer be able to draw on IMF resources": the subject gets it
    receiving = bool(re.search(r"receiv|\bable\s+to", text[t.start : t.end], re.IGNORECASE))
    taking = t.action in {"Cut", "Withhold", "Suspend", "Deny", "Reallocate"}
    introduced: list[Actor] = []
    after = [a for a in after if not _MODIFIER_OF_PLACE.match(text, a.end)
             and not (a.via == "organisation" and _MODIFIER_OF_TEXT.match(text, a.end))
             and not (a.via == "official" and _COMPANION.search(text, max(start, a.start - 40), a.start))
             and not _MOVED_FROM.search(text, max(start, a.start - 40), a.start)]
    if next_trigger is not None:
        # "The Netherlands held back 5 million euros and the United States cut …": the actor right
        # before the next decision's verb is its subject, not this one's recipient
        after = [a for a in after if not (a.end <= next_trigger and re.fullmatch(
            r"\s+(?:(?:has|have|had|also|then|later|would|will|itself)\s+)*", text[a.end : next_trigger]))]
    if t.action in _TAKING:
        # "phases out aid to five countries to increase support for Ukraine": the purpose names where
        # the money goes next, not whose aid is cut
        purpose = _PURPOSE_INFINITIVE.search(text, t.end, end)
        if purpose is not None:
            after = [a for a in after if a.start < purpose.start()]
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
    if receiving and donor is None:
        # "draw on IMF resources": whose the money is; else who said so ("The IMF said that …")
        owner_of = next((a for a in after if len(a.actors) == 1 and re.match(
            r"(?:'s|’s)?\s+(?:[\w\-]+\s+){0,2}?(?:aid|assistance|resources|funds|funding|loans|grants|money)\b", text[a.end : a.end + 40])), None)
        speaker = next((a for a in before if len(a.actors) == 1 and re.match(
            r"\s+(?:[\w\-]+\s+){0,3}?(?:said|announced|told|stated|confirmed)\b", text[a.end : a.end + 40])), None)
        donor = owner_of.actors[0] if owner_of else speaker.actors[0] if speaker else None
    if receiving:
        for a in before:
            for actor in a.actors:
                if actor not in recipients and actor != donor:
                    recipients.append(actor)
    elif before:
        subject = _nearest_subject(text, before, t.start) or _subject(text, before, start)
        if subject is not None and donor is None:
            donor = subject
        # "To increase our support to Ukraine we must …, and that is why Sweden is phasing out aid to …":
        # when the trigger's clause names recipients, one before it belongs to another clause
        bounds = [m.end() for m in re.finditer(r",\s+(?:and|but|so)\s+|;\s*", text[start : t.start])]
        own = start + bounds[-1] if bounds else start
        for a in before:
            if a.start < own and recipients:
                continue
            if a.via in {"anaphor", "group"} or re.search(r"\b(?:to|for)\s+(?:the\s+)?$", text[max(start, a.start - 8) : a.start]):
                for actor in a.actors:
                    if actor not in recipients and actor != donor:
                        recipients.append(actor)
    if not recipients and not receiving:
        # "Sweden gives Ethiopia some 60 million euros a year, … but it would not hand over another cent":
        # the object of an earlier verb of giving in the sentence
        recipients = [a.actors[0] for a in before if len(a.actors) == 1 and a.actors[0] != donor and re.search(
            r"\b(?:gives|gave|given|giving|pays|paid|handed|hands|sends|sent|grants|granted|offers|offered|owes|owed)\s+$",
            text[max(start, a.start - 12) : a.start])]
    m = _RELATIVE_AGENT.match(text, t.end, end)
    if donor is None and m:
        agent = next((a for a in after if a.start == m.end()), None)
        if agent is not None and len(agent.actors) == 1:
            donor = agent.actors[0]  # "the suspension of security assistance that the State Department announced"
    if donor is None:
        # "The programmes for Nepal will be wound down …, Finland said on Friday": the speaker decides
        speaker_after = next((a for a in after if len(a.actors) == 1 and re.search(r",\s*(?:the\s+)?$", text[max(start, a.start - 8) : a.start])
                              and re.match(r"\s+(?:\w+\s+)?(?:said|announced|stated|confirmed)\b", text[a.end : a.end + 25])), None)
        if speaker_after is not None:
            donor = speaker_after.actors[0]
    agencies = [a for a in after if a.via == "organisation" and a.actors[0].kind == "country"]
    if donor is None and agencies:
        donor = agencies[0].actors[0]  # "… was reprogrammed," Pentagon spokesman X said
    national = {a.actors[0] for a in after if a.via == "organisation" and a.actors[0].kind == "country"}
    named = {actor for a in after if a.via != "organisation" for actor in a.actors}
    recipients = [r for r in recipients if r != donor and (r not in national or r in named)]
    return donor, recipients


_TAKING = {"Cut", "Withhold", "Suspend", "Deny"}
_PURPOSE_INFINITIVE = re.compile(r",?\s+(?:in\s+order\s+)?to\s+(?:increase|boost|raise|step\s+up|fund|finance|free\s+up|make\s+room\s+for|"
                                 r"redirect|pay\s+for|help|support)\b", re.IGNORECASE)


def _waiver(text: str, after: list[ActorMention]) -> tuple[Actor | None, list[Actor]]:
    """ "a waiver exempting Costa Rica from the freeze on U.S. foreign assistance": the exempted
    country gets its aid back from the donor whose freeze it was."""
    exempted = [a for a in after if re.search(r"\b(?:exempting|exempts?|exempted|for)\s+(?:the\s+)?$", text[max(0, a.start - 12) : a.start])]
    recipients = [actor for a in exempted[:1] for actor in a.actors]
    freezer = next((a for a in after if a not in exempted and len(a.actors) == 1 and (
        re.search(r"\b(?:on|of)\s+(?:the\s+)?$", text[max(0, a.start - 8) : a.start])
        or re.match(r"(?:'s|’s)?\s+(?:[\w\-]+\s+){0,2}?(?:aid|assistance|funding|freeze|suspension)\b", text[a.end : a.end + 40]))), None)
    donor = freezer.actors[0] if freezer else None
    return donor, [r for r in recipients if r != donor]


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
            if re.search(r"\b(?:to|for|in|into|from|with|of|through|towards?|via|told|informed|warned|asked|urged|pressed)\s+(?:the\s+)?$", prefix):
                return None
            if a.via == "country" and _is_adjective(text, a):
                # "Japanese ODA commitments", "Swedish aid will rise": the adjective on the aid names its donor
                own_aid = re.search(r"\b(?:aid|assistance|ODA|funding|loans?|grants?|development|budget|financial)\b",
                                    text[a.end : trigger_start + 30], re.IGNORECASE)
                return a.actors[0] if own_aid and own_aid.start() + a.end <= trigger_start + 12 else None
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
        opener = re.fullmatch(r"\W*(?:Under|In|On|After|Before|As|With|At|During|Following|Since|Last|This|Earlier|Later)\b[^,;]*,\s+",
                              text[start : a.start])
        if not opener and re.search(r"\b(?:to|for|in|into|from|with|of|across|through|towards?|via|past|near|against|on|at|by)\s+(?:the\s+|a\s+)?$|,\s+$|\band\s+$", prefix):
            continue  # the object of a preposition, or the next item of a list after one ("Under the text, Italy …" is neither)
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


# "in Latin America and the Caribbean", "for the region": money for a region names no one country
_REGION = re.compile(r"\b(?:in|for|to|across|throughout|of)\s+(?:the\s+)?(?:wider\s+)?(?:Latin\s+Americ\w*|Caribbean|Africa\w*|Sahel\w*|"
                     r"Central\s+Americ\w*|South\s+Americ\w*|Middle\s+East\w*|(?:Western\s+)?Balkans|Americas|hemisphere|region|"
                     r"Horn\s+of\s+Africa|Asia\w*|Pacific|Mediterranean|Sub-Saharan\s+Africa)\b")
# "aid to five countries", "several partner countries": recipients the sentence does not name ("the three
# countries" names ones the document has named)
_UNNAMED_COUNTRIES = re.compile(r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\ball\s)(?<!\bboth\s)\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|many|a\s+number\s+of|dozens\s+of)\s+"
                                r"(?:[\w\-]+\s+)?(?:countries|nations|states|governments)\b"
                                r"|\b(?:in|to|for|across)\s+(?:partner\s+|other\s+|poor\s+|poorer\s+|developing\s+)?countries\s+(?:of|affected|hit|hosting|where|that|which)\b",
                                re.IGNORECASE)
# a sentence that speaks of a government without naming its country: "the administration", "the Union",
# "the minister", a spokesperson
_GOVERNMENT_WORD = re.compile(r"\b(?:government|administration|Union|Commission|ministry|department|cabinet|chancellor|president|"
                              r"premier|prime\s+minister|minister|secretary|spokes\w+|officials?|authorities|White\s+House|"
                              r"Kremlin|donors?|the\s+(?:[A-Z]\w+\s+){0,2}(?:Fund|Bank|Facility|Council|Agency|Office)|lawmakers|parliament|congress|(?:it|he|she|they|we)\s+(?:\w+\s+)?(?:would|will|has|have|had|"
                              r"said|announced|pledged|promised|agreed|decided)|I|we|our)\b", re.IGNORECASE)


def _commission(ctx: DocContext, s: Sentence) -> Actor | None:
    """ "The Commission had earmarked …" in a document about the European Union: the EU."""
    if not re.search(r"\b(?:the|The)\s+Commission\b", ctx.text[s.start : s.end]):
        return None
    eu = Actor.organisation("eu")
    return eu if eu in ctx.actor_counts() else None


def _home_donor(ctx: DocContext, s: Sentence, recipients: list[Actor]) -> Actor | None:
    """When a sentence names no donor but speaks of a government ("the administration warned …",
    "the Union will …"), the actor the document names most, other than the recipients."""
    previous = ctx.sentences[s.index - 1] if s.index > 0 else s
    if not any(_GOVERNMENT_WORD.search(ctx.text, x.start, x.end) or x.officials for x in (s, previous)):
        return None
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


# "cutting off U.S. aid to South Africa" … "shall not provide aid … for as long as": one stop, told
# again in other words
_STOPS = {"Cut", "Suspend", "Deny"}


def _same(a: AidFact, b: AidFact) -> bool:
    if a.donor != b.donor or set(a.recipients) != set(b.recipients):
        return False
    if a.action != b.action and not (a.action in _STOPS and b.action in _STOPS and _restates(a, b)):
        return False
    if a.amount is not None and b.amount is not None and (a.amount != b.amount or a.currency != b.currency):
        return False
    if a.date is not None and b.date is not None and not a.date.compatible(b.date) and not (
            (a.date_is_report_date or b.date_is_report_date) and _days_apart(a.date, b.date) <= 7):
        return False  # the report's date is only a guess at when a decision taken days before was taken
    return a.amount is None or b.amount is None or a.amount == b.amount


def _days_apart(a: PartialDate, b: PartialDate) -> int:
    if a.month is None or a.day is None or b.month is None or b.day is None:
        return 10**6
    return abs((dt.date(a.year, a.month, a.day) - dt.date(b.year, b.month, b.day)).days)


def _restates(a: AidFact, b: AidFact) -> bool:
    """A later sentence close by, with no date or amount of its own that differs, restates a stop."""
    if b.date is not None and not b.date_is_report_date and (a.date is None or str(a.date) != str(b.date)):
        return False
    if a.amount is not None and b.amount is not None and a.amount != b.amount:
        return False
    # "The order says the United States shall not provide aid …": the sentence names the decision just reported
    if 0 <= b.evidence[0].start - a.evidence[-1].end <= 600 and b.amount is None and re.match(
            r"\W*(?:It|He|She|They|The\s+(?:\w+\s+)?(?:bank|lender|government|ministry|minister|fund|agency|department))\s+"
            r"(?:also\s+)?(?:added|said|stated|explained|confirmed)\s+that\b", b.evidence[0].quote):
        return True  # "It added that no new public financing … would be presented": the stop, said again
    return 0 <= b.evidence[0].start - a.evidence[-1].end <= 1200 and bool(re.match(
        r"\W*(?:The|This|That|Its|His|Her|Their)\s+(?:[\w\-]+\s+)?(?:order|decision|move|measure|directive|memo\w*|announcement|"
        r"freeze|halt|suspension|cut|cutoff|step|instruction)\b", b.evidence[0].quote))

