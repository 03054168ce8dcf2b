"""Finding participants in text: names, titles, role descriptions, countries, pronouns,
groups ("both leaders"), and inferring the participants of a readout from its opening."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicon_files
from .countries import Country, find_country
from .folded import foldable_text, lower_pattern
from .models import Participant

__all__ = [
    "Mention",
    "MentionFinder",
    "fold",
    "infer_participants",
    "guess_gender",
    "find_host",
    "LEADER_TITLES",
    "same_person",
]

_TITLES = lexicon_files.titles()
_REGIONS = lexicon_files.regions()


def _region_alt(i: int, countries: Sequence[Country | None]) -> str:
    """The adjectives of the regions ("South American", "Gulf") of participant i's country that no
    other participant's country shares, as an alternation ("" when none)."""
    c = countries[i]
    if c is None:
        return ""
    others = {d.name for j, d in enumerate(countries) if j != i and d is not None}
    adjectives = [a for adjs, members in _REGIONS.regions if c.name in members and not members & others for a in adjs]
    return _alt(adjectives) if adjectives else ""


# Titles of heads of state/government (and a few forms of address) that mark a leader.
LEADER_TITLES = _TITLES.leader_titles
_ADDRESS = _TITLES.address
_NOT_LEADER_BEFORE_TITLE = re.compile(
    r"(?:{})\s*$".format("|".join(re.escape(w) for w in _TITLES.not_leader_before_title))
)
_PARTICLES = {
    "da",
    "de",
    "do",
    "dos",
    "das",
    "del",
    "della",
    "di",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "el",
    "la",
    "le",
    "du",
    "ben",
    "binti",
    "bint",
    "y",
    "e",
}
_FEMALE_NAMES = lexicon_files.given_names().female
_MALE_NAMES = lexicon_files.given_names().male
# Offices proper (the titles generic roles stand for), not forms of address ("Sheikh", which
# only "his highness" stands for).
_OFFICES = frozenset(
    t for role, titles in _TITLES.generic_roles if not role.startswith(("his ", "her ")) for t in titles
)
_TITLE_WORDS = frozenset(w.casefold() for t in LEADER_TITLES + _ADDRESS for w in t.split())

_PRONOUNS_M = {"he", "his", "him"}
_PRONOUNS_F = {"she", "her"}


def fold(text: str) -> str:
    """Fold accents without changing length, so offsets into the result index `text`."""
    if text.isascii():
        return text
    new = {ord(ch) for ch in set(text)} - _FOLDED.keys()
    for cp in new:
        if cp >= 128:
            d = unicodedata.normalize("NFKD", chr(cp))
            base = "".join(c for c in d if not unicodedata.combining(c))
            _FOLDED[cp] = base if len(base) == 1 else chr(cp)
    return text.translate(_FOLDED)


# Each non-ASCII code point met so far and what fold makes of it (one character: its base letter,
# or itself): whole texts are folded by one translate instead of a Python loop over their letters.
_FOLDED: dict[int, str] = {}


def _words(name: str) -> set[str]:
    return set(fold(name).casefold().split())


def _spelling_key(word: str) -> str:
    """A word's letters, case and accents folded and doubled letters single ("Zelenskyy")."""
    w = re.sub(r"[^a-z]", "", fold(word).casefold())
    return re.sub(r"(.)\1+", r"\1", w)


def _spelled_alike(a: str, b: str) -> bool:
    """Two spellings of one leader's name in a readout: the same family name, doubled letters
    aside, and given names that open alike or one left out ("Joe Biden" / "Joseph Biden",
    "Zelenskyy" / "Volodymyr Zelensky")."""
    ta, tb = a.split(), b.split()
    if not ta or not tb or _spelling_key(ta[-1]) != _spelling_key(tb[-1]) or len(_spelling_key(ta[-1])) < 3:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    ga, gb = _spelling_key(ta[0]), _spelling_key(tb[0])
    return len(ga) >= 2 and len(gb) >= 2 and ga[:2] == gb[:2]


@lru_cache(maxsize=8192)
def _skeleton(word: str) -> str:
    """A name's consonants in order, case, accents, doubled letters and the usual romanisation
    pairs folded ("kh"/"h", "ph"/"f", "w"/"v", final "-ov"/"-ow"): the part of a transliterated
    name that outlets agree on ("Zelenskyi" / "Zelensky", "Mirziyoev" / "Mirziyoyev")."""
    w = _spelling_key(word).replace("kh", "h").replace("ph", "f").replace("w", "v")
    w = w[:1] + re.sub(r"[aeiouy]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", w)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=256)
def _initial_word_re(initial: str, size: int) -> re.Pattern[str]:
    """Capitalised words (folded text) that open with one letter, of five letters or more and
    within three letters of a name's length: the only words that can be its spelling."""
    low, high = max(4, size - 4), size + 2
    # The capital first, the check of the character in front after it: the engine then skips
    # to that capital instead of trying the lookbehind at every position of the readout.
    cap = initial.upper()
    return re.compile(rf"{re.escape(cap)}(?<![\w-]{'.' * len(cap)})[^\W\d_]{{{low},{high}}}(?![\w-])")


def written_variants(name: str, text: str, others: Sequence[str] = ()) -> tuple[str, ...]:
    """The family name of a participant as this readout spells it, when it spells it otherwise:
    a capitalised word with the same consonant skeleton (`_skeleton`), a letter or two away, that
    is not another participant's name ("Zelenskyi" for Volodymyr Zelensky). Outlets
    transliterate names from Cyrillic, Arabic and Turkic scripts each their own way; a reader
    knows it is the same man, so the mention finder must too."""
    toks = fold(name).split()
    if not toks or not toks[-1][:1].isalpha():
        return ()
    family = toks[-1]
    key = _skeleton(family)
    if len(key) < 3:
        return ()
    # a short skeleton is shared by more words: one letter away, then; long names allow three
    most = 1 if len(key) < 4 else 2 if len(family) < 12 else 3
    taken = {w.casefold() for o in (name, *others) for w in fold(o).split()}
    folded = fold(text)
    out: dict[str, None] = {}
    seen: set[str] = set()
    for m in _initial_word_re(family[0], len(family)).finditer(folded):
        w = m.group()
        if w in seen:
            continue
        seen.add(w)
        if w.casefold() in taken:
            continue
        if len(key) < 4 and w[:2].casefold() != family[:2].casefold():
            continue  # "Baden" is not "Biden": a short name keeps its opening
        if _skeleton(w) == key and _edits(w.casefold(), family.casefold()) <= most:
            out[text[m.start() : m.end()]] = None
    return tuple(out)


def same_person(a: str, b: str) -> bool:
    """True when one name's words contain the other's ("Putin" / "Vladimir Putin")."""
    wa, wb = _words(a), _words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to participants.

    kind: person | role | country | pronoun | group | other
    who: participant indices it denotes (empty for pronoun until resolved, and for other)."""

    start: int
    end: int
    kind: str
    who: frozenset[int]
    gender: str | None = None


def _alt(words: Sequence[str]) -> str:
    key = tuple(words)
    got = _ALTS.get(key)
    if got is None:
        uniq = sorted({w for w in words if w}, key=len, reverse=True)
        got = "|".join(re.escape(fold(w)).replace(r"\ ", r"\s+") for w in uniq)
        if len(_ALTS) > 4096:
            _ALTS.clear()
        _ALTS[key] = got
    return got


# Built anew for every participant list (the titles' alternation alone for each participant):
# kept, as the compiled patterns below are.
_ALTS: dict[tuple[str, ...], str] = {}
# MentionFinder's patterns by (pattern, flags): a leader's patterns recur in every finder of a
# readout (its host and author variants) and in every readout naming him, while re's own cache
# (512 patterns) has been emptied by the other patterns in between; compiling them was most of a
# real readout's annotation.
_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), kept (up to 4096 patterns)."""
    key = (pattern, flags)
    got = _COMPILED.get(key)
    if got is None:
        if len(_COMPILED) > 4096:
            _COMPILED.clear()
        got = _COMPILED[key] = re.compile(pattern, flags)
    return got


_GROUP_RE = re.compile(
    # "the leaders of Kazakhstan and Russia", "the heads of state of both countries"
    r"(?<![\w-])(?:(?:the\s+|(?-i:(?=[A-Z])))(?:leaders|presidents|heads\s+of\s+(?:state|government))\s+of\s+(?:"
    r"(?:the\s+)?(?-i:[A-Z])[\w.'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?\s+and\s+(?:the\s+)?(?-i:[A-Z])[\w.'-]+"
    r"(?:\s+(?-i:[A-Z])[\w'-]+)?|"
    r"(?:both|the\s+two)\s+countries)|"
    # "the US and Afghan leaders", "the Russian and Turkish presidents"
    r"the\s+(?-i:[A-Z])[\w.'-]+\s+and\s+(?-i:[A-Z])[\w.'-]+\s+(?:leaders|presidents|prime\s+ministers|heads\s+of\s+"
    r"(?:state|government)|sides|counterparts)|"
    r"(?:both|the\s+two|the\s+three|the\s+four|all\s+(?:three|four|the)|the|these|"
    r"the\s+respective)\s+(?:leaders|presidents|heads\s+of\s+(?:state|government)|sides|parties|"
    r"prime\s+ministers|chancellors|statesmen|counterparts|countries|nations|governments|"
    r"neighbou?rs|allies|partners|interlocutors)|both\s+of\s+them|they|the\s+pair|the\s+duo|"
    # joint statements' bare plural titles: "Leaders welcomed ...", "Prime Ministers noted ..."
    # (not "Presidents Biden and Von der Leyen", "Turkish Presidents, X and Y": names follow)
    r"(?-i:Leaders|Prime\s+Ministers|Presidents|Heads\s+of\s+(?:State|Government)|Interlocutors)(?!\s*(?-i:[A-Z,]))|"
    # a bare "Both" opening the clause: "Both agreed ...", "Both recognised ..." (not "Both Russia and
    # China ...", where names follow)
    r"(?:both|the\s+two)\s+(?:men|women)|(?-i:Both)(?=\s+(?!the\s|of\s|these\s)(?-i:[a-z])|$)|"
    r"the\s+two|we)(?![\w-])",
    re.I,
)
_PRONOUN_RE = re.compile(
    r"(?<![\w-])(?:he|she|his\s+country|her\s+country|his\s+government|"
    r"her\s+government|his\s+side|her\s+side)(?![\w-])",
    re.I,
)


class MentionFinder:
    """Finds participant mentions in a sentence for a fixed list of participants."""

    def __init__(self, participants: Sequence[Participant], host: int | None = None, author: bool = False) -> None:
        self.participants = tuple(participants)
        self.host = host
        self.author = author
        self._memo: dict[str, list[Mention]] = {}
        self.countries: list[Country | None] = [find_country(p.country) for p in participants]
        self._groups: list[int] = []
        person_alts: list[tuple[int, str]] = []
        token_owner: dict[str, set[int]] = {}
        for i, p in enumerate(participants):
            for tok in re.findall(r"[\w'-]+", fold(p.name)):
                if tok.lower() not in _PARTICLES and len(tok) >= 2 and tok[0].isupper():
                    token_owner.setdefault(tok, set()).add(i)
        titles_all = list(LEADER_TITLES) + list(_ADDRESS)
        title_alt = _alt(titles_all)
        self._title_of: list[str] = []
        for i, p in enumerate(participants):
            names = {p.name, *p.aliases}
            names |= {t for t, owners in token_owner.items() if owners == {i} and t in fold(p.name).split()}
            names |= _name_runs(fold(p.name))  # "Mohammed bin Salman", "Lula da Silva"
            names |= name_variants(fold(p.name))  # "Kishida Fumio", "Yoon Suk Yeol", "MBS"
            # Strip leading titles from aliases so "President Xi" also matches bare "Xi".
            names = {n for n in names if n}
            c = self.countries[i]
            dems = list(c.demonyms) + list(c.names) if c else ([p.country] if p.country else [])
            # a full name typed with a curly apostrophe ("People’s Republic of China")
            dems += [d.replace("'", "\u2019") for d in dems if "'" in d]
            dem_alt = _alt(
                dems + [n + "'s" for n in (c.names if c else ())] + [n + "\u2019s" for n in (c.names if c else ())]
            )
            name_alt = _alt(sorted(names))
            pre = rf"(?:(?:{dem_alt})\s+)?" if dem_alt else ""
            person = r"(?:(?:his|her|the)\s+(?:{})\s+counterpart,?\s+)?{}(?:(?:{})\s+)?(?:{}){}".format(
                dem_alt or "(?!x)x",
                pre,
                title_alt,
                name_alt,
                _PATRONYMIC,
            )
            # "President Lula of Brazil" / "of the Federative Republic of Brazil"
            person += r"(?:\s+of\s+(?:the\s+)?(?:{}))?".format(_alt(list(c.names) if c else ["(?!x)x"])) if c else ""
            person_alts.append((i, person))
            if c:
                # Kremlin style: "President of Kazakhstan Kassym-Jomart Tokayev", with its article
                # ('..., the President of Kyrgyzstan Sooronbai Jeenbekov stated'): one mention.
                person_alts.append(
                    (
                        i,
                        rf"(?:the\s+)?(?:{_alt(list(LEADER_TITLES) + ([p.title] if p.title else []))})\s+of\s+"
                        rf"(?:the\s+)?(?:{_alt(list(c.names))}),?\s+(?:{name_alt})",
                    )
                )
            own_titles = [p.title] if p.title else []
            role_titles = _alt(
                list(LEADER_TITLES)
                + own_titles
                + [
                    "leader",
                    "head of state",
                    "head of government",
                    "counterpart",
                    "side",
                    "host",
                    "guest",
                    "government",
                ]
            )
            if dem_alt:
                person_alts.append(
                    (
                        i,
                        r"(?:the|his|her)\s+(?:(?:visiting|incumbent|outgoing|new|"
                        rf"newly[- ]elected|re-elected|host)\s+)?(?:{dem_alt})\s+(?:{role_titles})",
                    )
                )
                # "The President and Malaysian premier agreed ...": a lower-case office after the
                # demonym is a description even without its article (a capitalised one titles a name)
                person_alts.append(
                    (
                        i,
                        rf"(?:{dem_alt})\s+(?:premier|president|prime\s+minister|chancellor|leader|"
                        r"head\s+of\s+(?:state|government))\b(?!\s+[A-Z])",
                    )
                )
                # "the head of the Kazakh state" (Central Asian and Kremlin press in translation)
                person_alts.append((i, rf"the\s+head\s+of\s+the\s+(?:{dem_alt})\s+(?:state|government)\b"))
            region_alt = _region_alt(i, self.countries)
            if region_alt:
                # "The South American leader said ...": the one participant from that region
                nouns = _alt(list(LEADER_TITLES) + own_titles + list(_REGIONS.leader_nouns))
                person_alts.append((i, rf"the\s+(?:{region_alt})\s+(?:{nouns})"))
            if c:
                # "the President of Russia", "the Prime Minister of the Republic of India", "the head
                # of the Kyrgyz Republic" (Central Asian and Kremlin press), "the leader of Kazakhstan"
                person_alts.append(
                    (
                        i,
                        rf"the\s+(?:{_alt(list(LEADER_TITLES) + own_titles + ['head', 'leader'])})\s+of\s+"
                        rf"(?:the\s+)?(?:{_alt(list(c.names))})",
                    )
                )
            self._title_of.append((p.title or "").casefold())
        # "the chancellor", "the prime minister": a title alone when only one participant has
        # it, or, when both share it, the issuing side's leader (`host`): "The President
        # reaffirmed" in a White House readout, "Prime Minister thanked" in an MEA release.
        for i, p in enumerate(participants):
            t = (p.title or "").casefold()
            if t and (sum(1 for q in participants if (q.title or "").casefold() == t) == 1 or i == host):
                # The article is optional: Indian MEA readouts write "Prime Minister reiterated".
                # "The President of Russia" is not a bare title: the country alternative decides.
                bare = [p.title or t] + (["PM"] if t == "prime minister" else [])  # MEA: "PM reiterated"
                person_alts.append((i, rf"(?:the\s+)?(?:{_alt(bare)})(?=\s+[a-z]|$)(?!\s+of\s)"))
        # "the head of state", "the premier", "the crown prince": the one participant holding
        # such a title, else the issuing side's leader if he holds one (titles.yaml generic_roles).
        roles_of: dict[int, list[str]] = {}
        for role, held_by in _TITLES.generic_roles:
            holders = [i for i, p in enumerate(participants) if (p.title or "").casefold() in held_by]
            pick = holders[0] if len(holders) == 1 else (host if host in holders else None)
            if pick is not None:
                roles_of.setdefault(pick, []).append(role)
        for pick, roles in roles_of.items():
            # "the head of state"; a form of address ("His Majesty", "His Highness") takes no article
            # (and stands alone: "His Majesty King Abdullah II" is found as the title and name too).
            articled = [r for r in roles if not r.startswith(("his ", "her "))]
            address = [r for r in roles if r.startswith(("his ", "her "))]
            if articled:
                person_alts.append((pick, rf"the\s+(?:{_alt(articled)})(?![\w-])(?!\s+of\s)"))
            if address:
                person_alts.append((pick, rf"(?:{_alt(address)})(?![\w-])"))
        if host is not None:
            # "The President of the Republic" (Elysee, Planalto, Quirinale, Korea): the host.
            person_alts.append(
                (
                    host,
                    r"the\s+(?:President|Prime\s+Minister)\s+of\s+the\s+Republic"
                    r"(?!\s+of\b)",
                )
            )
        if host is not None and author:
            # A readout in the first person (the leader's own post): "I" is its author.
            person_alts.append((host, r"(?-i:I)(?!['\u2019.])"))
        # Each pattern without re.I for the lower-cased segment when lower_pattern can write it so
        # (several times faster to match, and to compile); with re.I, compiled when a segment
        # cannot be lower-cased (folded.py) or the pattern not written so.
        self._person_res: list[tuple[int, str, re.Pattern[str] | None]] = []
        for i, pat in person_alts:
            full = rf"(?<![\w-])(?:{pat})(?![\w-])"
            low = lower_pattern(full)
            self._person_res.append((i, full, compiled(low) if low is not None else None))
        country_alts: list[tuple[int, re.Pattern[str]]] = []
        for i, c in enumerate(self.countries):
            if not c:
                continue
            owners = [j for j, d in enumerate(self.countries) if d == c]
            if len(owners) != 1:
                continue  # two leaders of one country: a country mention cannot pick one
            alts = _alt(list(c.names) + list(c.capitals) + [f"{d} side" for d in c.demonyms])
            country_alts.append((i, compiled(rf"(?<![\w-])(?:the\s+)?(?:{alts})(?:'s|\u2019s)?(?![\w-])")))
        self._country_res = country_alts

    # -- finding ----------------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """All mentions in text[start:end], longest-first without overlaps, in order."""
        end = len(text) if end is None else end
        raw = text[start:end]
        # Subject phrases repeat a lot ("Xi", "He", "the two leaders"): memoise per phrase.
        hit = self._memo.get(raw)
        if hit is None:
            hit = self._find(raw)
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[raw] = hit
        return [Mention(start + m.start, start + m.end, m.kind, m.who, m.gender) for m in hit]

    def _find(self, raw: str) -> list[Mention]:
        start = 0
        seg = fold(raw)
        low = seg.lower()
        lowered = foldable_text(seg, low)
        cands: list[Mention] = []
        for i, pat, lrx in self._person_res:
            for m in lrx.finditer(low) if lrx is not None and lowered else compiled(pat, re.I).finditer(seg):
                kind = "person"
                got = seg[m.start() : m.end()]
                if got.lower().startswith(("the ", "his ", "her ")) and not _has_name(got):
                    kind = "role"
                cands.append(Mention(start + m.start(), start + m.end(), kind, frozenset({i})))
        for i, rx in self._country_res:
            for m in rx.finditer(seg):
                if (
                    m.start() > 0
                    and seg[m.start() - 1] == "-"
                    and m.end() < len(seg)
                    and seg[m.end() : m.end() + 1] != " "
                ):
                    continue
                cands.append(Mention(start + m.start(), start + m.end(), "country", frozenset({i})))
        for m in _PRONOUN_RE.finditer(seg):
            w = m.group().split()[0].lower()
            g = "male" if w in _PRONOUNS_M else "female"
            cands.append(Mention(start + m.start(), start + m.end(), "pronoun", frozenset(), g))
        for m in _GROUP_RE.finditer(seg):
            cands.append(Mention(start + m.start(), start + m.end(), "group", frozenset(range(len(self.participants)))))
        cands.sort(key=lambda x: (x.start, -(x.end - x.start), _KIND_RANK[x.kind]))
        out: list[Mention] = []
        for c in cands:
            if out and c.start < out[-1].end:
                last = out[-1]
                if c.end > last.end and c.who == last.who and {c.kind, last.kind} <= {"person", "role"}:
                    # "The Chinese President Xi Jinping": the role and the titled name it runs into
                    # are one mention of the same leader.
                    out[-1] = Mention(last.start, c.end, "person", last.who, last.gender)
                continue
            out.append(c)
        return out


# A longer form of an Arabic name than the one given: "Mohammed bin Salman bin Abdulaziz Al Saud".
_PATRONYMIC = r"(?:\s+(?:bin|ibn|bint|binti|Al|al|El|el)[\s-]+[A-Z][\w'-]+)*"


_ARTICLE_RE = re.compile(r"(?:al|el|as|ad|ar|at|an|az|ash|ul)-([A-Z][\w'-]+)")


def name_variants(name: str) -> set[str]:
    """Other ways a readout writes the same name: family name first ("Kishida Fumio",
    "Xi Jinping" as written), a hyphenated given name split or joined ("Yoon Suk-yeol" /
    "Yoon Suk Yeol"), and initials of a long name ("MBS" for Mohammed bin Salman)."""
    toks = name.split()
    out: set[str] = set()
    if len(toks) in (2, 3) and all(t[:1].isupper() for t in toks):
        out.add(" ".join([toks[-1], *toks[:-1]]))  # "Fumio Kishida" -> "Kishida Fumio"
        out.add(" ".join([*toks[1:], toks[0]]))  # "Yoon Suk-yeol" -> "Suk-yeol Yoon"
    for t in toks[1:]:
        m = _ARTICLE_RE.fullmatch(t)
        if m:
            # "Bashar al-Assad" is "al-Assad" and "Assad" for short: the family name keeps or drops its
            # article, which some outlets write apart ("El Sisi").
            out.update((t, m.group(1), t.replace("-", " ", 1)))
    for t in toks:
        if "-" in t and t.replace("-", "").isalpha() and not _ARTICLE_RE.fullmatch(t):
            a, _, b = t.partition("-")
            out.add(name.replace(t, f"{a} {b.capitalize()}"))  # "Suk-yeol" -> "Suk Yeol"
            out.add(name.replace(t, a + b.lower()))  # "Suk-yeol" -> "Sukyeol"
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if a[:1].isupper() and b[:1].isupper() and "-" not in a + b:
            # a two-word given name written with a hyphen: "Abdel Fattah" -> "Abdel-Fattah"
            out.add(" ".join([*toks[:i], f"{a}-{b}", *toks[i + 2 :]]))
    for t in toks[1:]:
        m = _ARTICLE_RE.fullmatch(t)
        if m and t[:2].lower() in ("al", "el"):
            # the Arabic article transliterated either way: "el-Sisi" is "al-Sisi"
            other = ("el" if t[:2].lower() == "al" else "al") + t[2:]
            out.update((other, other.replace("-", " ", 1)))
    if len(toks) >= 3:
        initials = "".join(t[0] for t in toks if t[:1].isalpha()).upper()
        if len(initials) >= 3:
            out.add(initials)
    return {v for v in out if v != name}


def _name_runs(name: str) -> set[str]:
    """Contiguous runs of two or more words of a long name that start and end with a
    capitalised word: "Mohammed bin Salman" and "bin Salman Al Saud" no, "Salman Al Saud" yes."""
    toks = name.split()
    out: set[str] = set()
    if len(toks) < 3:
        return out
    for a in range(len(toks)):
        for b in range(a + 2, len(toks) + 1):
            if (b - a) < len(toks) and toks[a][:1].isupper() and toks[b - 1][:1].isupper():
                out.add(" ".join(toks[a:b]))
    return out


_HOST_WITH_RE = re.compile(
    r"^[^;]{0,120}?\b(?:with|(?:spoke|talked)\s+(?:by\s+(?:tele)?phone\s+)?to|received|hosted|met|called|telephoned|"
    r"phoned|welcomed|greeted|(?:has\s+|had\s+)?(?:told|assured|urged|briefed|informed))\b",
    re.I,
)
_BARE_TITLE_RE = re.compile(
    # (No 10 opens with the time: "This evening the Prime Minister spoke to ...")
    r"(?:(?:This\s+(?:morning|afternoon|evening)|Earlier\s+(?:today|this\s+(?:morning|afternoon|evening|week))|"
    r"Later\s+today|Today|Tonight|Yesterday|On\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r",?\s+(?:the\s+)?|(?:The\s+)?)"
    r"(?P<title>Prime\s+Minister|President|Chancellor|Premier|Taoiseach)\s+(?!of\b)(?=[a-z])"
)
_HOST_COUNTERPART_RE = re.compile(r"\s*(?:and|&)\s+(?:his|her)\s+(?:[\w-]+\s+){0,2}counterpart\b", re.I)
_HOST_AND_RE = re.compile(r"^\s*(?:,[^,]{0,80},\s*)?(?:and|&)\s", re.I)


def find_host(
    text: str, sentences: Sequence[tuple[int, int]], finder: MentionFinder, max_sentences: int = 4
) -> int | None:
    """The issuing side's leader: the participant who is the subject of the readout's first
    sentence naming one ("President Biden spoke today with President Xi", "Prime Minister
    Shri Narendra Modi met Prime Minister of Japan ..."). Headline lines (no final
    punctuation) are skipped; "X and Y met" names no host."""
    seen = 0
    for s, e in sentences:
        if seen >= max_sentences:
            break
        if not re.search(r"[.!?][\"'\u201c\u201d\u2019\u00bb)]*$", text[s:e]):
            continue
        seen += 1
        ms = [m for m in finder.find(text, s, e) if m.kind == "person"]
        bare = _BARE_TITLE_RE.match(text, s, e)
        if bare and ms and _HOST_WITH_RE.match(text[bare.end() : ms[0].start]):
            # No 10 / MOFA style: "The Prime Minister spoke to the Prime Minister of Pakistan,
            # Imran Khan": the unnamed subject is the other leader with that title.
            t = bare.group("title").casefold()
            named = frozenset().union(*(m.who for m in ms))
            rest = [i for i, p in enumerate(finder.participants) if i not in named and (p.title or "").casefold() == t]
            return rest[0] if len(rest) == 1 else None
        if not ms:
            continue
        first = ms[0]
        other = next((m for m in ms[1:] if m.who != first.who), None)
        if other is None:
            return None
        gap = text[first.end : other.start]
        if _HOST_COUNTERPART_RE.match(text, first.end, other.end):
            # "Prime Minister Imran Khan and his Dutch counterpart Mark Rutte discussed ...": the
            # other leader is described from the first one's side, which issues the readout.
            return next(iter(first.who)) if len(first.who) == 1 else None
        if _HOST_AND_RE.match(gap) or not _HOST_WITH_RE.match(gap):
            return None
        return next(iter(first.who)) if len(first.who) == 1 else None
    return None


_KIND_RANK = {"person": 0, "role": 1, "country": 2, "group": 3, "pronoun": 4, "other": 5}


def _has_name(s: str) -> bool:
    toks = s.split()
    return any(t[:1].isupper() for t in toks[1:]) and not s.lower().endswith(("side", "leader", "counterpart"))


# -- inference ------------------------------------------------------------------------

_NAME = (
    r"(?:[A-Z][\w'\u2019-]+|(?:al|el|as|ad|ar)-[A-Z][\w'-]+|[A-Z]\.(?=\s+[A-Z])|"
    r"(?:da|de|do|dos|van|von|der|den|bin|al|el|la|le|du|ibn)(?=(?:\s+(?:de|der|den|la|los))?\s+[A-Z]))"
)
_NAME_SEQ = rf"{_NAME}(?:\s+{_NAME}){{0,4}}"
# Honorifics before a name, not part of it: "Shri Narendra Modi", "H.E. Mr. Joseph R. Biden".
_HONORIFIC = "(?:{})".format("|".join(_TITLES.honorifics))
_TITLE_ALT = "|".join(re.escape(t) for t in sorted(LEADER_TITLES, key=len, reverse=True))
# "Russian leader Vladimir Putin": "leader" acts as a title after a demonym.
# "Russian leader Vladimir Putin", "Iranian Leader Ebrahim Raisi" (MENAFN capitalises it).
_LEADER_RE = re.compile(rf"(?P<dem>[A-Z][\w.'-]*(?:\s+[A-Z][\w'-]*)?)\s+[Ll]eader\s+(?P<name>{_NAME_SEQ})")
_TITLED_RE = re.compile(
    rf"(?P<title>{_TITLE_ALT})(?:-elect)?\s+(?:\([A-Z]{{2,4}}\)\s+)?(?:{_HONORIFIC}\s+)*(?P<name>{_NAME_SEQ})(?:\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*){{0,5}}))?"
)
# Kremlin style: "Prime Minister of India Narendra Modi", "President of Brazil Lula da Silva".
_TITLE_OF_RE = re.compile(
    rf"(?P<title>{_TITLE_ALT}|(?<=the\s)[Ll]eader)\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*){{0,3}}?),?\s+(?:{_HONORIFIC}\s+)*(?!(?:Republic|Kingdom|Federation|States|Union|Emirates|Arab|Islamic|Democratic|"
    r"People's|Socialist|Federal|Commonwealth|Sultanate|Principality|Grand|Plurinational|"
    rf"Bolivarian|Hashemite|Co-operative|Cooperative)\b)(?P<name>{_NAME_SEQ})"
)
# MEA style: "President of the Republic of South Africa H.E. Mr. Matamela Cyril Ramaphosa":
# the honorific marks where the country ends and the name begins.
_TITLE_OF_HON_RE = re.compile(
    rf"(?P<title>{_TITLE_ALT})\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*){{0,4}}),?\s+(?:{_HONORIFIC}\s+)+(?P<name>{_NAME_SEQ})"
)
# Japanese MOFA style: "Mr. KISHIDA Fumio, Prime Minister of Japan, held ...".
_APPOSITIVE_RE = re.compile(
    rf"(?:{_HONORIFIC}\s+)+(?P<name>{_NAME_SEQ})(?:,?\s+(?:Jr|Sr)\.?)?,\s+(?P<title>{_TITLE_ALT})\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*){{0,4}})"
)
# The same without an honorific, the office in either case: "Ivan Duque, President of Colombia",
# "Miguel Diaz-Canel, the president of Cuba" (translated copy), and the office first: "The president
# of Colombia, Ivan Duque, held ...". The name is checked after the match (_plain_appositive_hits).
_LOWER_TITLES = r"[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Cc]hancellor"
_PLAIN_APPOSITIVE_RE = re.compile(
    rf"(?P<name>{_NAME_SEQ}),\s+(?:the\s+)?(?P<title>{_LOWER_TITLES})\s+of\s+(?:the\s+)?"
    rf"(?P<of>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*){{0,4}})"
)
_OFFICE_APPOSITIVE_RE = re.compile(
    rf"[Tt]he\s+(?P<title>{_LOWER_TITLES})\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*){{0,4}}),"
    rf"\s+(?P<name>{_NAME_SEQ})(?=,|\s+[a-z])"
)


def _plain_appositive_hits(sent: str) -> list[tuple[int, str, str | None, Country | None, bool]]:
    """Leaders named in apposition with their office and country, no honorific (see above): a name of
    two to four words not run on from capitalised words before it (a title-case headline's)."""
    out: list[tuple[int, str, str | None, Country | None, bool]] = []
    for rx in (_PLAIN_APPOSITIVE_RE, _OFFICE_APPOSITIVE_RE):
        for m in rx.finditer(sent):
            name = m.group("name")
            if not 2 <= len(name.split()) <= 4 or re.search(r"[A-Z][\w'-]*\s+$", sent[: m.start("name")]):
                continue
            country = _country_ending(m.group("of"))
            if country:
                office = " ".join(w.capitalize() for w in m.group("title").split())
                out.append((m.start("name"), name, office, country, False))
    return out


# Two leaders under one plural title: "Presidents of Kazakhstan and Uzbekistan Kassym-Jomart Tokayev
# and Shavkat Mirziyoyev", "Presidents Xi Jinping of China and Luiz Inacio Lula da Silva of Brazil",
# "Russian and Turkish Presidents, Vladimir Putin and Recep Tayyip Erdogan". The countries are checked
# after the match (a country of several words is found by _split_country_name).
_PLURAL_TITLES = {"presidents": "President", "prime ministers": "Prime Minister", "premiers": "Premier"}
_CW = r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}?"
_PLURAL_RE = re.compile(
    rf"(?:(?P<d1>{_CW})\s+and\s+(?P<d2>{_CW})\s+)?(?P<title>Presidents|Prime\s+Ministers|Premiers|[Ll]eaders)"
    rf"(?:\s+of\s+(?:the\s+)?(?P<c1>{_CW})\s+and\s+(?:the\s+)?(?P<c2>{_CW}))?,?\s+"
    rf"(?P<n1>{_NAME_SEQ})(?:\s+of\s+(?:the\s+)?(?P<o1>{_CW}))?,?\s+and\s+"
    rf"(?P<n2>{_NAME_SEQ})(?:\s+of\s+(?:the\s+)?(?P<o2>{_CW}))?(?![\w-])"
)


def _plural_hits(m: re.Match[str]) -> list[tuple[int, str, str | None, Country | None, bool]]:
    """The two leaders a _PLURAL_RE match names, each with his country when the match gives it."""
    office = _PLURAL_TITLES.get(re.sub(r"\s+", " ", m.group("title")).casefold())
    n1_at, n1, n2 = m.start("n1"), m.group("n1"), m.group("n2")
    c1 = _country_of(m.group("d1")) or _country_of(m.group("o1"))
    c2 = _country_of(m.group("d2")) or _country_of(m.group("o2"))
    if m.group("c1"):
        c1, c2 = _country_of(m.group("c1")), _country_of(m.group("c2"))
        if c2 is None:
            # "of Kazakhstan and Papua New Guinea James Marape and ...": the country's end found by name
            split = _split_country_name(m.group("c2"), n1)
            if split is None:
                return []
            c2, skip, n1 = split
            n1_at = m.start("c2") + skip
    if (m.group("d1") or m.group("c1")) and (c1 is None or c2 is None):
        return []  # "Foreign Ministers and Presidents ...": not two countries
    if office is None and not (c1 and c2):
        return []  # "leaders X and Y" without their countries: another rule's, if any
    return [(n1_at, n1, office, c1, False), (m.start("n2"), n2, office, c2, False)]


# A leader's title inside a run of capitalised words taken for a name (a title-case headline).
_INNER_TITLE_RE = re.compile(rf"(?<=\s)(?P<title>{_TITLE_ALT})\s+")


# An untitled full name opening the sentence and doing the communicating:
# "Vladimir Putin had a telephone conversation with ...", in the present perfect too ("Rishi
# Sunak has told Israeli Prime Minister ...": 'told' only a titled leader or a counterpart), with
# a second leader ("Keir Starmer and Volodymyr Zelensky have spoken", "Xi Jinping and Cuban
# President Miguel Diaz-Canel agreed": the titled one is the titled-name rule's), "maintained a
# dialogue with ...".
_SUBJECT_NAME_RE = re.compile(
    r"^(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3})"
    r"(?:\s+and\s+(?P<name2>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3}))?\s+(?:(?:has|have)\s+)?(?:had|held|spoken|"
    r"spoke|met|hosted|received|talked|discussed|maintained\s+(?:a\s+)?(?:\w+\s+)?(?:dialogue|conversation)|"
    rf"told\s+(?:(?:his|her)\s+)?(?:[A-Z][\w'-]+\s+){{0,2}}(?:{_TITLE_ALT}|counterpart)|(?P<pair>agreed|exchanged))\b"
)
# "A telephone conversation took place between X and Y", "talks between X and Y": the two
# untitled full names a communication is said to be between (titled ones are the titled-name rule's).
_BETWEEN_RE = re.compile(
    r"\b(?i:conversation|talks|call|meeting|summit|dialogue|negotiations)\s+(?:[\w,-]+\s+){0,5}?between\s+"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3})\s+and\s+(?P<name2>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3})"
)
# "his Russian counterpart Vladimir Putin"; translated copy says "colleague" ("his American
# colleague Donald Trump", "his colleague Joe Biden": after "his"/"her" the country may go unsaid).
_COUNTERPART_RE = re.compile(
    rf"\b(?P<art>(?:his|her|the)\s+)?(?:(?P<dem>[A-Z][\w.'-]*(?:\s+[A-Z][\w'-]*)?)\s+|(?<=his\s)|(?<=her\s))"
    rf"(?:counterpart|colleague),?\s+(?:(?P<title>{_TITLE_ALT})\s+)?(?P<name>{_NAME_SEQ})"
)
_COMM_RE = re.compile(
    r"\b(?:held|hold|holds|talks?|talked|phone|phoned|telephone|telephoned|calls?|called|video|virtual|met|meet|meets|"
    r"meeting|summit|conversation|dialogue|spoke|speaks?|joint\s+statement|agreed|discussed|exchanged|visit|visits|visited|"
    r"visiting|received|receives|hosted|hosts|welcomed)\b",
    re.I,
)


# "President X and Prime Minister Y voiced ...": a sentence whose subject pairs the one participant
# found with a titled leader names the other side, whatever its verb.
_PAIR_OPEN_RE = re.compile(
    rf"(?P<first>(?:(?:{_TITLE_ALT})\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){{0,3}})\s+and\s+"
    rf"(?:[A-Z][\w'-]+\s+){{0,2}}(?:{_TITLE_ALT})\s+[A-Z]"
)


def _opens_with_pair(sent: str, found: Participant) -> bool:
    m = _PAIR_OPEN_RE.match(sent.strip())
    last = fold(found.name).split()[-1].casefold() if found.name.split() else ""
    return m is not None and bool(last) and last in fold(m.group("first")).casefold().split()


# An untitled full name right after talking with (or telling) someone: "spoke Saturday with Joe
# Biden", "has told Donald Trump" (a participant must be named before it in the sentence).
_WITH_UNTITLED_RE = re.compile(
    r"\b(?:(?:spoke|talked|met|conversation|call|talks)(?:\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
    r"\s+with|(?:has\s+|had\s+)?told)\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2})(?=\s*[,.;]|\s+[a-z])"
)
# Words of a body's or outlet's name, not of a leader's ("Xinhua News Agency", "the Security Council").
_NOT_A_NAME_WORDS = frozenset(
    [
        "News",
        "Agency",
        "Times",
        "Post",
        "Press",
        "Television",
        "Radio",
        "Council",
        "Committee",
        "Commission",
        "Assembly",
        "Party",
        "Government",
        "Ministry",
        "Office",
        "Union",
        "Nations",
        "Bank",
        "Forum",
        "Organization",
        "Organisation",
        "Parliament",
        "Congress",
        "Senate",
        "House",
    ]
)


# Wire leads open with what the leaders did, not with the meeting: "X and Y on Monday called
# for ...", "X and Y signed an agreement ...". Counted only until a participant is found.
_COMM_LEAD_RE = re.compile(r"\b(?:called\s+for|(?<!was\s)(?<!were\s)signed|vowed|pledged|urged)\b", re.I)

# The first full sentence of wire copy reports what the leaders said: "Japanese Prime Minister
# Fumio Kishida reiterated ... while Chinese Premier Li Qiang said ...".
_LEAD_VERB_RE = re.compile(
    r"\b(?:said|says|told|tells|reiterated|stressed|urged|warned|pledged|vowed|expressed|affirmed|reaffirmed|"
    r"emphasi[sz]ed|underlined|underscored|conveyed|assured|hailed|praised|welcomed)\b"
)

# An organisation's name before "Chairman": the chairman of a council or party, not a head of state.
_ORG_BEFORE_RE = re.compile(
    r"\b(?:Council|Committee|Commission|Assembly|Party|Bank|Board|Authority|Agency|Organi[sz]ation|Forum|Front)"
    r"(?:\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?\s*$"
)

_RUN_TOGETHER_RE = re.compile(r"(?<![A-Z])(?<!\bM[ac])(?<!\bMac)(?<!\bD[ei])(?<!\bL[ae])[a-z][A-Z]")
_LATER_CALL_RE = re.compile(
    r"\W*(?:Earlier|Previously|Separately|Meanwhile|Last\s+(?:week|month|year)|Before\s+that|"
    r"In\s+(?:19|20)\d\d|Later)\b",
    re.I,
)
# Another, earlier event inside the sentence: "told King Sihamoni that recently he met with
# Cambodian Prime Minister Hun Manet", "hailed Xi's meeting last year with US President Joe Biden",
# "X's visit follows his recent meetings with ...". Lower case only: a sentence opening "Earlier,
# ..." is _LATER_CALL_RE's.
_EARLIER_EVENT_RE = re.compile(r"\b(?:recently|recent|earlier|previously|last\s+(?:year|month|week))\b")
_ASIDE_RE = re.compile(
    r"\b(?:after|before|since|amid|following|despite|whereas|while|when|ahead\s+of|"
    r"unlike|than|days|weeks|months|who|whom|whose)\b|"
    rf"(?-i:{_EARLIER_EVENT_RE.pattern})",
    re.I,
)


# What joins the leaders of one list, the next one's title included: "Y and Z", "Y, and Prime
# Minister of India Z".
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:(?:and|&)\s+)?(?:the\s+)?(?:(?:of|the|[A-Z][\w.'\u2019-]*)\s+)*")


def guess_gender(name: str, text: str = "") -> str | None:
    """Gender from the first name (small list) or a form of address; None if unsure."""
    toks = [t.lower() for t in re.findall(r"[\w'-]+", fold(name))]
    while toks and toks[0] in _TITLE_WORDS:  # "Sheikh Tamim ...": the title is not the given name
        toks = toks[1:]
    if not toks:
        return None
    for t in toks[:2]:
        if t in _FEMALE_NAMES:
            return "female"
    if toks[0] in _MALE_NAMES:
        return "male"
    if text:
        surname = re.escape(fold(name).split()[-1])
        ft = fold(text)
        if re.search(rf"\b(?:Mrs\.?|Ms\.?|Madam|Madame|Queen|Empress)\s+(?:\w+\s+)?{surname}\b", ft):
            return "female"
        if re.search(rf"\b(?:Mr\.?|King|Emperor|Sultan|Emir)\s+(?:\w+\s+)?{surname}\b", ft):
            return "male"
        if re.search(rf"{surname}\b[^.]{{0,80}}\b(?:first\s+(?:female|woman)|she\s+(?:took|became|was|has|is))", ft):
            return "female"
    return None


def _country_of(dem: str | None) -> Country | None:
    if not dem:
        return None
    dem = dem.strip()
    c = find_country(dem)
    if c:
        return c
    for suffix in ("'s", "\u2019s"):
        if dem.endswith(suffix):
            return find_country(dem[: -len(suffix)])
    return None


def _country_ending(words: str | None) -> Country | None:
    """The country named by the last three, two or one words of `words` ("... of the Republic
    of South Africa", "of Papua New Guinea", "Indian Prime Minister": the words before a title)."""
    toks = (words or "").split()
    for k in (3, 2, 1):
        if len(toks) >= k:
            c = _country_of(" ".join(toks[-k:]))
            if c:
                return c
    return None


def infer_participants(
    text: str,
    sentences: Sequence[tuple[int, int]],
    known_leaders: Sequence[Participant] = (),
    max_sentences: int = 4,
    title: str = "",
    date: str | None = None,
) -> tuple[Participant, ...]:
    """Leaders named with the communication in the opening sentences.

    A titled name ("Indian Prime Minister Narendra Modi", "his Iranian counterpart Ebrahim
    Raisi", "President Cyril Ramaphosa of South Africa") in an opening sentence that speaks
    of the meeting/call names a participant; `known_leaders` resolve names and aliases
    (and supply gender/country). The date that picks among terms of office is the one the
    title or opening prints, else `date` (the document's own, ISO), else none."""
    found: list[Participant] = []
    date = (readout_date(text, title) or _iso_date(date)) if known_leaders else None

    def add(p: Participant) -> None:
        for j, q in enumerate(found):
            if not same_person(p.name, q.name) and _spelled_alike(p.name, q.name):
                # "Joseph Biden" / "Joe Biden", "Zelenskyy" / "Volodymyr Zelensky": one leader, served
                # by his full name as the readout writes it most often
                better = (len(p.name.split()) > 1, text.count(p.name)) > (len(q.name.split()) > 1, text.count(q.name))
                keep, other = (p, q) if better else (q, p)
                found[j] = replace(keep, title=keep.title or other.title, country=keep.country or other.country)
                return
            if same_person(p.name, q.name):
                if len(fold(p.name)) > len(fold(q.name)) and not any(
                    same_person(q.name, k.name) for k in known_leaders
                ):
                    found[j] = replace(p, title=p.title or q.title, country=p.country or q.country)
                elif (not q.title and p.title) or (not q.country and p.country):
                    # "Visit of President Cyril Ramaphosa" then "... of the Republic of South Africa"
                    found[j] = replace(q, title=q.title or p.title, country=q.country or p.country)
                return
        found.append(p)

    used = 0
    # The title, when given apart from the text, is the first opening line ("PM call with
    # President Xi of China", "Rouhani, Putin stress ...").
    opening = ([title] if title.strip() else []) + [text[s:e] for s, e in sentences]
    seen = 0  # the opening lines read, headlines included
    for sent in opening:
        if used >= max_sentences:
            break
        seen += 1
        headline = not re.search(r"[.!?][\"'\u201c\u201d\u2019\u00bb)]*$", sent.strip())
        if len(found) >= 2 and _LATER_CALL_RE.match(sent):
            continue  # "Earlier on Friday, Xi spoke by phone with US President Joe Biden": another call
        if known_leaders and len(found) < 2:
            subject = _office_subject(sent, known_leaders, date)
            if subject is not None:
                add(_as_written(subject, text))
        if (
            not _COMM_RE.search(sent)
            and (found or not (_COMM_LEAD_RE.search(sent) or (not headline and _LEAD_VERB_RE.search(sent))))
            and not (len(found) == 1 and _opens_with_pair(sent, found[0]))
        ):
            continue
        used += 0 if headline else 1  # headline lines (menus, titles) do not use up the opening
        hits = []
        for m in _COUNTERPART_RE.finditer(sent):
            dem = _country_of(m.group("dem"))
            if dem is None and not m.group("art"):
                continue  # wire copy drops the article ("with Italian counterpart Giorgia Meloni"): a country then
            hits.append((m.start("name"), m.group("name"), m.group("title"), dem, True))
        m0 = _SUBJECT_NAME_RE.match(sent)
        if m0 and not (m0.group("pair") and not m0.group("name2")):  # "X agreed": only a pair's verb
            for g in ("name", "name2"):
                words = (m0.group(g) or "").split()
                if any(w.casefold().removesuffix("s") in _TITLE_WORDS or _country_of(w) for w in words):
                    if g == "name":
                        break  # "Foreign Ministers X and Y held talks": the title is both's
                    continue  # "Xi Jinping and Cuban President Miguel Diaz-Canel": the titled-name rule's
                if words and not _NOT_LEADER_BEFORE_TITLE.search(words[0]):
                    hits.append((m0.start(g), m0.group(g), None, None, False))
        for m in _BETWEEN_RE.finditer(sent):
            pair = [m.group(g).split() for g in ("name", "name2")]
            if not any(w.casefold() in _TITLE_WORDS or _country_of(w) for words in pair for w in words):
                hits.extend((m.start(g), m.group(g), None, None, False) for g in ("name", "name2"))
        hon_starts = set()
        for m in _TITLE_OF_HON_RE.finditer(sent):
            country = _country_ending(m.group("of"))
            if country:
                hon_starts.add(m.start())
                hits.append((m.start("name"), m.group("name"), m.group("title"), country, False))
        for m in _TITLE_OF_RE.finditer(sent):
            if m.start() in hon_starts:
                continue
            split = _split_country_name(m.group("of"), m.group("name"))
            if split:
                country, skip, name = split
                name_at = m.start("name") + max(0, skip - len(m.group("of")) - 1)
                # "the leader of Turkey Recep Tayyip Erdogan" (24.kg, Kremlin): a leader, office untold
                given = None if m.group("title").casefold() == "leader" else m.group("title")
                hits.append((name_at, name, given, country, False))
        for m in _APPOSITIVE_RE.finditer(sent):
            country = _country_ending(m.group("of"))
            if country:
                hits.append((m.start("name"), m.group("name"), m.group("title"), country, False))
        for h in _plain_appositive_hits(sent):
            if not any(g[0] <= h[0] < g[0] + len(g[1]) or h[0] <= g[0] < h[0] + len(h[1]) for g in hits):
                hits.append(h)
        for m in _LEADER_RE.finditer(sent):
            country = _country_of(m.group("dem"))
            if country and not _NOT_LEADER_BEFORE_TITLE.search(sent[: m.start()]):
                hits.append((m.start("name"), m.group("name"), None, country, False))
        for m in _PLURAL_RE.finditer(sent):
            if not _NOT_LEADER_BEFORE_TITLE.search(sent[: m.start()]):
                hits.extend(_plural_hits(m))
        for m in _TITLED_RE.finditer(sent):
            if any(h[0] <= m.start("name") < h[0] + len(h[1]) or m.start() <= h[0] < m.end("name") for h in hits):
                continue
            before = sent[: m.start()]
            if _NOT_LEADER_BEFORE_TITLE.search(before) or (
                m.group("title").startswith("Chair") and _ORG_BEFORE_RE.search(before)
            ):
                continue  # "High Council for National Reconciliation Chairman Abdullah Abdullah"
            country = _country_ending(before) or _country_ending(m.group("of"))
            hits.append((m.start("name"), m.group("name"), m.group("title"), country, False))
        for m in _WITH_UNTITLED_RE.finditer(sent):
            # "President X spoke Saturday with Joe Biden", "Chinese leader X has told Donald Trump": the
            # untitled full name a participant named before it talked with
            words = m.group("name").split()
            if any(w.casefold() in _TITLE_WORDS or _country_of(w) or w in _NOT_A_NAME_WORDS for w in words):
                continue
            if any(h[0] < m.start() for h in hits) and not any(
                h[0] <= m.start("name") < h[0] + len(h[1]) for h in hits
            ):
                hits.append((m.start("name"), m.group("name"), None, None, False))
        prev_end = None
        office: str | None  # not `title`: that is the readout's title, a parameter
        named_here = 0
        aside = False
        for pos, name, office, country, counterpart in sorted(hits, key=lambda h: h[0]):
            gap = sent[prev_end:pos] if prev_end is not None else (sent[:pos] if found else "")
            prev_end = pos + len(name)
            if gap and (_ASIDE_RE.search(gap) or (aside and _LIST_GAP_RE.fullmatch(gap))):
                # "..., days after U.S. President Joe Biden warned ...": named in an aside,
                # not a party to the call (nor is the next leader listed with him).
                aside = True
                continue
            aside = False
            named_here += 1
            # "Prime Minister Kishida's visit", "President Biden's Call with ...": a possessive ends the name
            name = re.split(r"(?:'s|\u2019s)(?![\w])", name.strip())[0]
            name = re.sub(r"(?:,?\s+(?:Jr|Sr)\.?|\s+[A-Z]\.)+$", "", name)
            # "Joseph R. Biden": initials are not part of the name we serve
            name = re.sub(r"\s+[A-Z]\.(?=\s)", "", name)
            joins = list(_RUN_TOGETHER_RE.finditer(name))
            if joins:
                # words run together from a page's navigation: "HomeNewsDiplomatic NewsXi Jinping"
                name = name[joins[-1].start() + 1 :]
            # "President of the European Council Michel", "the Prime Minister Office said": a body's
            # word before the name is no part of it, and a body alone is no leader.
            words = name.split()
            while words and words[0].casefold() in _TITLES.non_leader_heads:
                words = words[1:]
            if not words:
                continue
            name = " ".join(words)
            inner = list(_INNER_TITLE_RE.finditer(name))
            if inner and inner[-1].end() < len(name):
                # A title-case headline runs words together: "Prime Minister Meets With President Xi" is
                # President Xi; the office nearest the name is his.
                office, name = inner[-1].group("title"), name[inner[-1].end() :]
            cut = _HEADLINE_WORD_RE.search(name)
            if cut is not None:
                # "S. Africa President Hold Phone Talks On Ethiopian Dam": a title-case headline's
                # verb or preposition ends the name ("President Sisi Meets ..."); none is left, no leader.
                name = name[: cut.start()].strip()
                if not name:
                    continue
            known = _resolve_known(name, known_leaders, date, office)
            if known is None and known_leaders:
                known = _misspelt_known(name, known_leaders, date, country.name if country else None)
            if known is not None:
                held = (known.title or "").casefold()
                if (
                    office
                    and office.casefold() in _OFFICES
                    and office.casefold() != held
                    # "Federal Chancellor Scholz": the registry's office, qualified, is no other office;
                    # "President Ursula von der Leyen": nor is its head ("President of the European Commission")
                    and not (held and office.casefold().endswith(" " + held))
                    and not held.startswith(office.casefold() + " ")
                ):
                    # "Abu Dhabi Crown Prince Sheikh Mohammed bin Zayed" in 2022: the office the readout
                    # gives is the one held that day; the registry's is the latest ("the crown prince" then
                    # resolves to him). A form of address ("Sheikh", "Chairman") is no office.
                    known = replace(known, title=office)
                add(_as_written(known, text))
                continue
            # Untitled subject name: a participant only if it looks like a full name
            # and is not a city/country/organisation ("New Delhi", "European Union").
            if office is None and not counterpart and (_country_of(name) or len(name.split()) < 2):
                continue

            if counterpart and not office:
                # "his Iranian counterpart Ebrahim Raisi": same office as the other leader
                office = found[-1].title if found else None
            add(
                Participant(
                    name=name.strip(),
                    title=office,
                    country=country.name if country else None,
                    gender=guess_gender(name, text),
                )
            )
        if not headline and named_here >= 2 and len(found) >= 2:
            # A lead sentence naming both sides sets the pair: a leader the next sentences
            # name ("as US President Joe Biden prepared to meet Xi") belongs to another event.
            break
    # Known leaders named by an alias alone in the headline/opening ("Xi, Putin hold talks").
    if known_leaders:
        known_t = tuple(known_leaders)
        folded_names = _folded_names(known_t)
        for line in opening[: max_sentences + 1]:
            if len(found) >= 2:
                break
            sent = fold(line)
            named: list[tuple[int, Participant]] = []
            for k, fas in zip(known_t, folded_names, strict=True):
                # (a name not in the line as a string is not searched for: most of them)
                present = [fa for fa in fas if fa in sent]
                if not present or (date and in_office(k, date) is False) or (not date and _never_met(k, found)):
                    continue  # "Trump" in a 2022 readout is not a party to it
                at = [
                    m.start() for fa in present for m in [re.search(rf"(?<![\w-]){re.escape(fa)}(?![\w-])", sent)] if m
                ]
                if at:
                    named.append((min(at), k))
            # In the order the line names them: "Starmer gives update to Zelensky after Trump ...".
            for at0, k in sorted(named, key=lambda x: x[0]):
                if not any(same_person(k.name, f.name) for f in found) and len(found) < 2:
                    gap0 = _found_before(sent, at0, found) if found else 0
                    if found and (_AHEAD_RE.search(sent, gap0, at0) or _EARLIER_EVENT_RE.search(sent, gap0, at0)):
                        # "met Albanese today, ahead of their trilateral meeting with President
                        # Biden": named for a later event (but "said after talks with Y", "while Y
                        # said": this one, which the titled-name rule's asides leave to this pass),
                        # or an earlier one ("X's visit follows his recent meetings with President Y").
                        continue
                    add(_as_written(k, text))
        if len(found) >= 2:
            for k in _joined_leaders(opening[: max_sentences + 1], found, known_t, folded_names, date):
                add(_as_written(k, text))
        if len(found) == 1:
            # (over the lines the opening read: headlines and datelines do not use it up)
            other = _unnamed_role(opening[: max(seen, max_sentences + 1)], found, known_leaders, date)
            if other is not None:
                add(other)
        if len(found) < 2:
            for k in _unnamed_pair(opening[: max(seen, max_sentences + 1)], found, known_leaders, date):
                add(k)
        if len(found) == 1:
            host = _unnamed_host(opening[: max_sentences + 1], found, known_leaders, text, date)
            if host is not None:
                found.insert(0, host)
    if not found and max_sentences < _FAR_OPENING:
        return infer_participants(text, sentences, known_leaders, _FAR_OPENING, title, date)
    return _fill_countries(tuple(found), text)


_FAR_OPENING = 12

# Words of a title-case headline that are no part of a name: its verbs and prepositions ("To" after
# the first word only: "To Lam" is a name).
_HEADLINE_WORD_RE = re.compile(
    r"(?:^|(?<=\s))(?:Holds?|Held|Meets?|Talks|Phone|Calls?|Discuss(?:es)?|Agrees?|Vows?|Signs?|Says|Urges?|"
    r"Stress(?:es)?|Hails?|Welcomes?|Reaffirms?|Address(?:es)?|Reviews?|Explores?|Seeks?|Eyes|Pledges?|"
    r"Invites?|Thanks|Congratulates?|Praises?|Backs|Receives?|Hosts?|Visits?|"
    r"On|With|For|In|At|Over|About|And)(?=\s|$)|(?<=\s)To(?=\s|$)"
)

_AHEAD_RE = re.compile(r"\b(?:ahead\s+of|prior\s+to|in\s+the\s+run-up\s+to|in\s+preparation\s+for)\b", re.I)


# "X met with Y together with the Latvian president, Z, and ...", "X, joined by Z, met Y": leaders
# who join the meeting the lead reports (a summit's side meeting of four) are parties to it too.
_JOINED_RE = re.compile(
    r"\b(?:(?:met|meets|meeting|talks|talked|spoke)\b[^.;:]{0,60}?\b(?:together|along)\s+with|joined\s+by)\b", re.I
)


def _joined_leaders(
    lines: Sequence[str],
    found: Sequence[Participant],
    known: tuple[Participant, ...],
    folded_names: Sequence[tuple[str, ...]],
    date: str | None,
) -> list[Participant]:
    """Registry leaders an opening line names after a joining cue (`together with`, `joined by`)
    that follows a participant already found: in the order the line names them."""
    out: list[tuple[int, Participant]] = []
    for line in lines:
        sent = fold(line)
        m = _JOINED_RE.search(sent)
        if m is None or not _found_before(sent, m.end(), found):
            continue
        for k, fas in zip(known, folded_names, strict=True):
            if any(same_person(k.name, f.name) for f in (*found, *(q for _, q in out))):
                continue
            if (date and in_office(k, date) is False) or (not date and _never_met(k, found)):
                continue
            at = [
                hit.start()
                for fa in fas
                if fa in sent
                for hit in [re.compile(rf"(?<![\w-]){re.escape(fa)}(?![\w-])").search(sent, m.end())]
                if hit
            ]
            if at:
                out.append((min(at), k))
    return [k for _, k in sorted(out, key=lambda x: x[0])]


def _found_before(line: str, at: int, found: Sequence[Participant]) -> int:
    """Where, in the folded `line`, the last mention of a participant already found ends before
    `at` (by a word of his name of four letters or more), else 0: the gap after it is the one an
    aside would stand in."""
    end = 0
    for f in found:
        for w in fold(f.name).split():
            if len(w) < 4:
                continue
            i = line.rfind(w, 0, at)
            if i >= 0:
                end = max(end, i + len(w))
    return end


def _split_country_name(of: str, name: str) -> tuple[Country, int, str] | None:
    """Where the country ends in "Prime Minister of <country> <name>": the longest run of
    words that names a country, so that "Papua New Guinea James Marape" leaves the whole
    name (the pattern's lazy match stops after the first word). The country, the name's
    offset in "<of> <name>" (joined by one space), the name."""
    joined = f"{of} {name}"
    words = list(re.finditer(r"\S+", joined))
    for k in range(len(words) - 2, 0, -1):
        head = joined[: words[k - 1].end()]
        country = _country_of(head)
        if country:
            return country, words[k].start(), joined[words[k].start() :]
    if _country_of(joined):
        return None  # "President of the European Commission": the title's end, no name follows
    country = _country_ending(of)
    return (country, len(of) + 1, name) if country else None


_COUNTRY_WORD_RE: re.Pattern[str] | None = None


def _country_words() -> re.Pattern[str]:
    """Any country's name or demonym (the EU's aside), compiled once."""
    global _COUNTRY_WORD_RE
    from .countries import COUNTRIES

    if _COUNTRY_WORD_RE is None:
        words = {w for c in COUNTRIES if c.name != "European Union" for w in c.names + c.demonyms}
        _COUNTRY_WORD_RE = re.compile(
            r"(?<![\w])(?:{})(?![\w])".format("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        )
    return _COUNTRY_WORD_RE


# A country named as what is talked about: "the situation in Afghanistan", "support for Ukraine",
# "the invasion of Ukraine", "aid to Gaza", "talks on Israel".
_SUBJECT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:in|on|about|over|into|to|towards?|against|across|for|of|regarding|with)\s+(?:the\s+)?$"
)


def _country_counts(text: str, taken: set[str], actors: bool = False) -> dict[str, int]:
    """How often the readout names each country (by name or demonym) other than `taken`; with
    `actors`, not counting a country named as the subject of the talks (_SUBJECT_BEFORE_RE)."""
    counts: dict[str, int] = {}
    ft = fold(text)
    for m in _country_words().finditer(ft):
        c = find_country(m.group())
        if c and c.name not in taken and c.name != "European Union":
            if actors and _SUBJECT_BEFORE_RE.search(ft, max(0, m.start() - 16), m.start()):
                continue
            counts[c.name] = counts.get(c.name, 0) + 1
    return counts


_PAIR_JOIN_RE = re.compile(r"(?:\s*,\s*|\s+and\s+(?:the\s+)?|\s*[-\u2013]\s*)")


def _paired_with(text: str, taken: set[str]) -> dict[str, int]:
    """How often each country other than `taken` is named right beside a `taken` one ("UK-China",
    "the UK and Italy", "British and American", "British, Afghan and NATO forces")."""
    ft = fold(text)
    out: dict[str, int] = {}
    prev: tuple[int, Country | None] | None = None
    for m in _country_words().finditer(ft):
        c = find_country(m.group())
        if prev is not None and prev[1] and c and _PAIR_JOIN_RE.fullmatch(ft[prev[0] : m.start()]):
            a, b = prev[1].name, c.name
            if (a in taken) != (b in taken):
                other = b if a in taken else a
                out[other] = out.get(other, 0) + 1
        prev = (m.end(), c)
    return out


def _fill_countries(found: tuple[Participant, ...], text: str) -> tuple[Participant, ...]:
    """A participant inferred without a country ("Vladimir Putin had a telephone
    conversation ...", "Prime Minister Shri Narendra Modi met ...") gets the country the
    readout names most often among those no other participant holds, when it clearly
    dominates (at least twice, and 1.5 times the runner-up): "the President of Russia",
    "Russia's principled approaches". Only when exactly one participant lacks a country."""
    missing = [i for i, p in enumerate(found) if not p.country]
    if len(missing) != 1:
        return found
    taken = {c.name for c in (find_country(p.country) for p in found) if c}
    counts = _country_counts(text, taken)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
        return found
    i = missing[0]
    return found[:i] + (replace(found[i], country=ranked[0][0]),) + found[i + 1 :]


def _resolve_known(
    name: str, known: Sequence[Participant], date: str | None = None, office: str | None = None
) -> Participant | None:
    """The known leader a name denotes; of several ("Premier Li", "President Aoun"), the one
    in office on the readout's date when the registry gives terms, and the one holding the office
    the readout gives ("King Salman" is not the crown prince Mohammed bin Salman, "President Ali"
    not the Supreme Leader Ali Khamenei)."""
    ca = _name_count(name)
    hits: list[Participant] = []
    if ca:
        known = tuple(known)
        by_word, counts = _known_names(known)
        # Two names one of whose words contain the other's share a word: only the leaders
        # sharing one are compared.
        ids = sorted({i for w in ca for i in by_word.get(w, ())})
        hits = [known[i] for i in ids if any(ca <= cb or cb <= ca for cb in counts[i])]
    if len(hits) > 1 and date:
        dated = [k for k in hits if in_office(k, date)]
        hits = dated or hits
    if len(hits) > 1 and office:
        o = office.casefold()
        # the office or its head: "President" is also the President of the European Council's
        holding = [k for k in hits if (k.title or "").casefold() == o or (k.title or "").casefold().startswith(o + " ")]
        hits = holding or hits
    if len(hits) > 1 and len(ca) == 1:
        # one word: a family name rather than a given name ("President Michel" is Charles Michel,
        # not Michel Aoun; "President Ali" is Irfaan Ali)
        word = next(iter(ca))
        family = [k for k in hits if _translit(fold(k.name).casefold().split()[-1:]) == [word]]
        hits = family or hits
    return hits[0] if hits else None


def _misspelt_known(
    name: str, known: Sequence[Participant], date: str | None, country: str | None
) -> Participant | None:
    """The one known leader in office on the date (and of the country, when the readout gives it)
    whose name the readout writes in full but for its last word, a letter or two replaced in it
    ("Anthony Albenese"): wire copy's typo, and the registry's leader is who is meant. (A first
    word spelt otherwise, "Meshal" for "Mishal", is a transliteration the outlet's own name keeps.)
    The written form becomes an alias, so that the readout's mentions still find him."""
    words = fold(name).casefold().split()
    if len(words) < 2 or not date:
        return None
    hits = []
    for k in known:
        theirs = fold(k.name).casefold().split()
        if len(theirs) != len(words) or (country and k.country and k.country != country):
            continue
        if words[:-1] != theirs[:-1]:
            continue
        a, b = words[-1], theirs[-1]
        off = sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) >= 5 and a[0] == b[0] else 3
        if off <= 2 and in_office(k, date):
            hits.append(k)
    if len(hits) != 1:
        return None
    k = hits[0]
    return replace(k, aliases=(name, name.split()[-1], *k.aliases))


def _name_count(name: str) -> Counter[str]:
    """The words of a name as names are compared: two names are the same when one's words
    contain the other's, counting repeated words ("Abdullah Abdullah" is not "King Abdullah")
    and reading transliterations alike ("Mohammad bin Salman" is "Mohammed bin Salman")."""
    return Counter(_translit(fold(name).casefold().split()))


# Per known-leader list: each leader's names (name and aliases) as _name_count gives them, and
# the leaders by word. Built once per list: comparing every name of every leader anew was most of
# inferring the participants of a readout.
# Keyed by the leaders' identities, not by the tuple: hashing a tuple of several hundred
# participants (their every field) at each look-up cost more than the look-up saved. The entry
# keeps its list alive, so no id in a key can be reused by another object.
_KNOWN_NAMES: dict[tuple[int, ...], tuple[tuple[Participant, ...], dict[str, list[int]], list[list[Counter[str]]]]] = {}


def _known_names(known: tuple[Participant, ...]) -> tuple[dict[str, list[int]], list[list[Counter[str]]]]:
    key = tuple(map(id, known))
    got = _KNOWN_NAMES.get(key)
    if got is None:
        counts = [[c for c in (_name_count(a) for a in (k.name, *k.aliases) if a) if c] for k in known]
        by_word: dict[str, list[int]] = {}
        for i, cs in enumerate(counts):
            for w in {w for c in cs for w in c}:
                by_word.setdefault(w, []).append(i)
        if len(_KNOWN_NAMES) > 8:
            _KNOWN_NAMES.clear()
        got = _KNOWN_NAMES[key] = (known, by_word, counts)
    return got[1], got[2]


# Per known-leader list (keyed as _KNOWN_NAMES): each leader's name and aliases folded, for the
# search of an opening line for a known leader's alias.
_FOLDED_NAMES: dict[tuple[int, ...], tuple[tuple[Participant, ...], list[tuple[str, ...]]]] = {}


def _folded_names(known: tuple[Participant, ...]) -> list[tuple[str, ...]]:
    key = tuple(map(id, known))
    got = _FOLDED_NAMES.get(key)
    if got is None:
        if len(_FOLDED_NAMES) > 8:
            _FOLDED_NAMES.clear()
        got = _FOLDED_NAMES[key] = (known, [tuple(fold(a) for a in (k.name, *k.aliases) if a) for k in known])
    return got[1]


# Spellings of one Arabic or Persian name across outlets.
_TRANSLIT = {
    **dict.fromkeys(("mohammed", "mohammad", "muhammad", "mohamed", "mohamad", "muhammed", "mohammad"), "muhammad"),
    **dict.fromkeys(("abdel", "abdul", "abd", "abdal"), "abdul"),
    **dict.fromkeys(("seyed", "seyyed", "sayyid", "sayed"), "sayyid"),
    **dict.fromkeys(("el-sisi", "al-sisi", "el-sissi"), "al-sisi"),
}


def _translit(words: list[str]) -> list[str]:
    return [_TRANSLIT.get(w, w) for w in words]


_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_RU_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        )
    )
}
_MONTH_ALT = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_RES = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    # "18 February 2020", "26-May-2023" (CGTN)
    re.compile(
        rf"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+|-)(?P<mon>{_MONTH_ALT})(?:,?\s+|-)(?P<y>(?:19|20)\d\d)(?!\d)"
    ),
    # Central Asian pages in Russian: "31 августа 2021" (24.kg)
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\s+(?P<ru>[а-я]+)\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
    # "Aug 22, 2021", "February 28,2025" (A News)
    re.compile(rf"\b(?P<mon>{_MONTH_ALT})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>(?:19|20)\d\d)(?!\d)"),
)


def _iso_date(date: str | None) -> str | None:
    """A document date given as metadata, when it is an ISO date (YYYY-MM-DD); else None."""
    return date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None


def readout_date(text: str, title: str = "") -> str | None:
    """The first full date ("18 February 2020", "Aug 22, 2021", "2021-08-28") of the title,
    else of the readout's opening, as an ISO date; None when there is none."""
    for chunk in (title, text[:1500]):
        best: tuple[int, str] | None = None
        for rx in _DATE_RES:
            for m in rx.finditer(chunk):
                gd = m.groupdict()
                if gd.get("m"):
                    month = int(gd["m"])
                elif gd.get("ru"):
                    month = _RU_MONTHS.get(gd["ru"], 0)
                else:
                    month = _MONTHS.get(gd["mon"][:3].casefold(), 0)
                day, year = int(gd["d"]), int(gd["y"])
                if 1 <= month <= 12 and 1 <= day <= 31:
                    if best is None or m.start() < best[0]:
                        best = (m.start(), f"{year:04d}-{month:02d}-{day:02d}")
                    break
        if best:
            return best[1]
    return None


def _terms_of(p: Participant) -> tuple[tuple[str, str], ...]:
    """The registry's terms of a participant, under his name or (written otherwise) an alias."""
    terms = lexicon_files.leader_terms()
    for n in (p.name, *p.aliases):
        got = terms.get(n.casefold())
        if got:
            return tuple(got)
    return ()


def _never_met(k: Participant, found: Sequence[Participant]) -> bool:
    """Whether the registry's terms show that `k` was never in office while a participant already
    found was: an undated readout's "during Evo Morales's mandate" beside Luis Arce names no party."""
    mine = _terms_of(k)
    if not mine:
        return False
    for f in found:
        theirs = _terms_of(f)
        if theirs and not any(a <= (d or "9999") and c <= (b or "9999") for a, b in mine for c, d in theirs):
            return True
    return False


def in_office(leader: Participant, date: str) -> bool | None:
    """Whether the registry's terms put the leader in office on `date` (ISO); None when the
    registry gives the leader no terms."""
    terms = lexicon_files.leader_terms().get(leader.name.casefold())
    if not terms:
        return None
    return any(a <= date and (not b or date <= b) for a, b in terms)


_FOLDED_LOWER: list[str] = ["", ""]


def _folded_lower(text: str) -> str:
    """fold(text).casefold() of the last text asked (a readout's participants ask several times)."""
    if _FOLDED_LOWER[0] is not text:
        _FOLDED_LOWER[:] = [text, fold(text).casefold()]
    return _FOLDED_LOWER[1]


def _as_written(k: Participant, text: str) -> Participant:
    """A known leader under the registry's name, in the readout's letters when the text writes that
    name with accents the registry folds ("Recep Tayyip Erdoğan" where the registry writes
    "Erdogan"), or under a fuller form of it the text writes ("Bola Ahmed Tinubu" of "Bola
    Tinubu"). Another spelling ("Yoon Suk-yeol", "Mohammed bin Zayed", "Sadyr Zhaparov") is an
    alias: the registry's name is served, as readers and annotators name the leader whatever an
    outlet's transliteration (real readouts: 4 such readouts of 7 name the registry's spelling)."""
    ft = _folded_lower(text)
    if fold(k.name).casefold() in ft:
        if k.name.isascii() and not text.isascii():
            m = re.search(rf"(?<![\w-]){re.escape(k.name)}(?![\w-])", fold(text))
            if m and text[m.start() : m.end()] != k.name:
                written = text[m.start() : m.end()]
                return replace(k, name=written, aliases=(k.name, *k.aliases))
        return k
    own = _words(k.name)
    fuller = [
        a
        for a in k.aliases
        if re.fullmatch(r"[^\W\d_]+(?:[\s-][^\W\d_]+)+", a)
        and own < _words(a)
        and not any(w.casefold() in _TITLE_WORDS for w in a.split())
    ]
    for a in sorted(fuller, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(fold(a).casefold())}(?![\w-])", ft):
            return replace(k, name=a, aliases=(k.name, *(x for x in k.aliases if x != a)))
    return k


# "The Prime Minister spoke to ...", "PM call with President Xi": the issuing side's leader,
# unnamed. Resolved through the registry: the leader with that office, in office on the
# readout's date, of the country the readout names most among those no participant holds.
_UNNAMED_HOST_RE = re.compile(
    r"^\W{0,3}(?:The\s+)?(?P<title>Prime\s+Minister|PM|President|Chancellor|Premier|Taoiseach)"
    r"(?:\s+of\s+the\s+Republic)?\s+(?!of\b)"
    r"(?:(?:today|yesterday|this\s+\w+|has|had|also)\s+)*(?:spoke|speaks|talked|talks|call|called|calls|met|meets|"
    r"held|holds|hosted|hosts|received|receives|welcomed|telephoned|phoned|had)\b"
)


# An unnamed office opening a readout as its subject is one government's house style: "The Prime
# Minister spoke to ..." is Downing Street's (every such dev readout: gov.uk and the outlets that
# reproduce it). Another issuer names its prime minister ("Prime Minister Shri Narendra Modi spoke
# ...", "Prime Minister Albanese spoke with ..."). Used only when no candidate country is named.
_HOUSE_STYLE = {"prime minister": "United Kingdom"}


def _unnamed_host(
    lines: Sequence[str], found: Sequence[Participant], known: Sequence[Participant], text: str, date: str | None
) -> Participant | None:
    office = None
    for line in lines:
        m = _UNNAMED_HOST_RE.match(line.strip())
        if m:
            office = re.sub(r"\s+", " ", m.group("title")).casefold()
            office = "prime minister" if office == "pm" else office
            break
    if office is None:
        return None
    taken = {c.name for c in (find_country(p.country) for p in found) if c}
    cands = [
        k
        for k in known
        if (k.title or "").casefold() == office
        and not any(same_person(k.name, p.name) for p in found)
        and _country_name(k) not in taken
    ]
    if date:
        cands = [k for k in cands if in_office(k, date) is not False]
    else:
        cands = [k for k in cands if not _never_met(k, found)]
    # The issuing side's country as an actor ("the UK will", "British nationals"), not as what the
    # talks were about ("the situation in Israel", "support for Ukraine"), however often.
    counts = _country_counts(text, taken, actors=True)
    paired = _paired_with(text, taken)
    if any(paired.get(_country_name(k) or "", 0) for k in cands):
        # "the UK-China relationship", "British and American personnel": the issuing side's country
        # is named beside the other side's; a country named only as a subject of the talks ("the
        # situation in Israel and Gaza") is not, however often it is named.
        counts = paired
    best: dict[str, int] = {}
    for k in cands:
        name = _country_name(k)
        if name:
            best[name] = counts.get(name, 0)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] < 1 and office in _HOUSE_STYLE and date:
        # No candidate's country named as an actor at all ("The Prime Minister spoke to Dutch Prime
        # Minister Mark Rutte ... about the situation in Afghanistan"): the house style's issuer.
        ranked = [(_HOUSE_STYLE[office], 1)]
    if not ranked or ranked[0][1] < 1 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    of_country = [k for k in cands if _country_name(k) == ranked[0][0]]
    return of_country[0] if len(of_country) == 1 else None


# "his Uzbek counterpart", "the Ukrainian president", "the visiting Kazakh leader", a headline's
# "Xi meets Kiribati leader" (no article after the verb), not followed by the name: the leader
# of that country with that office (the other leader's, for a counterpart) in office on the
# readout's date, from the registry.
_UNNAMED_ROLE_RE = re.compile(
    r"\b(?:his|her|the|their|(?:meets|met|meet|hosts|hosted|receives|received|with))\s+"
    r"(?:(?:visiting|new|newly[- ]elected|incoming)\s+)?"
    r"(?P<dem>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+(?P<role>counterpart|[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|"
    r"[Cc]hancellor|leader|[Kk]ing|[Ee]mir|[Cc]rown\s+[Pp]rince|head\s+of\s+state)\b(?!,?\s+(?:[A-Z]|of\b))"
)


# An office of a named country opening a line, unnamed, doing something: "The President of
# Russia congratulated ...", "China's president on Saturday met with ...", "Italy's prime
# minister speaks by phone with ...". A name after the office ("President of Russia Vladimir
# Putin") is another rule's; here a lower-case word follows.
_OFFICE_SUBJECT_RE = re.compile(
    r"^\W{0,3}(?:The\s+)?(?:(?P<poss>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)(?:'s|\u2019s)\s+"
    r"(?P<t1>[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Cc]hancellor|[Kk]ing)|"
    r"(?P<t2>President|Prime\s+Minister|Premier|Chancellor|King)\s+of\s+(?:the\s+)?"
    r"(?P<of>[A-Z][\w'-]+(?:\s+(?:of\s+)?[A-Z][\w'-]+){0,3}?)),?\s+(?!of\b)(?=[a-z])"
)


def _office_subject(line: str, known: Sequence[Participant], date: str | None) -> Participant | None:
    """The registry's one leader holding the office of the country a line opens with
    (_OFFICE_SUBJECT_RE), in office on the readout's date."""
    m = _OFFICE_SUBJECT_RE.match(line.strip())
    if not m:
        return None
    c = _country_of(m.group("poss") or m.group("of"))  # "of Russia Vladimir Putin held": no country
    if c is None:
        return None
    office = re.sub(r"\s+", " ", m.group("t1") or m.group("t2")).casefold()
    cands = [
        k
        for k in known
        if _country_name(k) == c.name
        and (k.title or "").casefold() == office
        and (not date or in_office(k, date) is not False)
    ]
    return cands[0] if len(cands) == 1 else None


def _unnamed_role(
    lines: Sequence[str], found: Sequence[Participant], known: Sequence[Participant], date: str | None
) -> Participant | None:
    taken = {c.name for c in (find_country(p.country) for p in found) if c}
    for line in lines:
        for m in _UNNAMED_ROLE_RE.finditer(line):
            c = _country_of(m.group("dem"))
            if c is None or c.name in taken:
                continue
            role = re.sub(r"\s+", " ", m.group("role")).casefold()
            office = (found[0].title or "").casefold() if role == "counterpart" else role
            cands = [
                k
                for k in known
                if _country_name(k) == c.name
                and (office in ("", "leader", "head of state") or (k.title or "").casefold() == office)
                and (in_office(k, date) is not False if date else not _never_met(k, found))
            ]
            if len(cands) == 1:
                return cands[0]
    return None


# "The Presidents of Colombia and Mexico met ...", "prime ministers of India and Japan": two
# offices of named countries, unnamed.
_PLURAL_OFFICE_RE = re.compile(
    r"(?P<role>[Pp]residents|[Pp]rime\s+[Mm]inisters|[Pp]remiers)\s+of\s+(?:the\s+)?"
    r"(?P<a>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}?)\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
    r"(?![\w'-])"
)


def _unnamed_pair(
    lines: Sequence[str], found: Sequence[Participant], known: Sequence[Participant], date: str | None
) -> list[Participant]:
    """The registry's leaders an opening names only by a plural office of two countries
    (_PLURAL_OFFICE_RE), each the one holder of the office in office on the readout's date, less
    those found already."""
    if not date:
        return []
    taken = {c.name for c in (find_country(p.country) for p in found) if c}
    for line in lines:
        for m in _PLURAL_OFFICE_RE.finditer(line):
            office = _PLURAL_TITLES.get(re.sub(r"\s+", " ", m.group("role")).casefold())
            out: list[Participant] = []
            for dem in (m.group("a"), m.group("b")):
                c = _country_of(dem)
                if c is None:
                    out = []
                    break
                if c.name in taken:
                    continue
                cands = [
                    k
                    for k in known
                    if _country_name(k) == c.name
                    and (k.title or "").casefold() == (office or "").casefold()
                    and in_office(k, date) is True
                ]
                if len(cands) != 1:
                    out = []
                    break
                out.append(cands[0])
            if out:
                return out
    return []


def _country_name(p: Participant) -> str | None:
    c = find_country(p.country)
    return c.name if c else None
