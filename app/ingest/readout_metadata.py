"""Metadata a readout carries in its text when a client gives none: the kind of event and its date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

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
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
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


def slugify(value: str, max_length: int = 80) -> str:
    """A URL slug: ASCII letters and digits joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "untitled"


def default_title(text: str) -> str:
    """The first non-empty line of the text, shortened."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 200 else line[:199].rstrip() + "…"
    return "Untitled readout"
