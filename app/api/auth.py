"""The write-side guard: `Authorization: Bearer KEY`, checked against stored key hashes."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.db import SessionDep
from app.errors import ApiError
from app.models import ApiKey
from app.services import keys

bearer = HTTPBearer(auto_error=False, description="A key from `summit keys create NAME`.")

UNAUTHORIZED_TYPE = "/problems/unauthorized"


def _unauthorized(detail: str, error: str | None = None) -> ApiError:
    challenge = 'Bearer realm="summit"' + (f', error="{error}"' if error else "")
    return ApiError(401, detail, type=UNAUTHORIZED_TYPE, title="Unauthorized", headers={"WWW-Authenticate": challenge})


def require_key(session: SessionDep,
                credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> ApiKey:
    """The caller's active key, or a 401 saying what to send."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise _unauthorized("Writes need an API key: send `Authorization: Bearer KEY`; "
                            "an operator creates one with `summit keys create NAME`.")
    key = keys.authenticate(session, credentials.credentials)
    if key is None:
        raise _unauthorized("This API key is unknown or revoked; ask an operator for a new one.", "invalid_token")
    return key


KeyDep = Annotated[ApiKey, Depends(require_key)]
