"""Fuzzing from the contract: schemathesis generates requests from our own OpenAPI schema.

Every operation, reads and (authorised) writes, must answer without a 5xx and with a response that
conforms to the schema — error responses included. The number of examples per operation is bounded
so the suite stays fast; raise FUZZ_EXAMPLES to dig deeper.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlmodel import Session

from app.access.keys import create_key
from app.core.db import make_engine
from app.core.migrate import upgrade
from app.ingest.seed import seed
from app.main import create_app
from tests.conftest import settings_for
from tests.forged_cursors import forged_cursors

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


def _fuzz_app() -> tuple[object, str]:
    """The real app on a migrated, seeded database of its own, with a write key.

    Built at import because schemathesis reads the schema when the test module is collected.
    """
    folder = Path(tempfile.mkdtemp(prefix="summit-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    app_settings = settings_for(folder / "summit.sqlite3", write_rate_limit="off")
    upgrade(app_settings)
    engine = make_engine(app_settings)
    with Session(engine) as session:
        seed(session, app_settings.data_dir)
        _, key = create_key(session, "fuzz")
    engine.dispose()
    return create_app(app_settings), key


APP, KEY = _fuzz_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schemathesis.hook
def flatmap_query(context: schemathesis.HookContext, query: dict[str, Any] | None) -> st.SearchStrategy[Any]:
    """Where a list request carries a cursor, also try forged ones (key values past 64 bits, 1e308,
    Infinity, surrogates…): random strings alone never decode to a cursor, so they never reach the driver."""
    if not query or "cursor" not in query:
        return st.just(query)
    return st.one_of(st.just(query), forged_cursors.map(lambda cursor: {**query, "cursor": cursor}))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema_and_never_fails(case: schemathesis.Case) -> None:
    # positive_data_acceptance expects any schema-valid request to succeed, but filters and ids name
    # resources that must exist (a random but well-formed topic slug is rightly a 422/404), so it is
    # the one check left out; every response is still checked for 5xx, status, headers and body shape.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {KEY}"}, excluded_checks=[schemathesis.checks.positive_data_acceptance]
    )
