"""The write-side guard: read-only mode, `Authorization: Bearer KEY` checked against stored key
hashes, and a per-key write rate limit."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.access import keys
from app.access.rate_limit import RateLimiter, retry_after_header
from app.api.session import SessionDep
from app.core.config import parse_rate
from app.core.errors import ApiError
from app.models import ApiKey

bearer = HTTPBearer(auto_error=False, description="A key from `summit keys create NAME`.")

UNAUTHORIZED_TYPE = "/problems/unauthorized"


def _unauthorized(detail: str, error: str | None = None) -> ApiError:
    challenge = 'Bearer realm="summit"' + (f', error="{error}"' if error else "")
    return ApiError(401, detail, type=UNAUTHORIZED_TYPE, title="Unauthorized", headers={"WWW-Authenticate": challenge})


def _limiter(request: Request) -> RateLimiter | None:
    state = request.app.state
    if not hasattr(state, "write_limiter"):
        rate = parse_rate(state.settings.write_rate_limit)
        state.write_limiter = RateLimiter(*rate) if rate else None
    limiter: RateLimiter | None = state.write_limiter
    return limiter


def require_key(
    request: Request, session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> ApiKey:
    """The caller's active key, or a 401 saying what to send (403 in read-only mode, 429 over the rate)."""
    if request.app.state.settings.read_only:
        raise ApiError(
            403,
            "This deployment is read-only: it serves data but accepts no writes.",
            type="/problems/read-only",
            title="Read-only deployment",
        )
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise _unauthorized(
            "Writes need an API key: send `Authorization: Bearer KEY`; "
            "an operator creates one with `summit keys create NAME`."
        )
    key = keys.authenticate(session, credentials.credentials)
    if key is None:
        raise _unauthorized("This API key is unknown or revoked; ask an operator for a new one.", "invalid_token")
    limiter = _limiter(request)
    wait = limiter.acquire(key.key_hash) if limiter else 0.0
    if wait:
        raise ApiError(
            429,
            f"Too many writes with this key; retry in {retry_after_header(wait)} s "
            f"(limit {request.app.state.settings.write_rate_limit}).",
            type="/problems/rate-limited",
            headers={"Retry-After": retry_after_header(wait)},
        )
    return key


KeyDep = Annotated[ApiKey, Depends(require_key)]
