"""The learned detection fallback: a stated position in a sentence no rule attributes.

The rules (attribution.py) attribute a sentence by its reporting clause; a sentence whose
wording no rule knows ("The leaders' shared commitment to ... was evident.", "Closer
cooperation in energy is in the interest of both peoples.") reaches the end of the
pipeline's sentence loop unattributed. There, for a body sentence, this module:

1. picks the speakers by a small general rule, and gives up when none applies, in this
   order: participants named as the sentence's subject (its first mention before any verb,
   with a coordinated one: "X and his counterpart Y") -> "subject"; a participant's country
   as the subject -> that participant when he spoke in the previous sentence or his side
   issued the readout, "country" (else nothing: "Russia's health ministry said ..." is news,
   not a leader's position); a group subject ("the two sides", "both leaders", "they") ->
   every participant, "group" (but a prescription, "The two sides need to ...", gets none);
   the speakers of the previous sentence of the same paragraph -> "continued"; the issuing
   side when the readout has one -> "host". A sentence with a
   line break inside (a headline run into the text) is never a candidate, nor one whose
   reporting frame a rule turned down ("Lula has long called for ...": the pipeline asks
   only where attribution found no frame);
2. computes the sentence's features (`sentence_features`) and asks the linear head
   "position" of data/models/detector.json (app/annotate/linear.py) for the probability
   that the sentence states a position; at or above the head's threshold it is one, with
   evidence "learned:<rule>" and that probability (capped: the model is a fallback) as
   its confidence until data/lexicon/confidence.yaml calibrates the kind.

Features generalise across outlets: lower-cased words and word pairs with the
participants' mentions replaced by their kind (xxperson, xxcountry, xxgroup, xxpronoun) and
every other capitalised word inside the sentence by xxname (so no name or country is ever a
feature), the reporting-verb class of the cue verbs present (data/lexicon/reporting_verbs.yaml),
modal verbs, the kind of the subject, whether the previous sentence carried a position and
whose, the sentence's place in the readout, quotation marks and a length bucket. The model
is trained by bench/train_detector.py on the development split's gold only. With no model
file nothing changes: the rules alone decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import lexicon_files
from .attribution import SAID_ELSEWHERE_RE, Attribution
from .leaders import Mention, MentionFinder
from .lexicon import finite_verbs, verb_class
from .linear import model, word_features

__all__ = ["MODEL", "CONFIDENCE_CAP", "choose_speakers", "sentence_features", "probability", "fallback"]

MODEL = "detector"
HEAD = "position"
CONFIDENCE_CAP = 0.7  # a fallback's position is never as sure as a rule's

_PLACEHOLDER = {
    "person": "xxperson",
    "role": "xxperson",
    "country": "xxcountry",
    "group": "xxgroup",
    "pronoun": "xxpronoun",
}
_CAP_WORD_RE = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019.-]*")
_MODAL_RE = re.compile(
    r"\b(will|would|shall|should|must|can|could|may|might|need\s+to|needs\s+to|ought\s+to|have\s+to|has\s+to)\b",
    re.I,
)
# A verb before the subject ends the subject's place: auxiliaries, modals, cue verbs (below).
_AUX_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|shall|should|must|can|could|may|might|do|does|did)\b",
    re.I,
)
# A group subject not written as a mention the finder knows: "Both agreed", "The two sides".
_GROUP_START_RE = re.compile(
    r"\W*(?:(?:[^,.;]{0,80}),\s+)?(?:both|the\s+two|they|the\s+leaders|the\s+sides|the\s+parties)\b", re.I
)
_CONTENT_RE = re.compile(lexicon_files.reporting_verbs().discussed_content, re.I)
# The event as subject: "This conversation underscores ...", "The call comes as ...".
_EVENT_SUBJECT_RE = re.compile(
    r"\W*(?:the|this|that|their|today's)\s+(?:(?:phone|telephone|video|bilateral)\s+)?"
    r"(?:call|conversation|talks?|meeting|visit|summit|exchange|discussion|engagement)\b",
    re.I,
)
_PRESCRIBED_RE = re.compile(
    r"(?:\W*(?:the\s+two\s+sides|both\s+sides|they))?\s+(?:also\s+)?(?:should|need\s+to|must|ought\s+to|have\s+to)\b",
    re.I,
)
_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
_AND_RE = re.compile(
    r",?\s+(?:and|&)\s+(?:(?:his|her|their)\s+(?:[\w.\u2019'-]+\s+)?counterpart"
    r"(?:\s+(?:from|of)\s+(?:the\s+)?[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})?,?\s+)?",
    re.I,
)
# "... and his counterpart from Mexico, Y": the country names the counterpart, not a third party.
_COUNTERPART_FROM_RE = re.compile(
    r",?\s+(?:and|&)\s+(?:his|her|their)\s+(?:[\w.\u2019'-]+\s+)?counterpart\s+(?:from|of)\s+(?:the\s+)?", re.I
)
# "Fiji's Prime Minister ..., X": the possessive country is part of the leader's title.
_POSSESSIVE_RE = re.compile(r"['\u2019]s?\s+[A-Z]|(?<=['\u2019]s)\s+[A-Z]|(?<=s['\u2019])\s+[A-Z]")
_OPENER_RE = re.compile(
    r"[\W_]*(?:(?:the|also|and|but|meanwhile|moreover|further|furthermore|in\s+addition|besides|similarly|"
    r"for\s+(?:his|her|its|their)\s+part|at\s+the\s+same\s+time)\W*)*",
    re.I,
)
_SUBJECT_WINDOW = 12  # words: a subject further in is not the sentence's subject


def _verb_starts(sentence: str) -> list[int]:
    out = [a for a, _ in finite_verbs(sentence)]
    m = _AUX_RE.search(sentence)
    if m:
        out.append(m.start())
    return out


def _subject(text: str, s: int, e: int, mentions: Sequence[Mention]) -> Mention | None:
    """The first mention when it comes before any verb and within the opening words."""
    if not mentions:
        return None
    first = mentions[0]
    verbs = _verb_starts(text[s:e])
    if verbs and s + min(verbs) < first.start:
        return None
    before = text[s : first.start]
    if len(before.split()) > _SUBJECT_WINDOW:
        return None
    # Only an opening phrase set off by a comma ("Facing ..., China is willing") or a
    # connective may come first: "Closer cooperation with China serves ..." has another subject.
    if not (_OPENER_RE.fullmatch(before) or before.rstrip().endswith(",")):
        return None
    return first


def _with_counterparts(text: str, subj: Mention, rest: Sequence[Mention]) -> frozenset[int]:
    """The subject's participants and those of the leaders coordinated with it."""
    who = subj.who
    # "Prime Minister Kishida and his UK counterpart Rishi Sunak have affirmed ...": both.
    named: Mention | None = None
    for m in rest:
        if m.kind == "country" and named is None and _COUNTERPART_FROM_RE.fullmatch(text, subj.end, m.start):
            named = m
            continue
        if m.kind not in ("person", "role") or not _AND_RE.fullmatch(text, subj.end, m.start):
            break
        if named is not None and not named.who <= m.who:
            break
        who, subj, named = who | m.who, m, None
    return who


def choose_speakers(
    text: str,
    s: int,
    e: int,
    finder: MentionFinder,
    prev_who: frozenset[int],
    mentions: Sequence[Mention] | None = None,
) -> tuple[frozenset[int], str] | None:
    """The speakers the fallback would give text[s:e] and the rule that chose them (see the
    module docstring), or None when no rule applies. `mentions`: finder.find(text, s, e), when
    the caller has them already."""
    if mentions is None:
        mentions = finder.find(text, s, e)
    subj = _subject(text, s, e, mentions)
    if subj is not None and subj.kind in ("person", "role") and subj.who:
        return _with_counterparts(text, subj, mentions[1:]), "subject"
    if subj is not None and subj.kind == "country" and subj.who:
        # A country speaks through its leader only in its own readout or going on with what
        # its leader said ("Xi said ... . China is ready to ..."); otherwise it is the news.
        own = subj.who & (prev_who | ({finder.host} if finder.host is not None else set()))
        if not own:
            return None
        # "Fiji's Prime Minister ..., X and his Australian counterpart Y have ...": the country
        # only titles its leader (his title and name are one subject), and the counterpart
        # joined to him speaks too.
        k = 1
        while (
            k < len(mentions)
            and mentions[k].kind in ("person", "role")
            and mentions[k].who == subj.who
            and not _verb_starts(text[mentions[k - 1].end : mentions[k].start])
        ):
            k += 1
        if k > 1 and _POSSESSIVE_RE.match(text, subj.end):
            both = _with_counterparts(text, mentions[k - 1], mentions[k:])
            if both != subj.who:
                return both, "country"
        return own, "country"
    everyone = frozenset(range(len(finder.participants)))
    if (subj is not None and subj.kind == "group") or _GROUP_START_RE.match(text, s, e):
        if _PRESCRIBED_RE.match(text, subj.end if subj is not None and subj.kind == "group" else s, e):
            # "The two sides need to ...": a prescription, someone's statement and not what both
            # said; the rules give it to the one leader whose reported speech it continues.
            return None
        return everyone, "group"
    if prev_who:
        return prev_who, "continued"
    if finder.host is not None:
        return frozenset({finder.host}), "host"
    return None


def _normalised(text: str, s: int, e: int, mentions: Sequence[Mention]) -> str:
    """text[s:e] with participant mentions replaced by their kind and other capitalised
    words (past the first) by xxname."""
    parts: list[str] = []
    pos = s
    for m in mentions:
        if m.start < pos:
            continue
        parts.append(text[pos : m.start])
        parts.append(f" {_PLACEHOLDER.get(m.kind, 'xxname')} ")
        pos = m.end
    parts.append(text[pos:e])
    joined = "".join(parts)
    lead = len(joined) - len(joined.lstrip(" \"'\u201c\u2018([-\u2013\u2014\u2022*"))
    head, rest = joined[: lead + 1], joined[lead + 1 :]
    return head + _CAP_WORD_RE.sub(" xxname ", rest)


def _length_bucket(n: int) -> str:
    for limit in (8, 15, 25, 40):
        if n <= limit:
            return f"len:<={limit}"
    return "len:>40"


def sentence_features(
    text: str,
    sents: Sequence[tuple[int, int]],
    index: int,
    finder: MentionFinder,
    prev_who: frozenset[int],
    mentions: Sequence[Mention] | None = None,
) -> list[str]:
    """The features of sentence `index` of the readout as a candidate position (see the
    module docstring); `prev_who` are the speakers of the previous sentence of its paragraph
    (empty when that carried no position); `mentions` as for `choose_speakers`."""
    s, e = sents[index]
    sent = text[s:e]
    paragraph_start = index == 0 or "\n" in text[sents[index - 1][1] : s]
    if mentions is None:
        mentions = finder.find(text, s, e)
    norm = _normalised(text, s, e, mentions)
    feats = word_features(norm)
    words = [f[2:] for f in feats if f.startswith("w:")]
    if words:
        feats.append(f"first:{words[0]}")
        feats.append(f"first2:{'_'.join(words[:2])}")
    for a, b in finite_verbs(sent):
        cls = verb_class(sent[a:b]) or "none"
        feats.append(f"vc:{cls}")
        if cls == "narr":
            # "discussed the importance of ..." states a stance; "discussed the situation" narrates
            feats.append("narr:content" if _CONTENT_RE.match(sent, b) else "narr:plain")
    feats.extend(f"modal:{m.group(1).split()[0].lower()}" for m in _MODAL_RE.finditer(sent))
    subj = _subject(text, s, e, mentions)
    feats.append(f"subj:{subj.kind if subj else 'none'}")
    n = len(finder.participants)
    if subj is not None and subj.who and len(subj.who) < n and finder.host is not None:
        feats.append("subj:host" if finder.host in subj.who else "subj:guest")
    feats.extend(f"has:{k}" for k in sorted({m.kind for m in mentions}))
    if prev_who:
        feats.append("prev:all" if len(prev_who) >= n else "prev:one")
    else:
        feats.append("prev:none")
    feats.append(
        "pos:first" if index == 0 else "pos:second" if index == 1 else "pos:early" if index < 5 else "pos:body"
    )
    if paragraph_start:
        feats.append("para:start")
    if any(q in sent for q in _QUOTES):
        feats.append("quote:any")
        if sent[:1] in _QUOTES:
            feats.append("quote:start")
    if SAID_ELSEWHERE_RE.search(sent):  # words said at another time or place (attribution.py)
        feats.append("time:elsewhere")
    if _EVENT_SUBJECT_RE.match(sent):
        feats.append("subj:event")
    if sent.endswith(":"):
        feats.append("end:colon")
    elif sent.endswith("?"):
        feats.append("end:question")
    feats.append(_length_bucket(len(sent.split())))
    feats.append(f"host:{'yes' if finder.host is not None else 'no'}")
    return feats


def probability(features: Sequence[str]) -> float | None:
    """The model's probability that a sentence with these features states a position, or
    None when there is no model file. (A module function so that training can score the
    candidates with cross-validated probabilities in its place.)"""
    m = model(MODEL)
    if m is None:
        return None
    return m.heads[HEAD].probability(features)


def threshold() -> float:
    m = model(MODEL)
    return m.heads[HEAD].threshold if m is not None else 1.0


def fallback(
    text: str, sents: Sequence[tuple[int, int]], index: int, finder: MentionFinder, prev_who: frozenset[int]
) -> Attribution | None:
    """The position the model finds in sentence `index` (which no rule attributed), or None."""
    s, e = sents[index]
    if model(MODEL) is None or len(text[s:e].split()) < 4 or "\n" in text[s:e]:
        return None  # (a line break inside: a headline run into the text, not a body sentence)
    mentions = finder.find(text, s, e)
    pick = choose_speakers(text, s, e, finder, prev_who, mentions)
    if pick is None:
        return None
    who, rule = pick
    feats = sentence_features(text, sents, index, finder, prev_who, mentions)
    feats.append(f"rule:{rule}")
    p = probability(feats)
    if p is None or p < threshold():
        return None
    sent = text[s:e]
    classes = [verb_class(sent[a:b]) for a, b in finite_verbs(sent)]
    cls = next((c for c in classes if c and c not in ("narr", "courtesy")), "say")
    return Attribution(who, cls, round(min(p, CONFIDENCE_CAP), 3), None, evidence=f"learned:{rule}")
