"""A synthetic corpus of news-like articles about migration deals and aid, for benchmarks.

Every article is built from templates written for this project, with a seeded random choice
of countries (from the project's gazetteer), officials (invented names), agreement kinds,
places, dates and amounts, so that the extractor finds real facts in it: one signed agreement
between two states with its two signatories, and two or three aid decisions. Background
paragraphs bring each article to about 800 words, as a wire story would be.

The same ``seed`` gives the same corpus on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Aid", "Article", "article", "write_corpus"]

# Countries whose gazetteer entry has a name, an adjective and a capital that read well in a
# sentence ("the Senegalese interior minister", "in Dakar").
_DONORS = ("USA", "GBR", "DEU", "FRA", "ITA", "ESP", "NLD", "JPN", "CAN", "AUS", "DNK", "SWE", "NOR", "CHE", "BEL")
_PARTNERS = (
    "MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "COL", "ECU", "PER", "BOL", "HTI", "DOM",
    "MAR", "DZA", "TUN", "LBY", "EGY", "MRT", "SEN", "MLI", "NER", "NGA", "GHA", "CIV", "GMB",
    "ETH", "ERI", "SDN", "SOM", "KEN", "UGA", "RWA", "TZA", "TUR", "JOR", "LBN", "IRQ", "PAK",
    "AFG", "BGD", "LKA", "PHL", "IDN", "ALB", "SRB", "MKD", "GEO", "ARM", "UKR",
)
_FIRST = (
    "Amina", "Carlos", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jonas", "Karim", "Laura",
    "Mateo", "Nadia", "Omar", "Petra", "Rafael", "Sofia", "Tomas", "Ursula", "Viktor", "Yasmin",
    "Adrian", "Beatriz", "Daniel", "Esther", "Felipe", "Hannah", "Ibrahim", "Julia", "Lukas", "Miriam",
)
_FAMILY = (
    "Abara", "Bellamy", "Castellano", "Delacroix", "Eriksen", "Fontaine", "Gallardo", "Haddad",
    "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Mbeki", "Navarro", "Okafor", "Petrov",
    "Quintero", "Rahimi", "Santoro", "Takahashi", "Umarov", "Valdivia", "Whitmore", "Yilmaz",
    "Zamora", "Achterberg", "Brennan", "Cardoso", "Dimitrov", "Esposito", "Ferreira", "Gutierrez",
    "Holloway", "Iglesias", "Jovanovic", "Karimi", "Lambert", "Moreau", "Nakamura", "Oyelaran",
)
_TITLES = ("Foreign Minister", "Interior Minister", "Minister of Foreign Affairs", "Minister of the Interior",
           "Minister for Migration", "Secretary of State")
_KINDS = ("memorandum of understanding", "agreement", "readmission agreement", "partnership agreement",
          "letter of intent", "protocol", "cooperation agreement")
_TOPICS = ("migration and border management", "returns and readmission", "asylum cooperation",
           "legal pathways for workers", "the protection of refugees", "coastal search and rescue",
           "the fight against people smuggling")
_PURPOSES = ("border management", "reception centres", "returns and reintegration", "search and rescue",
             "jobs for young people", "humanitarian assistance", "coast guard equipment")
_CURRENCIES = (("$", "USD"), ("€", "EUR"), ("£", "GBP"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

_AID_ACTIONS = {
    "Commit": ("{donor} pledged {money} to {recipient} for {purpose}, {title} {name} announced on {day}.",
               "The government of {donor} will provide {money} to {recipient} for {purpose}, {name} said."),
    "Withhold": ("{donor} said it would withhold {money} in aid to {recipient} until the government in {capital} "
                 "takes back more of its nationals.",),
    "Suspend": ("On {day}, {donor} suspended {money} in development aid to {recipient}, citing the crackdown on "
                "opposition parties.",),
    "Cut": ("In {month} {year} {donor} cut its aid to {recipient} by {money}, after a row over deportation flights.",),
    "Restore": ("{donor} restored {money} in assistance to {recipient} on {day}, reversing the freeze announced "
                "earlier in the year.",),
}

_BACKGROUND = (
    "The number of people crossing irregularly from {recipient} rose sharply over the past year, according to "
    "figures published by the International Organization for Migration.",
    "Officials in {capital} have long argued that money for border control must be matched by legal routes "
    "for workers and students.",
    "The United Nations High Commissioner for Refugees said it had not been consulted on the text, and asked "
    "both governments to publish it in full.",
    "Human rights groups warned that the arrangement could expose asylum seekers to detention and abuse.",
    "Opposition lawmakers in {donor} questioned whether the money would reach the communities it is meant for.",
    "Diplomats said the talks had stalled twice over the question of how many returns {recipient} would accept.",
    "The deal follows a series of similar arrangements that European and North American governments have struck "
    "with countries of origin and transit in recent years.",
    "Aid workers in the border region described overcrowded shelters and a shortage of clean water.",
    "Economists noted that remittances sent home by migrants are worth several times the aid on offer.",
    "A spokesperson for the ministry in {capital} said the government would present the text to parliament "
    "before the end of the session.",
    "Critics pointed out that earlier pledges had been paid out slowly, and that much of the money went to "
    "foreign contractors.",
    "Local mayors asked for a share of the funds to go directly to towns that host large numbers of returnees.",
    "The International Rescue Committee said that people forced back often try the journey again within months.",
    "Researchers who follow the route said smugglers adapt quickly to new patrols and change their departure "
    "points.",
    "The agreement does not create any new visa category, according to a summary released by the ministry.",
    "Farmers' associations in {donor} have lobbied for seasonal work schemes to fill vacancies in the harvest.",
    "Observers expect a first review of the arrangement within twelve months of its entry into force.",
    "Press reports said a joint committee of officials would meet every quarter to follow the implementation.",
    "The European Court of Human Rights has ruled against several returns to the region in the past decade.",
    "Newspapers in {capital} gave the signing ceremony wide coverage, and the president praised it in a speech.",
    "Some of the money is expected to be spent through the World Food Programme and local charities.",
    "Teachers' unions asked that part of the package pay for vocational training for young people.",
    "Port authorities said new patrol boats would be delivered in stages over the next two years.",
    "A leaked draft seen by reporters mentioned biometric registration of people intercepted at sea.",
)
_QUOTES = (
    '"This is a partnership of equals, and it will save lives," {name} told reporters after the ceremony.',
    '"We expect our partners to keep their side of the bargain," {name} said in a statement.',
    '"Nobody leaves home lightly; we want to give people a reason to stay," {name} said.',
    '"The money is there, but it comes with clear conditions," {name} told the press in {place}.',
)


@dataclass(frozen=True)
class Aid:
    """An aid decision an article states: action, amount in units of ``currency``, sentence."""

    action: str
    amount: int
    currency: str
    sentence: str


@dataclass(frozen=True)
class Article:
    """One synthetic article and the facts it states (what extraction should find)."""

    name: str
    text: str
    date: dt.date
    signed: dt.date
    place: str
    parties: tuple[str, str]
    signatories: tuple[str, str]
    titles: tuple[str, str]
    kind: str
    lead: str
    aid: tuple[Aid, ...]

    @property
    def aid_actions(self) -> tuple[str, ...]:
        return tuple(a.action for a in self.aid)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def article(number: int, *, seed: int = 0, words: int = 800) -> Article:
    """The article ``number`` of the corpus of ``seed``: about ``words`` words long."""
    from kg.extract.gazetteer import countries

    rng = random.Random(f"{seed}:{number}")
    table = countries()
    donor_iso, partner_iso = rng.choice(_DONORS), rng.choice(_PARTNERS)
    donor, partner = table[donor_iso], table[partner_iso]
    names = rng.sample([f"{f} {s}" for f in _FIRST for s in _FAMILY], 3)
    titles = [rng.choice(_TITLES) for _ in names]
    kind, topic = rng.choice(_KINDS), rng.choice(_TOPICS)
    signed = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(9 * 365))
    published = signed + dt.timedelta(days=rng.randrange(1, 4))
    place = rng.choice((donor.capital, partner.capital))
    symbol, code = rng.choice(_CURRENCIES)
    d_adj, p_adj = donor.adjectives[0], partner.adjectives[0]
    ctx = {"donor": donor.name, "recipient": partner.name, "capital": partner.capital, "place": place,
           "year": signed.year, "month": _MONTHS[signed.month - 1]}

    title = f"{donor.name} and {partner.name} sign {kind} on {topic}"
    lead = (f"{d_adj} {titles[0]} {names[0]} and {p_adj} {titles[1]} {names[1]} signed a {kind} on {topic} "
            f"in {place} on {_day(signed)}. The text commits {partner.name} to closer cooperation with "
            f"{donor.name} and sets out a timetable for the next three years.")
    actions = ["Commit", *rng.sample(sorted(set(_AID_ACTIONS) - {"Commit"}), rng.randint(1, 2))]
    aid = []
    for action in actions:
        amount = rng.randrange(5, 950)
        when = signed - dt.timedelta(days=rng.randrange(0, 200))
        sentence = rng.choice(_AID_ACTIONS[action]).format(
            **ctx, money=f"{symbol}{amount} million", purpose=rng.choice(_PURPOSES), day=_day(when),
            title=titles[2], name=names[2])
        aid.append(Aid(action, amount * 1_000_000, code, sentence))
    quote = rng.choice(_QUOTES).format(name=names[rng.randrange(2)].split()[-1], place=place)
    said = [a.sentence for a in aid]
    paragraphs = [title, f"Date: {published.isoformat()}", lead, " ".join(said[:2]), quote, *said[2:]]
    background = list(_BACKGROUND)
    rng.shuffle(background)
    while sum(len(p.split()) for p in paragraphs) < words:
        if not background:
            background = list(_BACKGROUND)
            rng.shuffle(background)
        chunk = [background.pop().format(**ctx) for _ in range(min(3, len(background)))]
        paragraphs.append(" ".join(chunk))
    return Article(
        name=f"article-{seed}-{number:06d}",
        text="\n\n".join(paragraphs) + "\n",
        date=published,
        signed=signed,
        place=place,
        parties=(donor_iso, partner_iso),
        signatories=(names[0], names[1]),
        titles=(titles[0], titles[1]),
        kind=kind,
        lead=lead.split(". ")[0] + ".",
        aid=tuple(aid),
    )


def write_corpus(folder: str | Path, count: int, *, seed: int = 0, words: int = 800) -> list[Path]:
    """Write ``count`` articles as ``.txt`` files (100 per sub-folder) and return their paths.

    Files already there with the same content are left alone, so that a second run is cheap.
    """
    root = Path(folder)
    paths = []
    for i in range(count):
        a = article(i, seed=seed, words=words)
        sub = root / f"{i // 100:04d}"
        path = sub / f"{a.name}.txt"
        data = a.text.encode("utf-8")
        if not (path.exists() and path.read_bytes() == data):
            sub.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths.append(path)
    return paths
