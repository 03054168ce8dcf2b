"""data/lexicon/*.yaml are validated on load: a bad edit fails loudly, naming file and entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.annotate import lexicon_files
from app.annotate.lexicon_files import LexiconError

LEXICON = Path(lexicon_files.__file__).resolve().parents[2] / "data" / "lexicon"


@pytest.fixture
def lexicon_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(LEXICON, tmp_path / "lexicon")
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    return tmp_path / "lexicon"


def test_the_shipped_lexicons_load() -> None:
    for load in (
        lexicon_files.reporting_verbs,
        lexicon_files.titles,
        lexicon_files.given_names,
        lexicon_files.countries,
        lexicon_files.act_cues,
        lexicon_files.topic_context,
        lexicon_files.confidence,
        lexicon_files.regions,
    ):
        assert load.__wrapped__()  # uncached: really read the files


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("given_names.yaml", "female: [", "female: [sheikh, ", "title words"),
        ("given_names.yaml", "female: [", "female: [xi, ", "both the female and the male"),
        ("reporting_verbs.yaml", "  courtesy: [", "  bogus: [", "unknown class 'bogus'"),
        ("act_cues.yaml", "oppose: [", "oppose: ['oppos(', ", "not a valid regular expression"),
        ("countries.yaml", "- name: China", "- name: ''", "needs a non-empty 'name'"),
        ("confidence.yaml", "confidence:", "confidence:\n  frame:bogus: 1.5", "from 0 to 1"),
        ("topic_context.yaml", "(?P<frame>", "(?P<topic>", "needs a group (?P<frame>"),
        ("regions.yaml", "countries: [Kazakhstan", "countries: [Kazakstan", "not country names of countries.yaml"),
    ],
)
def test_a_bad_edit_is_refused_with_file_and_entry(
    lexicon_copy: Path, name: str, old: str, new: str, message: str
) -> None:
    path = lexicon_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    loader = {
        "given_names.yaml": lexicon_files.given_names,
        "reporting_verbs.yaml": lexicon_files.reporting_verbs,
        "act_cues.yaml": lexicon_files.act_cues,
        "countries.yaml": lexicon_files.countries,
        "confidence.yaml": lexicon_files.confidence,
        "topic_context.yaml": lexicon_files.topic_context,
        "regions.yaml": lexicon_files.regions,
    }[name]
    with pytest.raises(LexiconError, match=r".*") as err:
        loader.__wrapped__()
    assert name in str(err.value) and message in str(err.value)


def test_a_missing_file_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "lexicon").mkdir()
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    with pytest.raises(LexiconError, match="cannot read"):
        lexicon_files.titles.__wrapped__()
