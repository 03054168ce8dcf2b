"""Leaders named by titles and documents (issue #11, titles round read on dev-b, checked on dev-a):
a country's full name typed with a curly apostrophe before a titled name still names the leader,
and a document of the communication as the sentence's reporter ("The joint statement stresses that
...", "It noted that <country> opposes ...") gives the signatories' joint position, or the one
side's whose country is the clause's subject; a one-side statement's own words stay no one's.
Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import MODI, TOKAYEV, XI, run, said


def test_full_country_name_with_curly_apostrophe_before_a_titled_name() -> None:
    text = (
        "President Tokayev met President Xi in Astana on Tuesday. "
        "People\u2019s Republic of China President Xi Jinping stated that China is ready to expand "
        "rail freight through Kazakhstan. "
        "He expressed his wish to open a new trade corridor to the Caspian."
    )
    assert said(text, (TOKAYEV, XI), "rail freight") == [("Xi Jinping",)]
    assert said(text, (TOKAYEV, XI), "trade corridor") == [("Xi Jinping",)]


def test_joint_statement_as_subject_is_the_signatories_joint_position() -> None:
    text = (
        "President Tokayev and Prime Minister Modi issued a joint statement on Friday. "
        "The joint statement stresses that drought threatens food supplies across Central Asia."
    )
    speakers = said(text, (TOKAYEV, MODI), "drought threatens")
    assert [set(s) for s in speakers] == [{"Kassym-Jomart Tokayev", "Narendra Modi"}]


def test_it_after_the_statement_relays_the_country_subject() -> None:
    text = (
        "President Tokayev and Prime Minister Modi met in New Delhi on Friday. "
        "The joint statement issued after the talks was published in the evening. "
        "It noted that Kazakhstan supports a permanent seat for India in the Security Council."
    )
    assert said(text, (TOKAYEV, MODI), "permanent seat") == [("Kassym-Jomart Tokayev",)]


def test_a_one_side_statement_speaking_for_itself_is_no_position() -> None:
    text = (
        "President Tokayev spoke with Prime Minister Modi by phone on Friday. "
        "The statement highlights that the ministry will publish a schedule of flights next week."
    )
    ann = run(text, participants=(TOKAYEV, MODI))
    assert not [p for p in ann.positions if "schedule of flights" in text[p.start : p.end]]
