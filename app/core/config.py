"""Settings: every knob comes from the environment, read by this one object.

The server and every CLI command build their settings here, so
`DATABASE_URL=… summit <command>` acts on the database the server serves.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)\s*$")
_SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0}


def parse_rate(spec: str) -> tuple[int, float] | None:
    """ "120/minute" → (120, 60.0); "0" or "" → None (no limit). Raises ValueError on anything else."""
    if spec.strip() in ("", "0", "none", "off"):
        return None
    m = _RATE.match(spec)
    if not m or int(m[1]) < 1:
        raise ValueError(f"rate {spec!r} must look like '120/minute' (per second, minute or hour), or 'off'")
    return int(m[1]), _SECONDS[m[2]]


class Settings(BaseSettings):
    """Runtime configuration, read from environment variables (case-insensitive)."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'summit.sqlite3'}",
        description="SQLAlchemy URL of the database (SQLite file by default).",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="Seed data: sources, annotations, vocabularies.")
    migrations_dir: Path = Field(default=PROJECT_ROOT / "migrations")
    default_limit: int = Field(default=50, ge=1)
    max_limit: int = Field(default=500, ge=1)
    cors_origins: list[str] = Field(default_factory=lambda: ["*"], description="Origins allowed by CORS; '*' for any.")
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    postgres_lock_timeout_ms: int = Field(
        default=5000,
        ge=0,
        description=(
            "PostgreSQL lock_timeout: how long a statement waits for a lock another transaction holds (every "
            "write takes the data version's row) before it fails and the request is a 503 with Retry-After, "
            "as SQLITE_BUSY_TIMEOUT_MS does on SQLite; 0 waits for ever."
        ),
    )
    # Off by default: in `make bench` a map measured no steadier gain than the OS page cache gives, and every
    # page a worker touched through it counts in that worker's RSS (1.4 GB after exporting 1M positions).
    sqlite_mmap_bytes: int = Field(default=0, ge=0, description="SQLite memory-map size (PRAGMA mmap_size); 0 = off.")
    public_url: str | None = Field(default=None, description="Scheme and host of permalinks (default: the request's).")
    cache_control: str = Field(default="no-cache", description="Cache-Control of GET responses (they carry an ETag).")
    gzip_min_bytes: int = Field(default=1000, ge=0, description="Responses larger than this are gzipped on request.")
    max_body_bytes: int = Field(default=1_000_000, ge=1, description="Largest request body accepted (413 above).")
    read_only: bool = Field(
        default=False,
        validation_alias=AliasChoices("SUMMIT_READ_ONLY", "READ_ONLY"),
        description="Refuse every write (a public mirror).",
    )
    write_rate_limit: str = Field(default="120/minute", description="Writes allowed per key, e.g. '120/minute'; 'off'.")
    sqlite_synchronous: Literal["FULL", "NORMAL", "EXTRA"] = Field(
        default="FULL",
        description=(
            "SQLite PRAGMA synchronous. FULL (default): an acknowledged write survives power loss and OS crashes. "
            "NORMAL: faster commits, but in WAL mode the last commits can be lost on power loss (never corrupted)."
        ),
    )
    header_timeout_seconds: float = Field(
        default=10.0, ge=0, description="`summit serve`: seconds a request may take to send its headers (408 after)."
    )
    keep_alive_timeout_seconds: int = Field(
        default=5, ge=1, description="`summit serve`: seconds an idle keep-alive connection stays open."
    )
    graceful_shutdown_seconds: int = Field(
        default=30, ge=1, description="`summit serve`: on SIGTERM, seconds to finish requests in flight."
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="`summit serve`: proxies trusted for X-Forwarded-For/-Proto (comma-separated, or '*').",
    )

    @field_validator("write_rate_limit")
    @classmethod
    def _check_rate(cls, value: str) -> str:
        parse_rate(value)
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # Accept "a,b" as well as a JSON list, which is what people type in shells.
        if isinstance(value, str) and not value.strip().startswith("["):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
