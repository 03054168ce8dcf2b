"""The annotation pipeline: stated positions of leaders in summit readouts.

Pure Python (pyyaml only for loading topics); no web or database imports."""

from __future__ import annotations

from .models import Annotation, FoundPosition, Participant, TopicSpec
from .pipeline import ANNOTATOR_VERSION, annotate
from .sentences import split_sentences
from .topics import load_topic_specs

__all__ = [
    "ANNOTATOR_VERSION",
    "Annotation",
    "FoundPosition",
    "Participant",
    "TopicSpec",
    "annotate",
    "load_topic_specs",
    "split_sentences",
]
