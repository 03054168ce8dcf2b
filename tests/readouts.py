"""Synthetic readouts for the concurrency and crash tests: many distinct texts, each clearly attributed."""

from __future__ import annotations

import random

PAIRS = [
    (("Xi Jinping", "Chinese President", "China"), ("Vladimir Putin", "Russian President", "Russia")),
    (("Narendra Modi", "Indian Prime Minister", "India"), ("Vladimir Putin", "Russian President", "Russia")),
    (("Emmanuel Macron", "French President", "France"), ("Olaf Scholz", "German Chancellor", "Germany")),
]
CLAIMS = [
    "{country} is ready to deepen cooperation with {other} on vaccine production",
    "{country} firmly supports the one-China principle",
    "{country} will work with {other} to stabilise the situation in Afghanistan",
    "the two countries should expand trade and investment",
    "{country} opposes any external interference in internal affairs",
    "{country} is willing to strengthen coordination within the United Nations",
]


def readout(i: int) -> tuple[str, str]:
    """The i-th readout (distinct for every i) and its date."""
    rng = random.Random(i)
    (a, a_title, a_country), (b, b_title, b_country) = PAIRS[i % len(PAIRS)]
    day = 1 + i % 28
    date = f"2022-{1 + (i // 28) % 12:02d}-{day:02d}"
    lines = [
        f"{a.split()[-1]} and {b.split()[-1]} hold phone talks (readout {i})",
        "",
        f"{a_title} {a} held a phone call with {b_title} {b} on {date}.",
        "",
    ]
    for speaker, country, other in rng.sample([(a, a_country, b_country), (b, b_country, a_country)] * 2, 3):
        claim = rng.choice(CLAIMS).format(country=country, other=other)
        lines += [f"{speaker.split()[-1]} said {claim}.", ""]
    lines.append("Both leaders agreed to maintain close contact.")
    return "\n".join(lines) + "\n", date
