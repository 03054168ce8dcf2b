"""API keys: random, hashed, named, revocable; `summit keys create` prints the key alone on its last line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.access.keys import KeyProblem, authenticate, create_key, hash_key, list_keys, revoke_key
from app.models import ApiKey


def test_keys_are_random_and_only_their_hash_is_stored(session: Session) -> None:
    row_a, key_a = create_key(session, "a")
    _, key_b = create_key(session, "b")
    assert key_a != key_b and len(key_a) > 40
    stored = session.exec(select(ApiKey)).all()
    assert all(key_a not in (r.key_hash, r.prefix) for r in stored)
    assert row_a.key_hash == hash_key(key_a)
    found = authenticate(session, key_a)
    assert found is not None and found.name == "a"
    assert authenticate(session, key_a + "x") is None
    if row_a.last_used_at is None:
        reread = session.get(ApiKey, row_a.id)
        assert reread is not None and reread.last_used_at is not None


def test_names_are_unique_and_revocation_is_immediate(session: Session) -> None:
    _, key = create_key(session, "alice")
    with pytest.raises(KeyProblem, match="exists"):
        create_key(session, "alice")
    revoke_key(session, "alice")
    assert authenticate(session, key) is None
    assert [k.revoked_at is not None for k in list_keys(session)] == [True]
    with pytest.raises(KeyProblem):
        revoke_key(session, "nobody")


def test_cli_prints_the_key_alone_on_the_last_line(db_file: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_file}"}
    created = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "create", "ci"], capture_output=True, text=True, env=env, timeout=60
    )
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("spk_") and " " not in key
    listed = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "list"], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    assert "ci" in listed and key not in listed and "active" in listed
    revoked = subprocess.run(
        [sys.executable, "-m", "app.cli", "keys", "revoke", "ci"], capture_output=True, text=True, env=env, timeout=60
    )
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
