"""Attribution: one leader reporting, as a noun, what both agreed on ("noted the unanimity on",
"highlighted the mutual agreement to") states their joint position (issue #11, dev-b round).
Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, said

BOTH = [("Luiz Inácio Lula da Silva", "Narendra Modi")]


def test_noted_the_unanimity_is_joint() -> None:
    text = "Prime Minister Modi noted the unanimity on the need to expand ethanol trade between India and Brazil."
    assert said(text, (MODI, LULA), "unanimity") == BOTH


def test_highlighted_the_mutual_agreement_is_joint() -> None:
    text = "Speaking to reporters, President Lula highlighted the mutual agreement to open a direct shipping route."
    assert said(text, (MODI, LULA), "mutual agreement") == BOTH


def test_welcoming_a_deal_stays_the_speakers() -> None:
    text = "President Lula welcomed the agreement on grain exports signed in Istanbul last month."
    assert said(text, (MODI, LULA), "grain exports") in ([], [("Luiz Inácio Lula da Silva",)])
