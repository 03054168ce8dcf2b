"""Openings that hid a sentence's subject (issue #11, read on dev-b): a place-and-country dateline
("MANILA, Philippines \u2014 ", "London, United Kingdom - ") stays outside the span, a full date set
off by commas between subject and verb ("on Thursday, July 29,") is skipped, and "appraise" is a
verb of assessment like "assess"."""

from __future__ import annotations

from tests.annotate.helpers import KISHIDA, SCHOLZ, run, said

OPENING = "Chancellor Olaf Scholz spoke with Prime Minister Fumio Kishida on Monday.\n\n"


def test_a_place_and_country_dateline_is_outside_the_span() -> None:
    text = OPENING + "Hamburg, Germany - Scholz and Kishida agreed that the hydrogen project should go ahead.\n"
    ann = run(text, (SCHOLZ, KISHIDA))
    spans = [text[p.start : p.end] for p in ann.positions]
    assert spans == ["Scholz and Kishida agreed that the hydrogen project should go ahead."]


def test_a_capital_city_dateline_with_an_em_dash() -> None:
    text = OPENING + "TOKYO, Japan \u2014 Kishida stressed the need for stable supply chains.\n"
    assert said(text, (SCHOLZ, KISHIDA), "supply chains") == [("Fumio Kishida",)]


def test_a_full_date_between_subject_and_verb_is_skipped() -> None:
    text = OPENING + "Scholz and Kishida on Thursday, July 29, agreed that their trade ministers would meet soon.\n"
    assert said(text, (SCHOLZ, KISHIDA), "trade ministers") == [("Fumio Kishida", "Olaf Scholz")]


def test_appraise_is_a_verb_of_assessment() -> None:
    text = OPENING + "Kishida appraised the security situation in the region as fragile.\n"
    assert said(text, (SCHOLZ, KISHIDA), "fragile") == [("Fumio Kishida",)]
