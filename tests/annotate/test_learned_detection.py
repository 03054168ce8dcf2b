"""app/annotate/learned_detection.py: the fallback's features never name a participant, its
speaker rule picks the subject, the group, the previous speakers or the issuing side in that
order, and the pipeline emits a position only where no rule attributed the sentence and the
model's probability reaches its threshold."""

from __future__ import annotations

import pytest

from app.annotate import learned_detection as ld
from app.annotate import lexicon_files
from app.annotate.leaders import MentionFinder
from app.annotate.linear import Head, LinearModel
from app.annotate.sentences import split_sentences
from tests.annotate.helpers import MODI, XI, run

PAIR = (XI, MODI)


def _features(text: str, index: int = 0, prev: frozenset[int] = frozenset(), host: int | None = None) -> list[str]:
    return ld.sentence_features(text, split_sentences(text), index, MentionFinder(PAIR, host), prev)


def test_participants_and_their_countries_are_placeholders_never_features() -> None:
    text = "China is willing to work with India and Prime Minister Modi to deepen trade with Brazil."
    feats = _features(text)
    words = {f for f in feats if f.startswith(("w:", "w2:", "first"))}
    assert "w:xxcountry" in words and "w:xxperson" in words
    assert not any(n in f for f in words for n in ("china", "india", "modi", "brazil"))
    assert "w:xxname" in words  # another country: a capitalised word inside the sentence
    assert "w2:is_willing" in words and "first:xxcountry" in feats
    assert "subj:country" in feats


def test_reporting_verb_classes_modals_and_flags() -> None:
    text = 'Headline line\n\nThe two sides should "firmly support" each other, and Xi urged restraint last week.'
    feats = _features(text, index=1, prev=frozenset({0}))
    assert {"vc:call", "modal:should", "subj:group", "prev:one", "quote:any", "para:start"} <= set(feats)
    assert "time:elsewhere" in feats and "pos:second" in feats
    assert "quote:start" not in feats


def test_discussed_with_a_stance_noun_differs_from_plain_narration() -> None:
    assert "narr:content" in _features("The two leaders discussed the importance of energy security.")
    assert "narr:plain" in _features("The two leaders discussed the situation in the region.")


def test_event_subject_and_length_bucket() -> None:
    feats = _features("This conversation underscores the ongoing efforts.")
    assert "subj:event" in feats and "len:<=8" in feats and "prev:none" in feats


def _pick(
    sentence: str, prev: frozenset[int] = frozenset(), host: int | None = None
) -> tuple[frozenset[int], str] | None:
    return ld.choose_speakers(sentence, 0, len(sentence), MentionFinder(PAIR, host), prev)


@pytest.mark.parametrize(
    ("sentence", "prev", "host", "expected"),
    [
        ("Xi Jinping is ready to expand imports of Indian goods.", frozenset(), None, (frozenset({0}), "subject")),
        ("China is ready to expand imports of Indian goods.", frozenset({0}), None, (frozenset({0}), "country")),
        ("China is ready to expand imports of Indian goods.", frozenset(), 0, (frozenset({0}), "country")),
        # another side's country, with no word of its leader before: news, not a position
        ("China is ready to expand imports of Indian goods.", frozenset({1}), 1, None),
        ("China is ready to expand imports of Indian goods.", frozenset(), None, None),
        ("Prime Minister Modi's visit will open a new chapter.", frozenset({0}), None, (frozenset({1}), "subject")),
        (
            "Xi Jinping and his Indian counterpart Narendra Modi affirmed ties.",
            frozenset(),
            None,
            (frozenset({0, 1}), "subject"),
        ),
        # the counterpart's country between "counterpart from" and his name is no third party
        (
            "Xi Jinping and his counterpart from India, Narendra Modi, affirmed ties.",
            frozenset(),
            None,
            (frozenset({0, 1}), "subject"),
        ),
        (
            "Xi Jinping and his counterpart from Brazil, Lula, affirmed ties.",
            frozenset(),
            None,
            (frozenset({0}), "subject"),
        ),
        # a possessive country titling its leader, then his counterpart: both (the rule keeps its
        # name: the model scores the sentence as before)
        (
            "China's President and party leader, Xi Jinping and his Indian counterpart, Prime Minister "
            "Narendra Modi, have reaffirmed ties.",
            frozenset(),
            0,
            (frozenset({0, 1}), "country"),
        ),
        ("China's President Xi Jinping has reaffirmed ties.", frozenset(), 0, (frozenset({0}), "subject")),
        (
            "China's President and party leader, Xi Jinping and his Indian counterpart have reaffirmed ties.",
            frozenset(),
            1,
            None,
        ),
        ("Both sides will keep in close touch.", frozenset({0}), None, (frozenset({0, 1}), "group")),
        # a prescription ("need to", "should") is not what both said
        ("The two sides need to expand trade.", frozenset({0, 1}), 0, None),
        ("They attach great importance to connectivity.", frozenset(), None, (frozenset({0, 1}), "group")),
        ("Closer cooperation serves both peoples.", frozenset({1}), 0, (frozenset({1}), "continued")),
        ("Closer cooperation serves both peoples.", frozenset(), 0, (frozenset({0}), "host")),
        ("Closer cooperation serves both peoples.", frozenset(), None, None),
        # a participant named after the verb is not the subject
        ("Closer cooperation with China serves both peoples.", frozenset(), None, None),
    ],
)
def test_speaker_rule_order(
    sentence: str, prev: frozenset[int], host: int | None, expected: tuple[frozenset[int], str] | None
) -> None:
    assert _pick(sentence, prev, host) == expected


TEXT = (
    "Xi Jinping held a phone call with Narendra Modi on Monday.\n\n"
    "Xi said China and India should strengthen cooperation in trade. "
    # (past: a present-tense sentence after a statement goes on with it by rule, pipeline._statement_goes_on)
    "Closer cooperation in energy served the interests of both peoples last year.\n"
)
NEW = "Closer cooperation in energy"


def _model(bias: float, threshold: float = 0.5) -> LinearModel:
    return LinearModel(ld.MODEL, {ld.HEAD: Head(bias, threshold, {"w:energy": 2.0})})


def test_a_confident_model_adds_the_unattributed_sentence_with_the_previous_speaker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ld, "model", lambda name: None)
    rules = run(TEXT, participants=PAIR)
    assert not any(NEW in TEXT[p.start : p.end] for p in rules.positions)
    monkeypatch.setattr(ld, "model", lambda name: _model(-1.0))  # logit 1.0 with "energy": p = 0.73
    ann = run(TEXT, participants=PAIR)
    added = [p for p in ann.positions if NEW in TEXT[p.start : p.end]]
    assert len(added) == 1
    p = added[0]
    assert TEXT[p.start : p.end] == "Closer cooperation in energy served the interests of both peoples last year."
    assert p.speakers == ("Xi Jinping",) and p.evidence == "learned:continued"
    # calibrated per kind of evidence (confidence.yaml) when the set has it, else the model's capped probability
    assert p.confidence == lexicon_files.confidence().get("learned:continued", ld.CONFIDENCE_CAP)
    # the rules' own positions are untouched
    assert [q for q in ann.positions if q not in added] == list(rules.positions)


def test_below_the_threshold_nothing_is_added(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ld, "model", lambda name: _model(-1.0, threshold=0.9))
    ann = run(TEXT, participants=PAIR)
    assert not any(p.evidence.startswith("learned") for p in ann.positions)


def test_headlines_are_never_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ld, "model", lambda name: _model(5.0))
    text = "China and India vow closer energy cooperation\n\n" + TEXT
    ann = run(text, participants=PAIR)
    assert not any(text[p.start : p.end].startswith("China and India vow") for p in ann.positions)


def test_a_frame_the_rules_turned_down_stays_down(monkeypatch: pytest.MonkeyPatch) -> None:
    # background ("has long called for") is a rule's decision, not a sentence the rules missed
    monkeypatch.setattr(ld, "model", lambda name: _model(5.0))
    text = (
        "Xi Jinping held a phone call with Narendra Modi.\n\nModi has long called for a reform of the Security Council."
    )
    assert not any("reform" in text[p.start : p.end] for p in run(text, participants=PAIR).positions)
