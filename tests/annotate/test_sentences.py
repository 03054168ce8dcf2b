"""Sentence segmentation: exact offsets, datelines, numbers, abbreviations, quotes."""

from __future__ import annotations

from app.annotate import split_sentences


def sents(text: str) -> list[str]:
    spans = split_sentences(text)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e > s
    return [text[s:e] for s, e in spans]


def test_headline_is_its_own_sentence():
    t = "Leaders agree to cut tariffs\n\nThe two leaders met. They talked."
    assert sents(t) == ["Leaders agree to cut tariffs", "The two leaders met.", "They talked."]


def test_datelines_are_excluded():
    for dl in (
        "BEIJING, Aug. 25 (Xinhua) -- ",
        "MOSCOW, August 25. /TASS/. ",
        "(MENAFN) ",
        "NEW DELHI, March 3 (Reuters) - ",
        "PARIS, 22 January 2023 \u2014 ",
        "WASHINGTON (AP) \u2014 ",
    ):
        t = dl + "Putin said Russia was ready. He added more."
        assert sents(t) == ["Putin said Russia was ready.", "He added more."], dl


def test_paragraph_numbers_are_excluded():
    t = "1. The Presidents met.\n\n12. They agreed on a plan.\n(3) Both leaders spoke."
    assert sents(t) == ["The Presidents met.", "They agreed on a plan.", "Both leaders spoke."]


def test_abbreviations_do_not_split():
    t = (
        "U.S. President Joe Biden met Mr. Lee on Feb. 3 at the U.N. headquarters in New York. "
        "Pres. Lula cited Resolution No. 242 and Donald J. Trump's remarks. The talks ended."
    )
    assert sents(t) == [
        "U.S. President Joe Biden met Mr. Lee on Feb. 3 at the U.N. headquarters in New York.",
        "Pres. Lula cited Resolution No. 242 and Donald J. Trump's remarks.",
        "The talks ended.",
    ]


def test_abbreviation_at_sentence_end_before_opener():
    assert sents("Troops left the U.S. The president spoke.") == ["Troops left the U.S.", "The president spoke."]


def test_quotes_stay_with_their_sentence():
    t = '"We will win. Nobody doubts it," he said. "Never."'
    assert sents(t) == ['"We will win.', 'Nobody doubts it," he said.', '"Never."']
    t2 = "\u201cWe will win.\u201d He smiled."
    assert sents(t2) == ["\u201cWe will win.\u201d", "He smiled."]


def test_crlf_and_wrapped_lines():
    t = "Headline here\r\n\r\nXi said the two countries should deepen trade and\r\ninvestment ties. Putin agreed."
    out = sents(t)
    assert out[0] == "Headline here"
    assert out[1].startswith("Xi said") and out[1].endswith("ties.")
    assert out[2] == "Putin agreed."


def test_empty_and_odd_inputs():
    assert split_sentences("") == []
    assert split_sentences("   \n\t ") == []
    t = "\u200f\u0645\u0631\u062d\u0628\u0627. \U0001f600 ok.\x00"
    for s, e in split_sentences(t):
        assert 0 <= s < e <= len(t)
