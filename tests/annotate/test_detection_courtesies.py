"""Courtesies in the shapes wire copy gives them (issue #11, detection class: spurious courtesies).

The guidelines make thanks, greetings, condolences and pleasure at the meeting itself no positions;
each rule here is one general English shape of them, checked with an invented sentence, and with a
near neighbour that does state a position and must stay one."""

from __future__ import annotations

from tests.annotate.helpers import MACRON, SCHOLZ, said

PAIR = (MACRON, SCHOLZ)
LEAD = "President Macron spoke with Chancellor Scholz on Monday. "


def test_asking_the_other_to_pass_greetings_on_is_a_courtesy() -> None:
    text = LEAD + "Macron asked Scholz to convey his warm congratulations to the German people."
    assert said(text, PAIR, "convey") == []
    # also after another courtesy, coordinated
    text = LEAD + (
        "For his part, Scholz congratulated the French government on the holiday, and requested Macron "
        "to pass on his sincere greetings to the French nation."
    )
    assert said(text, PAIR, "greetings") == []
    # a request whose object is no courtesy stays a call
    text = LEAD + "Scholz asked Macron to convey the proposal to the European Council."
    assert said(text, PAIR, "proposal") == [("Olaf Scholz",)]


def test_welcoming_the_opportunity_to_meet_is_pleasure_at_the_meeting() -> None:
    text = LEAD + "Macron welcomed the opportunity to engage with Chancellor Scholz on common priorities."
    assert said(text, PAIR, "opportunity") == []
    text = LEAD + "Scholz welcomed the opportunity to deepen cooperation on energy."
    assert said(text, PAIR, "opportunity") == [("Olaf Scholz",)]


def test_thoughts_and_prayers_with_the_victims_are_condolences() -> None:
    text = LEAD + "Scholz said his thoughts and prayers, and those of Germany, were with the victims of the floods."
    assert said(text, PAIR, "prayers") == []
    text = LEAD + "Macron said his government would stand with Germany on the budget rules."
    assert said(text, PAIR, "budget") == [("Emmanuel Macron",)]


def test_thanks_in_the_speakers_own_voice_in_the_present() -> None:
    text = LEAD + '"We deeply appreciate the support of the German people and will never forget it," Macron said.'
    assert said(text, PAIR, "appreciate") == []
    text = LEAD + '"Let me express my appreciation for Germany\'s help after the storm," Macron said.'
    assert said(text, PAIR, "appreciation") == []
    # appreciating a stance is praise of a policy: a position
    text = LEAD + '"We appreciate Germany\'s position on the reform of the fiscal rules," Macron said.'
    assert said(text, PAIR, "fiscal") == [("Emmanuel Macron",)]


def test_a_guest_welcomed_with_honours_is_the_reception_not_a_passive_report() -> None:
    text = LEAD + "Scholz was welcomed with military honours at the Elysee Palace on his arrival."
    assert said(text, PAIR, "honours") == []
    text = LEAD + "Macron was welcomed as a dear guest by the German side."
    assert said(text, PAIR, "dear guest") == []
    # what the talks produced, welcomed in the passive, is still joint
    text = LEAD + "The progress on the joint fighter programme was welcomed."
    assert said(text, PAIR, "fighter") == [("Emmanuel Macron", "Olaf Scholz")]
