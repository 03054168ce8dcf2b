"""Fixtures shared by the annotator's tests."""

from __future__ import annotations

import pytest

from app.annotate import learned_detection


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned detection fallback switched off, so that a test measures the rules alone."""
    monkeypatch.setattr(learned_detection, "model", lambda name: None)
