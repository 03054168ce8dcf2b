"""Sentence segmentation with exact code-point offsets, tuned for summit readouts.

Readouts are newswire text: a headline line, a dateline ("BEIJING, Aug. 25 (Xinhua) --",
"MOSCOW, August 25. /TASS/.", "(MENAFN)"), numbered paragraphs ("3. The Presidents ..."),
abbreviations ("U.S. President", "Mr.", "Aug. 5", "No. 1") and quotations running over
several sentences. Each span returned is `(start, end)` with `text[start:end]` the sentence,
no outer whitespace, datelines and paragraph numbers left outside the span.

Why our own rules rather than pysbd or syntok (the comparison, with its figures, is in
docs/performance.md): both libraries leave datelines and paragraph numbers inside spans, which
we would still have to post-process, neither maps back to offsets by itself, and both were
slower and less exact on the gold spans than these rules. No third-party dependency.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "strip_lead"]

# Line breaks Python's str.splitlines() knows, minus the rare ones we never see in readouts.
_LINE_RE = re.compile(
    r"[^\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]*(?:\r\n|[\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]|$)"
)

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = r"(?:\d{1,2}\s+" + _MONTHS + r"(?:,?\s+\d{4})?|" + _MONTHS + r"\s+\d{1,2}(?:,?\s+\d{4})?)"
# A place in title case, up to three words ("Beijing", "New Delhi", "Rio de Janeiro").
_TPLACE = r"[A-Z][a-z]+(?:[ -](?:de|da|do|el|al|[A-Z][a-z]+)){0,2}"
# What stands before a colon at a paragraph's start and is no place: labels, titles of speakers.
_LABELS = (
    r"(?:Source|Sources|Photo|Photos|Image|Images|Picture|Video|Watch|Listen|Read|Also|See|Related|More|Details|"
    r"Category|Tags?|Published|Posted|Updated|Update|Summary|Key|Note|Editor|Caption|Credit|Credits|Breaking|"
    r"Exclusive|Opinion|Analysis|Comment|Advertisement|Subject|Title|Date|Time|By|From|To|Topic|Topics|Keywords|"
    r"Q|A|President|Prime|Premier|Chancellor|Minister|King|Queen|Emir|Amir|Crown|Sheikh|Mr|Mrs|Ms|Dr|"
    r"Secretary|Spokesman|Spokesperson|Reporter|Question|Answer)\b"
)
# A dateline opens a paragraph: CITY, DATE then an agency/separator, or an agency tag alone.
_DATELINE_RE = re.compile(
    r"""^(?:
        (?:[Dd]ated?:?\s+)?\d{4}-\d{2}-\d{2}(?:[T\s]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)
      | \((?:MENAFN|AFP|AP|Reuters|Xinhua|TASS|ANI|IANS|PTI|UNI
           |Kyodo|Yonhap|APA|IRNA|WAM|SPA|KUNA|QNA)\)\s*(?:--|[-\u2013\u2014:])?\s*
      | [A-Z][\w.'\u2019-]*(?:[ \-][\w.'\u2019-]+){0,3}(?:,\s*[A-Z][\w. ]{1,25})?,\s*
        (?:"""
    + _MONTHS
    + r"""\s+\d{1,2}|\d{1,2}\s+"""
    + _MONTHS
    + r""")(?:,?\s+\d{4})?
        (?:
            \s*\.?\s*/[^/\n]{1,25}/\s*\.?\s*(?:--|[-\u2013\u2014])?\s*
          | \s*\([^()\n]{1,30}\)\s*(?:--|[-\u2013\u2014:])?\s*
          | \s*(?:--|[-\u2013\u2014])\s*
          | \s*$
        )
      | [A-Z][A-Z.'\u2019 -]{1,40}\s*\([^()\n]{1,30}\)\s*(?:--|[-\u2013\u2014:])\s*
        # "BEIJING (UrduPoint News / Sputnik - 10th September, 2021) German Chancellor ...":
        # an outlet and date in brackets, no separator after them
      | [A-Z]{3}[A-Z.'\u2019 -]{0,37}\s*\((?=[^()\n]*[\d/])[^()\n]{3,80}\)\s*(?:(?:--|[-\u2013\u2014:])\s*)?(?=[A-Z])
      | [A-Z][A-Z.'\u2019 -]{2,40}\s*(?:--|\u2014|\u2013)\s*
        # Other outlets' forms. A place in capitals with a colon or a spaced hyphen, cities
        # joined by a slash, a date after it: "KATHMANDU: ", "SAMARKAND/MOSCOW    -   ",
        # "CAIRO \u2013 22 February 2021: "
      | [A-Z]{3}[A-Z.'\u2019/ -]{0,37}?\s*(?::|--|[\u2013\u2014]|-(?=\s))\s*
        (?:"""
    + _DATE
    + r"""\s*(?::|--|[-\u2013\u2014])?\s*)?(?=[A-Z"\u201c])
        # a place in title case with the outlet, date or both in brackets:
        # "Metro Manila (CNN Philippines, June 12) \u2014 "
      | """
    + _TPLACE
    + r"""\s*\([^()\n]{1,40}\)\s*(?:--|[-\u2013\u2014:])\s*
        # or with a colon, a date after it: "New Delhi: ", "Beijing: 18 July 2021 (TDI):  "
        # (not a label: "Source: ", "Photo: ", nor a speaker: "President X: ")
      | (?!"""
    + _LABELS
    + r""")"""
    + _TPLACE
    + r""":\s*(?:"""
    + _DATE
    + r"""\s*(?:\([^()\n]{1,30}\))?\s*:?\s*)?(?=[A-Z"\u201c])
        # a date and the agency, or a date after a dateline: "March 29 (UPI) -- ", "22 February 2021: "
      | """
    + _DATE
    + r"""(?:\s*\([^()\n]{1,30}\)\s*(?:--|[-\u2013\u2014:])|:)\s*
        # a city and its country, then a dash: "MANILA, Philippines \u2014 ", "London, United Kingdom - "
      | (?!"""
    + _LABELS
    + r""")(?:[A-Z]{3}[A-Z.'\u2019 -]{0,25}|"""
    + _TPLACE
    + r"""),\s*"""
    + _TPLACE
    + r"""\s+(?:--|[\u2013\u2014]|-(?=\s))\s*(?=[A-Z"\u201c])
        # any outlet in brackets, then a dash: "(TibetanReview.net, Sep24\u201923) \u2013 "
      | \([^()\n]{2,40}\)\s*(?:--|[\u2013\u2014]|-(?=\s))\s*
    )""",
    re.X,
)
_DATELINE_MAX = 120
# Paragraph numbers and bullets: "3. ", "(4) ", "iv) ", "• ".
_PARNUM_RE = re.compile(r"^(?:\d{1,3}[.)]|\(\d{1,3}\)|\(?[ivxlc]{1,5}\)|[\u2022\u25aa\u25cf\u00b7*\u2013\u2014-])\s+")
# A list item's marker at a line's start.
_ITEM_RE = re.compile(r"\s*([\u2022\u25aa\u25cf\u00b7*\u2013\u2014-])\s")

# Words after which a period never ends a sentence.
_NEVER_END = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "amb",
        "adm",
        "cmdr",
        "supt",
        "insp",
        "fr",
        "messrs",
        "mme",
        "mlle",
        "dept",
        "est",
        "approx",
        "vs",
        "fig",
        "nos",
        "art",
        "para",
        "cf",
    ]
)
_NUMBERED = frozenset(["no", "nos", "vol", "p", "pp", "ch", "sec", "op"])  # "No. 1": not an end before a number
_MONTH_ABBR = frozenset(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
# After "U.S." / "a.m." a capitalised word usually continues the sentence ("U.S. President"),
# unless it is a typical sentence opener.
_OPENERS = frozenset(
    [
        "the",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "but",
        "this",
        "that",
        "these",
        "those",
        "both",
        "in",
        "on",
        "at",
        "according",
        "however",
        "meanwhile",
        "earlier",
        "later",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "there",
        "as",
        "after",
        "before",
        "during",
        "for",
        "when",
        "while",
    ]
)

# Country names that headlines shorten with a compass initial: "S. Korea", "N. Korea", "S. Africa".
_COMPASS_COUNTRIES = frozenset(["korea", "koreans", "korean", "africa", "african", "sudan", "macedonia"])

# Words before a capital letter + period that make it a numeral/label, not an initial.
_NOT_NAMES = frozenset(
    [
        "article",
        "chapter",
        "part",
        "annex",
        "section",
        "title",
        "phase",
        "plan",
        "group",
        "class",
        "grade",
        "type",
        "vitamin",
        "stage",
        "level",
        "sputnik",
        "appendix",
        "schedule",
        "item",
        "clause",
        "protocol",
    ]
)
# („…“ closes with \u201c.) A run of marks covers "...": the pattern opens with a character
# class, so the engine skips to the marks.
# A stop glued to the next sentence ("the Olympic Games.Xi pointed out", scraped pages) ends it too
# when a lower-case word precedes it and a capitalised word follows ("U.S.", "St.Petersburg" do not).
_END_RE = re.compile(
    r"[.!?\u2026](?:[.!?\u2026]*[\"'\u201c\u201d\u2019\u00bb)\]]*(?=\s|$)|(?<=[a-z][a-z]\.)(?=[A-Z][a-z]))"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.$")
_QUOTE_OPEN = "\"'\u201c\u2018\u00ab(["


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end-without-newline, ended_by_newline) for every line."""
    out = []
    for m in _LINE_RE.finditer(text):
        if m.start() == m.end():
            break
        body = m.group().rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        out.append((m.start(), m.start() + len(body), len(body) != len(m.group())))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Group lines into blocks: a line is its own block (headlines, datelines, paragraphs)
    unless it is visibly hard-wrapped prose continuing on the next line."""
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    prev_line = ""
    lines = _lines(text)
    # A text with a line longer than any fixed wrap width is not hard-wrapped: its short lines
    # without a final stop are headlines and bylines, whatever their length.
    wrapped = all(end - start <= _UNWRAPPED_MIN for start, end, _ in lines)
    for start, end, _ in lines:
        line = text[start:end]
        if not line.strip():
            if cur:
                blocks.append(cur)
            cur, prev_line = None, ""
            continue
        if cur is not None and _continues(prev_line, line, wrapped):
            cur = (cur[0], end)
        else:
            if cur:
                blocks.append(cur)
            cur = (start, end)
        prev_line = line
    if cur:
        blocks.append(cur)
    return blocks


def _continues(prev: str, line: str, wrapped: bool = True) -> bool:
    """Is `line` the continuation of a hard-wrapped `prev` line? (`wrapped`: whether the text
    may be hard-wrapped at all.)"""
    p = prev.rstrip()
    if not p or p[-1] in '.!?:;"\u201d)':
        return False
    b = _ITEM_RE.match(line)
    if b is not None and prev.lstrip().startswith(b.group(1)):
        return False  # "\u2014 stress importance of ..." under "\u2014 oppose ...": the next item of a list
    first = line.lstrip()[:1]
    if first.islower() or first in ",;":
        return True
    # A long line without final punctuation followed by more text is wrapped prose;
    # a short one is a headline or a dateline line. Wrapped prose breaks at a fixed width
    # (60-100 characters); a longer line with no final stop is a standfirst under a headline.
    return wrapped and 60 <= len(p) <= _WRAP_MAX and not _DATELINE_RE.match(line.lstrip()[:_DATELINE_MAX])


_WRAP_MAX = 110
_UNWRAPPED_MIN = 150  # a line this long is a paragraph on one line: the text is not hard-wrapped


def strip_lead(text: str, start: int, end: int) -> int:
    """Return the offset after any dateline, paragraph number and whitespace at `start`."""
    for _ in range(4):  # "1. BEIJING, ... --" may stack a number and a dateline
        while start < end and text[start].isspace():
            start += 1
        seg = text[start:end]
        # Datelines are short: matching only the block's head keeps this linear on
        # pathological blocks (a 50,000-letter "word" must not backtrack for seconds).
        head = seg[:_DATELINE_MAX]
        m = _DATELINE_RE.match(head) or _PARNUM_RE.match(head)
        if not m or m.end() == 0:
            break
        if m.end() >= len(seg.rstrip()) and len(seg) <= _DATELINE_MAX:
            # The whole block is a dateline ("Rio de Janeiro, 19 November 2024"): keep it
            # as a sentence of its own rather than dropping text.
            break
        start += m.end()
    while start < end and text[start].isspace():
        start += 1
    return start


def _is_boundary(block: str, dot_end: int, punct: str, nxt: int) -> bool:
    """Decide whether the terminal punctuation ending at `dot_end` closes a sentence."""
    rest = block[nxt : nxt + 40]
    if not rest:
        return True
    c = rest[0]
    if c.islower():
        return False
    core = punct.rstrip("\"'\u201c\u201d\u2019\u00bb)]")
    if core != ".":
        return True  # "?", "!", "...": closes when the next word starts like a sentence
    # Only the last word matters; a bounded window keeps the search linear.
    head = block[max(0, dot_end - len(punct) + 1 - 40) : dot_end - len(punct) + 1]
    m = _WORD_BEFORE_RE.search(head)
    if not m:
        return True
    word = m.group(1)
    low = word.lower()
    nxt_word = re.match(r"[\"'\u201c\u2018(]*([\w-]+)", rest)
    nw = nxt_word.group(1).lower() if nxt_word else ""
    if punct != core:  # ." or .) : the quotation/bracket closed, trust the period
        return True
    if "." in word:  # U.S., U.N., a.m.
        return nw in _OPENERS
    if low in _NEVER_END:
        return False
    if low in _NUMBERED or low in _MONTH_ABBR:
        return not c.isdigit()
    if len(word) == 1 and word in "NS" and nw in _COMPASS_COUNTRIES:
        return False  # "Moon says S. Korea will ...": the abbreviated South/North of a country name
    if len(word) == 1 and word.isupper():  # an initial ("Donald J. Trump"), or "Article V."
        prev = re.search(r"([\w-]+)\s+\w\.$", head)
        if prev is None or not prev.group(1)[:1].isupper() or prev.group(1).lower() in _NOT_NAMES:
            return True
        return nw in _OPENERS
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences; return `(start, end)` code-point offsets.

    Each headline or dateline line is a sentence of its own; datelines and paragraph
    numbers at the start of a paragraph are left out of the following sentence's span."""
    if not isinstance(text, str) or not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text):
        start = strip_lead(text, b_start, b_end)
        block = text[start:b_end]
        base = start
        last = 0
        for m in _END_RE.finditer(block):
            nxt = m.end()
            while nxt < len(block) and block[nxt].isspace():
                nxt += 1
            if nxt < len(block) and not _is_boundary(block, m.end(), m.group(), nxt):
                continue
            _add(spans, text, base + last, base + m.end())
            last = nxt
        _add(spans, text, base + last, b_end)
    return spans


def _add(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
