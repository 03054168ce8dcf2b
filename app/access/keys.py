"""API keys for the write side: random, stored only as a hash, revocable at once."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlmodel import Session, col, select

from app.models import ApiKey, utcnow

KEY_PREFIX = "spk_"
# Writing last_used_at on every request would turn each write into two; once a minute is enough to audit.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class KeyProblem(ValueError):
    """A key operation that cannot be done (duplicate name, unknown key)."""


def hash_key(key: str) -> str:
    """The stored form of a key. Keys carry 256 random bits, so a plain SHA-256 cannot be reversed."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(session: Session, name: str) -> tuple[ApiKey, str]:
    """Create a key named `name`; returns the row and the key itself, which is never stored."""
    name = name.strip()
    if not name:
        raise KeyProblem("a key needs a name")
    if session.exec(select(ApiKey).where(ApiKey.name == name)).first():
        raise KeyProblem(f"a key named {name!r} exists already; revoke it or choose another name")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(name=name, prefix=key[:10], key_hash=hash_key(key))
    session.add(row)
    session.commit()
    session.refresh(row)
    return row, key


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at), col(ApiKey.id))).all())


def revoke_key(session: Session, name_or_prefix: str) -> ApiKey:
    """Revoke the key with this name or prefix; it stops working on the next request."""
    row = session.exec(
        select(ApiKey).where((ApiKey.name == name_or_prefix) | (ApiKey.prefix == name_or_prefix))
    ).first()
    if row is None:
        raise KeyProblem(f"no key named {name_or_prefix!r}; `summit keys list` shows them")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        session.commit()
    return row


def authenticate(session: Session, key: str) -> ApiKey | None:
    """The active key matching `key`, or None. Records when it was last used."""
    digest = hash_key(key)
    row = session.exec(select(ApiKey).where(ApiKey.key_hash == digest)).first()
    # The lookup is by hash; compare again in constant time so no timing depends on the key's bytes.
    if row is None or not hmac.compare_digest(row.key_hash, digest) or row.revoked_at is not None:
        return None
    now = utcnow()
    last = row.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    if last is None or now - last >= LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.add(row)
        session.commit()
    return row
