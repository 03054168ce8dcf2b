"""Reporting-verb and stance lexicons.

The verb classes follow the reporting verbs of quote-attribution work (the PARC 3.0
attribution corpus's source/cue verbs; Krestel et al. 2008; Pareti 2016) and the
verbal-cooperation classes of CAMEO/PLOVER event coding (01 make public statement,
02 appeal, 03 express intent to cooperate, 04 consult, 05 engage in diplomatic
cooperation, 11 disapprove, 12 reject), mapped onto the guideline's acts:

    say      asserting/reporting verbs (PARC cues)             -> act assert
    call     appeal, demand, urge (CAMEO 02)                   -> act call
    commit   express intent, pledge (CAMEO 03)                 -> act commit
    support  approve, endorse, welcome (CAMEO 05/051)          -> act support
    oppose   disapprove, reject, object (CAMEO 11/12)          -> act oppose
    agree    agree, decide, sign (CAMEO 05/057)                -> act agree
    narr     consult/meet verbs that describe the call itself (CAMEO 04): no content
    courtesy congratulate, thank, condole, greet: not positions (guidelines)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

from . import lexicon_files
from .folded import trie_alternation

__all__ = [
    "VERB_CLASS",
    "FINITE_RE",
    "finite_verbs",
    "PARTICIPLE_RE",
    "ADVERBS",
    "verb_class",
    "verb_forms",
    "lemma_class",
    "COURTESY_NOUNS",
    "NON_LEADER_HEADS",
    "STANCE_NOUNS",
]

_VERBS = lexicon_files.reporting_verbs()
_LEMMAS: dict[str, str] = {lemma: cls for cls, lemmas in _VERBS.classes.items() for lemma in lemmas}
_IRREGULAR = _VERBS.irregular


def _forms(lemma: str) -> tuple[str, str, str]:
    """(past, 3sg present, -ing) of a regular or listed irregular verb."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d", lemma + "s", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "ed", lemma + "es", lemma + "ing"
    if _CVC_RE.fullmatch(lemma):
        # One syllable ending consonant-vowel-consonant doubles it: "slam" -> "slammed".
        return lemma + lemma[-1] + "ed", lemma + "s", lemma + lemma[-1] + "ing"
    return lemma + "ed", lemma + "s", lemma + "ing"


_CVC_RE = re.compile(r"[^aeiou\s]*[aeiou][^aeiouwxy\s]")


def verb_forms(lemma: str) -> tuple[str, str, str]:
    """(past, 3rd singular, -ing) of a verb."""
    return _forms(lemma)


VERB_CLASS: dict[str, str] = {}  # finite form (lowercase) -> class
PARTICIPLE_CLASS: dict[str, str] = {}
for _lemma, _cls in _LEMMAS.items():
    head, _, tail = _lemma.partition(" ")
    past, s3, ing = _forms(head)
    for f in (past, s3):
        VERB_CLASS.setdefault((f + " " + tail).strip(), _cls)
    PARTICIPLE_CLASS.setdefault((ing + " " + tail).strip(), _cls)
# Multi-word forms with a particle must win over their head ("pointed out" vs "pointed").
for _bad in _VERBS.not_finite:
    VERB_CLASS.pop(_bad, None)
# Predicative stance: "China is ready to ...", "the Chinese side was willing to ...".
for _cls, (_bes, _words) in _VERBS.predicates.items():
    for _be in _bes:
        for _adj in _words:
            VERB_CLASS[f"{_be} {_adj}"] = _cls
VERB_CLASS.update(_VERBS.finite_class)
for _bad in _VERBS.not_participle:
    PARTICIPLE_CLASS.pop(_bad, None)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


FINITE_RE = re.compile(r"(?<![\w-])(?:" + _alt(VERB_CLASS) + r")(?![\w-])", re.I)
PARTICIPLE_RE = re.compile(r"(?<![\w-])(?:" + _alt(PARTICIPLE_CLASS) + r")(?![\w-])", re.I)

# Verb forms by first word: "said" -> [()], "pointed" -> [("out",)], "is" -> [("ready",), ...];
# longest continuation first.
_FORMS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _form in VERB_CLASS:
    _w = _form.split()
    _FORMS_BY_FIRST.setdefault(_w[0], []).append(tuple(_w[1:]))
for _v in _FORMS_BY_FIRST.values():
    _v.sort(key=len, reverse=True)


_CONT_RE: dict[tuple[str, ...], re.Pattern[str]] = {
    c: re.compile(r"\s+" + r"\s+".join(map(re.escape, c)) + r"(?![\w-])")
    for v in _FORMS_BY_FIRST.values()
    for c in v
    if c
}


_ALL_FORMS = {f for lemma in _LEMMAS for f in _forms(lemma.split()[0])}
_TYPO_MIN = _VERBS.typo_tolerance  # 0: off
_BY_DELETION: dict[str, set[str]] = {}
if _TYPO_MIN:
    for _f in (f for f in VERB_CLASS if " " not in f and f.endswith("ed") and len(f) > _TYPO_MIN):
        for _k in range(len(_f)):
            _BY_DELETION.setdefault(_f[:_k] + _f[_k + 1 :], set()).add(_f)
_TYPO_MEMO: dict[str, str | None] = {}
_TYPO_TARGETS = frozenset(f for f in VERB_CLASS if " " not in f and f.endswith("ed") and len(f) >= _TYPO_MIN)


def typo_of(word: str) -> str | None:
    """The past-tense cue verb a misspelt word stands for ("emphasied" -> "emphasised",
    "stresed" -> "stressed", "underlinned" -> "underlined"): one letter dropped, added or replaced, in words of at least
    `typo_tolerance` letters (reporting_verbs.yaml) that are no verb form themselves.
    None when there is no such verb or more than one class would fit."""
    if not _TYPO_MIN or len(word) < _TYPO_MIN or not word.endswith("ed") or word in _ALL_FORMS:
        return None
    if word in _TYPO_MEMO:
        return _TYPO_MEMO[word]
    cands = {f for f in _BY_DELETION.get(word, ()) if len(f) == len(word) + 1}
    # one letter too many: "underlinned" -> "underlined"
    cands.update(f for k in range(len(word)) if (f := word[:k] + word[k + 1 :]) in _TYPO_TARGETS)
    for k in range(len(word)):
        for f in _BY_DELETION.get(word[:k] + word[k + 1 :], ()):
            if len(f) == len(word) and sum(a != b for a, b in zip(f, word, strict=True)) == 1:
                cands.add(f)
    classes = {VERB_CLASS[f] for f in cands}
    got = min(cands) if len(classes) == 1 else None
    if len(_TYPO_MEMO) > 4096:
        _TYPO_MEMO.clear()
    _TYPO_MEMO[word] = got
    return got


# The words finite_verbs looks at, in lower-cased text: a verb form's first word, or a past-tense
# word that may be a misspelt one (its length is checked after; possessive: a word that does not
# end in "ed" fails at once). A word is a run of letters, hyphenated runs being one
# ("well-known"): it starts after a non-letter that is not a hyphen after a letter, and ends
# before a non-letter that is not a hyphen before a letter. The pattern opens with the character
# before the word, so the engine skips to the non-letters (a Python loop over every word was the
# hot spot, and a lookbehind tried at every position costs about as much); a word at the start
# of the text is looked for apart.
_CUE_WORD = (
    "("
    + trie_alternation(_FORMS_BY_FIRST)
    + r"(?![a-z]|-[a-z])"
    + (r"|[a-z]++(?:-[a-z]++)*+(?<=ed)" if _TYPO_MIN else "")
    + ")"
)
_CUE_TOKEN_RE = re.compile(r"[^a-z](?<![a-z]-)" + _CUE_WORD)
_CUE_TOKEN_AT_START_RE = re.compile(_CUE_WORD)


def finite_verbs(sentence: str) -> list[tuple[int, int]]:
    """Spans of cue verb forms in a sentence, by word lookup (the big alternation run at
    every word was the annotator's hot spot)."""
    low = sentence.lower()
    if len(low) != len(sentence):  # "İ" lowercases to two code points: offsets would shift
        return [m.span() for m in FINITE_RE.finditer(sentence)]
    out: list[tuple[int, int]] = []
    get = _FORMS_BY_FIRST.get
    first = _CUE_TOKEN_AT_START_RE.match(low)
    for m in chain((first,), _CUE_TOKEN_RE.finditer(low)) if first else _CUE_TOKEN_RE.finditer(low):
        w = m.group(1)
        conts = get(w)
        if conts is None:
            # Only long past-tense words may be a misspelt cue ("emphasied"): checked last.
            if not (_TYPO_MIN and w[-2:] == "ed" and len(w) >= _TYPO_MIN):
                continue
            fixed = typo_of(w)
            conts = get(fixed) if fixed else None
            if conts is None:
                continue
        a, b = m.span(1)
        if (a > 0 and low[a - 1] == "-") or (out and a < out[-1][1]):
            continue
        nxt = None
        for cont in conts:
            if cont:
                if nxt is None:
                    n = _NEXT_WORD_RE.match(low, b)
                    nxt = n.group(1) if n else ""
                if cont[0] != nxt:
                    continue  # "was" + "quoted as saying": only continuations with the next word
                m2 = _CONT_RE[cont].match(low, b)
                if m2:
                    out.append((a, m2.end()))
                    break
            elif not low[b : b + 1].isalnum() and low[b : b + 1] != "-":
                out.append((a, b))
                break
    return out


_NEXT_WORD_RE = re.compile(r"\s+([\w'-]+)")


# Adverbs/particles allowed between a subject and its verb ("Xi also said", "both leaders
# jointly announced", "Putin has repeatedly urged").
ADVERBS = (
    r"(?:also|further|furthermore|again|once\s+again|both|all|jointly|together|firmly|"
    r"strongly|repeatedly|then|later|separately|in\s+turn|likewise|similarly|"
    r"particularly|in\s+particular|especially|specifically|clearly|explicitly|publicly|"
    r"earlier|previously|recently|once\s+more|each|fully|sincerely|warmly|highly|"
    r"positively|actively|repeatedly|solemnly|unanimously|reportedly|"
    r"has|have|had|would|will|did|does|do|had\s+also|has\s+also|"
    # wire copy puts the day between subject and verb: "Lula on Monday called for", "Lula Monday
    # called for", "Lula on Saturday 12/06/2021 called for"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4})?|today|"
    r"yesterday|tonight|this\s+(?:morning|afternoon|evening|week)|"
    r"\w+ly)"
)

_CUES = lexicon_files.act_cues()
COURTESY_NOUNS = re.compile(
    # (in a leader's own words "our", or in his country's name: "conveyed Australia's sympathies",
    # "his country's gratitude"; a degree word keeps it one: "particular gratitude")
    r"^\W*(?:(?:his|her|their|its|our|my|the|a|an|warm|warmest|sincere|sincerest|deep|deepest|heartfelt|best|"
    r"cordial|profound|particular|special|utmost|immense|great|(?:country|nation|government|people)['\u2019]s|"
    r"(?-i:[A-Z])[\w-]+['\u2019]s)\s+){{0,3}}(?:{})".format("|".join(_CUES.courtesy_nouns)),
    re.I,
)

# Heads of noun phrases that denote someone who is not a leader: their words are not
# positions (guidelines: ministries, spokespersons, aides).
NON_LEADER_HEADS = lexicon_files.titles().non_leader_heads

# Nouns after "expressed/voiced/reaffirmed ..." that fix the act.
STANCE_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"\b(?:{})\b".format("|".join(words)), re.I), act) for act, words in _CUES.stance_nouns
)


def lemma_class(word: str) -> str | None:
    """Class of a verb's base form ("underline" -> "say"), None if not a cue."""
    return _LEMMAS.get(word.lower())


def verb_class(form: str) -> str | None:
    """Class of a finite verb form ("said" -> "say"; a typo of one, "stresed" -> "say"),
    None if not a cue."""
    key = re.sub(r"\s+", " ", form.lower())
    got = VERB_CLASS.get(key)
    if got is None and " " not in key:
        fixed = typo_of(key)
        got = VERB_CLASS.get(fixed) if fixed else None
    return got


def participle_class(form: str) -> str | None:
    """Class of an -ing form ("agreeing" -> "agree"), None if not a cue."""
    return PARTICIPLE_CLASS.get(re.sub(r"\s+", " ", form.lower()))
