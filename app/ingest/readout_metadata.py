"""Metadata a readout carries in its text when a client gives none: the kind of event and its date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_KIND_CUES = [
    ("joint statement", re.compile(r"\bjoint (?:statement|declaration|communiqu[eé])\b", re.I)),
    (
        "video call",
        re.compile(
            r"\b(?:video ?(?:link|call|conference|talks|meeting|summit)|virtual (?:meeting|summit|talks)|virtually)\b",
            re.I,
        ),
    ),
    (
        "phone call",
        re.compile(
            r"\b(?:(?:tele)?phone (?:call|conversation|talks)|telephone|phoned|by phone|over the phone)\b", re.I
        ),
    ),
]
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
]


def guess_kind(text: str) -> str:
    """The kind of communication the opening of a readout describes; `meeting` when nothing says otherwise."""
    opening = text[:1500]
    for kind, cue in _KIND_CUES:
        if cue.search(opening):
            return kind
    return "meeting"


def find_date(*texts: str) -> dt.date | None:
    """The first full date (ISO, "August 25, 2021", "25 August 2021") in `texts`, in order."""
    for text in texts:
        for pattern in _DATES:
            for m in pattern.finditer(text[:3000]):
                try:
                    month = int(m["mon"]) if "mon" in m.groupdict() else MONTHS[m["month"].lower().rstrip(".")]
                    return dt.date(int(m["year"]), month, int(m["day"]))
                except (ValueError, KeyError):
                    continue
    return None


# Han ideographs and Hangul syllables: transliterated one syllable per character.
_SYLLABIC = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
# Where a person's name is written family name first, also in English ("Xi Jinping", "Moon Jae-in").
FAMILY_NAME_FIRST = frozenset(
    {"China", "Taiwan", "Hong Kong", "Macau", "North Korea", "South Korea", "Korea", "Vietnam", "Mongolia"}
)


def romanize(value: str) -> str:
    """`value` in Latin letters (anyascii: every script). A run of 2–4 Han or Hangul characters is read as
    a name, family name first: "习近平" → "Xi Jinping", "문재인" → "Mun Jaein"; "Путин" → "Putin"."""

    def run(match: re.Match[str]) -> str:
        syllables = [anyascii(ch).capitalize() for ch in match.group()]
        if 2 <= len(syllables) <= 4:
            return f" {syllables[0]} {''.join(syllables[1:]).capitalize()} "
        return " " + " ".join(syllables) + " "

    return anyascii(_SYLLABIC.sub(run, value)).strip()


def slugify(value: str, max_length: int = 80) -> str:
    """A URL slug: ASCII letters and digits joined by '-', from text in any script ("习近平" → "xi-jinping",
    "Владимир Путин" → "vladimir-putin", "Erdoğan" → "erdogan")."""
    ascii_text = unicodedata.normalize("NFKD", romanize(value)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"


def family_name(name: str, aliases: Iterable[str] = (), country: str | None = None) -> str:
    """The family name in a leader's name, for ids: "Xi Jinping" → "Xi", "Vladimir Putin" → "Putin",
    "Luiz Inácio Lula da Silva" → "Lula". The registry says which word it is where it can: an alias that is
    one word of the name ("Xi", "Putin", "Lula"), or a word in capitals ("KISHIDA Fumio"); else names from
    countries that write the family name first (China, Korea, Vietnam…), or written in Han or Hangul, give
    their first word, and others their last."""
    written_syllabic = bool(_SYLLABIC.search(name))
    words = romanize(name).split()
    if not words:
        return name
    by_fold = {w.casefold(): w for w in words}
    aliases = list(aliases)
    for alias in aliases:
        for token in alias.split():
            if len(token) > 1 and token.isupper() and token.casefold() in by_fold:
                return by_fold[token.casefold()]
    for alias in aliases:
        if alias.strip().casefold() in by_fold:
            return by_fold[alias.strip().casefold()]
    if written_syllabic or country in FAMILY_NAME_FIRST:
        return words[0]
    return words[-1]


def default_title(text: str) -> str:
    """The first non-empty line of the text, shortened."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 200 else line[:199].rstrip() + "…"
    return "Untitled readout"
