"""Attribution: who, if anyone, a sentence reports as stating something.

A *frame* is a subject noun phrase followed (allowing adverbs/auxiliaries) by a cue verb
from the lexicon, at the start of a clause: the sentence start, after a comma/semicolon
(", Putin said." / "Noting that ..., Xi said ..."), after "while"/"and" (a second
speaker), or "According to X,". The first frame in the sentence decides:

* a participant (name, title, role description, pronoun, group, "X and Y") -> position;
* anyone else (a spokesman, an official, a ministry, a leader who is not a participant)
  -> no position: their words are not positions;
* country subjects ("China and Russia agreed", "Brazil expressed") count only when no
  person frame exists, so "Russia supports ..., the Chinese president said" goes to Xi.

Narration and courtesy verbs (held talks, discussed, congratulated) give no position
unless a content cue follows ("..., agreeing that", "... and agreed to"). Background is
no position either: an introduction about an earlier meeting, "said last year",
"has repeatedly said", "has sought". A non-leader's "said" gives a position only when
it relays a leader's words ("the Kremlin said Putin had told Modi that ...").
Parentheticals between subject and verb ("Putin, for his part, said") are blanked
before matching. Pronouns are resolved later, with the document context (pipeline.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import lexicon_files
from .folded import FoldedPattern, word_start_alternation
from .leaders import MentionFinder
from .lexicon import (
    ADVERBS,
    COURTESY_NOUNS,
    FINITE_RE,
    NON_LEADER_HEADS,
    PARTICIPLE_RE,
    finite_verbs,
    lemma_class,
    participle_class,
    verb_class,
    verb_forms,
)

__all__ = [
    "Frame",
    "find_frames",
    "Attribution",
    "SAID_ELSEWHERE_RE",
    "BACKGROUND_RE",
    "attribute_sentence",
    "quote_mask",
    "first_person_narration",
    "quotes_narration",
    "not_for_own_country",
    "we_did",
    "with_me",
]


@dataclass(frozen=True)
class Frame:
    """A subject + cue verb found at a clause start."""

    start: int  # subject start (absolute offset)
    verb_start: int
    verb_end: int
    kind: str  # person|role|pronoun|group|country|other|according-other
    who: frozenset[int]
    cls: str  # verb class (say, call, commit, support, oppose, agree, narr, courtesy)
    gender: str | None = None
    coord: bool = False  # introduced by "and"/"while"/"whereas"/"but"
    they: bool = False  # subject is a bare "they"/"we"
    quoted: bool = False  # the clause stands inside a quotation
    stance: bool = False  # the verb's object is the subject's own stance ("reaffirmed its support for")


@dataclass(frozen=True)
class Attribution:
    """A speaker set (participant indices) for a sentence, with the cue class and a confidence."""

    who: frozenset[int]
    cls: str
    conf: float
    frame: Frame | None
    pronoun_gender: str | None = None  # set when `who` still has to be resolved
    they: bool = False
    # What the attribution rests on (a key of data/lexicon/confidence.yaml, which maps it to
    # the calibrated confidence): "frame:person", "quote:continued", "passive", ...
    evidence: str = ""


# Clause starts: after a punctuation mark (",", ";", ":", a dash, "--") with its closing quotes and
# space; after a closing quote and space before a lower-case word; or one whitespace, then a
# second speaker's clause ("while ...", "and the two leaders ..."). Each starts with its own
# characters, matched first by one class: the engine skips to them (the words between are most
# of a sentence), and the check behind picks the alternative.
_CLAUSE_RE = re.compile(
    r"[,;:\u2014\u2013\-\"\u201d\u00bb\s]"
    r"(?:(?<=[,;:\u2014\u2013])[\"'\u201c\u201d\u2019\u00bb]{0,2}\s+|(?<=-)-[\"'\u201c\u201d\u2019\u00bb]{0,2}\s+"
    r"|(?<=[\"\u201d\u00bb])\s+(?=[a-z])"
    r"|(?<=\s)(?=(?:while|whereas)\s|and\s+(?:the\s+(?:two\s+)?(?:leaders|sides|parties|presidents|prime\s+ministers)|"
    r"both\s+(?:leaders|sides)|they)\s))"
)
_CONJ_RE = re.compile(r"^(?:and|while|whereas|but|as\s+well\s+as|with)\s+", re.I)
# A source named before the clause it reports: "According to X,", "In the view of X,", "As stated
# by X,", "As per X,"; the phrase ends at the first stop after the source.
_ACCORDING_RE = re.compile(
    r"^(?:according\s+to|as\s+per|in\s+the\s+(?:view|opinion|words|assessment|estimation|judge?ment)\s+of|"
    r"as\s+(?:stated|noted|pointed\s+out|stressed|emphasi[sz]ed|underlined|highlighted|explained|said|observed)\s+by)\s+",
    re.I,
)
# The same with the source inside the phrase: "In X's view,", "In his opinion,", "As X put it,".
_ACCORDING_IN_RE = re.compile(
    r"^(?:in\s+(?:(?P<pro>his|her)|(?P<np>[^,;:\"\u201c\u201d]{2,80}?)['\u2019]s)\s+"
    r"(?:view|opinion|words|assessment|estimation|judge?ment)|as\s+(?P<np2>[^,;:\"\u201c\u201d]{2,80}?)\s+puts?\s+it)\s*,",
    re.I,
)
# A possessive subject whose view the clause states: "Tokayev's view was that ...", "The Kazakh
# president's position is that ...".
_POSSESSIVE_VIEW_RE = re.compile(
    r"^(?P<np>[^,;:\"\u201c\u201d]{2,80}?)['\u2019]s\s+(?:(?:firm|clear|consistent|principled|considered)\s+)?"
    r"(?:view|opinion|position|stance|belief|conviction|assessment|point\s+of\s+view)\s+"
    r"(?:was|is|remains|remained)\s+(?:that\b)?",
    re.I,
)
# A passive with a participant as agent: "Tokayev's proposal to ... was supported by Xi", "the
# initiative was welcomed by the Chinese leader": the agent's stance (not when the subject is a
# leader: "He was welcomed by Tokayev at the airport").
_BY_AGENT_RE = re.compile(
    rf"^(?P<subj>[^,;:\"\u201c\u201d]{{2,160}}?)\s+(?:was|were|has\s+been|have\s+been)\s+(?:(?:{ADVERBS})\s+)*"
    r"(?P<verb>supported|backed|endorsed|welcomed|approved|praised|hailed|commended|applauded|rejected|opposed|"
    r"condemned|seconded)\s+by\s+(?P<np>[^,;:.!?\"\u201c\u201d]{2,60}?)(?=\s*[,.;:!?]|\s*$|\s+(?:and|who|during|in|at|on|as|with)\s)",
    re.I,
)
_ACCORDING_HINT_RE = re.compile(
    r"ccording|\bper\s|\b(?:view|opinion|words|assessment|estimation|judge?ment)\b|\sput\s+it\b"
)
# A punctuation mark or "--"; one class opens the pattern, so the engine skips to the marks (a
# "-" is taken only with the next one).
_STOP_CHARS = re.compile(r"[,;:\"\u201c\u201d\u201e\u00ab\u00bb()\u2014\-](?:(?<=-)-|(?<!-))")
# "(?:\s+(?:ADVERBS))+\s*$" with its first whitespace written out: a pattern that opens with a
# class lets the engine skip to the spaces. Folded (folded.py): only where it starts is used.
_TRAIL_ADV_RE = FoldedPattern(rf"\s\s*(?:{ADVERBS})(?:\s+(?:{ADVERBS}))*\s*$")
# The words and commas of a subject phrase: "[\w'\u2019-]+|,", opening with one class.
_NP_TOKEN_RE = re.compile(r"[\w'\u2019,-](?:(?<=,)|[\w'\u2019-]*)")
_BLOCK_WORDS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "to",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "should",
        "must",
        "can",
        "could",
        "may",
        "might",
        "not",
        "if",
        "because",
        "since",
        "when",
        "where",
        "after",
        "before",
        "until",
        "as",
        "than",
        "it",
        "this",
        "these",
        "those",
        "there",
        "here",
    ]
)
_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4}
_FILLER = frozenset(["and", "both", ",", "the", "two", "of", "as", "well", "along", "together", "with"])
# Only what opens the sentence: before a closing reporting frame ("Japan will open a consulate
# in 2022, the PM added."), a date is part of what was said, not the time of saying it.
_BACKGROUND_OPEN_RE = re.compile(
    r"^\W*(?:Earlier|Previously|Before\s+that|Prior\s+to\s+(?:this|that)|Last\s+(?:year|month|week))\b", re.I
)
BACKGROUND_RE = re.compile(
    # "Earlier, PM Modi spoke to ...", "Speaking at the summit later the same day, Biden ...":
    # another occasion than this communication
    r"^\W*(?:Earlier|Previously|Before\s+that|Prior\s+to\s+(?:this|that))\b|"
    # "It should be recalled that ...", "It may be recalled that ...", "It is worth recalling that ...":
    # the outlet reminding its readers of the past
    r"^\W*It\s+(?:(?:should|may|will|must|might|can|is\s+to)\s+be\s+recalled|is\s+(?:worth\s+)?(?:recalling|remembering)|"
    r"bears\s+recalling)\b|"
    # "In November 2022, Tokayev noted ...", "In June, the President stated ...": another occasion
    r"^\W*In\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?:\s+(?:19|20)\d\d|\s+last\s+year)?,|"
    r"\blater\s+(?:the\s+same|that)\s+day\b|"
    # (not "previous" inside: "Building on the previous agreements, X stressed ..." is a circumstance
    # of what is said now; "Previously, X said" opens the sentence, above)
    r"\b(?:last\s+(?:meeting|talks|call|summit|year|month|week|visit)|"
    r"in\s+(?:19|20)\d\d|ago|at\s+the\s+time|back\s+in|earlier\s+this\s+year|once\s+said)\b",
    re.I,
)
# "In a televised speech, Macron promised ...", "Before taking office, Meloni said ...", "As reported,
# on May 11, Trudeau confirmed ...": words said on another occasion (guidelines), before the subject.
_ELSEWHERE_OCCASIONS = (
    r"(?:In|During)\s+an?\s+(?:televised|TV|radio|video)?\s*(?:speech|address|interview|broadcast)|"
    r"Before\s+(?:taking|assuming|coming\s+to)\s+office|As\s+(?:previously\s+)?reported|"
    # "Before the meeting, the White House said ...", "In a earlier statement to mark ..., Biden said":
    # words said before this exchange, or in another statement
    r"(?:Before|Ahead\s+of|Prior\s+to)\s+(?:the|their|this|today(?:'|\u2019)s)\s+(?:meeting|call|talks|conversation)|"
    r"In\s+an?\s+(?:earlier|previous|separate)\s+(?:statement|post|tweet|interview|speech|remarks)"
)
_ELSEWHERE_RE = re.compile(rf"^\W*(?:{_ELSEWHERE_OCCASIONS})\b", re.I)
# The same occasions anywhere in a sentence, with the time phrases of wire copy that place words
# elsewhere ("last month", "at a news conference"): not a rule (a press conference after the talks
# is this summit), but the learned fallback's "time:elsewhere" feature (learned_detection.py).
SAID_ELSEWHERE_RE = re.compile(
    rf"\b(?:{_ELSEWHERE_OCCASIONS}|last\s+(?:week|month|year)|earlier\s+(?:this|in|on)|later\s+(?:the\s+same|that|on)|"
    r"previously|yesterday|ago|at\s+a\s+(?:press|news)\s+conference|in\s+a\s+speech)\b",
    re.I,
)
# "Putin said last year that ..." / "Xi said in 2019 ...": an earlier statement, not this call.
_AFTER_VERB_PAST_RE = re.compile(
    r"\s+(?:(?:on|in)\s+\w+\s+)?(?:at\s+the\s+time|last\s+(?:year|month|week)|in\s+(?:19|20)\d\d|"
    r"(?:earlier|previously|in\s+the\s+past|years?\s+ago|back\s+then|in\s+a\s+(?:speech|interview|"
    r"statement)\s+(?:last|in\s+(?:19|20)\d\d)))\b",
    re.I,
)
# "Putin has repeatedly said ...", "Lula has long called for ...": a standing view, not this call.
_HABITUAL_RE = FoldedPattern(
    word_start_alternation(
        [
            "repeatedly",
            "long",
            "often",
            "frequently",
            "previously",
            "always",
            r"once(?!\s+(?:again|more))",
        ]
    )
    + r"\b"
)
# The present perfect alone is not background: in wire copy "Prachanda has said both Taiwan and Tibet
# are ...", "Xi, in his turn, has noted ..." is the news of this communication (measured on readouts no
# rule writer had read, treating it as background lost more positions than it saved). A perfect of
# effort is: "Putin has sought to isolate the West", "Modi has pushed for ..." tell a course of action.
_EFFORT_PERFECT_RE = re.compile(
    r"ha(?:s|ve)\s+(?:sought|pushed|tried|worked|striven|strived|campaigned|lobbied)\b", re.I
)
_VERBS = lexicon_files.reporting_verbs()
# Agentless passive and impersonal reports of the call's result (data/lexicon/reporting_verbs.yaml).
_PASSIVE_RE = FoldedPattern("|".join(f"(?:{p})" for p in _VERBS.impersonal))
_PASSIVE_BY_RE = re.compile(r"\b(?:was|were)\s+\w+\s+by\b")
_DISCUSSED_CONTENT_RE = re.compile(_VERBS.discussed_content, re.I)
_OWN_REPORT_FORMS = frozenset(f for v in _VERBS.own_report_verbs for f in verb_forms(v)[:2])

_RESCUE_RE = re.compile(
    r"(?:,\s+(?:and\s+)?(?:{}\s+)?(?P<part>{})|\band\s+(?:(?:{})\s+)*(?P<fin>{}))".format(
        "also|jointly|both", PARTICIPLE_RE.pattern, ADVERBS, FINITE_RE.pattern
    ),
    re.I,
)
# What a coordinated verb after a narration may have as its whole object when it adds no stance of
# its own: a consensus or understanding with nothing said about what on, or each side's views
# and approaches with no "that" clause after them.
_EMPTY_RESCUE_RE = re.compile(
    r"\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?:consensus|understanding)\W*$|"
    r"\s+(?:their|his|her)\s+(?:respective\s+|own\s+)?(?:views|approaches|perspectives|experiences|assessments)\b"
    r"(?![^;]*\bthat\b)",
    re.I,
)
_BY_COURTESY_RE = re.compile(rf"\bby\s+(?P<part>{PARTICIPLE_RE.pattern})", re.I)
_BY_RESCUE_RE = re.compile(rf"\s+by\s+(?P<part>{PARTICIPLE_RE.pattern})(?P<fin>(?!x)x)?", re.I)
_INVITATION_RE = re.compile(_VERBS.invitation, re.I)
_CALL_OBJECT_RE = re.compile(_VERBS.call_object, re.I)
# "Xi said the two leaders engaged in candid conversation": what is said is the meeting itself.
_MEETING_NARRATION_RE = re.compile(
    r"\s+(?:that\s+)?(?:the\s+two\s+(?:leaders|sides)|they|we|both\s+(?:leaders|sides))\s+"
    r"(?:(?:had|held)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:exchanges?|conversations?|talks|discussions?|meetings?)|"
    r"engaged\s+in)\b",
    re.I,
)
# "X mentioned on Telegram that during the conversation, the parties discussed ...", "X told reporters
# that he talked to Y for half an hour": what is said is that they talked.
# Also a post confirming the call ("posted on X confirming he had spoken to Y") and the matter
# raised in the call ("said the matter was raised during a phone call between him and ...").
_SAID_TALKED_RE = re.compile(
    r"\s+(?:(?:on|in)\s+\w+\s+|(?:reporters|journalists|the\s+press)\s+)?(?:that\s+|confirming\s+)?"
    r"(?:(?:during|in)\s+(?:the|their|a)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:conversation|call|talks|meeting),?\s+)?(?:(?:he|she|they|we|I|the\s+(?:two\s+)?(?:leaders|sides|parties)|"
    r"both\s+(?:leaders|sides))\s+(?:had\s+|have\s+|has\s+)?(?:also\s+)?(?:discussed|spoke|spoken|talked|"
    # "X confirmed that he received a phone call from Y": the call itself
    r"(?:received|had|held)\s+(?:a|the|an)\s+(?:[\w-]+\s+){0,2}?(?:call|conversation))\b|"
    # "revealed that discussions with his counterpart included ...": what was talked about
    r"(?:the\s+|their\s+)?(?:discussions|talks|conversation)\s+(?:(?:with|between)\s+[^,;.]{3,60}?\s+)?"
    r"(?:also\s+)?(?:included|covered|focused\s+on|touched\s+(?:up)?on|revolved\s+around)\b|"
    # "said several issues were discussed during the conversation, including ...": what was talked about
    r"(?:several|many|various|a\s+number\s+of|a\s+range\s+of|numerous)\s+(?:issues|matters|topics|subjects)\s+"
    r"were\s+(?:discussed|raised|covered)\b|"
    r"the\s+(?:matter|issue|subject|question)\s+was\s+(?:raised|discussed)\s+(?:during|in)\s+(?:the|their|a)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:conversation|call|talks|meeting)\b)",
    re.I,
)


def _said_they_discussed(text: str, a: int, e: int) -> bool:
    """Whether a saying verb reports only that the leaders talked: no content of a discussion
    ("discussed the need to ...", "their shared intention") and no cue of content after it ("...,
    and agreed to ...")."""
    m = _SAID_TALKED_RE.match(text, a, e)
    if m is None or _DISCUSSED_CONTENT_RE.match(text, m.end(), e):
        return False
    r = _RESCUE_RE.search(text, m.end(), e)
    rcls = (participle_class(r.group("part")) if r.group("part") else verb_class(r.group("fin"))) if r else None
    return not (rcls and rcls not in ("narr", "courtesy"))


def _according_they_discussed(text: str, primary: Frame, frames: list[Frame], e: int) -> bool:
    """ "According to the head of the Dutch government, on November 24, he discussed the situation
    with Zelenskyy in a telephone conversation.": the source's own clause says only that they talked."""
    if primary.verb_start != primary.start:
        return False  # not an "According to X," frame
    nxt = next((f for f in frames if f.start > primary.verb_end), None)
    if nxt is None or nxt.cls != "narr" or not (nxt.kind == "pronoun" or nxt.who == primary.who):
        return False
    return text[nxt.start - 1].isspace() and _said_they_discussed(text, nxt.start - 1, e)


# "X and Y have spoken on the phone about ..., the leaders confirmed": the clause a closing frame
# reports says only that they talked.
_CLAUSE_TALKED_RE = re.compile(
    r"\s(?:have|has|had)\s+(?:also\s+)?(?:spoken|talked)\s+(?:on\s+the\s+(?:tele)?phone|by\s+(?:tele)?phone|with|to)\b"
)


def _closed_clause_talked(text: str, s: int, primary: Frame) -> bool:
    clause = text[s : primary.start]
    return (
        primary.start > s
        and _CLOSING_RE.search(text, max(s, primary.start - 4), primary.start) is not None
        and _CLAUSE_TALKED_RE.search(clause) is not None
        and not any(verb_class(clause[a:b]) not in (None, "narr", "courtesy") for a, b in finite_verbs(clause))
    )


# A quoted sentence that only narrates the call: "We discussed the preparations ...",
# "Thanked him for visiting ...".
_FIRST_PERSON_NARRATION_RE = re.compile(
    rf"[\W]*(?:(?:I|We)\s+)?(?:(?:{ADVERBS})\s+)*(?P<verb>{FINITE_RE.pattern})\b",
    re.I,
)
# A leader's quotation reporting what "we" did in the call ("We agreed ...", "We also emphasised
# ..."): the two leaders' joint position. "We will ..." is the speaker's own side.
_WE_DID_RE = re.compile(
    # (an opening phrase may come first: "As part of deepening relations, we agreed to ...")
    # ("For the first time in relations between our two nations we have agreed ...": a phrase of time
    # with no comma)
    rf"[\W]*(?:[^,.;:\"\u201c\u201d]{{2,60}},\s+|(?:For|In|At|During|After|Today|Now|Finally)(?:\s[^,.;:\"\u201c\u201d]{{0,60}}?)?\s)?"
    # ("We had decided ..." is the pluperfect of an earlier meeting, not this one's outcome)
    rf"We\s+(?!had\b)(?:have\s+)?(?:(?:{ADVERBS})\s+)*(?P<verb>{FINITE_RE.pattern}|agree|share|concur)\b",
    re.I,
)
# An agreement of the call told inside a leader's quoted sentence, not at its start ("..., which
# we agreed to be the longest time", "I return home with the news that we have agreed on ...").
_WE_AGREED_RE = re.compile(rf"\bwe\s+(?!had\b)(?:have\s+)?(?:(?:{ADVERBS})\s+)*agreed\b", re.I)


def we_did(text: str, s: int, e: int) -> bool:
    """Whether the (quoted) sentence opens with "we" and a past-tense cue verb of content, or
    says what the two share now ("We agree on the need ...", "We share deep concerns ...")."""
    m = _WE_DID_RE.match(text, s, e)
    if not m:
        return _WE_AGREED_RE.search(text, s, e) is not None
    verb = m.group("verb").split()[0].lower()
    if verb in _WE_SHARE:
        return not re.match(r"\s+views\b", text[m.end() : e])  # "We share views on ..." is narration
    cls = verb_class(m.group("verb"))
    if cls == "narr" or verb == "shared":
        # "We discussed the need to ...", "We shared views on ... and agreed on the need for ...":
        # narration with content of its own, as for a reporting frame
        if _DISCUSSED_CONTENT_RE.match(text, m.end(), e):
            return True
        r = _RESCUE_RE.search(text, m.end(), e)
        rcls = (participle_class(r.group("part")) if r.group("part") else verb_class(r.group("fin"))) if r else None
        return rcls is not None and rcls not in ("narr", "courtesy")
    return verb.endswith("ed") and cls not in (None, "courtesy")


_WE_SHARE = frozenset({"agree", "share", "concur"})


# "X said the two sides agreed that ...", "X said he reaffirmed with Y that ...": the outcome of
# the call, reported by one leader, is joint.
_EMBEDDED_JOINT_RE = re.compile(
    r"\s+(?:(?:on|in)\s+\w+\s+)?(?:that\s+)?(?:(?:(?:the\s+two|both)\s+(?:sides|leaders|countries)|they)\s+"
    r"(?:had\s+)?(?:also\s+)?(?:agreed|reaffirmed|confirmed|decided|affirmed|shared|concurred)\b|"
    # "X said it was agreed that ...", "He pointed out that it had also been decided to ...": the
    # call's agentless result, reported by one leader (not "it was agreed in 2019": another time)
    r"it\s+(?:was|(?:had|has)\s+(?:also\s+)?been)\s+(?:also\s+)?(?:agreed|decided)(?!\s+(?:in|on|at|during|last|earlier)\b)|"
    # "X noted the unanimity on ...", "highlighted the mutual agreement to ...": what both leaders
    # agreed on, reported by one of them as a noun (not "welcomed the agreement on grain": a deal)
    r"(?:the\s+(?:mutual\s+(?:agreement|understanding|consensus)|unanimity|consensus\s+(?:reached\s+)?"
    r"(?:between|by|of)\s+the\s+two\s+(?:sides|leaders))|their\s+(?:mutual\s+|shared\s+|common\s+)?"
    r"(?:agreement|unanimity|consensus))\s+(?:on|to|that|about)\b)",
    re.I,
)
# "López Obrador said that he and Biden agreed ...": the speaker and the other leader together.
_HE_AND_RE = re.compile(
    r"\s+(?:(?:on|in)\s+\w+\s+)?(?:that\s+)?(?:he|she|I)\s+and\s+(?P<other>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s+"
    r"(?:had\s+)?(?:also\s+)?(?:agreed|agree|reaffirmed|confirmed|affirmed|shared|share|concurred|decided|"
    r"do\s+not\s+disagree|did\s+not\s+disagree)\b"
)
_WITH_OTHER_RE = re.compile(
    r"\s+(?:(?:on|in)\s+\w+\s+)?(?:that\s+)?(?:he|she|I)\s+(?:(?:had|has|have)\s+)?(?:also\s+)?"
    r"(?:agreed|reaffirmed|confirmed|affirmed|shared)\s+with\s+",
    re.I,
)
_AGREED_WITH_RE = re.compile(r"\s+(?:(?:fully|also|entirely|completely)\s+)?with\s+")
# What may stand between "agreed with" and the other leader: "visiting Kyrgyz President X", "his
# Chinese counterpart", "the Indian Prime Minister".
_WITH_OTHER_GAP_RE = re.compile(r"(?:(?:the|his|her|visiting|[A-Z][\w'\u2019-]*)\s+){0,3}")


# "President Xi and I agreed ...", "I and Prime Minister Modi are committed ...": a leader speaking
# for himself and the other leader together.
_AND_ME_RE = re.compile(r"(?P<np>[A-Z][\w.'\u2019 -]{0,60}?)\s+and\s+I\s+(?:[a-z]|['\u2019])")
_ME_AND_RE = re.compile(r"\bI\s+and\s+")


def with_me(text: str, s: int, e: int, finder: MentionFinder, who: frozenset[int]) -> frozenset[int]:
    """The participants a sentence attributed to the one leader `who` gives as "<other leader> and I"
    or "I and <other leader>" (the speaker and the other together: a joint position), else `who`."""
    sent = text[s:e]
    if len(who) != 1 or (" and I " not in sent and " and I\u2019" not in sent and "I and " not in sent):
        return who
    for m in _AND_ME_RE.finditer(sent):
        a, b = s + m.start("np"), s + m.end("np")
        for mention in finder.find(text, a, b):
            if mention.end == b and mention.kind in ("person", "role") and mention.who and not mention.who & who:
                return who | mention.who
            if mention.end == b and mention.kind in ("person", "role") and mention.who == who:
                # "President Kenyatta and I have reaffirmed ..." in the other leader's own statement
                # (a frame that took the named leader for the subject): "I" is the other one.
                n = len(finder.participants)
                return frozenset(range(n)) if n == 2 else who
    for m in _ME_AND_RE.finditer(sent):
        a = s + m.end()
        gap = _WITH_OTHER_GAP_RE.match(text, a, e)
        for mention in finder.find(text, a, min(e, a + 60)):
            if (
                (mention.start == a or (gap is not None and mention.start <= gap.end()))
                and mention.kind in ("person", "role")
                and mention.who
                and not mention.who & who
            ):
                return who | mention.who
            break
    return who


# What one leader does for the other's country: "pledged support for Kenya's mission", "expressed
# solidarity with Ukraine"; and what the other's country gave, thanked for: "appreciation for the aid
# package Saudi Arabia sent to Ukraine".
_FOR_COUNTRY_RE = re.compile(
    r"(?:support|solidarity|assistance|help)\s+(?:for|to|with)\s+(?:the\s+)?(?:people\s+of\s+)?$", re.I
)
_THANKS_FOR_RE = re.compile(r"\b(?:appreciation|gratitude|thanks|thanked)\b", re.I)
_GAVE_RE = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:sent|provided|gave|given|extended|offered|delivered|donated)\b", re.I
)


def not_for_own_country(text: str, s: int, e: int, finder: MentionFinder, who: frozenset[int]) -> bool:
    """Whether the sentence has the leader `who` (a pronoun's first guess) support his own country
    or thank it for what it gave: then the pronoun is the other leader."""
    if len(who) != 1:
        return False
    sent = text[s:e]
    thanks = _THANKS_FOR_RE.search(sent) is not None
    if not thanks and "support" not in sent and "solidarity" not in sent and "assistance" not in sent:
        return False
    for m in finder.find(text, s, e):
        if m.kind != "country" or m.who != who:
            continue
        if not thanks and _FOR_COUNTRY_RE.search(text, max(s, m.start - 40), m.start):
            # (in "thanked Algeria for its support for China" the support is the thanked side's)
            return True
        if thanks and _GAVE_RE.match(text, m.end, e):
            return True
    return False


_QUOTE_AFTER_VERB_RE = re.compile(r"[^\"\u201c\u201e\u00ab\u2018.!?]{0,60}?[:,]?\s*[\"\u201c\u201e\u00ab\u2018]")


def quotes_narration(text: str, a: Attribution, e: int) -> bool:
    """ "Zelensky wrote: “We discussed the preparations ...": the reporting clause opens a
    quotation whose first sentence only narrates the call."""
    if a.frame is None or a.frame.quoted:
        return False
    m = _QUOTE_AFTER_VERB_RE.match(text, a.frame.verb_end, e)
    return m is not None and first_person_narration(text, m.end(), e)


# A leader's verbless verdict on the call, opening his post: '"A good conversation, very productive.',
# '"Good exchange of perspectives with President X on the situation in West Asia.'
# Also a pleasantry: '"It's a pleasure to meet you again," X told Y.'
_CALL_VERDICT_RE = re.compile(
    r"[\W]*(?:(?:(?:A|An|Had\s+an?|Held\s+an?)\s+)?(?:(?:very|really|truly)\s+)?(?:good|great|productive|excellent|"
    r"warm|fruitful|substantive|useful|meaningful|constructive|cordial)(?:,?\s+(?:and\s+)?(?:very\s+)?[a-z]+)??\s+"
    r"(?:phone\s+|telephone\s+|video\s+)?(?:conversation|call|talks?|meeting|exchange|discussion)s?|"
    r"(?:It\s+is|It['\u2019]s)\s+(?:(?:a|an)\s+(?:great\s+|real\s+)?(?:pleasure|honou?r|privilege)|good|great|nice)\s+"
    r"(?:for\s+(?:me|us)\s+)?to\s+(?:meet|see|speak|talk|receive|welcome|host)|"
    # thanks said to the other side: "Thank you, Mr. President!", "Thank you for your support."
    r"Thank\s+you|Many\s+thanks|"
    # the call described: "The conversation was direct and straightforward", "Our talks were frank"
    r"(?:The|Our|This|Today['\u2019]s|Their)\s+(?:phone\s+|telephone\s+|video\s+)?"
    r"(?:conversation|call|talks|meeting|exchange|discussion)s?\s+(?:was|were|has\s+been|have\s+been)\s+"
    r"(?:(?:very|really|truly|extremely|quite|most)\s+)?(?:direct|frank|open|candid|good|great|productive|"
    r"excellent|warm|fruitful|substantive|useful|meaningful|constructive|cordial|friendly|positive|long|"
    r"detailed|businesslike|straight-?forward|intense|intensive|in-depth|held\s+in\s+an?\s+[\w-]+\s+atmosphere))\b",
    re.I,
)


def _call_verdict(text: str, s: int, e: int) -> bool:
    m = _CALL_VERDICT_RE.match(text, s, e)
    if m is None:
        return False
    rest = text[m.end() : e]
    return not any(verb_class(rest[a:b]) not in (None, "narr", "courtesy") for a, b in finite_verbs(rest))


_EXPRESSED_RE = re.compile(r"(?:express|convey|extend|offer|voice)(?:ed|s)$", re.I)


# Thanks in the speaker's own voice, in the present: "We deeply appreciate the support of ...", "Let me
# express my appreciation for ...", "I would like to thank ...".
_OWN_THANKS_RE = re.compile(
    r"[\W]*(?:(?:first\s+of\s+all|above\s+all|first|firstly|once\s+again|again|today),?\s+)?"
    r"(?:let\s+me\s+(?:also\s+|once\s+again\s+)?|(?:I|we)\s+(?:(?:also|deeply|sincerely|truly|greatly|really|highly|"
    r"very\s+much|would\s+like\s+to|want\s+to|wish\s+to)\s+)*)"
    r"(?P<verb>thank|appreciate|express|convey|extend)\b",
    re.I,
)
_THANKED_FOR_RE = re.compile(
    r"\s+(?:[\w'\u2019-]+\s+){0,4}?(?:support|help|assistance|aid|solidarity|hospitality|kind\s+words)\b", re.I
)


def _own_thanks(text: str, s: int, e: int) -> bool:
    m = _OWN_THANKS_RE.match(text, s, e)
    if m is None:
        return False
    verb = m.group("verb").lower()
    if verb == "thank":
        return True
    if verb == "appreciate":
        return _THANKED_FOR_RE.match(text, m.end(), e) is not None
    return COURTESY_NOUNS.match(text[m.end() : e]) is not None


def first_person_narration(text: str, s: int, e: int) -> bool:
    """Whether a quoted sentence is narration or a courtesy in the speaker's own voice (no
    content cue after it), or his verdict on the call ("A good conversation, very productive."):
    such a sentence is no position even inside a quotation."""
    if _call_verdict(text, s, e) or _own_thanks(text, s, e):
        return True
    m = _FIRST_PERSON_NARRATION_RE.match(text, s, e)
    if m and _EXPRESSED_RE.match(m.group("verb")) and COURTESY_NOUNS.match(text[m.end() : e]):
        return True  # "I also expressed our deep appreciation of US support ...": thanks in his own words
    if not m or verb_class(m.group("verb")) not in ("narr", "courtesy"):
        return False
    if _DISCUSSED_CONTENT_RE.match(text, m.end(), e) or _INVITATION_RE.match(text, m.start("verb"), e):
        return False
    # ('"Spoke to Chancellor Merkel this evening and discussed bilateral ... issues.': a second
    # narration verb rescues nothing)
    r = _RESCUE_RE.search(text, m.end(), e)
    rcls = (participle_class(r.group("part")) if r.group("part") else verb_class(r.group("fin"))) if r else None
    return not (rcls and rcls not in ("narr", "courtesy"))


_OPPORTUNITY_RE = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:\w+\s+)?(?:opportunity|occasion|chance)\s+for\s+(?P<who>[^,;]{2,60}?)\s+to\s+"
    r"(?:(?:also|once\s+again|again|further)\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)
_OPPORTUNITY_TO_RE = re.compile(
    r"\b(?:call|conversation|talks|meeting|visit|discussion)\s+(?:also\s+)?(?:provided|offered|was|were|served\s+as)\s+"
    r"(?:an?\s+|the\s+)?(?:\w+\s+)?(?:opportunity|occasion|chance)\s+to\s+(?:(?:also|once\s+again|again|further)\s+)?"
    r"(?P<verb>[a-z]+)\b",
    re.I,
)
_OPEN_QUOTES = "\"'\u201c\u201e\u00ab\u2018"
_OPEN_QUOTE_TUPLE = tuple(_OPEN_QUOTES)
_NAME_LIKE_RE = re.compile(r"\b[A-Z][a-z]+")


# Quotation marks of every style: opener -> the mark that closes it ("…", “…”, „…“, «…», ‘…’, ‘‘…’’).
_CLOSER = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb", "\u2018": "\u2019"}
_QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\u2018')
_QUOTE_CHARS_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u2018]')
_MARKS_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]')
_ANY_CLOSER = "*"  # a quotation known to be open, of unknown style


def _closes(ch: str, closer: str, nxt: str, prev: str = "") -> bool:
    if ch == "\u201c" and closer == "\u201d" and prev in (",", ".", "!", "?") and (not nxt or nxt.isspace()):
        return True  # an opening mark typed for the closing one: 'in Palestine,\u201c he said'
    if closer == _ANY_CLOSER:
        return ch in '"\u201d\u00bb' or (ch == "\u2019" and not nxt.isalpha())
    if ch == closer:
        return closer != "\u2019" or not nxt.isalpha()  # "Xi’s" is an apostrophe
    return {ch, closer} == {'"', "\u201d"}  # mixed straight and curly marks


def quote_mask(s: str, in_quote: str | bool) -> tuple[list[bool], str]:
    """Per-character "inside a quotation" flags for s, and the state after it: "" outside a
    quotation, else the mark that will close it (a bare True means open, style unknown)."""
    closer = in_quote if isinstance(in_quote, str) else (_ANY_CLOSER if in_quote else "")
    if not _QUOTE_CHARS_RE.search(s) and not (closer in ("\u2019", _ANY_CLOSER) and "\u2019" in s):
        return ([True] * len(s) if closer else []), closer  # fast path: no quote marks
    flags: list[bool] = []
    cur = 0
    # Only quotation marks change the state: jump from one to the next.
    for m in _MARKS_RE.finditer(s):
        i = m.start()
        ch = s[i]
        flags.extend([bool(closer)] * (i - cur))
        cur = i + 1
        prev = s[i - 1 : i]
        nxt = s[i + 1 : i + 2]
        if not closer:
            if ch == '"':
                # A straight quote opens when followed by a word character, closes otherwise.
                if nxt and not nxt.isspace() and (not prev or prev.isspace() or prev in "([-\u2014"):
                    closer = '"'
            elif ch == "\u2018":
                if not prev or prev.isspace() or prev in "([-\u2014\u2018":
                    closer = "\u2019"
            elif ch in _CLOSER:
                closer = _CLOSER[ch]
            flags.append(bool(closer))
            continue
        if i == 0 and ch in _CLOSER:
            # Newswire convention: a quotation running over paragraphs reopens each one.
            flags.append(True)
            continue
        if ch == "\u2019" and closer == "\u2019" and nxt == "\u2019":
            flags.append(True)  # the first mark of a doubled ’’
            continue
        if _closes(ch, closer, nxt, prev):
            closer = ""
        flags.append(True)
    flags.extend([bool(closer)] * (len(s) - cur))
    return flags, closer


_DESCRIPTORS = lexicon_files.titles().descriptors


def _descriptor(word: str) -> bool:
    """Words that may describe a named leader in a subject ("Russian leader Vladimir Putin")."""
    from .countries import find_country

    w = word.lower().strip(",")
    return w in _DESCRIPTORS or (word[:1].isupper() and find_country(word) is not None)


_CAPITAL_PARTICLES = frozenset({"Bin", "Ibn", "Al", "El", "Von", "Van", "De", "Da", "Der"})
_OBJECT_PRONOUNS = {"him": "male", "her": "female"}


def _classify_np(
    text: str, a: int, b: int, finder: MentionFinder
) -> tuple[str, frozenset[int], str | None, bool] | None:
    """Classify the subject noun phrase text[a:b]: (kind, who, gender, they) or None."""
    np = text[a:b]
    if not np.strip():
        return None
    obj = _OBJECT_PRONOUNS.get(np.strip().lower())
    if obj is not None:
        return "pronoun", frozenset(), obj, False  # "According to him, ...": the leader who spoke last
    mentions = finder.find(text, a, b)
    rest = list(np)
    for m in mentions:
        for k in range(m.start - a, m.end - a):
            rest[k] = " "
    leftover = [
        w
        for w in _NP_TOKEN_RE.findall("".join(rest))
        if w.lower() not in _FILLER
        and not (mentions and _descriptor(w))
        # a name's particle capitalised at the start of a sentence: "Bin Salman, for his part, ..."
        and not (mentions and w in _CAPITAL_PARTICLES)
        # a middle initial: "President Hilda C. Heine", "Joseph R. Biden"
        and not (mentions and len(w) == 1 and w.isupper())
    ]
    if (
        mentions
        and leftover
        and all(m.kind == "person" for m in mentions)
        and re.search(r"\band\b", np)
        and all(w == "," or w[:1].isupper() for w in leftover)
        and sum(w != "," for w in leftover) <= 3
    ):
        # "Biden, Ghani and Abdullah concurred": the participants among the names listed.
        return "person", frozenset().union(*(m.who for m in mentions)), None, False
    if mentions and not leftover:
        kinds = {m.kind for m in mentions}
        who: frozenset[int] = frozenset().union(*(m.who for m in mentions))
        if "pronoun" in kinds:
            if len(mentions) != 1:
                return None
            return "pronoun", frozenset(), mentions[0].gender, False
        if "group" in kinds:
            if len(mentions) != 1:
                return None
            word = text[mentions[0].start : mentions[0].end].lower()
            if word in ("they", "we"):
                return "group", who, None, True
            if (
                re.search(r"countries|nations|governments|neighbou?rs|allies|partners", word)
                and len(finder.participants) != 2
            ):
                return None
            # "the two leaders" in a three-leader summit is some pair we cannot identify.
            n = next((v for k, v in _NUMBERS.items() if re.search(rf"\b{k}\b", word)), None)
            if n is not None and n != len(finder.participants):
                return None
            return "group", who, None, False
        if kinds == {"country"}:
            return "country", who, None, False
        return ("person" if "person" in kinds else "role"), who, None, False
    words = np.split()
    if len(words) > 9 or any(w.lower().strip(",") in _BLOCK_WORDS for w in words):
        return None
    low = {w.lower().strip(",.'\u2019s") for w in words}
    if low & NON_LEADER_HEADS or any(w.lower().rstrip("'s\u2019") in NON_LEADER_HEADS for w in words):
        return "other", frozenset(), None, False
    # A capitalised name that is not a participant ("Prime Minister Mateusz Morawiecki"); a phrase
    # headed by a common noun is a thing, not a speaker ("the China-Chile relationship has been").
    if len(_NAME_LIKE_RE.findall(np)) >= 2 and not mentions and words[-1][:1].isupper():
        return "other", frozenset(), None, False
    return None


# A line that is only a subject and a colon ("The two leaders:", "Kishida:"): the label of a wire
# summary's talking points, each item under it a verbless clause of that subject ("\u2014 oppose ...").
_LABEL_RE = re.compile(r"[\"'\u201c]?(?P<np>[^:;,.!?\"\u201c\u201d\n]{1,50}?)\s*:$")


def label_speakers(text: str, s: int, e: int, finder: MentionFinder) -> Attribution | None:
    """The participants a label line text[s:e] names ("The two leaders:", "Biden:"), or None."""
    m = _LABEL_RE.fullmatch(text, s, e)
    if m is None:
        return None
    c = _classify_np(text, m.start("np"), m.end("np"), finder)
    if c is None or c[0] not in ("person", "role", "group") or not c[1] or c[3]:
        return None
    return Attribution(c[1], "say", 0.8, None, evidence="list-item")


# Parentheticals between a subject and its verb: "Putin, for his part, said",
# "Xi, also general secretary of the CPC Central Committee, said", "Lula, who ..., said".
_PAREN_RE = re.compile(
    r",\s+(?:for\s+(?:his|her|its|their)\s+part(?:\s+[^,;\"\u201c\u201d]{1,60}?)?|on\s+(?:his|her|its|their)\s+part|"
    r"according\s+to\s+[^,;\"\u201c\u201d]{2,120}?|in\s+turn|however|"
    r"meanwhile|too|also|likewise|in\s+(?:his|her)\s+(?:remarks|turn|speech)|known\s+(?:as|by)\s+[^,;\"\u201c\u201d]{2,60}?|"
    r"(?:also|who|currently)\s+[^,;\"\u201c\u201d]{2,160}?|"
    # "Scholz, on his first visit to South America, said": a circumstance aside
    r"(?:on|during|at|after|before|in|while|speaking|addressing|visiting|standing|wrapping\s+up)\s+"
    r"[^,;\"\u201c\u201d]{2,120}?|(?:the\s+)?(?:\w+\s+){0,3}(?:president|"
    # (the verb may open a quotation: 'Biden, in his first call with Abbas, "stressed the need ...')
    rf"prime\s+minister|chancellor|leader)\s+of\s+[^,;]{{2,80}}?),(?=\s+[\"\u201c]?(?:(?:{ADVERBS})\s+)*(?:{FINITE_RE.pattern}))",
    re.I,
)


# A bracketed gloss on a participant's name before its verb ("Premier Li Qiang (<his name in
# Chinese>) said", "President Widodo (Jokowi) emphasized"): the subject goes on past it.
_NAME_BRACKET_RE = re.compile(r"(?<=\w) \([^()\n,;\"\u201c\u201d]{1,30}\)(?= [a-z])")


def _blank_parentheticals(sent: str) -> str:
    """Same-length copy of sent with subject/verb parentheticals blanked out (and the comma of a
    date, "on Thursday, October 14", which is no clause break)."""
    if "day, " in sent:
        sent = _DATE_COMMA_RE.sub(" ", sent)
        # "X and Y on Thursday, July 29, appraised ...": the comma closing the date goes too
        sent = _DATE_END_COMMA_RE.sub(lambda m: m.group()[:-1] + " ", sent)
    return _PAREN_RE.sub(lambda m: " " * len(m.group()), sent)


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE_COMMA_RE = re.compile(rf"(?<=day),(?=\s+(?:{_MONTH}\s+\d|\d{{1,2}}\s+{_MONTH}))")
_DATE_END_COMMA_RE = re.compile(
    rf"(?<=\son\s)(?:{_WEEKDAY})\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:st|nd|rd|th)?,(?=\s+[a-z])"
)
# Hearsay: the outlet reports at second hand what the leaders did in the talks ("The two leaders are
# said to have agreed ...", "It is also reported that X proposed ...", "<Outlet> gathered that X
# briefed ..."): the words go, and the leader's own clause speaks.
_HEARSAY_RE = re.compile(
    r"(?<=\s)(?:is|are|was|were)\s+(?:also\s+)?(?:said|reported|understood|believed)\s+to\s+have(?=\s+[a-z]+\b)"
    r"|^\W*(?:It\s+(?:is|was|has\s+been)\s+(?:also\s+)?(?:reported|understood|learnt|learned|gathered)"
    r"|[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+(?:also\s+)?(?:gathered|learnt|learned))\s+that(?=\s)"
)
# A date between a subject and its verb: "President Phuc on May 11 held ...".
_NP_DATE_RE = re.compile(
    rf"\s+on\s+(?:{_WEEKDAY}[\s,]+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
    r"(?:,?\s+\d{4})?\s*$"
)


def find_frames(
    text: str, s: int, e: int, finder: MentionFinder, qmask: list[bool] | None = None, *, quoted_too: bool = True
) -> list[Frame]:
    """Every frame at a clause start of the sentence text[s:e], in order (with
    quoted_too=False, none that starts inside a quotation)."""
    sent = text[s:e]
    if ", " in sent:
        blanked = _blank_parentheticals(sent)
        if blanked != sent:
            text = text[:s] + blanked + text[e:]
            sent = blanked
    if " to have " in sent or " that " in sent[:80]:
        blanked = _HEARSAY_RE.sub(lambda m: " " * len(m.group()), sent)
        if blanked != sent:
            text = text[:s] + blanked + text[e:]
            sent = blanked
    if " (" in sent:
        ends = {m.end - s for m in finder.find(text, s, e) if m.kind in ("person", "role")}
        blanked = _NAME_BRACKET_RE.sub(lambda m: " " * len(m.group()) if m.start() in ends else m.group(), sent)
        if blanked != sent:
            text = text[:s] + blanked + text[e:]
            sent = blanked
    verbs = finite_verbs(sent)
    if "States" in sent:
        # "The United States seeks ...", "the Gulf States": a name, not the verb "states"
        verbs = [(a, b) for a, b in verbs if sent[a:b] != "States"]
    if not verbs and not _ACCORDING_HINT_RE.search(sent) and not _plural_hint(sent):
        return []
    lm = _NAME_LIST_RE.match(sent) if "," in sent[:80] and " and " in sent[:200] else None
    if lm and any(a == lm.end() for a, _ in verbs):
        # "Biden, Ghani and Abdullah concurred": one subject, not a clause per comma.
        sent = sent[: lm.end("list")].replace(",", " ") + sent[lm.end("list") :]
        text = text[:s] + sent + text[e:]
    else:
        spans = _appositive_spans(sent, verbs)
        if spans is not None:
            blanked = _blank_appositive(text, s, sent, spans, finder)
            if blanked != sent:
                text = text[:s] + blanked + text[e:]
                sent = blanked
    starts = [0] + [m.end() for m in _CLAUSE_RE.finditer(sent)]
    frames: list[Frame] = []
    seen: set[int] = set()
    for cs in starts:
        if cs in seen or cs >= len(sent):
            continue
        seen.add(cs)
        quoted = bool(qmask and cs < len(qmask) and qmask[cs])
        if quoted and not quoted_too:
            continue
        while cs < len(sent) and sent[cs] in _OPEN_QUOTES:
            cs += 1  # '"The leaders agreed': the subject starts after the mark
        rest = sent[cs:]
        coord = False
        m = _CONJ_RE.match(rest)
        if m:
            coord = True
            cs += m.end()
            rest = sent[cs:]
        m = _ACCORDING_RE.match(rest)
        if m is None and rest[:1] in "IiAa":
            m = _ACCORDING_IN_RE.match(rest)
        if m is None and ("'s " in rest[:90] or "\u2019s " in rest[:90]):
            m = _POSSESSIVE_VIEW_RE.match(rest)
        if m is None and " by " in rest:
            bm = _BY_AGENT_RE.match(rest)
            c = _classify_np(text, s + cs + bm.start("np"), s + cs + bm.end("np"), finder) if bm else None
            if bm and c and _classify_np(text, s + cs, s + cs + bm.end("subj"), finder):
                c = None  # "He was welcomed by Tokayev at the airport": a person received, no stance
            if bm and c and c[0] in ("person", "role", "pronoun", "group", "country"):
                kind, who, g, they = c
                cls = lemma_class(bm.group("verb").lower()) or "support"
                frames.append(
                    Frame(
                        s + cs,
                        s + cs + bm.start("verb"),
                        s + cs + bm.end("verb"),
                        kind,
                        who,
                        cls,
                        g,
                        coord,
                        they,
                        quoted,
                    )
                )
                continue
        if m:
            c = _according_source(text, s + cs, m, finder)
            if c:
                kind, who, g, they = c
                frames.append(
                    Frame(
                        s + cs,
                        s + cs,
                        s + cs + m.end(),
                        "according-other" if kind == "other" else kind,
                        who,
                        "say",
                        g,
                        coord,
                        they,
                        quoted,
                    )
                )
            continue
        lead = _LEAD_CIRCUMSTANCE_RE.match(rest) if rest[:1] in "DdIiAaFf" else None
        if lead:
            # "During the telephone talk the sides expressed ...": no comma after the circumstance.
            cs += lead.end()
            rest = sent[cs:]
        stop = _STOP_CHARS.search(rest)
        while stop and rest[stop.start()] in _OPEN_QUOTES and any(a == cs + stop.end() for a, _ in verbs):
            # 'Ishiba “conveyed serious concerns ...” to Xi': a quotation that starts at the verb
            # leaves the subject in front of it.
            stop = _STOP_CHARS.search(rest, stop.end())
        stretch = rest[: stop.start()] if stop else rest
        if cs > 0 and not coord:
            inv = _inverted_frame(text, s, cs, rest, verbs, finder, quoted)
            if inv is not None:
                frames.append(inv)
                continue
        vm = next(((a - cs, b - cs) for a, b in verbs if a >= cs and b <= cs + len(stretch)), None)
        if not vm:
            pl = _plural_present_frame(text, s, cs, stretch, finder, coord, quoted)
            if pl is not None:
                frames.append(pl)
            continue
        v_start, v_end = vm
        if v_start > 160:
            # no subject noun phrase is that long; also bounds the regex work
            pl = _plural_present_frame(text, s, cs, stretch[:v_start], finder, coord, quoted)
            if pl is not None:
                frames.append(pl)
            continue
        if rest[v_start:v_end].lower() in ("had", "has", "have"):
            # Perfect aspect: "Putin had told Modi" -> the cue is "told".
            nxt = next(((a - cs, b - cs) for a, b in verbs if a - cs > v_end), None)
            # ('Xi had also \u201cstated ...': the quotation may open at the participle)
            if nxt and re.fullmatch(rf"\s+(?:(?:{ADVERBS})\s+)*[\"\u201c]?", rest[v_end : nxt[0]], re.I):
                np_text = stretch[:v_start]
                v_end = nxt[1]
        np_text = stretch[:v_start]
        aside = (
            _NP_ASIDE_RE.search(np_text)
            if np_text.count(" ") >= 3
            and (any(w in np_text for w in _NP_ASIDE_WORDS) or any(w in np_text for w in _NP_OCCASION_WORDS))
            else None
        )
        if aside:
            np_text = np_text[
                : aside.start()
            ]  # "Xi while talking about ... mentioned", "Ghani for his part appreciated"
        if " on " in np_text:
            dm = _NP_DATE_RE.search(np_text)
            if dm:
                np_text = np_text[: dm.start()]  # "Phuc on May 11 held", "Kenyatta on Thursday, October 14 urged"
        if np_text.endswith(_OPEN_QUOTE_TUPLE):
            # 'Biden also "underscored ...': the quotation opens at the verb, after the adverb
            np_text = np_text.rstrip("".join(_OPEN_QUOTE_TUPLE))
        tm = _TRAIL_ADV_RE.search(np_text)
        np_end = tm.start() if tm else len(np_text.rstrip())
        c = _classify_np(text, s + cs, s + cs + np_end, finder)
        if not c:
            pl = _plural_present_frame(text, s, cs, stretch[:v_start], finder, coord, quoted)
            if pl is not None:
                frames.append(pl)
            continue
        kind, who, g, they = c
        if quoted and finder.author and text[s + cs : s + cs + np_end] == "I":
            continue  # a quoted "I" is the quotation's speaker, not the readout's author
        cls = (
            verb_class(
                rest[v_start:v_end].split()[-1]
                if rest[v_start:v_end].lower().startswith(("had ", "has ", "have "))
                else rest[v_start:v_end]
            )
            or "say"
        )
        stance = kind == "country" and (
            _OWN_STANCE_RE.match(sent, cs + v_end) is not None
            # "Mexico expressed its concern about ...": a saying verb over the country's own words
            or (cls == "say" and _ITS_RE.match(sent, cs + v_end) is not None)
        )
        frames.append(Frame(s + cs, s + cs + v_start, s + cs + v_end, kind, who, cls, g, coord, they, quoted, stance))
    return frames


def _according_source(
    text: str, a: int, m: re.Match[str], finder: MentionFinder
) -> tuple[str, frozenset[int], str | None, bool] | None:
    """The source of an "According to X," phrase matched at text[a:] (by _ACCORDING_RE, the source
    after it, or _ACCORDING_IN_RE, the source inside it: "In X's view,", "In his opinion,")."""
    if m.re is _ACCORDING_RE:
        stop = _STOP_CHARS.search(m.string, m.end())
        np_end = stop.start() if stop else len(m.string.rstrip(".!? "))
        return _classify_np(text, a + m.end(), a + np_end, finder)
    if m.re is _POSSESSIVE_VIEW_RE:
        return _classify_np(text, a + m.start("np"), a + m.end("np"), finder)
    if m.group("pro"):
        return "pronoun", frozenset(), "male" if m.group("pro").lower() == "his" else "female", False
    grp = "np" if m.group("np") else "np2"
    return _classify_np(text, a + m.start(grp), a + m.end(grp), finder)


_WORD_RE = re.compile(r"[A-Za-z]+")
_PLURAL_HINTS = (
    "They ",
    " they ",
    "sides ",
    "leaders ",
    "heads ",
    "countries ",
    "parties ",
    "nations ",
    " and ",
    " will ",
    " would ",
    " continues to ",
)


def _plural_hint(sent: str) -> bool:
    """Whether a sentence with no finite cue verb may still have a plural subject with one in the
    present (`_plural_present_frame`)."""
    return any(h in sent for h in _PLURAL_HINTS)


_CONTENT_CLASSES = frozenset({"say", "call", "commit", "support", "oppose", "agree"})
_INTENT_CLASSES = _CONTENT_CLASSES - {"say"}


# A subject, then a modal or a continuation, then a base form: "India will continue to support",
# "Kazakhstan continues to back", "he would also support".
_MODAL_RE = re.compile(
    r"(?P<np>[^\W\d][^,;:]{0,80}?)\s+(?:(?:will|would|shall)\s+(?:(?:also|further|always|now|fully|firmly|actively|"
    r"jointly|strongly)\s+)*(?:continue\s+to\s+)?|continues\s+to\s+)(?:(?:also|further|firmly|actively|fully|"
    r"strongly)\s+)*(?P<verb>[a-z]+)\b"
)


def _plural_present_frame(
    text: str, s: int, cs: int, stretch: str, finder: MentionFinder, coord: bool, quoted: bool
) -> Frame | None:
    """A group subject with a cue verb in the present ("The two sides reiterate ...", "They also
    agree to ...", "Both countries intend to ...", "both sides recognise that ...": joint statements
    and wire summaries of them): the lexicon's finite forms are the past and the third person
    singular, so the base form is looked for here, after a subject that names the leaders as a
    group. A leader or his country with a modal or a continuation before the base form ("India will
    continue to support ...", "Kazakhstan continues to back ...") states its intent or stance too."""
    mm = _MODAL_RE.match(stretch) if " will " in stretch or " would " in stretch or " continue" in stretch else None
    # (not a saying verb: "the head of state will raise the national flag" is the day's programme)
    if mm is not None and lemma_class(mm.group("verb")) in _INTENT_CLASSES:
        c = _classify_np(text, s + cs, s + cs + len(mm.group("np")), finder)
        if c is not None and c[0] in ("person", "role", "country", "pronoun"):
            kind, who, g, they = c
            intent = lemma_class(mm.group("verb")) or "commit"
            return Frame(
                s + cs, s + cs + mm.start("verb"), s + cs + mm.end("verb"), kind, who, intent, g, coord, they, quoted
            )
    for k, m in enumerate(_WORD_RE.finditer(stretch, 0, 120)):
        if k > 9:
            break
        cls = lemma_class(m.group()) if k and m.group().islower() else None
        if cls not in _CONTENT_CLASSES or stretch.endswith(" of ", 0, m.start()):
            continue  # (a noun after "of" is no verb: "the two heads of state")
        np_text = stretch[: m.start()]
        tm = _TRAIL_ADV_RE.search(np_text)
        np_end = tm.start() if tm else len(np_text.rstrip())
        c = _classify_np(text, s + cs, s + cs + np_end, finder)
        if c is None:
            return None
        kind, who, g, they = c
        if text[s + cs : s + cs + np_end].strip().lower() == "we":
            return None  # a leader's own side, in his words
        if kind == "group":  # (not "China and Uzbekistan share ...": in Xi's words, a description)
            return Frame(s + cs, s + cs + m.start(), s + cs + m.end(), kind, who, cls or "say", g, coord, they, quoted)
        return None
    return None


# "Russia reaffirmed its support for ...": a country stating its own stance.
_ITS_RE = re.compile(r"\s+(?:its|their)\s+[a-z]")
_OWN_STANCE_RE = re.compile(
    r"\s+(?:its|their)\s+(?:\w+\s+)?(?:support|commitment|readiness|opposition|position|stance|willingness|"
    r"determination|solidarity|backing)\b",
    re.I,
)


_NAME = r"[A-Z][\w'\u2019-]+(?:\s+(?:bin|al|el|de|da|von|van)?\s*[A-Z][\w'\u2019-]+){0,3}"
_NAME_LIST_RE = re.compile(rf"(?P<list>{_NAME}(?:,\s+{_NAME})+,?\s+and\s+{_NAME})\s+(?:(?:{ADVERBS})\s+)*")
# A subject with an apposition before its verb: "Russian and Turkish Presidents, Vladimir Putin and
# Recep Tayyip Erdogan, stressed ...", "Chinese President Xi Jinping, who is also ..., said ...".
_ADVERBS_ONLY_RE = re.compile(rf"\s+(?:(?:{ADVERBS})\s+)*", re.I)
_NOT_IN_SUBJECT = frozenset(';:"\u201c\u201d')


_WITH_CONJ_RE = re.compile(r"(?:along|together)\s+with\s+|as\s+well\s+as\s+|and\s+")


def _appositive_spans(sent: str, verbs: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """(end of the head, start and end of the apposition) when the sentence opens with
    "<head>, <apposition>, <cue verb>": two commas, no verb between them."""
    c1 = sent.find(",")
    if c1 < 2 or c1 > 80:
        return None
    c2 = sent.find(",", c1 + 1)
    if c2 < 0 or c2 - c1 > 102 or any(ch in _NOT_IN_SUBJECT for ch in sent[:c2]):
        return None
    adv = _ADVERBS_ONLY_RE.match(sent, c2 + 1)
    if adv is None or not any(a == adv.end() for a, _ in verbs) or any(c1 < a < c2 for a, _ in verbs):
        return None
    inner = c1 + 1 + (len(sent[c1 + 1 : c2]) - len(sent[c1 + 1 : c2].lstrip()))
    return c1, inner, c2


def _blank_appositive(text: str, s: int, sent: str, spans: tuple[int, int, int], finder: MentionFinder) -> str:
    """The sentence with its subject's apposition folded in: names in apposition to a plural
    head keep their place (only the commas go); a description after a named leader goes."""
    c1, i0, c2 = spans
    conj = _WITH_CONJ_RE.match(sent, i0, c2)
    if conj:
        i0 = conj.end()  # "President Biden, along with his Filipino counterpart ..., expressed"
    inner = finder.find(text, s + i0, s + c2)
    covered = sum(x.end - x.start for x in inner if x.kind in ("person", "role"))
    rest = re.sub(r"\b(?:and|&)\b|\W", "", sent[i0:c2])
    if inner and covered >= len(rest) and all(x.kind in ("person", "role") for x in inner):
        # "Russian and Turkish Presidents, Vladimir Putin and Recep Tayyip Erdogan, stressed"
        return sent[:c1] + " " + sent[c1 + 1 : c2] + " " + sent[c2 + 1 :]
    head = finder.find(text, s, s + c1)
    if head and head[-1].end == s + c1 and head[-1].kind in ("person", "role") and len(sent[i0:c2].split()) <= 14:
        # "Chinese President Xi Jinping, general secretary of the CPC Central Committee, said"
        return sent[:c1] + " " * (c2 + 1 - c1) + sent[c2 + 1 :]
    return sent


# An aside between subject and verb without commas.
_NP_ASIDE_RE = re.compile(
    r"\s+(?:(?:while|whilst|when|after|before)\s+[a-z]+ing\b|(?:for|on)\s+(?:his|her|its|their)\s+part\b|"
    r"in\s+(?:his|her)\s+turn\b|"
    # "X and Y in a telephonic conversation on Sunday agreed", "X during a telephonic exchange discussed"
    r"(?:in|during|at)\s+(?:a|an|the|their|his|her|today['\u2019]s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:conversation|call|exchange|talks|meeting|summit)\b).*$",
    re.S,
)


_NP_ASIDE_WORDS = (" while ", " whilst ", " when ", " after ", " before ", " part", " turn", " during ")
_NP_OCCASION_WORDS = (" conversation", " call", " exchange", " talks", " meeting", " summit")
_LEAD_CIRCUMSTANCE_RE = re.compile(
    r"(?:during|in|at|after|following|in\s+the\s+course\s+of)\s+(?:the|their|a|today['\u2019]s)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:talks?|call|conversation|meeting|summit|negotiations|visit)\s+(?=(?:the|both|they)\b)",
    re.I,
)


_INVERTED_TAIL_RE = re.compile(
    r"(?:,?\s+(?:on|in|at|during|after|before|from|via|to|when|while|adding|in\s+a)\b.*|"
    r",\s+(?:adding|calling|saying|noting|stressing|describing|urging|referring)\b.*|"
    # '"...," said Fernandez, who received two doses in January.', '..., said X, the president of ...':
    # a relative clause or an apposition on the speaker
    r",\s+(?:who|whose|the|a|an|his|her)\s.*)?[\s.!?\"'\u201d\u2019\u00bb)]*$",
    re.I | re.S,
)


def _inverted_frame(
    text: str, s: int, cs: int, rest: str, verbs: list[tuple[int, int]], finder: MentionFinder, quoted: bool
) -> Frame | None:
    """'...," said the Kazakh President.': a reporting verb that opens the clause after a
    quotation or a comma, with its subject after it."""
    vm = next(((a - cs, b - cs) for a, b in verbs if a == cs), None)
    if vm is None:
        return None
    cls = verb_class(rest[vm[0] : vm[1]])
    if cls not in ("say", "call", "commit", "support", "oppose", "agree"):
        return None
    tail = rest[vm[1] :]
    cut = _INVERTED_TAIL_RE.search(tail)
    np = tail[: cut.start()] if cut else tail
    lead = len(np) - len(np.lstrip())
    if not np.strip() or len(np.split()) > 8:
        return None
    a = s + cs + vm[1] + lead
    c = _classify_np(text, a, a + len(np.strip()), finder)
    if c is None or c[0] not in ("person", "role", "other"):
        return None
    # ('"The two sides reiterate ...," said the statement.': a non-leader's inverted clause closes a
    # quotation whose own subjects may be the leaders, as '"...," the statement said' does.)
    kind, who, g, they = c
    return Frame(a, s + cs + vm[0], s + cs + vm[1], kind, who, cls, g, False, they, quoted)


# "Xi said he was glad to speak with Putin again": pleasantries about the call itself.
_PLEASED_RE = re.compile(
    r"\s+(?:that\s+)?(?:(?:he|she|i|they)\s+(?:was|is|am|were|are)\s+(?:very\s+|so\s+)?(?:glad|pleased|happy|"
    r"delighted|honou?red)|(?:his|her|their)\s+(?:great\s+|deep\s+|sincere\s+)?(?:pleasure|delight|joy))\s+"
    # the meeting itself is what pleases: "was pleased with the visit of ...", "expressed his pleasure to
    # talk with ..." (not "pleased with the growth of trade")
    r"(?:(?:to|at|in)\s+(?:talk|speak|meet|have|hold|see|receive|welcome|host)\w*|"
    r"(?:with|at|about|over)\s+(?:the|his|her|this|their)\s+(?:[\w-]+\s+)?(?:visit|meeting|talks|conversation|call))\b",
    re.I,
)
# A group's pleasure at meeting: "The Prime Ministers were pleased to have their first meeting since ...".
_GROUP_PLEASED_RE = re.compile(
    r"\s(?:was|were|are)\s+(?:very\s+|so\s+)?(?:glad|pleased|happy|delighted|honou?red)\s+to\s+"
    r"(?:talk|speak|meet|have|hold|see)\b",
    re.I,
)


# "X said he (also) thanked / congratulated Y ...", "X told Y he was honoured to ...", "X said he is
# deeply grateful that ...": a courtesy reported by a saying verb stays a courtesy (guidelines).
_REPORTED_COURTESY_RE = re.compile(
    r"(?:\s+(?-i:[A-Z][\w.'\u2019-]*|him|her|them)){0,3}?\s+(?:that\s+)?(?:he|she|i|they|we)\s+"
    r"(?:(?:also|had|has|have|once\s+again|again)\s+)*(?:thanked|congratulated|greeted|"
    r"(?:was|is|am|were|are)\s+(?:(?:very|so|deeply|truly|most|extremely|sincerely)\s+)?(?:grateful|thankful|"
    r"honou?red))\b",
    re.I,
)


def _courtesy(text: str, f: Frame, e: int, finder: MentionFinder) -> bool:
    after = text[f.verb_end : e]
    verb = text[f.verb_start : f.verb_end].lower()
    if verb.startswith(("has ", "have ", "had ")):
        verb = verb.split(None, 1)[1]  # "has expressed deep gratitude": the participle decides
    if f.cls == "say" and (_REPORTED_COURTESY_RE.match(after) or _THOUGHTS_WITH_RE.match(after)):
        return True
    if verb.startswith(
        ("express", "convey", "extend", "sen", "offer", "voice", "reiterat", "renew", "repeat", "reaffirm")
    ) and COURTESY_NOUNS.match(after):
        return True
    if _PLEASED_RE.match(after):
        return True
    if verb.startswith(("welcom", "apprecia", "valu")) and _MEETING_OPPORTUNITY_RE.match(after):
        return True  # "welcomed the opportunity to meet ...": pleasure at the meeting itself
    if f.cls == "call" and (m := _RELAY_COURTESY_RE.match(after)) and COURTESY_NOUNS.match(after[m.end() :]):
        return True  # "asked Y to convey his greetings to ...": a courtesy passed on, no call
    if verb.startswith(("apprecia", "thank", "welcom")) and re.match(
        r"\s+(?:\w+(?:'s|\u2019s)?\s+){0,3}(?:support|help|assistance|aid|facilitation|hospitality|invitation|"
        r"kind\s+words|message|greetings|wishes|call)\b",
        after,
        re.I,
    ):
        return True
    if f.cls in ("support", "narr", "courtesy") or verb.startswith(("welcom", "greet", "receiv")):
        ms = finder.find(text, f.verb_end, min(e, f.verb_end + 80))
        if (
            ms
            and ms[0].kind in ("person", "role")
            and _GUEST_GAP_RE.fullmatch(text, f.verb_end, ms[0].start)
            and (
                not re.match(r"['\u2019]s\b", text[ms[0].end : ms[0].end + 2])
                # "welcomed President Macron's visit to China": the guest, not a policy of his
                or (verb.startswith("welcom") and _VISIT_RE.match(text, ms[0].end, e) is not None)
            )
        ):
            return verb.startswith(("welcom", "greet", "receiv", "congrat", "thank", "host"))
    return False


# Sympathy said as "his thoughts (and prayers) were with ...": a courtesy (condolences).
_THOUGHTS_WITH_RE = re.compile(
    r"\s+(?:that\s+)?(?:his|her|their|our|my)\s+(?:thoughts|prayers|sympathies|hearts?)\b[^.;:]{0,80}?\s"
    r"(?:were|are|was|is|remain|remained|go|went)\s+(?:out\s+)?(?:to|with)\b",
    re.I,
)


# The meeting itself as what is welcomed: "welcomed the opportunity to engage with ...", "appreciated
# the chance to speak with ..." (not "the opportunity to deepen cooperation").
_MEETING_OPPORTUNITY_RE = re.compile(
    r"\s+(?:the|this|an?)\s+(?:\w+\s+)?(?:opportunity|chance|occasion)\s+to\s+(?:(?:once\s+again|again|personally)\s+)?"
    r"(?:meet|engage|speak|talk|hold|see|visit|host|receive|exchange|hear|welcome|be\s+(?:in|with|at))\b",
    re.I,
)


# A call verb whose request is to pass a courtesy on: "asked Y to convey his warm greetings to ...",
# "requested him to pass on his congratulations".
_RELAY_COURTESY_RE = re.compile(
    r"(?:\s+[\w.'\u2019-]+){1,4}?\s+to\s+(?:convey|pass\s+on|extend|transmit|relay|deliver)\b", re.I
)


# Between a welcoming verb and the guest: nothing, or his country's adjective and an article
# ("welcomed Australian Prime Minister X to ...", "welcomed the visiting President").
_GUEST_GAP_RE = re.compile(r"\s+(?:(?:the|visiting|[A-Z][a-z]+)\s+){0,2}")
_VISIT_RE = re.compile(r"['\u2019]s\s+(?:(?:first|recent|current|historic|state|official|working)\s+)*visit\b")


# What may follow a closing reporting frame: a time or place, then ", adding ..." / ", calling ...".
_FINAL_TAIL_RE = re.compile(
    r"(?:\s+(?:on|in|at|during|after|later|today|yesterday|on\s+\w+)\b[^,;:]{0,60}?)?"
    r"(?:,\s+(?:adding|noting|saying|calling|stressing|urging|pointing|describing|reiterating|according)\b.*)?"
    r"[\s.!?\"'\u201d\u2019\u00bb)]*$",
    re.S,
)


_GROUP_OPEN_RE = re.compile(r"\W{0,2}(?:the|both)\s", re.I)
_WILL_RE = re.compile(r"\s+(?:also\s+)?(?:will|shall)\s+(?:also\s+|jointly\s+|further\s+)?(?!be\s+held\b)[a-z]+")


def _group_will(text: str, s: int, e: int, finder: MentionFinder) -> Attribution | None:
    """ "The parties will pay special attention to ...", "The heads of state will also discuss ...":
    what the participants as a group will do is their joint plan (a pledge)."""
    if (" will " not in text[s:e] and " shall " not in text[s:e]) or not _GROUP_OPEN_RE.match(text, s, e):
        return None
    ms = finder.find(text, s, min(e, s + 60))
    if not ms or ms[0].kind != "group" or text[s : ms[0].start].strip("\"'\u201c\u00ab ") != "":
        return None
    if text[ms[0].start : ms[0].end].lower() in ("they", "we") or len(ms[0].who) != len(finder.participants):
        return None
    if not _WILL_RE.match(text, ms[0].end, e):
        return None
    return Attribution(ms[0].who, "commit", 0.7, None, evidence="group-will")


_CITED_AS_RE = re.compile(
    r"\b(?:quot|cit)(?:ed|es|ing)\s+(?P<np>[^,;:\"\u201c\u201d]{2,80}?)\s+as\s+(?:saying|stating|telling)\b", re.I
)


def _cited_frame(text: str, s: int, e: int, finder: MentionFinder) -> Frame | None:
    """ "... cited/quoted <participant> as saying": a frame of that participant (not quoted: it
    closes a quotation like any reporting clause)."""
    if " as " not in text[s:e]:
        return None
    m = _CITED_AS_RE.search(text, s, e)
    if m is None:
        return None
    c = _classify_np(text, m.start("np"), m.end("np"), finder)
    if c is None or c[0] not in ("person", "role") or not c[1]:
        return None
    return Frame(m.start("np"), m.start(), m.end(), c[0], c[1], "say")


def _final_frame(text: str, frames: list[Frame], s: int, e: int) -> Frame | None:
    """A participant's reporting frame that closes the sentence after a comma ("..., Putin
    said." / "..., he added, noting ..."): it says whose the clause before it is."""
    if not frames:
        return None
    f = frames[-1]
    if (
        f.coord
        or f.quoted
        or f.kind not in ("person", "role", "pronoun")
        or f.cls not in ("say", "call", "commit", "support", "oppose", "agree")
        or f.start <= s
        or not re.search(r",[\"'\u201d\u2019\u00bb]?\s*$", text[max(s, f.start - 4) : f.start])
    ):
        return None
    return f if _FINAL_TAIL_RE.match(text, f.verb_end, e) else None


def _pick_primary(frames: list[Frame], joint_statement: bool) -> Frame | None:
    """The frame that decides: the first person/role/pronoun/group/other subject, else a
    country subject when it reports an agreement (or in a joint statement)."""
    for f in frames:
        if f.kind in ("person", "role", "pronoun", "group", "other"):
            return f
    # A country as subject ("China and Russia agreed", "Brazil expressed its support")
    # is a leader's position in a joint statement or when it reports an agreement;
    # "Russia is ready to ..." alone may be narration of policy.
    # "Italy supports ...", "China opposes ...": a stance the issuing side's country takes in its
    # own readout is its leader's position.
    return next(
        (
            f
            for f in frames
            if f.kind == "country"
            and (joint_statement or f.cls in ("agree", "support", "oppose") or len(f.who) > 1 or f.stance)
        ),
        None,
    )


def _quoted_subjects(text: str, frames: list[Frame], after_other: bool, pronouns: bool = False) -> list[Frame]:
    """Frames inside a quotation that may decide the sentence: an outlet quoting a readout
    ('"The leaders agreed ...," the Kremlin said.' / '"The sides expressed ...," it said.').
    Only third-person participants count (a leader's own "I"/"we" or "he" inside his quotation
    is not a reporting subject); a country only when a non-leader's clause closes the quote."""
    out = []
    for f in frames:
        if f.quoted and pronouns and f.kind == "pronoun":
            # An outlet quoting a readout in the third person ('"President Biden emphasized ...
            # He made clear ...'): "he" is the leader the quotation is about.
            out.append(f)
            continue
        if not f.quoted or f.kind not in ("person", "role", "group", "country"):
            continue
        if f.kind == "group" and text[f.start : f.start + 3].lower().rstrip() == "we":
            continue
        if f.kind == "country" and not after_other:
            continue
        out.append(f)
    return out


_PLEDGE_THANKS_RE = re.compile(
    r"\s+for\s+(?:(?:confirming|reaffirming|reiterating|expressing|announcing)\s+)?(?:his|her|their|its|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:readiness|commitment|willingness|pledge|promise|decision|intention|assurance)\b",
    re.I,
)
_PLEDGE_REPORTED_RE = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:also\s+)?(?:(?:assured|promised|pledged\s+to|told|reassured)\s+(?:me|us|him|her)\s+"
    # (an assurance takes its clause without "that" too: "Biden had assured her the defence of ... was")
    r"(?:that|to|of)\b|(?:assured|reassured)\s+(?:me|us|him|her)\s+(?:the|his|its|their|our)\s)",
    re.I,
)
_PLEDGE_HINT_RE = FoldedPattern(
    word_start_alternation(
        [
            "readiness",
            "commitment",
            "willingness",
            "pledge",
            "promise",
            "decision",
            "intention",
            "assurance",
            "assured",
            "promised",
            "pledged",
            "reassured",
            "committed",
            r"told\s+(?:me|us|him|her)",
        ]
    )
    + r"\b"
)
_THANKS_VERB_RE = re.compile(r"(?:thank|prais|welcom|appreciat|commend|acknowledg)\w*$", re.I)
# "X announced that Germany has committed to supporting ...": the other side's country pledging.
_COUNTRY_PLEDGE_RE = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:committed|pledged|promised|undertaken|undertook)\s+to\b", re.I
)
_THAT_RE = re.compile(r"\s*(?:that\s+)?(?:the\s+)?")


def _reported_pledge(text: str, e: int, primary: Frame, finder: MentionFinder) -> Attribution | None:
    """A pledge one leader reports the other made is the pledger's position: "X thanked Y
    for confirming his readiness to ...", "Y has assured me that he will ..." (said by X)."""
    if not _PLEDGE_HINT_RE.search(text, primary.verb_end, e):
        return None  # most sentences: no pledge word at all (keeps the mention search off the hot path)
    verb = text[primary.verb_start : primary.verb_end]
    for m in finder.find(text, primary.verb_end, e):
        if m.kind not in ("person", "role") or (primary.who and m.who <= primary.who) or len(m.who) != 1:
            continue
        if (
            _THANKS_VERB_RE.search(verb)
            and not text[primary.verb_end : m.start].strip()
            and _PLEDGE_THANKS_RE.match(text, m.end, e)
        ):
            return Attribution(m.who, "commit", 0.75, None, evidence="pledge-reported")
        if _PLEDGE_REPORTED_RE.match(text, m.end, e):
            return Attribution(m.who, "commit", 0.75, None, evidence="pledge-reported")
    ms = finder.find(text, primary.verb_end, e)
    if (
        ms
        and ms[0].kind == "country"
        and len(ms[0].who) == 1
        and primary.who
        and not ms[0].who & primary.who
        and _THAT_RE.fullmatch(text, primary.verb_end, ms[0].start)
        and _COUNTRY_PLEDGE_RE.match(text, ms[0].end, e)
    ):
        # "Ruto announced that Germany has committed to supporting Kenya's mission": the other
        # leader's pledge, as "Y has assured me" is
        return Attribution(ms[0].who, "commit", 0.75, None, evidence="pledge-reported")
    return None


_OWN_REPORT_TAIL_RE = re.compile(
    r"\s+(?:(?:about|of|on|regarding)\s+(?:(?:his|her|its|their)\b|the\s+(?:[\w-]+\s+)?(?:side|government)['\u2019]s\b)"
    r"|(?:about|of|on|regarding)\s+(?P<own>[\w.\s-]{2,30}?)(?:['\u2019]s\b|\s+(?:plans?|decision|initiative|efforts?)\b)"
    # "updated Y on plans for ...", "informed Y of the results of the summit", "of the talks he had with ..."
    r"|(?:about|of|on|regarding)\s+(?:the\s+)?(?:plans?\s+(?:for|to)|(?:results?|outcomes?)\s+of|"
    r"(?:talks|contacts|conversations|meetings|exchanges)\s+(?:he|she)\s+(?:had|held))\b"
    r"|that\b)",
    re.I,
)


_IN_DETAIL_RE = re.compile(r"\s+in\s+(?:(?:great|full)\s+)?details?\b|\s+(?:thoroughly|extensively|briefly)\b", re.I)


def _own_report(text: str, e: int, primary: Frame, finder: MentionFinder) -> bool:
    """ "X informed Y of/about <X's own action or plan>" (or "informed Y that ...", "updated Y on plans
    for ...", "of the results of <a summit he attended>", "of the talks he had with ...") states X's
    position; "X briefed Y on the situation" is narration."""
    if text[primary.verb_start : primary.verb_end].lower() not in _OWN_REPORT_FORMS:
        return False
    # The addressee may go unsaid ("informed that ...", "informed about his plans ...") and the
    # manner may stand before what is reported ("informed Y in detail of ...").
    ms = finder.find(text, primary.verb_end, min(e, primary.verb_end + 80))
    if ms and ms[0].kind in ("person", "role", "pronoun") and not text[primary.verb_end : ms[0].start].strip():
        at = ms[0].end
    elif (t := _OWN_REPORT_TAIL_RE.match(text, primary.verb_end, e)) and (
        t.group("own") or text[t.end() - 4 : t.end()].lower() == "that"
    ):
        # (not "updated on his meetings with ...": with no addressee, only a "that" clause or his
        # country's own doing)
        at = primary.verb_end
    else:
        return False
    d = _IN_DETAIL_RE.match(text, at, e)
    m = _OWN_REPORT_TAIL_RE.match(text, d.end() if d else at, e)
    if not m:
        return False
    own = m.group("own")
    if own is None:
        return True
    # "... about India's initiative": the speaker's own country.
    for i in primary.who:
        c = finder.countries[i]
        if c and own.strip().casefold() in {n.casefold() for n in c.names + c.demonyms}:
            return True
    return False


def _passive_in(text: str, s: int, e: int, qmask: list[bool] | None, quoted_only: bool) -> bool:
    sent = text[s:e]
    for m in _PASSIVE_RE.finditer(sent):
        if quoted_only and not (qmask and m.start() < len(qmask) and qmask[m.start()]):
            continue
        return not _PASSIVE_BY_RE.search(sent)
    return False


def _perfect_report(text: str, f: Frame, e: int, finder: MentionFinder) -> bool:
    """ "Xi has told Trump that ...": a perfect of saying addressed to the other participant
    reports this call (wire leads), unlike "Biden has long said ..."."""
    if f.cls == "narr":
        # "Erdogan has spoken with Abbas on the phone to discuss ..., reiterating ...": the news
        # of this call (what follows the narration still decides whether it is a position).
        ms = finder.find(text, f.verb_end, min(e, f.verb_end + 80))
        return bool(
            ms
            and ms[0].kind in ("person", "role")
            and not (ms[0].who & f.who)
            and _PERFECT_CALL_GAP_RE.fullmatch(text, f.verb_end, ms[0].start) is not None
        )
    if f.cls not in ("say", "call", "commit", "support", "oppose", "agree"):
        return False
    if re.search(r"\b(?:repeatedly|long|often|frequently|previously|always|once)\b", text[f.start : f.verb_end], re.I):
        return False
    if f.cls == "agree" and (len(f.who) > 1 or f.kind == "group"):
        return True  # "Putin and Erdogan have agreed to ...": the news of this call
    if _THIS_CALL_RE.search(text, f.verb_end, e):
        return True  # "... has called for a ceasefire in a phone call with Putin"
    if _TO_ME_RE.match(text, f.verb_end, e):
        return True  # "Albanese has assured me that ..." in a leader's own post: said to its author now
    ms = finder.find(text, f.verb_end, min(e, f.verb_end + 60))
    if ms and ms[0].kind in ("person", "role") and not text[f.verb_end : ms[0].start].strip():
        return True
    return _perfect_towards_other(text, f, e, finder)


_TO_ME_RE = re.compile(r"\s+(?:me|us)\b")
_RELATIONSHIP_OBJECT_RE = re.compile(
    r"\s+(?:the\s+|their\s+|our\s+)?(?:[\w.-]+\s+){0,3}?(?:partnership|relations(?:hip)?|ties|cooperation|friendship)\b",
    re.I,
)
_PERFECT_CALL_GAP_RE = re.compile(
    r"\s+(?:(?:spoken|talked|conferred)\s+)?(?:(?:by\s+)?(?:tele)?phone\s+)?(?:with|to)\s+", re.I
)


def _perfect_towards_other(text: str, f: Frame, e: int, finder: MentionFinder) -> bool:
    """ "Xi has pledged to strengthen ties with Fiji", "Xi has committed another 20 million doses
    to Cambodia", "Kishida and Sunak have affirmed ...": a perfect whose speakers are both
    participants, or whose stance is addressed to the other participant's country, is the
    news of this communication (wire leads), not a standing view."""
    if len(f.who) > 1 or f.kind == "group":
        return True
    if not f.who:
        return False
    return any(
        m.kind == "country"
        and m.who
        and not (m.who & f.who)
        and _TOWARDS_RE.search(text, max(f.verb_end, m.start - 12), m.start)
        for m in finder.find(text, f.verb_end, min(e, f.verb_end + 120))
    )


_TOWARDS_RE = re.compile(r"\b(?:with|to|for)\s+(?:the\s+)?$")


# This communication named in the sentence: "in a phone call with", "during their talks", "on Monday".
_THIS_CALL_RE = re.compile(
    r"\b(?:(?:in|during|at)\s+(?:a|the|their|his|her|its|today['\u2019]s|Monday['\u2019]s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:call|conversation|talks|meeting|summit|phone\s+call|video\s+call)\b|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    re.I,
)


# A past-tense cue: what the leaders did in the talks, not what their countries are or aim at.
PAST_CUE_RE = re.compile(r"(?:ed|said|made|took|gave|held|saw|sought|found|spoke)\b", re.I)


def _quoted_together(
    text: str, s: int, closing: Frame, finder: MentionFinder, qmask: list[bool] | None, n: int
) -> Frame | None:
    """The quoted frame opening text[s:...] when its subject is all the participants together
    ("Both sides", "Thailand and Japan") with a past-tense cue, before a closing reporting frame."""
    if not qmask or closing.quoted:
        return None
    frames = find_frames(text, s, min(closing.start, closing.verb_start), finder, qmask)
    inner = next((f for f in frames if f.quoted), None)
    if (
        inner is None
        or inner.kind not in ("group", "country")
        or inner.they
        or len(inner.who) != n
        or inner.cls in ("narr", "courtesy")
        or PAST_CUE_RE.search(text, inner.verb_start, inner.verb_end) is None
    ):
        return None
    return inner


def _coordinated_content(text: str, primary: Frame, frames: list[Frame], e: int, finder: MentionFinder) -> Frame | None:
    """A later coordinated clause ("..., and Modi assured ...") whose participant subject says
    something, after a narration or courtesy of the sentence's first subject. A pronoun subject
    ("X wished Y well, and he requested ...") is the participant named before it in the sentence
    whose gender it has: the first subject when his, else the one other participant named."""
    for f in frames:
        if not (
            f.start > primary.start
            and f.coord
            and f.kind in ("person", "role", "group", "pronoun")
            and (f.who or f.kind == "pronoun")
            and f.cls not in ("narr", "courtesy")
            and not _courtesy(text, f, e, finder)
            and not _by_courtesy(text, f.verb_end, e)
        ):
            continue
        if f.kind != "pronoun":
            return f
        who = _pronoun_in_sentence(text, primary, f, finder)
        return replace(f, who=who, kind="person") if who else f
    return None


def _pronoun_in_sentence(text: str, primary: Frame, f: Frame, finder: MentionFinder) -> frozenset[int]:
    """The participant a second clause's "he"/"she" names in its own sentence (empty: unknown)."""
    parts = finder.participants
    if f.gender is None or primary.kind not in ("person", "role") or len(primary.who) != 1:
        return frozenset()
    first = next(iter(primary.who))
    if parts[first].gender == f.gender:
        return primary.who
    named = {
        i
        for m in finder.find(text, primary.verb_end, f.start)
        if m.kind in ("person", "role")
        for i in m.who
        if parts[i].gender == f.gender
    }
    return frozenset(named) if len(named) == 1 else frozenset()


def _by_courtesy(text: str, at: int, e: int) -> bool:
    """'Herzog concluded their phone call by wishing ...' (a verb ending at `at`): a courtesy after all."""
    m = _BY_COURTESY_RE.search(text, at, min(e, at + 60))
    return m is not None and participle_class(m.group("part")) == "courtesy"


def _quoted_other(text: str, s: int, e: int, primary: Frame, finder: MentionFinder, qmask: list[bool]) -> Frame | None:
    """The frame opening the sentence's quotation when its subject names a participant other than
    the speaker of the reporting frame outside it, with a cue that says something."""
    q0 = next((k for k, q in enumerate(qmask) if q), None)
    if q0 is None or s + q0 < primary.verb_end:
        return None
    inner = next((f for f in find_frames(text, s, e, finder, qmask) if f.quoted), None)
    if (
        inner is None
        or inner.kind not in ("person", "role")
        or not inner.who
        or inner.who & primary.who
        or inner.cls in ("narr", "courtesy")
        or text[s + q0 : inner.start].strip(_OPEN_QUOTES + " ")
    ):
        return None
    return inner


# What may open a quoted sentence before its own subject: an interjection or a linking word
# set off by a comma ("Alhamdulillah, ", "Today, "), or nothing.
_QUOTED_OPENER_RE = re.compile(r"[\"\u201c\u201e\u00ab\u2018\s]*(?:\w+,\s*)?")


def _quoted_other_before(text: str, s: int, primary: Frame, finder: MentionFinder, qmask: list[bool]) -> Frame | None:
    """The frame opening a sentence that starts inside a quotation and ends with a reporting
    clause, when its subject names a participant other than that clause's speaker, with a cue
    that says something."""
    inner = next((f for f in find_frames(text, s, primary.start, finder, qmask[: primary.start - s]) if f.quoted), None)
    if (
        inner is None
        or inner.kind not in ("person", "role")
        or not inner.who
        or inner.who & primary.who  # (a pronoun's "he" is unresolved: the named subject speaks either way)
        or inner.cls in ("narr", "courtesy")
        or _QUOTED_OPENER_RE.fullmatch(text, s, inner.start) is None
    ):
        return None
    return inner


_CALLED_RE = re.compile(r"(?:ha[sd]\s+|have\s+)?(?:(?:also|then|later|first)\s+)?call(?:ed|s)$", re.I)
_NAMED_AS_RE = re.compile(r"(?:['\u2019]s\b|\s+(?:an?\s|the\s|[\"\u201c\u2018]))")
_COUNTERPART_RE = re.compile(r"\s+(?:his|her)\s+(?:[A-Z][\w-]*\s+)?(?:counterpart|colleague)\b")


def _phoned(text: str, primary: Frame, e: int, finder: MentionFinder) -> bool:
    """Whether "called" has the other leader as its object: the verb of phoning ("President X on Tuesday
    called President Y."), not of calling for or on something."""
    if not _CALLED_RE.search(text[primary.verb_start : primary.verb_end]):
        return False
    if _COUNTERPART_RE.match(text, primary.verb_end, e):
        return True
    ms = finder.find(text, primary.verb_end, min(e, primary.verb_end + 60))
    return (
        bool(ms)
        and ms[0].kind in ("person", "role")
        and _GUEST_GAP_RE.fullmatch(text, primary.verb_end, ms[0].start) is not None
        and not (primary.who and ms[0].who <= primary.who)
        # ("called Y a powerful defender of ...", "called Y's visit important": describing him or his)
        and _NAMED_AS_RE.match(text, ms[0].end, e) is None
    )


def attribute_sentence(
    text: str,
    s: int,
    e: int,
    finder: MentionFinder,
    *,
    joint_statement: bool = False,
    qmask: list[bool] | None = None,
    quoted_third: bool = False,
) -> tuple[list[Attribution], Frame | None]:
    """Attributions of the sentence text[s:e] and the frame whose subject it names (for
    pronoun tracking), before pronoun resolution. `quoted_third`: the open quotation speaks
    of the leaders in the third person (a readout quoted by an outlet), so a quoted "he" is
    a reporting subject."""
    # Frames inside a quotation matter only when no reporting clause outside it decides: they
    # are looked for then (most sentences never need the second pass).
    frames = find_frames(text, s, e, finder, qmask, quoted_too=False)
    n = len(finder.participants)
    everyone = frozenset(range(n))
    all_frames = frames
    if qmask and any(qmask):
        primary0 = _pick_primary(frames, joint_statement)
        if primary0 is None or primary0.kind == "other":
            all_frames = find_frames(text, s, e, finder, qmask)
    primary = _pick_primary(frames, joint_statement)
    if primary is None:
        # "China is prepared to ...", "Cuba is ready to ...", "India calls for ...": one participant's
        # country, opening the sentence, stating its readiness (a commit predicate) or calling for
        # something in a readout that has named its leader is his pledge or call (a lone "India is
        # ready to ..." may be news of policy).
        primary = next(
            (
                f
                for f in frames
                if f.kind == "country"
                and f.start == s
                and len(f.who) == 1
                and f.cls in ("commit", "call")
                and any(m.kind in ("person", "role") and m.who == f.who for m in finder.find(text, 0, s))
            ),
            None,
        )
    final = _final_frame(text, frames, s, e)
    if final is not None and primary is not None and primary != final and primary.kind != "group":
        # "The Russian military is ready to ..., Putin said.": the clause before a closing
        # reporting frame is what the leader said, whatever its own subject and verb (but "The two
        # leaders agreed ..., Yoon said" stays the leaders' joint report, and "the leaders discussed
        # ..., the government said" narration).
        primary = final
    if primary is not None and primary.start > s and text[s] in _OPEN_QUOTES and _call_verdict(text, s, primary.start):
        return [], primary  # '"It's a pleasure to meet you again," Kenyatta told Biden.'
    if (
        primary is not None
        and n > 1
        and primary.start > s
        and text[s] in _OPEN_QUOTES
        and primary.kind in ("person", "role")
        and (together := _quoted_together(text, s, primary, finder, qmask, n)) is not None
    ):
        # '"Moreover, Thailand and Japan reaffirmed ...," said Prayut.': what the speaker reports
        # both sides did in the talks is their joint position (and he is still who "he" is next).
        first = _make(primary, together.cls, everyone, _CONF.get(together.kind, 0.6))
        return [replace(first, who=everyone, pronoun_gender=None, evidence="embedded:joint")], primary
    if (
        primary is not None
        and n > 1
        and qmask is not None
        and not primary.quoted
        and primary.kind in ("person", "role")
        and primary.who
        and any(qmask)
        and (named := _quoted_other(text, s, e, primary, finder, qmask)) is not None
    ):
        # 'Yoon said ..., "President Biden said he expects to meet soon ..."': what the speaker
        # quotes the other leader as saying is the other leader's position.
        return [replace(_make(named, named.cls, everyone, 0.8), evidence="quoted:other")], primary
    if (
        primary is not None
        and n > 1
        and qmask
        and qmask[0]
        and text[s] not in _OPEN_QUOTES  # (the quotation was opened in a sentence before)
        and not primary.quoted
        and primary.start > s
        and (primary.kind == "pronoun" or (primary.kind in ("person", "role") and primary.who))
        and (named := _quoted_other_before(text, s, primary, finder, qmask)) is not None
    ):
        # '"... . Alhamdulillah, Erdogan reiterated his firm stance ...," he said.': in a quotation
        # going on from the sentence before, what the speaker reports the other leader did is the
        # other leader's position (the clause's speaker, "quote:reporter", still owns the
        # quotation's earlier sentences).
        reporter = replace(_make(primary, primary.cls, everyone), evidence="quote:reporter")
        return [replace(_make(named, named.cls, everyone, 0.8), evidence="quoted:other"), reporter], primary
    if (primary is None or primary.kind == "other") and (cited := _cited_frame(text, s, e, finder)) is not None:
        # '"...," the statement cited Xi Jinping as saying.', "The brief quotes President Ruto as
        # saying that ...": an outlet or office quoting the leader gives his words.
        return [Attribution(cited.who, "say", 0.85, cited, evidence="cited")], cited
    if primary is not None and primary.kind == "other":
        # "China's foreign ministry said Xi warned ...": the leader's words relayed by his
        # office are his position; anything else a spokesman says is not.
        if primary.cls == "say" or text[primary.verb_start : primary.verb_end].lower() in _OWN_REPORT_FORMS:
            inner = _embedded_frame(text, primary.verb_end, e, finder)
            if inner is None:
                inner = _owner_pronoun_frame(text, primary, e, finder)
            if inner is not None and inner.cls in ("narr", "courtesy"):
                # "The statement said Islamabad and Ankara exchanged views ..., and agreed to ..."
                r = _RESCUE_RE.search(text, inner.verb_end, e)
                rcls = (
                    (participle_class(r.group("part")) if r.group("part") else verb_class(r.group("fin")))
                    if r
                    else None
                )
                if rcls and rcls not in ("narr", "courtesy"):
                    inner = replace(inner, cls=rcls)
            if inner is not None and inner.cls not in ("narr", "courtesy"):
                return [
                    replace(
                        _make(inner, inner.cls, frozenset(range(len(finder.participants))), 0.7), evidence="relayed"
                    )
                ], inner
        with_clause = _with_absolute(text, primary.verb_end, e, finder)
        if with_clause is not None:
            return [with_clause], None  # "The ministry said ..., with Xi also stressing the need to ..."
        # (a quotation a non-leader closes speaks of the leaders in the third person: its "he" is one)
        quoted = _pick_primary(_quoted_subjects(text, all_frames, True, True), True)
        if quoted is None:
            document = _document_closes(text, s, e, primary, frames, finder)
            if document is None and primary.start == s and _DOCUMENT_SUBJECT_RE.match(text[s : primary.verb_start]):
                document = _document_opens(
                    text, s, e, primary.verb_start, primary.verb_end, primary.cls, finder, joint_statement
                )
            if document is not None:
                return [document], None
            if _passive_in(text, s, e, qmask, quoted_only=True):
                cls = "agree" if "agree" in text[s:e].lower() else "say"
                return [Attribution(everyone, cls, 0.6, None, evidence="passive")], None
            return [], primary  # a non-leader spoke: "he" in the next sentence may be him
        primary = quoted
    out: list[Attribution] = []
    if primary is None:
        if any(f.kind == "according-other" for f in frames):
            # 'According to the statement: "Both the leaders agreed ..."': a non-leader's source
            # quoting the leaders relays them, as "the statement said" does; else its own words.
            primary = _pick_primary(_quoted_subjects(text, all_frames, True, True), True)
            if primary is None or primary.kind == "pronoun":
                return [], None
        else:
            primary = _pick_primary(_quoted_subjects(text, all_frames, False, quoted_third), joint_statement)
    if primary is None:
        for f in frames:
            if f.kind == "country" and f.cls == "say":
                # "the Kremlin said the two leaders agreed ...": a seat of government relays.
                inner = _embedded_frame(text, f.verb_end, e, finder)
                if inner is not None and inner.cls not in ("narr", "courtesy"):
                    return [replace(_make(inner, inner.cls, everyone, 0.7), evidence="relayed")], inner
                break
        relay = _UNKNOWN_RELAY_RE.match(text, s, e)
        if relay is not None and not finder.find(text, relay.start("np"), relay.end("np")):
            # "Seale said Macron agreed to ...": someone the readout does not introduce (a
            # spokesman named by his surname) reporting what the leader did relays the leader.
            inner = _embedded_frame(text, relay.end(), e, finder)
            if inner is not None and inner.cls not in ("narr", "courtesy"):
                return [replace(_make(inner, inner.cls, everyone, 0.7), evidence="relayed")], inner
        late = _late_attribution(text, s, e, finder)
        if late is not None:
            return [late], None
        if text.startswith("It", s) and (document := _it_reports(text, s, e, finder, joint_statement)) is not None:
            return [document], None
        opp = _OPPORTUNITY_RE.search(text, s, e)
        if opp:
            # "The talks were an opportunity for Italy to underline ...": Italy's leader.
            ms = [
                m
                for m in finder.find(text, opp.start("who"), opp.end("who"))
                if m.kind in ("country", "person", "role")
            ]
            vcls = lemma_class(opp.group("verb"))
            if len(ms) == 1 and len(ms[0].who) == 1 and vcls not in (None, "narr", "courtesy"):
                return [Attribution(ms[0].who, vcls or "say", 0.8, None, evidence="opportunity")], None
        host = finder.host
        opp2 = _OPPORTUNITY_TO_RE.search(text, s, e) if host is not None else None
        if host is not None and opp2 and lemma_class(opp2.group("verb")) not in (None, "narr", "courtesy"):
            # "The conversation also provided an opportunity to reiterate ...": the issuing side's.
            cls2 = lemma_class(opp2.group("verb")) or "say"
            return [Attribution(frozenset({host}), cls2, 0.75, None, evidence="opportunity")], None
        if _passive_in(text, s, e, qmask, quoted_only=False):
            cls = "agree" if "agree" in text[s:e].lower() else "say"
            return [Attribution(everyone, cls, 0.6, None, evidence="passive")], None
        if n > 1 and _CALL_STRESSED_RE.match(text, s, e):
            return [Attribution(everyone, "say", 0.6, None, evidence="call-subject")], None
        group_will = _group_will(text, s, e, finder)
        if group_will is not None:
            return [group_will], None
        if joint_statement:
            return _joint_statement_default(text, s, e, finder), None
        inviter = _inviter(text, s, e, finder, frozenset())
        return ([inviter] if inviter is not None else []), None
    if (
        (_BACKGROUND_OPEN_RE if primary is final else BACKGROUND_RE).search(text[s : primary.start])
        or _ELSEWHERE_RE.match(text[s : primary.start])
        or _AFTER_VERB_PAST_RE.match(text[primary.verb_end : e])
        or (
            (
                _HABITUAL_RE.search(_blank_parentheticals(text[primary.start : primary.verb_end]))
                or _EFFORT_PERFECT_RE.match(text, primary.verb_start, primary.verb_end)
            )
            and not _perfect_report(text, primary, e, finder)
        )
    ):
        return [], primary
    if primary.kind in ("person", "role", "pronoun"):
        pledge = _reported_pledge(text, e, primary, finder)
        if pledge is not None:
            return [pledge], primary
    cls = primary.cls
    if cls == "narr" and primary.kind in ("person", "role", "pronoun") and _another_call(text, primary, e, finder):
        return [], primary  # "Starmer also spoke to his Israeli counterpart Netanyahu, making clear ...": another call
    lead_joint = False
    if cls == "call" and _phoned(text, primary, e, finder):
        cls = "narr"  # "X called Y on the telephone to discuss ...": the call itself, unless content follows
    if _INVITATION_RE.match(text, primary.verb_start, e):
        cls = "commit"  # an invitation to visit, or its acceptance, is a pledge (guidelines)
    elif cls == "say" and (
        (_CALL_OBJECT_RE.match(text, primary.verb_end, e) and not _QUOTE_CHARS_RE.search(text, s, e))
        or _MEETING_NARRATION_RE.match(text, primary.verb_end, e)
        or _said_they_discussed(text, primary.verb_end, e)
        or _according_they_discussed(text, primary, frames, e)
        or _closed_clause_talked(text, s, primary)
    ):
        return [], primary  # "Zelensky confirmed the phone call": the call itself, no content
    elif cls in ("say", "call") and _situation_only(text, primary, e):
        return [], primary  # "X told me about the current situation": a briefing, no stance
    elif cls == "narr" and (
        _DISCUSSED_CONTENT_RE.match(text, primary.verb_end, e)
        or _AND_CONTENT_RE.search(text, primary.verb_end, e)
        or _AS_WELL_AS_CONTENT_RE.search(text, primary.verb_end, e)
        or _own_report(text, e, primary, finder)
    ):
        # "discussed the importance of ...", "discussed X, and the urgency of ...", "informed Y of his plan"
        cls = "say"
    elif cls == "narr" and (lead := _lead_content(text, primary.verb_end, e)) is not None:
        # "held a call with Y, during which they stressed ...", "spoke with Y to reaffirm ..."
        cls, lead_joint = lead
    elif cls in ("narr", "courtesy") or _courtesy(text, primary, e, finder):
        # "..., agreeing that", "... and agreed to", "began by setting out ..."
        r = _BY_RESCUE_RE.match(text, primary.verb_end, e) or _RESCUE_RE.search(text, primary.verb_end, e)
        rcls = None
        if r:
            rcls = participle_class(r.group("part")) if r.group("part") else verb_class(r.group("fin"))
        if r is None or not rcls or rcls in ("narr", "courtesy"):
            other = (
                _relative_speaker(text, primary, e, finder)
                or _with_absolute(text, primary.verb_end, e, finder)
                or _and_speaker(text, primary, e, finder)
            )
            if other is None:
                after = _coordinated_content(text, primary, frames, e, finder)
                if after is not None:
                    # "The two leaders talked ..., and Modi assured ...": the narration sets the
                    # scene, the leader of the second clause says something.
                    return [replace(_make(after, after.cls, everyone, 0.85), evidence="frame:second-speaker")], after
            return ([other] if other is not None else []), primary
        if r.group("part") and COURTESY_NOUNS.match(text[r.end("part") : e]):
            return [], primary  # "began by expressing his condolences"
        if _EMPTY_RESCUE_RE.match(text, r.end(), e) and not _DISCUSSED_CONTENT_RE.search(text, r.end(), e):
            # "had an exchange of views on ... and reached consensus", "... and shared their respective
            # approaches to ...": the second verb only closes the exchange the first one narrates
            return [], primary
        if (
            r.group("fin")
            and (cm := COURTESY_NOUNS.match(text[r.end("fin") : e]))
            and not _RELATIONSHIP_OBJECT_RE.match(text, r.end("fin") + cm.end(), e)
        ):
            # "congratulated Y ..., and expressed his gratitude for ...": courtesies both (but
            # "expressed appreciation for the strategic partnership" is a stance on the relationship)
            return [], primary
        if (
            rcls == "call"
            and r.group("fin")
            and (rm := _RELAY_COURTESY_RE.match(text, r.end("fin"), e))
            and COURTESY_NOUNS.match(text[rm.end() : e])
        ):
            return [], primary  # "congratulated ..., and requested Y to convey his congratulations to ..."
        cls = rcls
    first = _make(primary, cls, everyone)
    if lead_joint:
        first = replace(first, who=everyone, pronoun_gender=None, evidence="embedded:joint")
    if cls == "say" and primary.kind in ("person", "role", "pronoun") and n > 1:
        joint = _EMBEDDED_JOINT_RE.match(text, primary.verb_end, e) is not None
        h = None if joint or " and " not in text[primary.verb_end : e] else _HE_AND_RE.match(text, primary.verb_end, e)
        if h:
            ms = finder.find(text, h.start("other"), h.end("other"))
            joint = (
                bool(ms)
                and ms[0].kind in ("person", "role")
                and not (ms[0].who & primary.who if primary.who else False)
            )
        w = _WITH_OTHER_RE.match(text, primary.verb_end, e)
        if w and not joint:
            ms = finder.find(text, w.end(), min(e, w.end() + 60))
            gap = _WITH_OTHER_GAP_RE.match(text, w.end(), e)
            joint = (
                bool(ms)
                and (ms[0].start == w.end() or (gap is not None and ms[0].start <= gap.end()))
                and ms[0].kind in ("person", "role", "pronoun")
            )
        if joint:
            first = replace(first, who=everyone, cls="agree", pronoun_gender=None, evidence="embedded:joint")
    if cls == "agree" and primary.kind in ("person", "role", "pronoun") and n > 1 and first.who != everyone:
        w = _AGREED_WITH_RE.match(text, primary.verb_end, e)
        if w is not None:
            ms = finder.find(text, w.end(), min(e, w.end() + 60))
            gap = _WITH_OTHER_GAP_RE.match(text, w.end(), e)
            if (
                ms
                and (ms[0].start == w.end() or (gap is not None and ms[0].start <= gap.end()))
                and ms[0].kind in ("person", "role", "pronoun")
                and not ms[0].who & primary.who
            ):
                # "He agreed with Kishida on the significance of ...": an agreement of the two
                first = replace(first, who=everyone, pronoun_gender=None, evidence="embedded:joint")
    out.append(first)
    # (a quoted first speaker's quotation has its second clauses inside it too)
    for f in all_frames if primary.quoted else frames:
        if f.quoted != primary.quoted:
            continue
        if (
            f.start > primary.start
            and f.coord
            and f.kind == "group"
            and primary.kind in ("person", "role", "pronoun")
            and f.cls not in ("narr", "courtesy")
            and (f.they or len(f.who) == n)
        ):
            # "Biden underscored ... and both leaders reaffirmed ...": the leaders together say
            # the second clause, a position of theirs beside the first speaker's own.
            out.append(replace(_make(f, f.cls, everyone, 0.85), evidence="frame:second-speaker"))
            continue
        if f.start <= primary.start or not f.coord or f.kind not in ("person", "role") or f.who == primary.who:
            continue
        if _INVITATION_RE.match(text, f.verb_start, e):
            # "X invited Y to visit, while Y also extended an invitation to X": one pledge each.
            out.append(replace(_make(f, "commit", everyone, 0.85), evidence="frame:second-speaker"))
            continue
        if f.cls in ("narr", "courtesy") or _courtesy(text, f, e, finder):
            continue
        out.append(replace(_make(f, f.cls, everyone, 0.85), evidence="frame:second-speaker"))
    if out and primary.kind in ("person", "role", "pronoun") and ("who " in text[s:e] or "which " in text[s:e]):
        # "Putin invited Fernandez to Russia, who promised to travel": the other's own position
        rel = _relative_speaker(text, primary, e, finder)
        if rel is not None and not any(rel.who <= a.who for a in out):
            out.append(rel)
    inviter = _inviter(text, s, e, finder, frozenset().union(*(a.who for a in out)) | primary.who)
    if inviter is not None and out:
        out.append(inviter)
    return out, primary


# A document of the communication as the source of a closing reporting clause ("..., the statement
# said.", '"...," the accord said.', '"...," said the joint communique.'); the joint ones speak for all.
_DOCUMENT_RE = re.compile(r"(?:[Jj]oint\s+)?(?:statement|communiqu[eé]|readout|declaration|accord|dispatch|release)\b")
_JOINT_DOCUMENT_RE = re.compile(r"[Jj]oint\s+|accord\b|declaration\b|communiqu")
_JOINT_NAMED_RE = re.compile(r"[Jj]oint\s+(?:statement|declaration|communiqu)")
_CLOSING_RE = re.compile(r",[\"'\u201d\u2019\u00bb]?\s*$")


def _document_closes(
    text: str, s: int, e: int, primary: Frame, frames: list[Frame], finder: MentionFinder
) -> Attribution | None:
    """ "The Maldives opposes ..., the statement said.": what a document of the communication says
    in a participant's country's name is that participant's position, and what a joint statement or
    accord says with no subject of its own ('"We will strive for openness ...," the accord said.')
    is the signatories' joint position. Only a clause that the document's reporting frame closes."""
    head_end = primary.verb_start if primary.verb_start > primary.start else e
    head = text[primary.start : head_end]
    first = min(primary.start, primary.verb_start)
    if first <= s or not _CLOSING_RE.search(text, max(s, first - 4), first) or not _DOCUMENT_RE.search(head):
        return None
    country = _pick_primary([f for f in frames if f.kind == "country" and f.start < first], True)
    if country is not None:
        return Attribution(country.who, country.cls, 0.7, None, evidence="relayed:country")
    joint = _JOINT_DOCUMENT_RE.search(head) or _JOINT_NAMED_RE.search(text, 0, s)  # "the statement": the joint one
    if not joint or frames and frames[0].start < first:
        return None  # a single side's statement, or a clause with a subject of its own
    clause = text[s:first]
    if len(clause.split()) < 5 or any(verb_class(clause[a:b]) in ("narr", "courtesy") for a, b in finite_verbs(clause)):
        return None
    ms = finder.find(text, s, first)
    if ms and ms[0].kind in ("person", "role", "pronoun"):
        return None
    return Attribution(
        frozenset(range(len(finder.participants))), "say", 0.65, None, evidence="joint-statement:relayed"
    )


# A document of the communication opening the sentence as its reporter ("The joint statement stresses
# that ...", "A joint declaration called for ..."), or "It said ..." right after a sentence naming one.
_DOCUMENT_HEAD = (
    r"(?:The|A|This|Their)\s+(?:[Jj]oint\s+)?(?:press\s+)?(?:statement|communiqu[eé]|declaration|readout)\s+"
)
_DOCUMENT_SUBJECT_RE = re.compile(_DOCUMENT_HEAD + "$")
_DOCUMENT_BEFORE_RE = re.compile(r"\s*" + _DOCUMENT_HEAD)
_SENTENCE_OPEN_RE = re.compile(r"(?:^|[.!?][\"'\u201d\u2019]?\s+)(?=[A-Z\"\u201c])")
_IT_REPORTS_RE = re.compile(r"It\s+(?:also\s+)?(?P<verb>[a-z]+(?:ed|s))\b")


def _document_opens(
    text: str, s: int, e: int, head_end: int, verb_end: int, cls: str, finder: MentionFinder, joint_statement: bool
) -> Attribution | None:
    """ "The statement highlights that ...", "It noted that the Maldives opposes ...": what a document
    of the communication reports in one participant's country's name is that participant's position,
    and what a joint one says with no leader as subject is the signatories' joint position (guidelines:
    a joint statement's content); a one-side statement's own words are no one's."""
    if cls in ("narr", "courtesy"):
        return None
    m = _EMBED_RE.match(text[verb_end:e])
    a = verb_end + (m.end() if m else 0)
    if len(text[a:e].split()) < 5:
        return None
    frames = find_frames(text, a, e, finder)
    first = frames[0] if frames else None
    if first is not None and first.start == a and first.kind == "country" and len(first.who) == 1:
        return Attribution(first.who, first.cls, 0.7, None, evidence="relayed:country")
    head = text[s:head_end]
    if not (joint_statement or _JOINT_DOCUMENT_RE.search(head) or _JOINT_NAMED_RE.search(text, 0, s)):
        return None
    ms = finder.find(text, a, e)
    if ms and ms[0].start == a and ms[0].kind in ("person", "role", "pronoun", "country"):
        return None  # a subject of its own: the leaders' frames decide
    return Attribution(frozenset(range(len(finder.participants))), cls, 0.65, None, evidence="joint-statement:opens")


def _it_reports(text: str, s: int, e: int, finder: MentionFinder, joint_statement: bool) -> Attribution | None:
    """ "It said the leaders would ...": "it" a document the sentence before named as its subject."""
    m = _IT_REPORTS_RE.match(text, s, e)
    if m is None or verb_class(m.group("verb")) is None:
        return None
    # the subject of one of the two sentences before (a quotation the document opened may lie between)
    prev = text[max(0, s - 500) : s]
    starts = [m.end() for m in _SENTENCE_OPEN_RE.finditer(prev)][-2:]
    if not any(_DOCUMENT_BEFORE_RE.match(prev, a) for a in starts):
        return None
    return _document_opens(text, s, e, s, m.end(), verb_class(m.group("verb")) or "say", finder, joint_statement)


# An invitation one leader welcomed, accepted or received from the other: "Putin welcomed Duterte's
# invitation to visit ...", "Lee said he welcomed an invitation by Biden to host ...", "I also
# received an invitation from Erdogan to visit Turkey".
_RECEIVED_INVITATION_RE = re.compile(
    r"(?:welcom|accept|receiv)\w*\s+(?:(?:an?|the|his|her)\s+)?(?:[\w.\u2019'-]+\s+){0,3}?invitation"
    r"(?:\s+(?:by|from)\s+)?",
    re.I,
)


def _inviter(text: str, s: int, e: int, finder: MentionFinder, exclude: frozenset[int]) -> Attribution | None:
    """The participant whose invitation the sentence says was welcomed, accepted or received (an
    invitation is its author's pledge, guidelines), when he is not already a speaker of it."""
    if "nvitation" not in text[s:e]:
        return None
    m = _RECEIVED_INVITATION_RE.search(text, s, e)
    if m is None:
        return None
    for x in finder.find(text, m.start(), min(e, m.end() + 60)):
        if x.kind not in ("person", "role") or len(x.who) != 1 or x.who <= exclude:
            continue
        owner = x.end < m.end() and text[x.end : x.end + 2] in ("'s", "\u2019s")  # "Duterte's invitation"
        source = x.start == m.end() and m.group().rstrip().endswith(("by", "from"))  # "invitation by Biden"
        if owner or source:
            return Attribution(x.who, "commit", 0.75, None, evidence="invitation:inviter")
    return None


# Content after narration of the call: "..., during which they emphasized ...", "... to express
# their readiness to ...", "discussed vaccination, and the urgency of ...".
_DURING_WHICH_RE = re.compile(
    rf",?\s+(?:(?:during|in|at)\s+which|wherein|whereby)\s+(?:(?P<own>he|she)|they|the\s+(?:two\s+)?(?:leaders|sides|"
    rf"presidents|parties)|both\s+(?:leaders|sides))\s+(?:(?:{ADVERBS})\s+)*(?P<fin>{FINITE_RE.pattern})",
    re.I,
)
# "... spoke with Y, who initiated the call in order to express his concern" / "..., who announced ...".
_THEIR_RE = re.compile(r"\s+(?:their|our)\b")
_WHO_CLAUSE_RE = re.compile(r",\s+who\s+")


def _relative_speaker(text: str, primary: Frame, e: int, finder: MentionFinder) -> Attribution | None:
    """The other participant given content in a relative clause: "X spoke with Y, who initiated the
    call in order to express his concern about ...", "... with Y this Monday, who announced ...",
    "X invited Y to Russia, who promised to travel", "..., to which Y expressed his support"."""
    tail = text[primary.verb_end : e]
    if ", who " not in tail and "to which " not in tail:
        return None
    for m in _TO_WHICH_RE.finditer(text, primary.verb_end, e):
        ms = finder.find(text, m.end(), min(e, m.end() + 60))
        if not ms or ms[0].start != m.end() or ms[0].kind not in ("person", "role") or len(ms[0].who) != 1:
            continue
        if primary.who and ms[0].who <= primary.who:
            continue
        fm = _WITH_FINITE_RE.match(text, ms[0].end, e)
        c = verb_class(fm.group("fin")) if fm else None
        if c and c not in ("narr", "courtesy"):
            return Attribution(ms[0].who, c, 0.75, None, evidence="relative-clause")
    for m in _WHO_CLAUSE_RE.finditer(text, primary.verb_end, e):
        before = [
            x
            for x in finder.find(text, primary.verb_end, m.start())
            if x.kind in ("person", "role") and len(x.who) == 1
        ]
        if not before or not _WHO_GAP_RE.fullmatch(text, before[-1].end, m.start()):
            continue
        if primary.who and before[-1].who <= primary.who:
            continue
        after = text[m.end() : e]
        fm = FINITE_RE.match(after)
        c = verb_class(fm.group()) if fm else None
        if c is None or c in ("narr", "courtesy"):
            pm = _PURPOSE_RE.search(text, m.end(), min(e, m.end() + 100))
            c = lemma_class(pm.group("lemma")) if pm else None
        if c and c not in ("narr", "courtesy"):
            return Attribution(before[-1].who, c, 0.75, None, evidence="relative-clause")
        return None
    return None


# "The two leaders met on Monday and Xi noted that ...": after narration of the call, a leader
# named as the subject of a coordinated clause states his own position.
_AND_NAME_RE = re.compile(r"\band\s+")


def _and_speaker(text: str, primary: Frame, e: int, finder: MentionFinder) -> Attribution | None:
    """The participant who, after narration of the call, is the subject of a coordinated clause
    with a cue verb of content: "They talked on Monday and Modi assured ...", "..., and President
    Biden reaffirmed ..."."""
    if " and " not in text[primary.verb_end : e]:
        return None
    for m in _AND_NAME_RE.finditer(text, primary.verb_end, e):
        ms = finder.find(text, m.end(), min(e, m.end() + 60))
        if not ms or ms[0].start != m.end() or ms[0].kind not in ("person", "role") or len(ms[0].who) != 1:
            continue
        fm = _WITH_FINITE_RE.match(text, ms[0].end, e)
        c = verb_class(fm.group("fin")) if fm else None
        if (
            fm
            and c
            and c not in ("narr", "courtesy")
            and not COURTESY_NOUNS.match(text[fm.end() : e])
            and not _by_courtesy(text, fm.end(), e)
        ):
            # ("and President Y offered condolences" stays a courtesy)
            return Attribution(ms[0].who, c, 0.8, None, evidence="and-speaker")
    return None


# The communication itself stressing content ("The phone call between X and Y underscored the
# solidarity ...", "The meeting also highlighted the urgency of ..."): like an agentless passive, what
# the communication produced, joint (guidelines); "The discussions focused on ..." stays narration.
_CALL_STRESSED_RE = re.compile(
    r"\W*(?:[^,;]{0,60},\s+)?(?:[Tt]he|[Tt]his|[Tt]heir)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:call|conversation|talks|meeting|summit|discussions?)\b(?:\s+(?:between|with)\s+[^,.;]{3,100}?)?\s+"
    r"(?:also\s+)?(?:highlighted|underscored|underlined|emphasi[sz]ed|stressed|reaffirmed|affirmed|demonstrated)\b"
)
# "The Prime Minister told me about the current situation.", "X shared his assessment of the situation",
# "X asked Y about recent developments on the ground": what was told or asked is the situation itself.
_SITUATION_OBJECT_RE = re.compile(
    r"\s+(?:(?:me|us|him|her|them|(?:[A-Z][\w.'\u2019-]*\s+){1,4}?[A-Z][\w.'\u2019-]*)\s+)?"
    r"(?:(?:about|on|of)\s+(?:the\s+)?(?:current\s+|latest\s+|recent\s+)?(?:situation|developments)|"
    r"(?:his|her|their)\s+(?:assessment|analysis|views?)\s+of\s+the\s+(?:current\s+)?situation)\b"
)
_SITUATION_VERBS = frozenset({"told", "tells", "asked", "asks", "shared", "shares"})


def _situation_only(text: str, primary: Frame, e: int) -> bool:
    """Whether a telling, asking or sharing verb has the situation itself as its object, with no
    stance after it (no "that" clause, no content verb: "..., and agreed to ..." keeps it)."""
    if text[primary.verb_start : primary.verb_end].lower().split()[-1] not in _SITUATION_VERBS:
        return False
    m = _SITUATION_OBJECT_RE.match(text, primary.verb_end, e)
    if m is None or re.search(r"\bthat\b", text[m.end() : e]):
        return False
    r = _RESCUE_RE.search(text, m.end(), e)
    rcls = (participle_class(r.group("part")) if r.group("part") else verb_class(r.group("fin"))) if r else None
    return not (rcls and rcls not in ("narr", "courtesy"))


_TO_WHICH_RE = re.compile(r",?\s+to\s+which\s+")
_WITH_FINITE_RE = re.compile(rf"\s+(?:(?:{ADVERBS})\s+)*(?P<fin>{FINITE_RE.pattern})", re.I)
# Between the participant and ", who": nothing, a time ("this Monday") or where he was invited ("to Russia").
_WHO_GAP_RE = re.compile(
    r"(?:\s+(?:this|last|on)\s+[A-Z][a-z]+(?:\s+(?:morning|afternoon|evening))?|\s+to\s+(?:the\s+)?[A-Z][\w-]+"
    r"(?:\s+[A-Z][\w-]+)?)?\s*"
)


_PURPOSE_RE = re.compile(r"\bto\s+(?:(?:jointly|once\s+again|again|also)\s+)?(?P<lemma>[a-z]+)\b")
_AND_CONTENT_RE = re.compile(r",?\s+and(?:" + _VERBS.discussed_content + ")", re.I)
# "discussed the situation at the front, as well as the need for ...": the same content after "as well as".
_AS_WELL_AS_CONTENT_RE = re.compile(r",?\s+as\s+well\s+as(?:" + _VERBS.discussed_content + ")", re.I)


_WHOM_INVITED_RE = re.compile(rf",\s+whom\s+(?:he|she)\s+(?:(?:{ADVERBS})\s+)*invited\b", re.I)


def _lead_content(text: str, a: int, e: int) -> tuple[str, bool] | None:
    """The cue class of content that follows narration of the call in the same sentence, and
    whether its subject is both sides ("during which they agreed")."""
    m = _DURING_WHICH_RE.search(text, a, e) if "whe" in text[a:e] or "which" in text[a:e] else None
    if m:
        c = verb_class(m.group("fin"))
        if c and c not in ("narr", "courtesy"):
            return c, m.group("own") is None
    if ", whom " in text[a:e] and _WHOM_INVITED_RE.search(text, a, e):
        # "... held a call with Y, whom he invited to Moscow for talks": the subject's invitation
        return "commit", False
    end = min(e, a + 120)
    who = text.find(", who ", a, end)  # a relative clause's purpose is its own subject's (_relative_speaker)
    end = who if who >= 0 else end
    m = _PURPOSE_RE.search(text, a, end) if " to " in text[a:end] else None
    if m:
        c = lemma_class(m.group("lemma"))
        if c and c not in ("narr", "courtesy") and m.group("lemma") not in ("sign", "discuss", "review"):
            # "... held a call with Y to express their readiness to ...": both sides' readiness
            return c, _THEIR_RE.match(text, m.end(), e) is not None
    return None


_WITH_ABS_RE = re.compile(r"(?:,\s+|\s)with\s+")


def _with_absolute(text: str, a: int, e: int, finder: MentionFinder) -> Attribution | None:
    """ "..., with Xi also stressing the need to ...": a participant and a cue participle in a
    with-clause state that participant's position."""
    for m in _WITH_ABS_RE.finditer(text, a, e):
        window = text[m.end() : min(e, m.end() + 80)]
        if "ing " not in window and not window.endswith("ing"):
            continue  # no participle to follow: most "with" phrases ("talks with Xi")
        ms = finder.find(text, m.end(), min(e, m.end() + 60))
        if not ms or ms[0].start != m.end() or ms[0].kind not in ("person", "role", "group"):
            continue
        p = _WITH_PART_RE.match(text, ms[0].end, e)
        if p:
            c = participle_class(p.group("part"))
            if c and c not in ("narr", "courtesy") and ms[0].who:
                return Attribution(ms[0].who, c, 0.8, None, evidence="with-clause")
    return None


_WITH_PART_RE = re.compile(rf"\s+(?:(?:{ADVERBS})\s+)*(?P<part>{PARTICIPLE_RE.pattern})", re.I)
_ACCORDING_LATE_RE = re.compile(r",\s+according\s+to\s+(?P<np>[^,;:\"\u201c\u201d]{2,80}?)\s*(?:,|[.!?]?$)")


# A sentence opened by a bare name the rules do not classify and a saying verb: "Seale said ...".
_UNKNOWN_RELAY_RE = re.compile(
    r"(?P<np>[A-Z][a-z][\w'\u2019-]*(?:\s+[A-Z][a-z][\w'\u2019-]*){0,2})\s+(?:also\s+)?"
    r"(?:said|says|added|stated|explained|confirmed|told\s+(?:reporters|journalists))\b"
)


# After narration of talking, its other party: "spoke to his Israeli counterpart Benjamin Netanyahu, ...".
_TALKED_TO_RE = re.compile(r"(?:spoke|talked|met|conferred)$", re.I)
_OTHER_PARTY_RE = re.compile(r"\s+(?:(?:also|later|separately|then)\s+)?(?:to|with)\s+(?P<obj>[^,;.:\"\u201c]{3,80})")
_NAMED_LEADER_RE = re.compile(
    r"(?:\b(?:[A-Z][a-z]+\s+)?counterpart|\b(?:President|Prime\s+Minister|Chancellor|King|Emir|Premier|Crown\s+Prince))"
    r"\s+[A-Z][a-z]+"
)


def _another_call(text: str, primary: Frame, e: int, finder: MentionFinder) -> bool:
    """Whether a leader's narration of talking names as the other party a leader who is no participant
    (another call of the same day, reported beside this one)."""
    if not _TALKED_TO_RE.search(text, primary.verb_start, primary.verb_end):
        return False
    m = _OTHER_PARTY_RE.match(text, primary.verb_end, e)
    if m is None or _NAMED_LEADER_RE.search(m.group("obj")) is None:
        return False
    return not any(x.kind in ("person", "role", "group") for x in finder.find(text, m.start("obj"), m.end("obj")))


def _late_attribution(text: str, s: int, e: int, finder: MentionFinder) -> Attribution | None:
    """A reporting frame that is not at a clause start: "..., according to the Head of State, ..."
    and "..., with X stressing ..."."""
    if "ccording" in text[s:e]:
        for m in _ACCORDING_LATE_RE.finditer(text, s, e):
            c = _classify_np(text, m.start("np"), m.end("np"), finder)
            if c and c[0] in ("person", "role", "group") and c[1]:
                return Attribution(c[1], "say", 0.8, None, evidence="according-late")
    if "with " in text[s:e]:
        return _with_absolute(text, s, e, finder)
    return None


# (also "said in a statement about the call that ...": where it was said, up to its "that")
# (wire copy puts the day first: "Cheong Wa Dae announced Tuesday after the phone talks that Xi ...")
_EMBED_DAY = r"(?:(?:on\s+|late\s+|early\s+)?(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?"
_EMBED_RE = re.compile(
    rf"^\s+(?:{_EMBED_DAY}(?:in|on|after|following)\s+[^,;\"\u201c\u201d]{{1,60}}?\s+that\s+|"
    rf"{_EMBED_DAY}(?:(?:on|in)\s+\w+\s+)?(?:that\s+)?)"
)
_POSSESSIVE_RE = re.compile(r"['\u2019]s?\b")


def _owner_pronoun_frame(text: str, primary: Frame, e: int, finder: MentionFinder) -> Frame | None:
    """ "Erdogan's office said he told Putin ...": "he" after a leader's office is that leader."""
    m = _EMBED_RE.match(text[primary.verb_end : e])
    if not m:
        return None
    a = primary.verb_end + m.end()
    owners = [
        x
        for x in finder.find(text, primary.start, primary.verb_start)
        if x.kind in ("person", "role") and len(x.who) == 1 and _POSSESSIVE_RE.match(text, x.end)
    ]
    if len(owners) != 1:
        return None
    for f in find_frames(text, a, e, finder):
        if f.start == a and f.kind == "pronoun":
            return replace(f, kind="person", who=owners[0].who)
        break
    return None


def _embedded_frame(text: str, a: int, e: int, finder: MentionFinder) -> Frame | None:
    """A participant frame starting right after a reporting verb, if any."""
    m = _EMBED_RE.match(text[a:e])
    if not m:
        return None
    n = len(finder.participants)
    for f in find_frames(text, a + m.end(), e, finder):
        if f.start == a + m.end() and (
            f.kind in ("person", "role")
            or (f.kind == "group" and not f.they)
            or (f.kind == "country" and n > 1 and len(f.who) == n)  # "Islamabad and Ankara agreed"
        ):
            return f
        break
    return None


_CONF = {"person": 0.92, "role": 0.88, "pronoun": 0.8, "group": 0.85, "country": 0.7}


def _make(f: Frame, cls: str, everyone: frozenset[int], conf: float | None = None) -> Attribution:
    c = _CONF.get(f.kind, 0.6) if conf is None else conf
    ev = "quoted:" + f.kind if f.quoted else "frame:" + f.kind
    if f.kind == "pronoun":
        return Attribution(frozenset(), cls, c, f, pronoun_gender=f.gender, evidence=ev)
    if f.kind == "group" and f.they:
        return Attribution(everyone, cls, 0.75, f, they=True, evidence=ev.replace("group", "they"))
    return Attribution(f.who, cls, c, f, evidence=ev)


def _joint_statement_default(text: str, s: int, e: int, finder: MentionFinder) -> list[Attribution]:
    """A joint statement's content sentence with no speaker: the country subject's leader,
    else all signatories."""
    sent = text[s:e]
    if not re.search(r"[.!?][\"'\u201c\u201d\u2019\u00bb)]*$", sent) or len(sent.split()) < 5:
        return []
    if FINITE_RE.search(sent) and any(verb_class(m.group()) in ("narr", "courtesy") for m in FINITE_RE.finditer(sent)):
        return []
    if _GROUP_PLEASED_RE.search(sent):
        return []  # a courtesy on the meeting itself
    ms = finder.find(text, s, e)
    if ms and ms[0].start == s and ms[0].kind == "country":
        nxt = text[ms[0].end : ms[0].end + 2].strip()
        if nxt[:1].islower():
            return [Attribution(ms[0].who, "say", 0.65, None, evidence="joint-statement:country")]
    return [Attribution(frozenset(range(len(finder.participants))), "say", 0.55, None, evidence="joint-statement")]


# A subject's verb in the past or third person singular: "The Austrian leader echoed ...".
_BARE_VERB_RE = re.compile(r"\s+(?:(?:also|then|later|further|once\s+again)\s+)?(?:[a-z]{3,}(?:ed|s)|was|has|had|is)\b")
_BARE_LEAD_RE = re.compile(r"\W{0,2}(?:the\s+)?$", re.I)


def bare_subject(text: str, s: int, e: int, finder: MentionFinder) -> Frame | None:
    """A participant opening the sentence text[s:e] as the subject of a verb no rule knows ("The
    Austrian leader echoed Moon's view."): no position, but who "he" is next."""
    ms = finder.find(text, s, min(e, s + 80))
    if not ms:
        return None
    m = ms[0]
    if (
        m.kind not in ("person", "role")
        or len(m.who) != 1
        or _BARE_LEAD_RE.match(text[s : m.start]) is None
        or _BARE_VERB_RE.match(text, m.end, e) is None
    ):
        return None
    return Frame(m.start, m.end, m.end, m.kind, m.who, "narr", m.gender)
