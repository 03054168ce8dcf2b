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

__all__ = [
    "VERB_CLASS",
    "FINITE_RE",
    "finite_verbs",
    "PARTICIPLE_RE",
    "ADVERBS",
    "verb_class",
    "COURTESY_NOUNS",
    "NON_LEADER_HEADS",
    "STANCE_NOUNS",
]

_LEMMAS: dict[str, str] = {}


def _add(cls: str, words: str) -> None:
    for w in words.split(","):
        w = w.strip()
        if w:
            _LEMMAS[w] = cls


_add(
    "say",
    """say, tell, state, note, stress, emphasize, emphasise, underline, underscore, point out,
 add, remark, observe, assert, affirm, reaffirm, reiterate, declare, announce, express, voice, convey,
 highlight, maintain, insist, argue, warn, caution, acknowledge, admit, explain, recall, mention,
 indicate, believe, consider, describe, assure, reassure, confirm, signal, make clear, contend, claim,
 predict, hope, think, deem, reply, respond, answer, conclude, elaborate, expound, outline, share,
 raise, recognize, recognise, spell out, reckon, stress, point, make, put, set out, lay out, speak of,
 view, regard, see, noted, continue, accuse, complain, lament, regret, express concern, write,
 post, tweet, reaffirm""",
)
_add(
    "call",
    """call, urge, appeal, demand, ask, request, press, propose, suggest, recommend, put forward,
 push, seek, encourage, exhort, implore, invite to""",
)
_add(
    "commit",
    """pledge, vow, promise, commit, undertake, offer, guarantee, resolve, intend, plan, aim,
 vow, swear, volunteer, stand ready, look forward""",
)
_add(
    "support",
    """support, back, endorse, welcome, praise, hail, commend, applaud, favor, favour,
 appreciate, champion, uphold, value""",
)
_add(
    "oppose",
    """oppose, reject, object, condemn, criticize, criticise, denounce, deplore, protest,
 refuse, dismiss, decry, slam, rule out, veto, warn against""",
)
_add("agree", """agree, concur, decide, approve, sign, adopt, reach, consent, settle, conclude an""")
_add(
    "narr",
    """hold, meet, speak, talk, discuss, exchange, have, host, receive, visit, chair, attend,
 brief, inform, send, pay, arrive, travel, issue, review, hold talks, co-chair, participate, join,
 accept, preside, witness, tour, lead, come, phone, call up, dial""",
)
_add("courtesy", """congratulate, thank, greet, wish, condole, extend, bid, salute""")

_IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "hold": ("held", "holds", "holding"),
    "meet": ("met", "meets", "meeting"),
    "speak": ("spoke", "speaks", "speaking"),
    "have": ("had", "has", "having"),
    "send": ("sent", "sends", "sending"),
    "pay": ("paid", "pays", "paying"),
    "think": ("thought", "thinks", "thinking"),
    "see": ("saw", "sees", "seeing"),
    "make": ("made", "makes", "making"),
    "put": ("put", "puts", "putting"),
    "set": ("set", "sets", "setting"),
    "lay": ("laid", "lays", "laying"),
    "seek": ("sought", "seeks", "seeking"),
    "swear": ("swore", "swears", "swearing"),
    "come": ("came", "comes", "coming"),
    "lead": ("led", "leads", "leading"),
    "commit": ("committed", "commits", "committing"),
    "admit": ("admitted", "admits", "admitting"),
    "regret": ("regretted", "regrets", "regretting"),
    "veto": ("vetoed", "vetoes", "vetoing"),
    "stand": ("stood", "stands", "standing"),
    "bid": ("bid", "bids", "bidding"),
    "agree": ("agreed", "agrees", "agreeing"),
    "concur": ("concurred", "concurs", "concurring"),
    "rule": ("ruled", "rules", "ruling"),
    "favor": ("favored", "favors", "favoring"),
    "favour": ("favoured", "favours", "favouring"),
    "refer": ("referred", "refers", "referring"),
    "point": ("pointed", "points", "pointing"),
    "co-chair": ("co-chaired", "co-chairs", "co-chairing"),
    "travel": ("traveled", "travels", "traveling"),
    "dial": ("dialed", "dials", "dialing"),
    "sign": ("signed", "signs", "signing"),
    "plan": ("planned", "plans", "planning"),
    "write": ("wrote", "writes", "writing"),
    "look": ("looked", "looks", "looking"),
}


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
    return lemma + "ed", lemma + "s", lemma + "ing"


VERB_CLASS: dict[str, str] = {}  # finite form (lowercase) -> class
PARTICIPLE_CLASS: dict[str, str] = {}
for _lemma, _cls in _LEMMAS.items():
    head, _, tail = _lemma.partition(" ")
    past, s3, ing = _forms(head)
    for f in (past, s3):
        VERB_CLASS.setdefault((f + " " + tail).strip(), _cls)
    PARTICIPLE_CLASS.setdefault((ing + " " + tail).strip(), _cls)
# Multi-word forms with a particle must win over their head ("pointed out" vs "pointed").
for _bad in (
    "pointed",
    "points",
    "made",
    "makes",
    "put",
    "puts",
    "set",
    "sets",
    "laid",
    "lays",
    "came",
    "comes",
    "led",
    "leads",
    "saw",
    "sees",
    "stood",
    "stands",
    "extended",
    "extends",
    "called up",
    "joined",
    "joins",
    "raised",
    "raises",
    "continued",
    "continues",
    "answered",
    "answers",
    "shared",
    "shares",
    "valued",
    "values",
    "viewed",
    "views",
    "regarded",
    "regards",
    "settled",
    "settles",
    "reached",
    "reaches",
    "had",
    "has",
    "issued",
    "issues",
    "invited to",
    "invites to",
):
    VERB_CLASS.pop(_bad, None)
# Predicative stance: "China is ready to ...", "the Chinese side was willing to ...".
for _be in ("is", "are", "was", "were", "remains", "remained"):
    for _adj in ("ready", "willing", "prepared", "determined", "committed", "eager"):
        VERB_CLASS[f"{_be} {_adj}"] = "commit"
    for _adj in ("opposed", "against"):
        VERB_CLASS[f"{_be} {_adj}"] = "oppose"
    VERB_CLASS[f"{_be} in favour"] = VERB_CLASS[f"{_be} in favor"] = "support"
VERB_CLASS.update(
    {
        "invited": "courtesy",
        "invites": "courtesy",
        "extended": "courtesy",
        "raised": "say",
        "shared": "say",
        "reached": "agree",
        "issued": "narr",
        "had": "narr",
        "has": "narr",
        "joined": "narr",
        "led": "narr",
    }
)
for _bad in (
    "pointing",
    "making",
    "putting",
    "setting",
    "laying",
    "coming",
    "leading",
    "seeing",
    "standing",
    "having",
    "holding",
    "meeting",
    "speaking",
    "talking",
    "calling up",
    "raising",
    "continuing",
    "answering",
    "sharing",
    "valuing",
    "viewing",
    "regarding",
    "settling",
    "reaching",
    "joining",
    "signing",
    "issuing",
    "planning",
):
    PARTICIPLE_CLASS.pop(_bad, None)


def _alt(words) -> str:
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
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")  # hyphenated words are one token


_CONT_RE: dict[tuple[str, ...], re.Pattern[str]] = {
    c: re.compile(r"\s+" + r"\s+".join(map(re.escape, c)) + r"(?![\w-])")
    for v in _FORMS_BY_FIRST.values()
    for c in v
    if c
}


def finite_verbs(sentence: str) -> list[tuple[int, int]]:
    """Spans of cue verb forms in a sentence, by word lookup (the big alternation run at
    every word was the annotator's hot spot)."""
    low = sentence.lower()
    if len(low) != len(sentence):  # "İ" lowercases to two code points: offsets would shift
        return [m.span() for m in FINITE_RE.finditer(sentence)]
    out: list[tuple[int, int]] = []
    get = _FORMS_BY_FIRST.get
    for m in _WORD_RE.finditer(low):
        conts = get(m.group())
        if conts is None:
            continue
        a, b = m.span()
        if (a > 0 and low[a - 1] == "-") or (out and a < out[-1][1]):
            continue
        for cont in conts:
            if cont:
                m2 = _CONT_RE[cont].match(low, b)
                if m2:
                    out.append((a, m2.end()))
                    break
            elif not low[b : b + 1].isalnum() and low[b : b + 1] != "-":
                out.append((a, b))
                break
    return out


# Adverbs/particles allowed between a subject and its verb ("Xi also said", "both leaders
# jointly announced", "Putin has repeatedly urged").
ADVERBS = (
    r"(?:also|further|furthermore|again|once\s+again|both|all|jointly|together|firmly|"
    r"strongly|repeatedly|then|later|separately|in\s+turn|likewise|similarly|"
    r"particularly|especially|specifically|clearly|explicitly|publicly|"
    r"earlier|previously|recently|once\s+more|each|fully|sincerely|warmly|highly|"
    r"positively|actively|repeatedly|solemnly|unanimously|reportedly|"
    r"has|have|had|would|will|did|does|do|had\s+also|has\s+also|"
    # wire copy puts the day between subject and verb: "Lula on Monday called for"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|"
    r"yesterday|tonight|this\s+(?:morning|afternoon|evening|week)|"
    r"\w+ly)"
)

COURTESY_NOUNS = re.compile(
    r"^\W*(?:(?:his|her|their|its|the|a|an|warm|warmest|sincere|deep|deepest|heartfelt|best|"
    r"cordial|profound)\s+){0,3}(?:condolences?|congratulations?|gratitude|thanks|greetings|"
    r"sympath(?:y|ies)|best\s+wishes|wishes|appreciation\s+for\s+(?:the|his|her)\s+hospitality|"
    r"congratulatory|birthday|new\s+year|festive|holiday)",
    re.I,
)

# Heads of noun phrases that denote someone who is not a leader: their words are not
# positions (guidelines: ministries, spokespersons, aides).
NON_LEADER_HEADS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "official",
        "officials",
        "minister",
        "ministers",
        "ministry",
        "ministries",
        "aide",
        "aides",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "secretary",
        "envoy",
        "ambassador",
        "diplomat",
        "diplomats",
        "source",
        "sources",
        "office",
        "statement",
        "readout",
        "presidency",
        "directorate",
        "agency",
        "government",
        "administration",
        "department",
        "embassy",
        "kremlin",
        "house",
        "elysee",
        "élysée",
        "street",
        "council",
        "committee",
        "media",
        "reporters",
        "analysts",
        "analyst",
        "experts",
        "expert",
        "observers",
        "observer",
        "press",
        "service",
        "spokespersons",
        "representatives",
        "representative",
        "delegation",
        "officer",
        "commentator",
        "commentators",
        "newspaper",
        "daily",
        "broadcaster",
        "television",
        "tv",
        "website",
        "report",
        "reports",
        "staff",
        "cabinet",
        "chief",
    ]
)

# Nouns after "expressed/voiced/reaffirmed ..." that fix the act.
STANCE_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:opposition|objection|rejection|condemnation|protest|disapproval)\b", re.I), "oppose"),
    (re.compile(r"\b(?:support|backing|endorsement|appreciation|welcome)\b", re.I), "support"),
    (re.compile(r"\b(?:commitment|readiness|willingness|determination|resolve|intention)\b", re.I), "commit"),
    (re.compile(r"\b(?:call|appeal|demand)\b", re.I), "call"),
)


def verb_class(form: str) -> str | None:
    """Class of a finite verb form ("said" -> "say"), None if not a cue."""
    return VERB_CLASS.get(re.sub(r"\s+", " ", form.lower()))


def participle_class(form: str) -> str | None:
    """Class of an -ing form ("agreeing" -> "agree"), None if not a cue."""
    return PARTICIPLE_CLASS.get(re.sub(r"\s+", " ", form.lower()))
