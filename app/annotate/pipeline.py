"""annotate(): sentences -> attribution (with pronoun and quotation context) -> topics/act."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import learned_detection, lexicon_files
from .acts import decide_act
from .attribution import (
    BACKGROUND_RE,
    Attribution,
    attribute_sentence,
    bare_subject,
    first_person_narration,
    label_speakers,
    not_for_own_country,
    quote_mask,
    quotes_narration,
    we_did,
    with_me,
)
from .countries import COUNTRIES, Country, find_country
from .folded import FoldedPattern
from .leaders import Mention, MentionFinder, compiled, find_host, guess_gender, infer_participants, written_variants
from .lexicon import ADVERBS, FINITE_RE, finite_verbs, verb_class, verb_forms
from .models import Annotation, FoundPosition, Participant, TopicSpec
from .sentences import split_sentences
from .stages import QuotationTracker, SpeakerTracker
from .topics import TopicMatcher, residual_topics

__all__ = ["annotate", "ANNOTATOR_VERSION"]

ANNOTATOR_VERSION = "annotator/0.2"
STRICT = False  # re-raise internal errors instead of returning an empty annotation (tests)

# Circumstance is not topic (guidelines: "despite the pandemic, trade grew" is trade only), in the other words
# of the same concession ("in the midst of the pandemic", "although the pandemic hit both countries", "even in
# the difficult conditions of the pandemic", "even under the pandemic"); not "in the face of" or "in the
# context of", which name what is dealt with ("in the face of the disease, both governments put people first").
_CIRCUMSTANCE_RE = re.compile(
    r"(?<![\w])(?:despite|amid|amidst|in\s+spite\s+of|against\s+the\s+backdrop\s+of|notwithstanding|in\s+the\s+midst\s+of|"
    r"(?:even\s+)?though|although|even\s+(?:in|under|during)|(?:in|under)\s+the\s+(?:[\w-]+\s+){0,2}conditions\s+of)"
    r"\s+[^,.;:\n]{1,120}",
    re.I,
)
_CIRCUMSTANCE_WORDS = (
    "despite",
    "amid",
    "in spite",
    "backdrop",
    "notwithstanding",
    "midst",
    "though",
    "even ",
    "conditions",
)
# What a courtesy thanks or congratulates for is not topic either (guidelines: thanks stay courtesies
# even when they name what is thanked): "thanked Y for the vaccines and called for trade talks" is
# trade only. The object runs to the clause's end: a comma, or "and" before the next past verb.
_COURTESY_OBJECT_RE = re.compile(
    r"\b(?:thank(?:ed|s|ing)|congratulat(?:ed|es|ing)|(?:gratitude|thanks|congratulations)\s+(?:to\s+[^,.;:\n]{1,60}?\s+)?)"
    r"(?:\s+[^,.;:\n]{1,60}?)?\s+(?:for|on)\s+[^,.;:\n]{1,160}?"
    r"(?=\s+and\s+(?:(?:also|then|further)\s+)?(?:\w+ed|said|made|gave|took|sought)\b|[,.;:\n]|$)",
    re.I,
)
_CLAUSE_END_RE = re.compile(r"[.;\n]")


def _without_courtesy_objects(masked: str, matcher: TopicMatcher) -> str:
    """The masked text with what a thanks or congratulation is for blanked, when the rest of its
    sentence has a topic of its own ("thanked Y for the vaccines and called for trade talks"); with
    none, the thanked matter is what the rest speaks of ("thanked Y for his attention to the crisis
    in Ukraine and noted that Russia was open to negotiations" is ukraine)."""

    def blank(m: re.Match[str]) -> str:
        end = _CLAUSE_END_RE.search(masked, m.end())
        rest = matcher.index(masked, [(m.end(), end.start() if end else len(masked))])
        return " " * len(m.group()) if rest else m.group()

    return _COURTESY_OBJECT_RE.sub(blank, masked)


_TERMINAL_RE = re.compile(r"[.!?\u2026][\"'\u201c\u201d\u2019\u00bb)\]]*$")  # „…“ closes with \u201c
_MATCHERS: dict[tuple[TopicSpec, ...], TopicMatcher] = {}
# The vocabulary of the last call and its matcher, replaced whole (threads may share it): callers
# pass the same topics readout after readout, and comparing a tuple with one of the same objects
# takes a pass over its items, where the dict's hash of it hashed every field of every topic.
_LAST_MATCHER: tuple[tuple[TopicSpec, ...], TopicMatcher] | None = None


def _matcher(topics: Sequence[TopicSpec]) -> TopicMatcher:
    global _LAST_MATCHER
    key = tuple(topics)
    last = _LAST_MATCHER
    if last is not None and last[0] == key:
        return last[1]
    m = _MATCHERS.get(key)
    if m is None:
        if len(_MATCHERS) > 32:
            _MATCHERS.clear()
        m = _MATCHERS[key] = TopicMatcher(key)
    _LAST_MATCHER = (key, m)
    return m


_FINDERS: dict[tuple[tuple[Participant, ...], int | None, bool], MentionFinder] = {}


def _finder(parts: tuple[Participant, ...], host: int | None = None, author: bool = False) -> MentionFinder:
    """MentionFinder per participant list (and issuing side, and whether it writes in the
    first person), cached: compiling its patterns costs more than annotating a readout, and
    the same pairs recur across documents."""
    f = _FINDERS.get((parts, host, author))
    if f is None:
        if len(_FINDERS) > 256:
            _FINDERS.clear()
        f = _FINDERS[(parts, host, author)] = MentionFinder(parts, host, author)
    return f


# A leader's own post: "I had a phone call with Giorgia Meloni.", "I spoke with ...".
_FIRST_PERSON_LEAD_RE = re.compile(
    r"I\s+(?:(?:also|just|today|have|had)\s+)*(?:had|held|spoke|talked|met|called|received|hosted|welcomed|"
    r"discussed|thanked|congratulated|briefed)\b"
)


def _author(text: str, sents: list[tuple[int, int]], finder: MentionFinder) -> int | None:
    """The participant writing a first-person readout: the one its opening "I had a call
    with <the other>" does not name."""
    if len(finder.participants) != 2 or "I " not in text:
        return None
    for s, e in sents[:6]:
        if _FIRST_PERSON_LEAD_RE.match(text, s, e):
            named = {i for m in finder.find(text, s, e) if m.kind in ("person", "role") for i in m.who}
            rest = [i for i in range(2) if i not in named]
            return rest[0] if len(named) == 1 and len(rest) == 1 else None
    return None


# (Opening with a case-sensitive class of the titles' first letters, the check behind picking
# the rest: the engine skips to those letters; a case-insensitive letter first made it try the
# pattern at every position of the readout.)
_SHARED_TITLE_RE = re.compile(
    r"[PpCc](?:(?<=[Pp])(?i:resident|rime\s+Minister|remier)|(?<=[Cc])(?i:hancellor))\s+"
    r"(?:of\s+the\s+Republic\b|[a-z])"
)


# "the head of state emphasized": a generic role means the issuing side's leader when both hold it.
# (r"\b[Tt]he\s+...", opening with its first letter, case-sensitive, so that the engine skips to it.)
_GENERIC_ROLE_RE = re.compile(
    r"(?-i:[Tt])(?<!\w.)he\s+(?:{})\b".format("|".join(re.escape(r) for r, _ in lexicon_files.titles().generic_roles)),
    re.I,
)


# "The conversation provided an opportunity to reiterate ...": the issuing side speaks (attribution.py).
_OPPORTUNITY_HINT_RE = re.compile(r"\b(?:opportunity|occasion|chance)\s+to\b")


def _with_host(text: str, sents: list[tuple[int, int]], finder: MentionFinder) -> MentionFinder:
    """The finder that also reads a bare shared title ("The President said") as the issuing
    side's leader, when the readout names one and uses such titles at all."""
    titles = [(p.title or "").casefold() for p in finder.participants]
    shared = any(t and titles.count(t) > 1 for t in titles)
    if (
        not (shared or "of the Republic" in text)
        or not (_SHARED_TITLE_RE.search(text) or _GENERIC_ROLE_RE.search(text))
    ) and not (("pportunit" in text or "ccasion" in text or "chance" in text) and _OPPORTUNITY_HINT_RE.search(text)):
        return finder
    host = find_host(text, sents, finder)
    return finder if host is None else _finder(finder.participants, host)


def _with_author(text: str, sents: list[tuple[int, int]], finder: MentionFinder) -> MentionFinder:
    """The finder that reads an unquoted "I" as the author of a first-person readout."""
    author = _author(text, sents, finder)
    return finder if author is None else _finder(finder.participants, author, True)


_MASKS: dict[tuple[tuple[Participant, ...], tuple[str, ...]], re.Pattern[str] | None] = {}


def _mask_re(parts: Sequence[Participant], topics: Sequence[TopicSpec]) -> re.Pattern[str] | None:
    key = (tuple(parts), tuple(t.name for t in topics))
    if key not in _MASKS:
        if len(_MASKS) > 256:
            _MASKS.clear()
        _MASKS[key] = _build_mask_re(*key)
    return _MASKS[key]


def _build_mask_re(parts: Sequence[Participant], topic_names: Sequence[str] = ()) -> re.Pattern[str] | None:
    """Participants' names and their own countries/demonyms/capitals, blanked before topic
    matching: a speaker is not a topic (Iran in a Turkey-Iran call is not middle-east).

    A country that is itself a topic of the vocabulary (Ukraine, Afghanistan, Taiwan) stays:
    what its own leader says of it is about that topic."""
    words: set[str] = set()
    own_topics = {n.casefold() for n in topic_names}
    for p in parts:
        words.add(p.name)
        words.update(a for a in p.aliases if a)
        c = find_country(p.country)
        if c and not own_topics & {n.casefold() for n in c.names}:
            words.update(c.names + c.demonyms + c.capitals)
        elif p.country and p.country.casefold() not in own_topics and not c:
            words.add(p.country)
    words = {w for w in words if w and len(w) > 1}
    if not words:
        return None
    # Longest first, grouped by first character, which comes before the check of the character
    # in front of it: the engine then skips to the characters that can start a word (searched
    # over every readout twice) instead of trying the alternation at every position.
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    alt = "|".join(rf"{re.escape(c)}(?<![\w-].)(?:{'|'.join(rest)})" for c, rest in by_first.items())
    return compiled(rf"(?:{alt})(?:'s|\u2019s)?(?![\w])")


# A masked country word inside a longer proper name keeps it whole: "South China Sea", "Korean Peninsula",
# "the One China principle" (unhyphenated).
_NAME_BEFORE = re.compile(r"(?:^|[^.!?;:\s])\s?\b(?:North|South|East|West|Central|[Oo]ne)\s$")
_NAME_AFTER = re.compile(r"^\s(?:Sea|Strait|Peninsula|Gulf|Straits|Basin|Corridor)\b")


def _mask(rx: re.Pattern[str] | None, s: str) -> str:
    if rx is None:
        return s

    def blank(m: re.Match[str]) -> str:
        if _NAME_AFTER.match(s, m.end()) or _NAME_BEFORE.search(s[max(0, m.start() - 8) : m.start()]):
            return m.group()
        return " " * len(m.group())

    return rx.sub(blank, s)


def _own_topics_back(
    text: str, masked: str, rx: re.Pattern[str] | None, sents: Sequence[tuple[int, int]], matcher: TopicMatcher
) -> str:
    """masked, with each sentence given back whose masked participant words (an own country,
    a name) name a topic that the sentence speaks of by that topic's context cues: a speaker
    is not a topic, but "the sanctions against Iran" or "the attacks on Israel caused civilian
    casualties" said by Iran's or Israel's leader is the Middle East question, while "Iran's
    readiness to cooperate with Turkey" is not."""
    if rx is None:
        return masked
    hits = [m for m in rx.finditer(text) if m.start() >= sents[0][0]]
    # (each distinct word is looked up once: most name no topic, and then nothing is scanned)
    naming = {w: matcher.present(w) for w in {m.group() for m in hits}}
    if not any(naming.values()):
        return masked
    starts = [a for a, _ in sents]
    named: dict[tuple[int, int], set[str]] = {}
    for m in hits:
        if naming[m.group()]:
            named.setdefault(sents[bisect_right(starts, m.start()) - 1], set()).update(naming[m.group()])
    for (s, e), slugs in sorted(named.items()):
        if matcher.context_topics(masked, s, e, slugs):
            masked = masked[:s] + text[s:e] + masked[e:]
    return masked


class _DocTopics:
    """Lazy "does the document mention topic T" for "@slug" implications."""

    def __init__(self, matcher: TopicMatcher, masked: str) -> None:
        self._m, self._text = matcher, masked
        self._seen: dict[str, bool] = {}

    def __contains__(self, slug: object) -> bool:
        if not isinstance(slug, str):
            return False
        if slug not in self._seen:
            self._seen[slug] = self._m.has_topic(self._text, slug)
        return self._seen[slug]


def _segments(
    s: int, e: int, attrs: list[Attribution], matcher: TopicMatcher, masked: str
) -> list[list[tuple[int, int]] | None]:
    """Topic scope of each attribution when one sentence reports several leaders
    ("X said ..., while Y stressed ..."): each speaker gets the topics of his own clause
    plus a shared introduction ("On Syria, X ..."); a clause with no topic of its own
    ("..., and Y pledged his full support") inherits the previous speaker's scope."""
    if len(attrs) < 2 or any(a.frame is None for a in attrs):
        return [None] * len(attrs)
    starts = [a.frame.start for a in attrs if a.frame is not None]  # every one, as checked above
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        return [None] * len(attrs)
    out: list[list[tuple[int, int]] | None] = []
    for k, st in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else e
        if k == 0:
            out.append([(s, end)])
            continue
        if not matcher.index(masked, [(st, end)]):
            out.append(out[-1])
            continue
        out.append([(s, starts[0]), (st, end)])
    return out


def _without_subject(ranges: list[tuple[int, int]], a: Attribution) -> list[tuple[int, int]]:
    """The topic scope minus the speaker's own subject phrase: "Both sides expressed concern
    over Gaza" is middle-east, not bilateral-relations ("both sides" is who speaks)."""
    f = a.frame
    if f is None or f.verb_start <= f.start:
        return ranges
    out = []
    for x, y in ranges:
        if f.start >= y or f.verb_start <= x:
            out.append((x, y))
            continue
        if x < f.start:
            out.append((x, f.start))
        if f.verb_start < y:
            out.append((f.verb_start, y))
    return out


@dataclass(frozen=True)
class _Raw:
    """An attributed sentence before topics: span, attribution, topic scope of the speaker's
    clause, sentence index and paragraph, whether it continues an open quotation, and the
    topics a "Regarding X," frame carries at that point of the paragraph."""

    s: int
    e: int
    a: Attribution
    segment: list[tuple[int, int]] | None
    idx: int
    para: int
    continuing: bool = False
    carried: frozenset[str] = frozenset()


_CONTEXT = lexicon_files.topic_context()
_CONFIDENCE = lexicon_files.confidence()
ONE_INFERRED = "participants:one-inferred"  # a factor, not a confidence: see confidence.yaml
# "^" in these patterns means the sentence start: they are matched at each sentence's offset.
_CARRY_RE = [re.compile(p.removeprefix("^"), re.I) for p in _CONTEXT.carry]
_ANAPHOR_START_RE = re.compile(
    "|".join(f"(?:{p[1:]})" for p in _CONTEXT.anaphors if p.startswith("^")) or "(?!x)x", re.I
)
_ANAPHOR_RE = FoldedPattern("|".join(f"(?:{p})" for p in _CONTEXT.anaphors if not p.startswith("^")) or "(?!x)x")
# The subjects spoken of before ("on all the mentioned issues", "in this regard", "in the face of those
# threats"), which the sentence before may have named without being a position ("Various aspects of ... were
# discussed."); not an outcome ("the agreement"), which such a sentence does not name.
_SUBJECT_ANAPHOR_RE = FoldedPattern(
    "|".join(f"(?:{p})" for p in _CONTEXT.anaphors if not p.startswith("^") and "agreement" not in p) or "(?!x)x"
)
_OTHER_PARTY_RE = FoldedPattern(r"(?<![\w])(?:{})(?![\w])".format("|".join(_CONTEXT.other_party)))
_BILATERAL = "bilateral-relations"


def _quoted_part(a: Attribution, s: int, e: int) -> bool:
    """Whether text[s:e] is attributed as part of a quotation, not by its own reporting clause."""
    return a.frame is None or a.frame.quoted or not (s <= a.frame.start < e)


# The end of a quotation that a reporting clause then closes: '"We had a productive meeting," X wrote'.
_QUOTE_CLOSED_RE = re.compile(r"[,!?]?[\"\u201d\u00bb\u2019]\s*,?\s*$")


def _own_voice_narration(text: str, a: Attribution, s: int, e: int) -> bool:
    """Whether quoted text[s:e] only narrates the call or is a courtesy in the speaker's own voice,
    whether it is attributed as part of a quotation or by the clause that closes it ('"We had a
    candid conversation," he added.', 'I thanked him for his kind words," X tweeted.')."""
    if _quoted_part(a, s, e):
        return first_person_narration(text, s, e)
    f = a.frame
    if f is None or f.start <= s or _QUOTE_CLOSED_RE.search(text, s, f.start) is None:
        return False
    return first_person_narration(text, s, f.start)


def _carry_frame(masked: str, s: int, e: int) -> tuple[int, int] | None:
    """The topic phrase of a "Regarding X," / "On X," frame opening the sentence, if any."""
    for rx in _CARRY_RE:
        m = rx.match(masked, s, e)
        if m:
            return m.span("frame")
    return None


def _lead_ranges(masked: str, sents: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The headline lines and first content sentences that set the readout's subject."""
    out = []
    content = 0
    for s, e in sents:
        if content >= _CONTEXT.subject_sentences:
            break
        out.append((s, e))
        if _TERMINAL_RE.search(masked, s, e):
            content += 1
    return out


def _subject_topics(
    matcher: TopicMatcher,
    tindex: dict[str, tuple[list[int], list[int]]],
    title: str,
    lead: Sequence[tuple[int, int]],
) -> frozenset[str]:
    """The readout's subject: topics its title and lead (headline lines and the first
    content sentences) name by their own keywords."""
    found: set[str] = set()
    for s, e in lead:
        found |= matcher.in_range(tindex, s, e)
    if title:
        found |= set(matcher.index(title))
    return frozenset(found)


_CLAUSE_BREAK_RE = re.compile(r"[,;:()\u2014]")
# A comma inside a list of modifiers ("a strategic, long-term and leading partner") joins one phrase.
_LIST_COMMA_RE = re.compile(r",(?=\s+[\w-]+(?:,|\s+and\s))")


def _one_clause(gap: str) -> bool:
    """Whether the words between two words of one clause hold no clause break."""
    return not _CLAUSE_BREAK_RE.search(_LIST_COMMA_RE.sub(" ", gap) if "," in gap else gap)


_CUE_NEXT_RE = re.compile(r"\s*(?:{})(?![\w])".format("|".join(_CONTEXT.other_party)), re.I)
_SUBJECT_NEXT_RE = re.compile(rf"\s+(?:(?:{ADVERBS})\s+)*(?:{FINITE_RE.pattern})", re.I)
_PARTY_WINDOW = 8  # words between the other participant and the relationship cue, in one clause
_TO_NEXT_RE = re.compile(r"\s+to\b", re.I)


_PEOPLE: dict[tuple[Participant, ...], list[tuple[int, re.Pattern[str]]]] = {}


def _people_res(finder: MentionFinder) -> list[tuple[int, re.Pattern[str]]]:
    """Per participant: "the <demonym> people/side/government/nation" of its country."""
    got = _PEOPLE.get(finder.participants)
    if got is None:
        got = []
        for i, c in enumerate(finder.countries):
            if c and c.demonyms:
                alt = "|".join(re.escape(d) for d in c.demonyms)
                got.append(
                    (
                        i,
                        re.compile(
                            rf"(?<![\w-])(?:{alt})\s+(?:people|nation|side|government|leadership|authorities)\b"
                        ),
                    )
                )
        if len(_PEOPLE) > 256:
            _PEOPLE.clear()
        _PEOPLE[finder.participants] = got
    return got


_VISIT_AFTER_RE = re.compile(r"(?:'s|\u2019s)?\s+(?:(?:state|official|working|recent|historic)\s+)?visit\b", re.I)
_VISIT_BEFORE_RE = re.compile(r"\bvisit(?:s|ed|ing)?\s+(?:to\s+)?(?:the\s+)?$", re.I)
_BY_OF_RE = re.compile(r"\b(?:by|of)\s+(?:the\s+)?$")
_BY_RE = re.compile(r"\bby\s+(?:the\s+)?$")
_PEOPLE_OF_RE = re.compile(r"(?:\bof|(?<!stand )(?<!stands )(?<!stood )(?<!standing )\bby)\s+(?:the\s+)?$", re.I)
_OWN_WORD_RE = re.compile(r"(?<![\w-])(?:[Oo]ur|us)(?![\w-])")


# The country's name inside the one-China formula ("the One-China policy", "the \u201cOne China\u201d principle")
# names the policy, not the other side.
_FORMULA_BEFORE_RE = re.compile(r"\b[Oo]ne[\s\u2010\u2011-]$")


def _formula_name(text: str, start: int) -> bool:
    """Whether the mention at start is the country word of the one-China formula."""
    return _FORMULA_BEFORE_RE.search(text, max(0, start - 5), start) is not None


def _near(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] joins two words of one clause (a few words, no clause break)."""
    gap = text[lo:hi]
    return len(gap.split()) <= _PARTY_WINDOW and _one_clause(gap)


def _both_sides(
    text: str, r: _Raw, finder: MentionFinder, cues: list[tuple[int, int]], subject: tuple[int, int]
) -> bool:
    """Two participants' sides stand on either side of one relationship cue, in one clause:
    the one who gives and the one who receives ("Taipei has assisted Guatemala", "urged Biden
    to assist Kenya", "the decision of the Netherlands to provide Ukraine", "Belarus's firm
    support for China's position", "Germany has been a dependable partner ... of our efforts").
    Whatever role each plays, the cue is between them."""
    sides: list[tuple[int, int, frozenset[int]]] = []
    for m in finder.find(text, r.s, r.e):
        if (
            m.kind in ("person", "role", "country")
            and m.who
            and not subject[0] <= m.start < subject[1]
            and not _formula_name(text, m.start)
        ):
            sides.append((m.start, m.end, m.who))
    for i, rx in _people_res(finder):
        for pm in rx.finditer(text, r.s, r.e):
            if not subject[0] <= pm.start() < subject[1]:
                sides.append((pm.start(), pm.end(), frozenset({i})))
    for om in _OWN_WORD_RE.finditer(text, r.s, r.e):
        if not subject[0] <= om.start() < subject[1]:
            sides.append((om.start(), om.end(), r.a.who))
    if len({w for _, _, w in sides}) < 2:
        return False
    for c0, c1 in cues:
        if text[c0 : c0 + 5].lower() in ("invit", "suppo"):
            # the invitation's addressee and its inviter: a visit or a forum (below); support for
            # the other side's own steps or efforts is that side's policy ("supports the steps
            # taken by the Chinese government", "the US support for Egypt's efforts")
            continue
        left = [w for s, e, w in sides if e <= c0 and _near(text, e, c0)]
        if left:
            for s, _e, w in sides:
                if (
                    s >= c1
                    and _near(text, c1, s)
                    and any(not (w & lw) for lw in left)
                    and not _BY_RE.search(text, max(c1, s - 8), s)
                ):
                    return True  # not "the measures taken by the Turkish government": its agent
    return False


def _country_alternation(countries: Sequence[Country | None]) -> str:
    """A regex alternation of the countries' names and demonyms, longest first, any space as `\\s+`
    ("" when there are none)."""
    words = sorted({w for c in countries if c for w in (*c.names, *c.demonyms) if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_PAIRS: dict[tuple[Participant, ...], tuple[re.Pattern[str], dict[str, re.Pattern[str]]] | None] = {}


def _pair_re(finder: MentionFinder) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]] | None:
    """Two participants' countries joined by a hyphen ("a Cambodia-China community", "the
    Canada-UK Trade Continuity Agreement", "German-Indian governmental consultations"), and per
    participant (group name) the pattern of its own words."""
    if finder.participants in _PAIRS:
        return _PAIRS[finder.participants]
    alts = {f"p{i}": alt for i, alt in enumerate(_country_alternation([c]) for c in finder.countries) if alt}
    got = None
    if len(alts) >= 2:
        first = "|".join(f"(?P<{k}>{a})" for k, a in alts.items())
        rx = re.compile(rf"(?<![\w-])(?:{first})[-\u2010\u2011\u2013](?P<second>{'|'.join(alts.values())})(?![\w-])")
        got = (rx, {k: re.compile(a) for k, a in alts.items()})
    if len(_PAIRS) > 256:
        _PAIRS.clear()
    _PAIRS[finder.participants] = got
    return got


_ECONOMIC: dict[tuple[Participant, ...], re.Pattern[str] | None] = {}


def _economic_re(finder: MentionFinder) -> re.Pattern[str] | None:
    """A participant's country, by name or demonym, naming one of its economic actors ("leading Turkish
    companies", "Japan's investments"; not "American workers and companies", a list of its own people)."""
    if finder.participants in _ECONOMIC:
        return _ECONOMIC[finder.participants]
    alt = _country_alternation(finder.countries)
    got = None
    if alt and _CONTEXT.economic_actors:
        actors = "|".join(f"(?:{a})" for a in _CONTEXT.economic_actors)
        got = re.compile(rf"(?<![\w-])(?:{alt})(?:'s|\u2019s)?\s+(?:{actors})(?![\w-])")
    if len(_ECONOMIC) > 256:
        _ECONOMIC.clear()
    _ECONOMIC[finder.participants] = got
    return got


def _economic_actor(text: str, r: _Raw, finder: MentionFinder) -> bool:
    """Whether the content names a participant's investments or companies (outside its reporting clause)."""
    rx = _economic_re(finder)
    if rx is None:
        return False
    for m in rx.finditer(text, r.s, r.e):
        if not (r.a.frame and r.a.frame.start <= m.start() < r.a.frame.verb_end):
            return True
    return False


def _pair_named(text: str, r: _Raw, finder: MentionFinder) -> bool:
    """Whether the content joins two participants' countries by a hyphen."""
    got = _pair_re(finder)
    if got is None:
        return False
    rx, own = got
    for m in rx.finditer(text, r.s, r.e):
        if r.a.frame and r.a.frame.start <= m.start() < r.a.frame.verb_end:
            continue
        first = next(k for k in own if m.group(k) is not None)
        if not own[first].fullmatch(m.group("second")):
            return True  # not "German-German"
    return False


def _other_party(text: str, r: _Raw, finder: MentionFinder) -> bool:
    """The position names the other participant (leader or country) outside its reporting
    clause, near a relationship cue in the same clause: "called on the U.S. to provide",
    "solidarity with India", "thanked the UK for its support". Not when the participant only
    qualifies something ("South Africa's presidency", "U.S. support", "taken by Beijing")."""
    if _pair_named(text, r, finder):
        return True
    if len(r.a.who) >= len(finder.participants):
        return False  # everyone speaks: there is no other party
    cues = [m.span() for m in _OTHER_PARTY_RE.finditer(text, r.s, r.e)]
    if not cues:
        return False
    skip_to = r.a.frame.verb_end if r.a.frame else r.s
    if _both_sides(text, r, finder, cues, (r.a.frame.start, skip_to) if r.a.frame else (r.s, r.s)):
        return True
    for m in finder.find(text, r.s, r.e):
        # A participant's visit, or a visit to a participant's country, is one to the other
        # side: "calling Tsai's visit very important", "an invitation from Erdogan to visit Turkey".
        if (
            m.kind in ("person", "role", "country")
            and m.who
            and (_VISIT_AFTER_RE.match(text, m.end) or _VISIT_BEFORE_RE.search(text, max(r.s, m.start - 24), m.start))
        ):
            return True
    # A reporting verb that is itself a relationship cue ("thanked", "assured", "promised")
    # makes its addressee the other side of it: "thanked Russia for its support".
    addressed = r.a.frame is not None and _OTHER_PARTY_RE.search(text, r.a.frame.verb_start, skip_to) is not None
    # "stand by the Syrian people": the other side named by its people or government.
    for i, rx in _people_res(finder):
        if i in r.a.who:
            continue
        for pm in rx.finditer(text, r.s, r.e):
            if r.a.frame and r.a.frame.start <= pm.start() < skip_to:
                continue  # the reporting clause: what comes before a closing '..., Xi said' is content too
            if _PEOPLE_OF_RE.search(text, max(r.s, pm.start() - 18), pm.start()):
                continue  # "the steps taken by the Chinese government", not "stand by the Syrian people"
            if text[pm.end() : pm.end() + 1] in ("'", "\u2019"):
                continue  # a possessive only qualifies: "support for the Venezuelan authorities' efforts"
            for c0, c1 in cues:
                lo, hi = (c1, pm.start()) if c1 <= pm.start() else (pm.end(), c0)
                gap = text[lo:hi]
                if len(gap.split()) <= _PARTY_WINDOW and _one_clause(gap):
                    return True
    for m in finder.find(text, r.s, r.e):
        if m.kind not in ("person", "role", "country") or not m.who or m.who & r.a.who or _formula_name(text, m.start):
            continue
        if r.a.frame and r.a.frame.start <= m.start < skip_to:
            continue  # part of the subject
        if m.start >= skip_to and not text[skip_to : m.start].strip():
            if addressed and not _TO_NEXT_RE.match(text, m.end):
                return True  # not "invited Erdogan to the G20 summit": the forum is what it is about
            continue  # the addressee of the reporting verb ("told Trump that ..."), not content
        after = text[m.end : m.end + 40]
        if (
            text[m.end - 2 : m.end] in ("'s", "\u2019s")
            or after[:2] in ("'s", "\u2019s")
            or _CUE_NEXT_RE.match(after)
            or _SUBJECT_NEXT_RE.match(after)
        ):
            continue  # "South Africa's presidency", "U.S. support", "..., and Lula thanked him"
        if _BY_OF_RE.search(text, max(r.s, m.start - 8), m.start):
            continue
        for c0, c1 in cues:
            lo, hi = (c1, m.start) if c1 <= m.start else (m.end, c0)
            gap = text[lo:hi]
            if len(gap.split()) <= _PARTY_WINDOW and _one_clause(gap):
                return True
    return False


# Cooperation with a country that no participant speaks for ("humanitarian cooperation with North Korea",
# "seeking cooperation with the United States" in a call between two others): the participants' own names
# are blanked in the masked text, so a country named there is a third party, and the cooperation is not
# the pair's relationship.
_THIRD_COUNTRY_NAMES = "|".join(
    re.escape(n) for n in sorted({n for c in COUNTRIES for n in c.names + c.capitals}, key=len, reverse=True)
)
# (The names as written: "cooperate with us" is the pair, not the US.)
_THIRD_COOPERATION_RE = re.compile(
    r"(?i:(?:cooperat\w*|co-operat\w*|collaborat\w*|coordinat\w*)\s+(?:[\w-]+\s+){0,2}?with\s+(?:the\s+)?)"
    rf"(?:{_THIRD_COUNTRY_NAMES})(?![\w-])"
)


def _third_party_cooperation_only(
    masked: str, tindex: dict[str, tuple[list[int], list[int]]], ranges: list[tuple[int, int]]
) -> bool:
    """Whether every relationship keyword in the ranges opens a cooperation with a third country."""
    starts, _ = tindex.get(_BILATERAL, ([], []))
    hits = [x for a, b in ranges for x in starts[bisect_left(starts, a) : bisect_left(starts, b)]]
    return bool(hits) and all(_THIRD_COOPERATION_RE.match(masked, x) for x in hits)


def _assign_topics(
    raw: list[_Raw],
    text: str,
    masked: str,
    matcher: TopicMatcher,
    tindex: dict[str, tuple[list[int], list[int]]],
    doc_topics: _DocTopics,
    subject: frozenset[str],
    finder: MentionFinder,
    work: Sequence[Participant],
    sents: Sequence[tuple[int, int]] = (),
) -> dict[tuple[int, int, frozenset[int]], FoundPosition]:
    """Topics and act of each attributed sentence: its own keywords (minus the speaker's
    subject phrase), the subject's context cues, the other participant named with a
    relationship cue, then what context carries: the previous position of the same speaker
    when this one refers back to it (or continues its quotation), a "Regarding X," frame;
    with nothing else, what a pair agrees on is their relationship."""
    has_bilateral = _BILATERAL in matcher.order
    found: dict[tuple[int, int, frozenset[int]], FoundPosition] = {}
    last: dict[frozenset[int], tuple[int, frozenset[str]]] = {}
    said_at = {r.idx for r in raw}
    for r in sorted(raw, key=lambda x: (x.s, x.e)):
        s0, e0, a = r.s, r.e, r.a
        found_t: set[str] = set()
        scope = _without_subject(r.segment or [(s0, e0)], a)
        for a0, b0 in scope:
            found_t |= matcher.in_range(tindex, a0, b0, doc_topics)
        # (One speaker's cooperation with a third country; the pair's together with one is a format the
        # pair shares: "agreed to strengthen security cooperation with the United States".)
        alone = len(a.who) < len(work)
        if alone and _BILATERAL in found_t and _third_party_cooperation_only(masked, tindex, scope):
            found_t.discard(_BILATERAL)
        if subject - found_t and _carry_frame(masked, s0, e0) is None:
            # ("On Syria, ... the country's territorial integrity": a frame sets its own subject.)
            found_t |= matcher.context_topics(masked, s0, e0, subject - found_t)
        if (
            has_bilateral
            and _BILATERAL not in found_t
            and (_other_party(text, r, finder) or _economic_actor(text, r, finder))
        ):
            found_t.add(_BILATERAL)
        prev = last.get(a.who)
        if prev is None or prev[0] != r.idx - 1:
            # "Modi said India hoped to receive vaccines. Modi said that he and Biden do not
            # disagree on the subject.": a speaker of the previous sentence is among these.
            prev = next((v for k, v in last.items() if v[0] == r.idx - 1 and k & a.who), prev)
        # It refers back ("It proved ...", "in this regard"), or continues the quotation with no
        # topic of its own: the previous position of the same speaker, the sentence before. When the
        # sentence before is no position, the subjects it names ("Various aspects of ... were discussed.
        # They agreed to keep in contact on all the mentioned issues.").
        anaphor = _ANAPHOR_START_RE.match(text, s0, e0) or _ANAPHOR_RE.search(text, s0, e0)
        if prev is not None and prev[0] == r.idx - 1 and (anaphor or (not found_t and r.continuing)):
            found_t |= prev[1]
        elif 0 < r.idx <= len(sents) and r.idx - 1 not in said_at and _SUBJECT_ANAPHOR_RE.search(text, s0, e0):
            p0, p1 = sents[r.idx - 1]
            # (A heading or link line before, with no stop, is no prose that names a subject; the scan keeps
            # the masked text itself, whose word starts the matcher has kept.)
            if _TERMINAL_RE.search(masked, p0, p1):
                found_t |= set(matcher.index(masked, [(p0, p1)]))
        if not found_t:
            found_t |= r.carried
        found_t |= residual_topics(masked, _without_subject(r.segment or [(s0, e0)], a), found_t, matcher.order)
        if not found_t:
            # "The two sides agreed to hold a summit every two years": with nothing else to
            # say, what the pair agrees on is their relationship.
            for a0, b0 in r.segment or [(s0, e0)]:
                found_t |= matcher.in_range(tindex, a0, b0, doc_topics)
            whole = r.segment or [(s0, e0)]
            if alone and _BILATERAL in found_t and _third_party_cooperation_only(masked, tindex, whole):
                found_t.discard(_BILATERAL)
        last[a.who] = (r.idx, frozenset(found_t))
        after = text[a.frame.verb_end : e0] if a.frame else ""
        act = decide_act(a.cls, text[s0:e0], after)
        # Participant names (the working copies differ from the given ones only by gender).
        names = tuple(sorted(work[i].name for i in a.who))
        key = (s0, e0, a.who)
        conf = _CONFIDENCE.get(a.evidence, a.conf)
        if key not in found or found[key].confidence < conf:
            found[key] = FoundPosition(
                s0, e0, names, tuple(sorted(found_t)), act, round(max(0.05, min(conf, 0.99)), 3), a.evidence
            )
    return found


# A fragment that continues the previous sentence's statement: an additive opener and no verb.
_FRAGMENT_RE = re.compile(
    r"\W*(?:And|Also|As\s+well\s+as|In\s+addition(?:\s+to)?|Plus|Besides|Including|Especially|Particularly|"
    r"Not\s+least|As\s+also)\b"
)
# The third person singular present of the cue verbs ("says", "urges", "expresses"): the tense of
# headlines and standfirsts ("Biden says there is enough doses ...", "Lee urges Xi to help ..."); the
# body of a news report tells what was said in the past.
_PRESENT_FORMS = frozenset(
    verb_forms(lemma.split()[0])[1] for lemmas in lexicon_files.reporting_verbs().classes.values() for lemma in lemmas
) - {"is", "has", "does"}


def _headline_present(text: str, r: Attribution) -> bool:
    """Whether the attribution rests on a present-tense cue verb (in a line of the text's header: a
    headline or standfirst in the outlet's words, with or without a final stop)."""
    f = r.frame
    if f is None or f.quoted:
        return False
    if text[f.verb_start : f.verb_end].split(" ")[0].lower() in _PRESENT_FORMS:
        return True
    # "China will support Sri Lanka's debt optimisation – President Xi": a modal is the present too
    return _MODAL_BEFORE_RE.search(text, max(f.start, f.verb_start - 40), f.verb_start) is not None


_MODAL_BEFORE_RE = re.compile(r"\b(?:will|shall|continues)\b[\w\s]{0,30}$", re.I)


_BULLET_RE = re.compile(r"[\u2022\u25aa\u25cf\u00b7*\u2013\u2014-]\s*$|^\s*(?:\d{1,2}[.)]|[a-z][.)])\s*$", re.M)
_OWN_COUNTRY_RES: dict[tuple[str, ...], re.Pattern[str]] = {}
_STANCE_AFTER = (
    r"(?:(?:also|further|firmly|fully|always|still|highly)\s+)?(?:will|would|is\s+ready|stands|remains|hopes|expects|"
    # a pledge the readout reports of the speaker's side ("Tokyo also pledged a further US$470 million ...")
    r"pledged|pledges|"
    r"supports|believes|wants|should|must|attaches|welcomes|opposes|values|can|is\s+willing|is\s+committed|"
    # Chinese readouts' stance verbs: "China highly appreciates ...", "China has always firmly supported ..."
    r"appreciates|adheres|abides|respects|has\s+(?:always|consistently)|is\s+firmly)\b"
)


def _own_country_goes_on(text: str, s: int, e: int, finder: MentionFinder, prev: Attribution) -> bool:
    """Whether the sentence's subject is the previous speaker's own country (or its capital) with a
    stance verb or modal ("China will play a positive part ...", "In its effort ..., Afghanistan
    hopes ...", "Tokyo also pledged ...")."""
    c = finder.countries[next(iter(prev.who))]
    if c is None:
        return False
    rx = _OWN_COUNTRY_RES.get(c.names)
    if rx is None:
        alt = "|".join(
            re.escape(n)
            for n in sorted(c.names + c.capitals + tuple(f"{d} side" for d in c.demonyms), key=len, reverse=True)
        )
        rx = _OWN_COUNTRY_RES[c.names] = re.compile(
            rf"\W*(?:[^,.;]{{0,100}},\s+)?(?:the\s+)?(?:{alt})\s+{_STANCE_AFTER}", re.I
        )
    return rx.match(text, s, e) is not None


# A group subject in the present tense: "Both sides are committed to ...", "The two countries share ...".
_PRESENT_GROUP_RE = re.compile(
    r"\W*(?:[^,;\"\u201c\u201d]{0,60},\s+)?(?:[Bb]oth|[Tt]he\s+two)\s+(?:sides|countries|nations|parties)\s+"
    r"(?:also\s+)?(?:are|is|have|view|share|hold|see|remain|will)\b"
)
_MODAL_GROUP_RE = re.compile(
    r"\W*(?:(?:The\s+two\s+(?:sides|countries|nations)|Both\s+(?:sides|countries|nations)|They)\s+"
    r"(?:also\s+)?(?:should|need\s+to|must|ought\s+to|have\s+to)\b|"
    # "It is necessary to give full play to ...": the impersonal prescription of the same readouts
    r"It\s+is\s+(?:also\s+)?(?:necessary|imperative|essential)\s+(?:to|for|that)\b|"
    # "This relationship should be all the more cherished.", "Bilateral relations must ...": what the
    # relationship or cooperation should be, in the speaker's reported speech
    r"(?:This|The|Bilateral|Their|Our)\s+(?:[\w-]+\s+){0,2}?(?:relationship|relations|ties|cooperation|partnership|"
    r"friendship)\s+(?:also\s+)?(?:should|must|needs?\s+to|ought\s+to)\b)"
)
# The communication itself as subject ("The conversation also covered ...", "The consultations
# started ..."), the outlet setting it in context ("That comes as ...", "The call came after ..."),
# or a date opening news of its own ("On June 23-24, the European Council will ...").
_NOT_GOING_ON_RE = re.compile(
    r"\W*(?:(?:[^,.;]{0,60},\s+)?(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]heir|[Tt]oday['\u2019]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:call|conversation|talks?|meetings?|visit|summit|exchanges?|discussions?|consultations?|event|negotiations)\b|"
    r"(?:This|That|It|The\s+\w+)\s+(?:comes?|came)\s+(?:as|after|amid|just|days?|weeks?|hours?|a\s+day)\b|"
    r"(?:On|In|By|Until|Since)\s+(?:(?:early|late|mid-?)\s*)?(?:\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)[^,;]{0,30},)"
)


# An official who is no leader opening the sentence as its subject (after an opening phrase):
# "After that, the Deputy Chairman of the Cabinet ...", "Foreign Minister X then ...".
_OFFICIAL_SUBJECT_RE = re.compile(
    r"\W*(?:[^,;\"\u201c\u201d]{0,40},\s+)?(?:[Tt]he\s+)?(?:[\w.-]+\s+){0,2}?"
    r"(?:[Dd]eputy|[Vv]ice|[Ff]oreign\s+[Mm]inisters?|[Mm]inisters?|[Ss]pokes(?:man|woman|person)|[Aa]mbassadors?|[Ee]nvoys?|"
    r"[Aa]ides?|[Aa]dvis[eo]rs?|[Oo]fficials?|[Dd]elegations?)\b"
)


# "has"/"have" as the auxiliary of a present perfect ("the partnership has been increasingly mature",
# "China has lifted ... out of poverty"): what the speaker says the relationship has become, not the
# narration verb "have" ("have talks"); a participle that is itself a cue verb ("has held talks") is
# looked up on its own.
_PERFECT_AUX_RE = re.compile(
    rf"ha(?:s|ve)\s+(?:(?:{ADVERBS})\s+)*(?:been|[a-z]{{2,}}ed|made|become|grown|shown|seen|brought|built|taken)\b",
    re.I,
)


def _statement_goes_on(text: str, s: int, e: int, finder: MentionFinder, prev: Attribution) -> bool:
    """Whether a sentence no rule attributes, with no reporting subject of its own, goes on with
    the one statement before it in its paragraph ("Xi noted that ... . The establishment of
    diplomatic relations will benefit both parties in the long run."). Not when it narrates the
    communication (a narration or courtesy verb, the call or meeting as its subject), sets it in
    context ("That comes as ..."), opens with a date of its own or speaks of the past ("Also, trade
    grew by 20 percent last year."), prescribes ("The two sides need to ..."), names another
    participant first, or has a participant's country as its subject (the speaker's own country
    goes on by its stance verbs, `_own_country_goes_on`; the other's is news: "Russia will also
    help.")."""
    sent = text[s:e]
    if _OFFICIAL_SUBJECT_RE.match(sent):
        return False  # "After that, the Deputy Prime Minister cut the ribbon.": another person acts
    if _NOT_GOING_ON_RE.match(sent) or BACKGROUND_RE.search(sent) or _MODAL_GROUP_RE.match(sent):
        return False  # (what both sides should do goes on after one leader's statement only: above)
    if any(
        verb_class(sent[a:b]) in ("narr", "courtesy") and not _PERFECT_AUX_RE.match(sent, a)
        for a, b in finite_verbs(sent)
    ):
        return False
    ms = finder.find(text, s, e)
    if not ms:
        return True
    first = ms[0]
    if first.kind in ("person", "role"):
        return first.who == prev.who
    if first.kind != "country" or not _OPENING_RE.fullmatch(text, s, first.start):
        return True
    # "China's development will bring ...": a possessive, not the subject; "China and Uzbekistan
    # share ...": both sides.
    if text[first.end - 2 : first.end] in ("'s", "\u2019s") or text[first.end : first.end + 2] in ("'s", "\u2019s"):
        return True
    both = len(ms) > 1 and ms[1].kind == "country" and _AND_RE.fullmatch(text, first.end, ms[1].start) is not None
    return both and (first.who | ms[1].who) == frozenset(range(len(finder.participants)))


def _with_me(text: str, s: int, e: int, finder: MentionFinder, r: Attribution) -> Attribution:
    """`r` with the other leader of "<other leader> and I ..." added (attribution.with_me)."""
    who = with_me(text, s, e, finder, r.who)
    return r if who == r.who else replace(r, who=who, pronoun_gender=None, evidence=f"{r.evidence}:with-me")


# What may stand before a subject: quotation marks, an opening phrase set off by a comma.
_OPENING_RE = re.compile(r"[\s\"'\u201c\u2018\u00ab(]*(?:[^,;.]{0,80},\s+)?")
_AND_RE = re.compile(r"\s+and\s+")


_HAS_VERB_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|must|may|might|do|does|did|"
    r"said|says|told|held|met|spoke|grew|rose|fell|went|came|made|took|gave|saw|became|began|kept|left|won|lost|"
    r"brought|sent|built|remains?|seems?|(?!(?:need|speed|seed|feed|deed|creed|greed|breed)\b)[a-z]{2,}ed)\b",
    re.I,
)
_OPEN_MARKS = '"\u201c\u201e\u00ab\u2018'


def _third_person(text: str, m: Mention) -> bool:
    """Whether a mention inside a quotation speaks of a participant in the third person (a
    name, a title, "he", "the leaders"): not the speaker's own "we"."""
    return m.kind in ("person", "role", "pronoun") or (
        m.kind == "group" and text[m.start : m.end].lower() not in ("we", "us", "our")
    )


# No word and no quotation mark: nothing said, and no quotation opened or closed.
_WORDLESS_RE = re.compile(r"[^\w\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]*")
_BODY_LINE_WORDS = 8  # headlines and bylines are shorter; a line this long past the opening is prose
_THIRD_PERSON_QUOTED = frozenset({"quoted:person", "quoted:role", "quoted:group", "quoted:they"})


def annotate(
    text: str,
    *,
    topics: Sequence[TopicSpec],
    participants: Sequence[Participant] | None = None,
    kind: str | None = None,
    known_leaders: Sequence[Participant] = (),
    title: str | None = None,
    date: str | None = None,
) -> Annotation:
    """Find the stated positions of the participants in a summit readout.

    participants=None infers them from the opening sentences (resolving names through
    `known_leaders`). `kind` "joint statement" makes speakerless content sentences joint
    positions of the signatories. `title` (when the text does not open with it) helps set
    the readout's subject for context cues. `date` (the document's, ISO) dates the readout for
    the registry's terms of office when the text prints none. Never raises on any str input."""
    given = tuple(participants) if participants is not None else None
    try:
        return _annotate(
            text if isinstance(text, str) else "",
            tuple(topics or ()),
            given,
            (kind or "").strip().lower(),
            tuple(known_leaders or ()),
            title if isinstance(title, str) else "",
            date if isinstance(date, str) else None,
        )
    except Exception:
        # Contract: never raise on any str. A bug on a pathological input must not turn an
        # ingest or API call into a 500; it yields no positions instead. Tests set STRICT
        # so that such bugs still surface there.
        if STRICT:
            raise
        return Annotation(given or (), ())


def _annotate(
    text: str,
    topics: tuple[TopicSpec, ...],
    given: tuple[Participant, ...] | None,
    kind: str,
    known: tuple[Participant, ...],
    title: str = "",
    date: str | None = None,
) -> Annotation:
    sents = split_sentences(text)
    parts = infer_participants(text, sents, known, title=title, date=date) if given is None else given
    if not sents or not parts:
        return Annotation(parts, ())
    # Fill genders for pronoun resolution without changing what we return.
    work = []
    seen_names: set[str] = set()
    for p in parts:
        # Blank or repeated names cannot be told apart in text: leave them out of the search.
        if not p.name.strip() or p.name in seen_names:
            continue
        seen_names.add(p.name)
        same = [k for k in known if k.name == p.name or p.name in k.aliases]
        g = p.gender
        if g is None:
            g = next((k.gender for k in same if k.gender), None) or guess_gender(p.name, text)
        # A given participant who is a known leader is found by that leader's other spellings
        # too ("Zelenskyy", "Erdoğan"), as he is when the participants are inferred.
        known_as = next((k for k in same if k.aliases), None)
        aliases = tuple(dict.fromkeys((*p.aliases, *known_as.aliases))) if known_as else p.aliases
        others = [o.name for o in parts if o is not p]
        written = [v for v in written_variants(p.name, text, others) if v not in aliases]
        if written:
            aliases = (*aliases, *written)
        work.append(replace(p, gender=g, aliases=aliases) if (g, aliases) != (p.gender, p.aliases) else p)
    if not work:
        return Annotation(parts, ())
    finder = _with_host(text, sents, _finder(tuple(work)))
    if finder.host is None:
        finder = _with_author(text, sents, finder)
    matcher = _matcher(topics)
    mask_rx = _mask_re(work, topics)
    masked = _own_topics_back(text, _mask(mask_rx, text), mask_rx, sents, matcher)
    low = text.lower()
    if any(w in low for w in _CIRCUMSTANCE_WORDS):
        masked = _CIRCUMSTANCE_RE.sub(lambda m: " " * len(m.group()), masked)
    if any(w in low for w in ("thank", "congratulat", "gratitude")):
        masked = _without_courtesy_objects(masked, matcher)
    # (same length as text: offsets carry over)
    doc_topics = _DocTopics(matcher, masked)
    raw: list[_Raw] = []
    joint = "joint" in kind
    speakers = SpeakerTracker(work)
    everyone = frozenset(range(len(work)))
    quotes = QuotationTracker(text)
    prev_end = 0
    para = 0
    carried: frozenset[str] = frozenset()
    third_in_quote = False
    prev_said: list[Attribution] = []
    # The one leader whose reported speech the paragraph carries ("President Xi noted that ... .
    # This relationship should be cherished. China is ready to ..."): kept across sentences no
    # rule attributes, dropped when anyone else is a subject.
    para_said: list[Attribution] = []
    list_said: list[Attribution] = []
    header = True  # no sentence has ended with a stop yet: headlines and standfirsts
    turned_down: set[tuple[int, int]] = set()
    for idx, (s, e) in enumerate(sents):
        sent = text[s:e]
        if "\n" in text[prev_end:s]:
            para += 1
            carried = frozenset()
            dropped = quotes.paragraph_break(sent, text[s : s + 600])
            raw.extend(_Raw(qs, qe, r, None, idx - 1, para - 1) for qs, qe, r in dropped if r.who)
            prev_said = []  # a statement goes on within its paragraph only
            para_said = []
        prev_end = e
        if _WORDLESS_RE.fullmatch(sent):
            continue  # a stray stop or bullet (".", "* * *") says nothing
        # A line without final punctuation is a headline or dateline, never a position.
        if list_said:
            ls = text.rfind("\n", 0, s) + 1
            if not (ls < s and _BULLET_RE.search(text, ls, s) is not None):
                list_said = []
        if sent.endswith(":") and len(sent) <= 60 and not quotes.in_quote:
            label = label_speakers(text, s, e, finder)
            if label is not None:
                # "The two leaders:" then "\u2014 oppose unilateral attempts ...": a wire summary's
                # talking points, each item its label's participants' position.
                list_said = [label]
                prev_said = para_said = []
                continue
        if (
            not _TERMINAL_RE.search(sent)
            and "\n" not in text[s:e]
            and not quotes.in_quote
            and not list_said  # an item of a list whose introduction named its speakers
            and not (sent.endswith(":") and len(sent.split()) >= 5)  # a list's introduction
            # a body line of a sentence's length whose stop was lost (talking points, scraped pages)
            and not (idx >= 2 and len(sent.split()) >= _BODY_LINE_WORDS)
        ):
            continue
        continuing = bool(quotes.in_quote)
        starts_quoted = continuing or sent[:1] in '"\u201c\u201e\u00ab\u2018'
        qflags, in_quote_after = quote_mask(sent, quotes.in_quote)
        if not starts_quoted:
            third_in_quote = False
        attrs, subj = attribute_sentence(
            text, s, e, finder, joint_statement=joint, qmask=qflags, quoted_third=third_in_quote
        )
        resolved = [r for r in (speakers.resolve(a) for a in attrs) if r is not None and r.who]
        if len(everyone) == 2 and resolved and resolved[0].evidence.startswith("frame:pronoun"):
            r0 = resolved[0]
            other = next(iter(everyone - r0.who))
            if work[other].gender in (None, r0.pronoun_gender) and not_for_own_country(text, s, e, finder, r0.who):
                # "He pledged support for Kenya's mission": not Kenya's leader
                resolved[0] = replace(r0, who=everyone - r0.who, evidence="frame:pronoun-other", conf=r0.conf - 0.1)
        if (
            header
            and resolved
            and not joint
            and (s == 0 or text[s - 1] == "\n")
            and _headline_present(text, resolved[0])
        ):
            # "Joe Biden says there is enough doses ...": a line of the header (no sentence before it
            # has ended with a stop) in the present tense is the outlet's headline or standfirst
            resolved = []
        if header and _TERMINAL_RE.search(sent):
            header = False
        if (
            len(para_said) == 1
            and len(resolved) == 1
            and resolved[0].evidence == "frame:country"
            and not (resolved[0].who & para_said[0].who)
            and not starts_quoted
        ):
            # "Xi pointed out that ... . Egypt expressed its support for China's fight ...": the other
            # side's country inside the paragraph of one leader's reported speech is in his words.
            resolved = [replace(para_said[0], evidence="reported-speech:on", conf=min(para_said[0].conf, 0.7))]
        if (
            len(para_said) == 1
            and len(para_said[0].who) == 1
            and len(resolved) == 1
            and resolved[0].evidence == "frame:group"
            and not starts_quoted
            and _PRESENT_GROUP_RE.match(sent)
        ):
            # "Marcos said ... . Also, both sides are committed to upgrading the ties.": what both sides
            # are (not what they agreed) inside one leader's reported speech is in his words.
            resolved = [replace(para_said[0], evidence="reported-speech:group", conf=min(para_said[0].conf, 0.7))]
        if starts_quoted and not resolved and subj is not None and subj.kind in ("person", "role") and subj.who:
            # '"The Prime Minister told me about the situation. ...," Scholz said': a quoted sentence
            # whose own participant subject was turned down (narration, courtesy) is no position of
            # the quotation's speaker either
            turned_down.add((s, e))
        current = None
        if starts_quoted and not in_quote_after and not resolved and raw and not speakers.blocked:
            last = raw[-1]
            ps = text.rfind("\n", 0, s) + 1
            pe = text.find("\n", e)
            if (
                len(last.a.who) == 1
                and last.para >= para - 2
                and text[ps : ps + 1] in _OPEN_MARKS
                and not text[e : len(text) if pe < 0 else pe].strip()
                and not any(_third_person(text, m) for m in finder.find(text, ps, e))
            ):
                current = last.a
        quoted = quotes.step(idx, s, e, starts_quoted, in_quote_after, resolved, current)
        if quoted:
            # each quoted sentence by its own "we": the quotation's earlier sentences released with
            # this one may say something else ("President Biden assured ...")
            quoted = [
                (
                    qs,
                    qe,
                    replace(r, who=everyone, evidence="quote:we")
                    # (not the second leader of '"We agree ...," said X, while Y reiterated ...')
                    if r.evidence != "frame:second-speaker" and we_did(text, qs, qe)
                    else _with_me(text, qs, qe, finder, r),
                )
                for qs, qe, r in quoted
            ]
        if quoted is None and not resolved and list_said:
            # "They agreed to strengthen cooperation in several areas:" then "• On the energy front, ...":
            # each item of the list goes on with the introduction's speakers.
            resolved = [replace(r, evidence="list-item", conf=min(r.conf, 0.8)) for r in list_said]
        if quoted is None and not resolved and (prev_said or (para_said and subj is None)):
            goes_on = prev_said or para_said
            if prev_said and _FRAGMENT_RE.match(sent) and not _HAS_VERB_RE.search(sent):
                # "Also, the importance of humanitarian access.": a verbless fragment goes on with
                # the previous sentence's speakers.
                resolved = [replace(r, evidence="fragment", conf=min(r.conf, 0.75)) for r in prev_said]
            elif (
                len(goes_on) == 1 and len(goes_on[0].who) == 1 and _own_country_goes_on(text, s, e, finder, goes_on[0])
            ):
                # "He said China expects ... . China will play a positive part in this process.":
                # the speaker's own country as subject goes on with his statement.
                resolved = [replace(goes_on[0], evidence="reported-speech", conf=min(goes_on[0].conf, 0.75))]
            elif len(goes_on) == 1 and len(goes_on[0].who) == 1 and _MODAL_GROUP_RE.match(sent):
                # "Xi stressed that ... . The two sides need to ...": what one leader said both
                # sides should do goes on in reported speech (Chinese and Russian readouts).
                resolved = [replace(goes_on[0], evidence="reported-speech", conf=min(goes_on[0].conf, 0.75))]
            elif len(goes_on) == 1 and subj is None and _statement_goes_on(text, s, e, finder, goes_on[0]):
                resolved = [replace(goes_on[0], evidence="reported-speech:on", conf=min(goes_on[0].conf, 0.7))]
        if quoted is None and not resolved and subj is None:
            # No rule found a reporting frame (a frame it turned down, "Lula has long called for",
            # stays down): the learned fallback may attribute the sentence (learned_detection.py).
            learned = learned_detection.fallback(
                text, sents, idx, finder, frozenset().union(*(r.who for r in prev_said))
            )
            if learned is not None and learned.evidence == "learned:host" and raw and len(raw[-1].a.who) > 1:
                # the issuing side by default, but after the leaders' joint position the readout's
                # unattributed content goes on with both ("The two presidents agreed ... . In
                # particular, it is the creation of ...")
                learned = replace(learned, who=raw[-1].a.who, evidence="learned:host-joint")
            if learned is not None:
                resolved = [learned]
        if quoted is None:
            for r, seg in zip(resolved, _segments(s, e, resolved, matcher, masked), strict=True):
                if not (in_quote_after and quotes_narration(text, r, e)):
                    raw.append(_Raw(s, e, _with_me(text, s, e, finder, r), seg, idx, para, carried=carried))
        else:
            raw.extend(
                _Raw(qs, qe, r, None, idx, para, continuing, carried)
                for qs, qe, r in quoted
                if r.who and (qs, qe) not in turned_down and not _own_voice_narration(text, r, qs, qe)
            )
        prev_said = resolved if quoted is None else []
        if quoted is not None or subj is not None or resolved:
            one = quoted is None and len(resolved) == 1 and len(resolved[0].who) == 1
            para_said = resolved if one else []
        if sent.endswith(":") and prev_said:
            list_said = prev_said
        # A quotation that names a participant in the third person is an outlet quoting a readout.
        third_in_quote = third_in_quote or any(r.evidence in _THIRD_PERSON_QUOTED for r in resolved)
        if subj is None and not resolved and quoted is None and not starts_quoted:
            subj = bare_subject(text, s, e, finder)
        speakers.observe(resolved, subj)
        frame = _carry_frame(masked, s, e)
        if frame is not None:
            carried = frozenset(matcher.present(masked[frame[0] : frame[1]]))
    raw.extend(_Raw(qs, qe, r, None, len(sents), para) for qs, qe, r in quotes.pending_own if r.who)
    # A quoted sentence is reported when its quotation closes: it keeps its own sentence's index
    # (a quotation going on across sentences carries its topic from one to the next).
    starts = [a for a, _ in sents]
    raw = [r if r.idx == (i := bisect_right(starts, r.s) - 1) else replace(r, idx=i) for r in raw]
    # Topics only where there are positions, and in the lead for the readout's subject: one scan.
    lead = _lead_ranges(masked, sents)
    tindex = matcher.index(masked, sorted({(r.s, r.e) for r in raw} | set(lead)))
    subject = _subject_topics(matcher, tindex, _mask(mask_rx, title), lead)
    found = _assign_topics(raw, text, masked, matcher, tindex, doc_topics, subject, finder, work, sents)
    if given is None and len(work) < 2:
        # One participant inferred: the other side (often the issuing one, unnamed) is missing,
        # so joint and pronoun attributions are less sure (factor calibrated like the rest).
        factor = _CONFIDENCE.get(ONE_INFERRED, 1.0)
        found = {k: replace(p, confidence=round(max(0.05, p.confidence * factor), 3)) for k, p in found.items()}
    positions = tuple(sorted(found.values(), key=lambda p: (p.start, p.speakers)))
    return Annotation(parts, positions)
