"""Classes of positions the rules missed on real readouts (issue #11, fifth pass, second round):
one invented wording per case, with counter-examples that must stay unattributed. The learned
fallback is turned off here, so that each test shows what the rules alone do."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from tests.annotate.helpers import XI, said

BORIC = Participant("Gabriel Boric", "President", "Chile", "male")


pytestmark = pytest.mark.usefixtures("rules_only")


def _xi_paragraph(follow: str) -> str:
    return (
        "Xi Jinping met with President Gabriel Boric in Bangkok.\n\n"
        f"Xi Jinping noted that Chile was the first country in the region to recognise China. {follow}"
    )


# -- a present perfect in the leader's paragraph is what he says the relationship has become ------


@pytest.mark.parametrize(
    "follow",
    [
        "For more than half a century, the relationship has been a pioneer in the region.",
        "Over the past 50 years, the partnership has been increasingly mature and sound.",
        "The cooperation between the two countries on vaccines has formed an all-round pattern.",
        "Positive progress has been made in the construction of the port and the railway.",
        "Bilateral trade has doubled in five years, setting an example for the region.",
        "The two economies have grown ever more complementary.",
    ],
)
def test_a_present_perfect_goes_on_with_the_paragraphs_speaker(follow: str) -> None:
    assert said(_xi_paragraph(follow), (XI, BORIC), follow[:25]) == [("Xi Jinping",)]


@pytest.mark.parametrize(
    "follow",
    [
        # the perfect of a narration verb narrates the meetings, it says nothing
        "The two leaders have held talks three times this year.",
        "The two sides have had several phone calls since January.",
        # the past perfect is background, and so is a year
        "China had lifted the restrictions on Chilean fruit in 2019.",
        # the meeting as subject is the outlet's narration
        "The meeting has attracted wide attention in both countries.",
    ],
)
def test_a_perfect_that_narrates_does_not_go_on(follow: str) -> None:
    assert said(_xi_paragraph(follow), (XI, BORIC), follow[:25]) == []


# -- a leader (or his post) saying only that the call took place is narration ------------------------

MODI = Participant("Narendra Modi", "Prime Minister", "India", "male")
MERKEL = Participant("Angela Merkel", "Chancellor", "Germany", "female")
OPENING = "Prime Minister Narendra Modi spoke to Chancellor Angela Merkel on Monday.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Modi later posted on X confirming he had spoken to Mrs Merkel.",
        "Modi, through a post on his Facebook page, said the matter was raised during a phone call with Merkel.",
        "According to the Indian prime minister, on Monday, he discussed the situation in Afghanistan with Merkel "
        "in a telephone conversation.",
        "Narendra Modi and Angela Merkel have spoken on the phone about the situation in Afghanistan, "
        "the leaders confirmed overnight.",
        # a quoted post whose first sentence narrates the call (its next sentence: below)
        'Taking to Twitter, Modi said, "Spoke to Chancellor Merkel this evening and discussed bilateral and '
        'regional issues. Thanked her for her time."',
    ],
)
def test_saying_only_that_they_talked_is_no_position(sentence: str) -> None:
    assert said(OPENING + sentence, (MODI, MERKEL), sentence[:15]) == []


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        # what was said in the call, by the same shapes, stays a position
        (
            "According to the Indian prime minister, he discussed the need to evacuate Afghans with Merkel.",
            [("Narendra Modi",)],
        ),
        (
            "Narendra Modi and Angela Merkel have spoken on the phone and agreed to evacuate their citizens, "
            "the leaders confirmed.",
            [("Angela Merkel", "Narendra Modi")],
        ),
        (
            'Taking to Twitter, Modi said, "Spoke to Chancellor Merkel this evening and agreed to expand '
            'cooperation on green hydrogen."',
            [("Narendra Modi",)],
        ),
    ],
)
def test_saying_they_talked_with_content_stays_a_position(sentence: str, speakers: list[tuple[str, ...]]) -> None:
    assert said(OPENING + sentence, (MODI, MERKEL), sentence[:15]) == speakers


def test_a_quoted_post_goes_on_after_its_narration() -> None:
    text = OPENING + (
        'Taking to Twitter, Modi said, "Spoke to Chancellor Merkel this evening and discussed bilateral and '
        'regional issues. Reiterated our commitment to strengthening the India-Germany Strategic Partnership."'
    )
    assert said(text, (MODI, MERKEL), "Reiterated") == [("Narendra Modi",)]


# -- a leader's verdict on the call, or a pleasantry, is no position ---------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        '"A good conversation, very productive. Thank you, Chancellor!"',
        '"Good exchange of perspectives with Chancellor Merkel on the situation in Afghanistan. More soon."',
        '"Very fruitful and warm meeting with my friend Angela Merkel. Thank you!"',
    ],
)
def test_a_verdict_on_the_call_opening_a_post_is_no_position(quote: str) -> None:
    text = OPENING + f"Modi wrote on X: {quote}"
    assert said(text, (MODI, MERKEL), quote[1:15]) == []


def test_a_pleasantry_closed_by_the_leader_is_no_position() -> None:
    sentence = "\u201cIt\u2019s a pleasure to meet you again,\u201d Modi told Merkel."
    assert said(OPENING + sentence, (MODI, MERKEL), "pleasure") == []


@pytest.mark.parametrize(
    ("quote", "needle"),
    [
        # a verdict followed by what was said stays a position
        ('"A good conversation, and we agreed to expand trade."', "agreed"),
        (
            '"Productive call with Chancellor Merkel. I reaffirmed our support for a peaceful Afghanistan."',
            "reaffirmed",
        ),
    ],
)
def test_what_follows_a_verdict_stays_a_position(quote: str, needle: str) -> None:
    text = OPENING + f"Modi wrote on X: {quote}"
    assert said(text, (MODI, MERKEL), needle) != []


def test_a_statement_closed_by_the_leader_stays_a_position() -> None:
    sentence = "\u201cIt is a pleasure to announce that India will send vaccines to Germany,\u201d Modi told Merkel."
    assert said(OPENING + sentence, (MODI, MERKEL), "vaccines") == [("Narendra Modi",)]
