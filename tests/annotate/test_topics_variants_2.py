"""Topic variants, second round (issue #11): topic families named in other words than the development readouts
use (trade, multilateralism, regional security, the pair's mechanisms, climate), one parametrised test per family.
Invented mini-readouts: a lead naming both participants, then the sentence under test."""

from __future__ import annotations

import pytest

from tests.annotate.helpers import PUTIN, XI, run

LEAD = "Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on Wednesday."


def topics_of(sentence: str) -> set[str]:
    """Topics of the positions in the sentence, after the lead."""
    text = f"{LEAD} {sentence}"
    start = text.rindex(sentence)
    found = [p for p in run(text, participants=(XI, PUTIN)).positions if p.start >= start]
    assert found, f"no position in {sentence!r}"
    return {t for p in found for t in p.topics}


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said Russia would boost oil deliveries to China.",
        "Putin said grain deliveries to China would grow this year.",
        "Putin said Russia was ready to raise its deliveries of natural gas to China.",
        "Putin said the two countries had agreed on new supplies of liquefied natural gas.",
        "Xi said the two countries should facilitate cross-border payments.",
        "Xi said the two sides should improve the cross-border payment system.",
        "Putin said mutual settlements in rubles and yuan had reached 95 percent.",
        "Putin said almost all payments between the two countries were now made in roubles and yuan.",
        "Xi said China welcomed Russian exporters gaining access to the Chinese market.",
        "Putin said Russian exporters were interested in the Chinese market.",
        "Putin said Russian producers should get better access to the Chinese market.",
    ],
)
def test_trade_in_other_words(sentence: str) -> None:
    # guidelines: trade, economic and trade relations: commodities delivered, payments between the economies,
    # exporters and access to a market
    assert "trade" in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi said China opposed unilateralism and bloc confrontation.",
        "Putin said unilateralism was on the rise.",
        "Xi said the two countries should support the Secretary-General's efforts.",
    ],
)
def test_multilateralism_in_other_words(sentence: str) -> None:
    # guidelines: multilateral institutions and the wider international order: its opposite named, the UN's head
    # named by office
    assert "multilateralism" in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi said the countries of the region should resolve disputes through dialogue.",
        "Putin said the countries of the region should settle their security problems themselves.",
        "Xi said the states of the region should decide their own security.",
        "Putin said military blocs in the region were a threat to stability.",
        "Xi said China opposed the creation of military blocs in the region.",
        "Putin said closed military alliances in Asia were a threat.",
        "Xi said an arms race must be avoided.",
        "Putin said the deployment of missiles could trigger an arms race.",
        "Putin said the two sides should prevent a new arms race in Asia.",
        "Xi said the two sides should reduce tension in the region.",
    ],
)
def test_regional_security_in_other_words(sentence: str) -> None:
    # guidelines: regional safety, stability or security risks: the region's countries as the actors of its
    # security, an arms race, military blocs, tension in the region
    assert "regional-security" in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin said the intergovernmental commission would meet in Moscow in May.",
        "Xi said the intergovernmental commissions should play a bigger role.",
        "Xi said the sides had agreed to set up a working group on energy.",
        "Xi said the sides would establish a working group.",
        "Putin said the strategic dialogue should continue.",
        "Putin said the exchange of visits at the highest level was important.",
    ],
)
def test_the_pairs_mechanisms_in_other_words(sentence: str) -> None:
    # guidelines: bilateral-relations includes visits and mechanisms such as a joint commission
    assert "bilateral-relations" in topics_of(sentence)
