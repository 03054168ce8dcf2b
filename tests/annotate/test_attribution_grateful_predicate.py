"""Attribution: "X was grateful for ..." is a courtesy as "X thanked ..." is: no position alone,
a position when a content cue follows, and X is who "he" is next (issue #11, dev-b round).
Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, run, said


def test_grateful_alone_is_a_courtesy() -> None:
    text = "President Lula spoke with Prime Minister Modi on Monday. Prime Minister Modi was grateful for the call."
    assert said(text, (MODI, LULA), "grateful") == []


def test_grateful_rescued_by_a_content_cue_and_he_next() -> None:
    text = (
        "President Lula spoke with Prime Minister Modi on Monday about ethanol trade. "
        "Meanwhile, Prime Minister Modi was grateful for the kind words of the president, stressing the "
        "strength of the partnership between India and Brazil. "
        "He also asked the president to support a biofuels alliance at the G20."
    )
    ann = run(text, (MODI, LULA))
    got = {text[p.start : p.end][:20]: p.speakers for p in ann.positions}
    assert got.get("Meanwhile, Prime Min") == ("Narendra Modi",)
    assert got.get("He also asked the pr") == ("Narendra Modi",)
