"""annotate(): the public interface, participant inference, ordering and robustness."""

from __future__ import annotations

import dataclasses

from app.annotate import ANNOTATOR_VERSION, Annotation, FoundPosition, Participant, annotate
from tests.annotate.helpers import LULA, MODI, TOPICS, run
from tests.annotate.pathological import CASES

READOUT = """Modi, Lula discuss biofuels and reform of global bodies

NEW DELHI, May 4 (PTI) -- Indian Prime Minister Narendra Modi held a phone call with Brazilian President Luiz \
Inácio Lula da Silva on Thursday, the Prime Minister's Office said.

Modi said India and Brazil should deepen cooperation on biofuels and green hydrogen. Lula agreed, saying that \
Brazil is ready to share its ethanol technology with India.

The two leaders called for reform of the United Nations Security Council. Lula congratulated Modi on the \
successful G20 presidency.
"""
KNOWN = [
    Participant("Narendra Modi", "Prime Minister", "India", "male", ("Modi", "PM Modi")),
    Participant("Luiz Inácio Lula da Silva", "President", "Brazil", "male", ("Lula",)),
]


def test_version_and_types():
    assert ANNOTATOR_VERSION == "annotator/0.2"
    ann = run(READOUT)
    assert isinstance(ann, Annotation) and all(isinstance(p, FoundPosition) for p in ann.positions)
    assert dataclasses.is_dataclass(ann) and ann.participants == (LULA, MODI)


def test_positions_sorted_and_well_formed():
    ann = run(READOUT)
    keys = [(p.start, p.speakers) for p in ann.positions]
    assert keys == sorted(keys) and len(keys) == 3
    for p in ann.positions:
        span = READOUT[p.start : p.end]
        assert span == span.strip()
        assert list(p.speakers) == sorted(p.speakers) and list(p.topics) == sorted(p.topics)
        assert p.act in {"assert", "commit", "call", "support", "oppose", "agree"}
        assert 0.0 <= p.confidence <= 1.0


def test_acts():
    acts = {READOUT[p.start : p.end][:12]: p.act for p in run(READOUT).positions}
    assert acts["Modi said In"] == "call"
    assert acts["Lula agreed,"] == "agree"
    assert acts["The two lead"] == "call"


def test_inferred_participants_from_titles_and_registry():
    ann = annotate(READOUT, topics=TOPICS, participants=None, known_leaders=KNOWN)
    assert [p.name for p in ann.participants] == ["Narendra Modi", "Luiz Inácio Lula da Silva"]
    ann2 = annotate(READOUT, topics=TOPICS, participants=None)
    names = [(p.name, p.title, p.country) for p in ann2.participants]
    assert names == [("Narendra Modi", "Prime Minister", "India"), ("Luiz Inácio Lula da Silva", "President", "Brazil")]
    assert [p.speakers for p in ann2.positions] == [p.speakers for p in run(READOUT).positions]


def test_unknown_leader_from_title_pattern_with_gender():
    t = (
        "Italian Prime Minister Giorgia Meloni held talks with Australian Prime Minister Anthony "
        "Albanese in Rome on Friday. Meloni said Italy wants a free trade agreement with Australia."
    )
    ann = annotate(t, topics=TOPICS, participants=None)
    assert ann.participants[0] == Participant("Giorgia Meloni", "Prime Minister", "Italy", "female")
    assert ann.participants[1].country == "Australia"
    assert ann.positions[0].speakers == ("Giorgia Meloni",)
    assert "trade" in ann.positions[0].topics


def test_non_leader_titles_are_not_participants():
    t = (
        "Chinese President Xi Jinping held talks with French President Emmanuel Macron. "
        "Chinese Foreign Minister Wang Yi and Vice President Han Zheng attended."
    )
    ann = annotate(t, topics=TOPICS, participants=None)
    assert [p.name for p in ann.participants] == ["Xi Jinping", "Emmanuel Macron"]


def test_never_raises_on_odd_input(monkeypatch):
    import app.annotate.pipeline as pipeline

    monkeypatch.setattr(pipeline, "STRICT", True)
    for text in (
        "",
        "   ",
        "\x00\x00",
        "\r\n\r\n",
        "\u202eRTL \u05e9\u05dc\u05d5\u05dd.",
        "\U0001f600" * 50,
        "Lula said " * 2000,
        '"' * 100,
        "." * 1000,
        "Modi said \u201cfine",
    ):
        ann = run(text)
        for p in ann.positions:
            assert 0 <= p.start < p.end <= len(text)
        annotate(text, topics=TOPICS, participants=None)
    assert annotate("Modi said yes.", topics=[], participants=[]).positions == ()


def test_kremlin_style_titles_and_untitled_subject():
    t = (
        "Vladimir Putin had a telephone conversation with Prime Minister of India Narendra Modi.\n"
        "The Prime Minister of India noted that the two countries should step up the fight against terrorism. "
        "In a statement, the Kremlin said Putin had told Modi that Russia would keep oil supplies stable."
    )
    ann = annotate(t, topics=TOPICS, participants=None)
    assert {p.name for p in ann.participants} == {"Vladimir Putin", "Narendra Modi"}
    modi = next(p for p in ann.participants if p.name == "Narendra Modi")
    assert (modi.title, modi.country) == ("Prime Minister", "India")
    assert [p.speakers for p in ann.positions] == [("Narendra Modi",), ("Vladimir Putin",)]


def test_quotation_over_paragraphs():
    t = (
        'Lula spoke with Modi.\n\n"Brazil will not take sides. We want peace.\n\n'
        '"We will keep talking to everyone," Lula said.'
    )
    ann = run(t)
    assert [p.speakers for p in ann.positions] == [("Luiz Inácio Lula da Silva",)] * 3


def test_joint_statement_with_formal_titles_and_sides():
    t = (
        "Joint Statement of Kazakhstan and Brazil\n\n"
        "At the invitation of President of the Republic of Kazakhstan Kassym-Jomart Tokayev, President of "
        "the Federative Republic of Brazil Luiz Inácio Lula da Silva paid a state visit to Astana.\n"
        "1. The Sides noted with satisfaction that bilateral relations have reached a new level.\n"
        "2. The Brazilian Side reaffirmed its support for Kazakhstan's bid to host the forum.\n"
    )
    ann = annotate(t, topics=TOPICS, participants=None, kind="joint statement")
    assert [(p.name, p.country) for p in ann.participants] == [
        ("Kassym-Jomart Tokayev", "Kazakhstan"),
        ("Luiz Inácio Lula da Silva", "Brazil"),
    ]
    assert [p.speakers for p in ann.positions] == [
        ("Kassym-Jomart Tokayev", "Luiz Inácio Lula da Silva"),
        ("Luiz Inácio Lula da Silva",),
    ]


def test_pathological_inputs_give_well_formed_answers() -> None:
    for text in CASES:
        for annotation in (run(text), annotate(text, topics=TOPICS, participants=None)):
            for p in annotation.positions:
                assert 0 <= p.start < p.end <= len(text), text[:40]
                assert text[p.start : p.end] == text[p.start : p.end].strip(), text[:40]


def test_stray_quotation_mark_does_not_swallow_the_rest():
    t = "Lula called the deal \u201chistoric and said more.\n\nModi said India will double its ethanol imports."
    ann = run(t)
    assert [p.speakers for p in ann.positions][-1] == ("Narendra Modi",)


def test_leaders_named_in_an_aside_are_not_participants():
    t = (
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin on Monday, "
        "days after U.S. President Joe Biden warned Beijing. The call came after French President "
        "Emmanuel Macron visited Moscow. Xi said China values the partnership."
    )
    assert [p.name for p in annotate(t, topics=TOPICS).participants] == ["Xi Jinping", "Vladimir Putin"]


def test_mea_style_honorifics_and_bare_titles():
    t = (
        "Prime Minister Shri Narendra Modi received a telephone call today from President of the "
        "United States of America, H.E. Mr. Joseph R. Biden.\n"
        "2. President Biden congratulated Prime Minister on India's G20 Presidency.\n"
        "3. Prime Minister conveyed his concern regarding the safety of Indian nationals. "
        "President Biden assured that the US would extend all possible help.\n"
        "4. They agreed to remain in touch."
    )
    ann = annotate(t, topics=TOPICS, participants=None)
    assert [(p.name, p.country) for p in ann.participants] == [
        ("Narendra Modi", "India"),
        ("Joseph Biden", "United States"),
    ]
    assert [p.speakers for p in ann.positions] == [
        ("Narendra Modi",),
        ("Joseph Biden",),
        ("Joseph Biden", "Narendra Modi"),
    ]


def test_relative_clause_with_perfect_is_not_background():
    t = "Lula, who has long championed biofuels, said Brazil would share its ethanol technology."
    assert [p.speakers for p in run(t).positions] == [("Luiz Inácio Lula da Silva",)]
