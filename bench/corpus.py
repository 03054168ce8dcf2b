"""Synthetic readouts-shaped corpus: documents of ~8 attributed sentences between pairs of leaders.

Skew follows real readouts: a few leaders and topics dominate (Zipf weights), most leaders speak
rarely, dates cluster in recent years, and most sentences carry one or two topics. Deterministic
for a given seed, so every scale and every engine gets the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from app.annotate import Annotation, FoundPosition, Participant
from app.schemas import DocumentIn

POSITIONS_PER_DOCUMENT = 8  # 1M positions ~ 125k documents

COUNTRIES = [
    "China",
    "Russia",
    "United States",
    "India",
    "Brazil",
    "France",
    "Germany",
    "Japan",
    "Turkey",
    "Iran",
    "South Africa",
    "Indonesia",
    "Egypt",
    "Mexico",
    "Italy",
    "Kazakhstan",
    "Pakistan",
    "Vietnam",
    "Nigeria",
    "Argentina",
    "Saudi Arabia",
    "Canada",
    "Spain",
    "Poland",
    "Ukraine",
    "Belarus",
    "Serbia",
    "Cuba",
    "Venezuela",
    "Mongolia",
    "Laos",
    "Cambodia",
    "Thailand",
    "Malaysia",
    "Philippines",
    "Kenya",
    "Ethiopia",
    "Algeria",
    "Morocco",
    "Chile",
]
FIRST = [
    "Ana",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ivan",
    "Jamal",
    "Karin",
    "Luis",
    "Maria",
    "Nikos",
    "Omar",
    "Priya",
    "Quang",
    "Rosa",
    "Sergei",
    "Tariq",
    "Ursula",
    "Viktor",
    "Wei",
    "Yusuf",
]
LAST = [
    "Abbas",
    "Borisov",
    "Castro",
    "Dlamini",
    "Erdem",
    "Fischer",
    "Gomez",
    "Haddad",
    "Ito",
    "Jovanovic",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Nguyen",
    "Okafor",
    "Petrov",
    "Qureshi",
    "Rossi",
    "Sato",
    "Tanaka",
    "Usman",
    "Volkov",
    "Wang",
    "Yilmaz",
    "Zhou",
    "Almeida",
    "Bakr",
    "Costa",
    "Dumas",
    "Eriksen",
]
SEED_TOPICS = [
    "bilateral-relations",
    "multilateralism",
    "trade",
    "covid-19",
    "vaccines",
    "regional-security",
    "afghanistan",
    "terrorism",
    "sovereignty",
    "ukraine",
    "climate",
    "external-interference",
    "korean-peninsula",
    "middle-east",
    "taiwan",
    "south-china-sea",
    "hong-kong",
    "xinjiang",
    "drug-trafficking",
]
EXTRA_TOPICS = [
    "energy",
    "infrastructure",
    "agriculture",
    "finance",
    "digital-economy",
    "space",
    "arctic",
    "nuclear-energy",
    "food-security",
    "migration",
    "education",
    "tourism",
    "culture",
    "health",
    "water",
    "cybersecurity",
    "arms-control",
    "peacekeeping",
    "sanctions",
    "investment",
    "shipping",
    "fisheries",
    "mining",
    "transport",
    "science",
    "sport",
    "youth",
    "media",
    "customs",
    "development-aid",
    "debt",
    "currency",
    "telecoms",
    "aviation",
    "railways",
    "ports",
    "grain",
    "fertilizers",
    "gas",
    "oil",
    "electricity",
]
ACTS = ["assert", "support", "agree", "commit", "call", "oppose"]
ACT_WEIGHTS = [30, 25, 18, 14, 9, 4]
VERBS = {
    "assert": "said",
    "support": "said {country} supports",
    "agree": "agreed that",
    "commit": "pledged that",
    "call": "called for",
    "oppose": "said {country} opposes",
}
WORDS = [
    "cooperation",
    "partnership",
    "development",
    "dialogue",
    "stability",
    "security",
    "mutual",
    "trust",
    "strategic",
    "comprehensive",
    "coordination",
    "exchanges",
    "practical",
    "economic",
    "people",
    "peace",
    "region",
    "international",
    "community",
    "joint",
    "efforts",
    "consultation",
    "framework",
    "sides",
    "relations",
    "principles",
    "interests",
    "initiative",
    "agreement",
    "progress",
    "prosperity",
    "sustainable",
    "investment",
    "connectivity",
    "projects",
    "implementation",
    "mechanism",
    "frank",
    "fruitful",
    "constructive",
    "historic",
    "friendship",
    "neighbours",
    "challenges",
    "opportunities",
    "support",
    "confidence",
    "consensus",
    "measures",
    "steady",
    "momentum",
    "summit",
    "talks",
    "visit",
    "delegation",
    "ministers",
    "leaders",
    "ties",
    "respect",
    "equality",
    "benefit",
    "win-win",
    "global",
    "governance",
    "order",
    "pandemic",
    "recovery",
    "supply",
    "chains",
    "markets",
    "technology",
    "innovation",
    "green",
    "transition",
]


@dataclass(frozen=True)
class SyntheticLeader:
    slug: str
    name: str
    country: str


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank**s) for rank in range(1, n + 1)]


def leaders(count: int = 400) -> list[SyntheticLeader]:
    """`count` leaders; the first two are the seed's Xi Jinping and Vladimir Putin."""
    out = [
        SyntheticLeader("xi-jinping", "Xi Jinping", "China"),
        SyntheticLeader("vladimir-putin", "Vladimir Putin", "Russia"),
    ]
    rng = random.Random(1)
    seen = {le.name for le in out}
    while len(out) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{name} {rng.choice(LAST)}"
            if name in seen:
                continue
        seen.add(name)
        slug = name.lower().replace(" ", "-")
        out.append(SyntheticLeader(slug, name, COUNTRIES[len(out) % len(COUNTRIES)]))
    return out


def topics() -> list[str]:
    return SEED_TOPICS + EXTRA_TOPICS


def documents(n_documents: int, seed: int = 7) -> Iterator[tuple[DocumentIn, Annotation]]:
    """`n_documents` pre-annotated readouts (document, annotation), deterministic for `seed`."""
    rng = random.Random(seed)
    people = leaders()
    vocab = topics()
    # Cumulative weights computed once: random.choices would otherwise re-accumulate them on every
    # call (most of the generator's time). Same draws, so the same corpus as with plain weights.
    people_w = list(accumulate(zipf_weights(len(people), 1.2)))
    topic_w = list(accumulate(zipf_weights(len(vocab), 1.0)))
    act_w = list(accumulate(ACT_WEIGHTS))
    n_topics_w = list(accumulate((55, 35, 10)))
    start = dt.date(2000, 1, 1)
    span = (dt.date(2025, 12, 31) - start).days
    for k in range(n_documents):
        a, b = rng.choices(people, cum_weights=people_w, k=2)
        while b == a:
            b = rng.choices(people, cum_weights=people_w)[0]
        # Newer readouts are more numerous: squaring a uniform draw skews towards the end of the range.
        date = start + dt.timedelta(days=int(span * (1 - rng.random() ** 2)))
        kind = rng.choice(("phone call", "phone call", "meeting", "video call", "joint statement"))
        parts = [f"{a.name} held a {kind} with {b.name} on {date.strftime('%B %d, %Y').replace(' 0', ' ')}."]
        spans: list[FoundPosition] = []
        offset = len(parts[0]) + 1
        for _ in range(POSITIONS_PER_DOCUMENT):
            roll = rng.random()
            speakers = (a, b) if roll < 0.1 else ((a,) if roll < 0.55 else (b,))
            act = rng.choices(ACTS, cum_weights=act_w)[0]
            n_topics = rng.choices((1, 2, 3), cum_weights=n_topics_w)[0]
            picked = list(dict.fromkeys(rng.choices(vocab, cum_weights=topic_w, k=n_topics)))
            who = " and ".join(s.name for s in speakers)
            verb = VERBS[act].format(country=speakers[0].country)
            filler = " ".join(rng.choices(WORDS, k=rng.randint(8, 18)))
            sentence = f"{who} {verb} {' and '.join(t.replace('-', ' ') for t in picked)} {filler}."
            parts.append(sentence)
            spans.append(
                FoundPosition(
                    start=offset,
                    end=offset + len(sentence),
                    speakers=tuple(s.name for s in speakers),
                    topics=tuple(picked),
                    act=act,
                    confidence=1.0,
                )
            )
            offset += len(sentence) + 1
        text = " ".join(parts)
        payload = DocumentIn(
            text=text,
            id=f"doc-{k:07d}",
            title=f"{a.name} and {b.name}: {kind} ({k})",
            date=date,
            kind=kind,
            source="Synthetic",
            participants=[a.slug, b.slug],
        )
        yield payload, Annotation(participants=(Participant(a.name), Participant(b.name)), positions=tuple(spans))
