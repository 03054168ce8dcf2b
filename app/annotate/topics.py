"""Topic detection from the keyword patterns of data/topics.yaml.

Keyword syntax (also documented in the yaml header):
  * each entry is a Python regular expression, matched case-insensitively and on word
    boundaries (it may not start or end inside a word: "Xi" never matches "Xinjiang");
  * `(?-i:UN)` makes part of a pattern case-sensitive ("UN" but not "Kim Jong Un");
  * an entry "@slug" means: this topic also applies when the sentence has topic `slug`
    and this topic's own keywords occur somewhere in the document (a vaccine position in
    a readout about COVID-19 is also covid-19).
New topics added to the file take effect without code changes.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

from .models import TopicSpec

__all__ = ["load_topic_specs", "TopicMatcher"]


def load_topic_specs(path: str | Path) -> list[TopicSpec]:
    """Read topics (slug, name, keywords) from a topics.yaml file."""
    import yaml  # local import: only this loader needs pyyaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    items = data.get("topics", data) if isinstance(data, dict) else data
    out = []
    for t in items or []:
        kws = t.get("keywords") or []
        out.append(TopicSpec(slug=str(t["slug"]), name=str(t.get("name", t["slug"])),
                             keywords=tuple(str(k) for k in kws)))
    return out


def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
    parts = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error:
            p = re.escape(p)  # a keyword that is not a valid regex is taken literally
        parts.append("(?:%s)" % p)
    if not parts:
        return None
    return re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(parts), re.I)


class TopicMatcher:
    """Compiled keyword patterns for a topic vocabulary."""

    def __init__(self, topics: Sequence[TopicSpec]) -> None:
        self.order = [t.slug for t in topics]
        self._rx: dict[str, re.Pattern[str]] = {}
        self._implied: dict[str, list[str]] = {}
        for t in topics:
            own = [k for k in t.keywords if not k.startswith("@")]
            rx = _compile(own)
            if rx is not None:
                self._rx[t.slug] = rx
            for k in t.keywords:
                if k.startswith("@") and len(k) > 1:
                    self._implied.setdefault(k[1:].strip(), []).append(t.slug)

    def present(self, text: str) -> set[str]:
        """Topics whose own keywords occur in text."""
        return {slug for slug, rx in self._rx.items() if rx.search(text)}

    def match(self, sentence: str, document_topics: set[str] | None = None) -> tuple[str, ...]:
        """Sorted slugs of every topic the (masked) sentence addresses."""
        found = self.present(sentence)
        if document_topics is not None:
            for base in list(found):
                for slug in self._implied.get(base, ()):
                    if slug in document_topics:
                        found.add(slug)
        return tuple(sorted(found))
