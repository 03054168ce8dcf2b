"""docs/compose.yaml and the Dockerfile, checked as files: no container engine, no network, no podman.

compose.yaml cannot be run here (no Docker daemon, no registry for postgres:16), so its
configuration is checked instead: the services, the build, DATABASE_URL pointing at the db
service with the db's own credentials, depends_on waiting for the db's healthcheck, the volume,
the published port and the API healthcheck; and the whole file against the Compose Specification
JSON schema that check-jsonschema ships (skipped when that package is not installed). The
Dockerfile's promises that compose relies on (multi-stage, BASE_IMAGE, non-root USER, HEALTHCHECK,
EXPOSE) are read from it too. `make docker-test` builds and runs the image itself.
"""

from __future__ import annotations

import copy
import json
import re
import shlex
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docs" / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"

Doc = dict[str, Any]  # a YAML/JSON mapping
Instructions = list[tuple[str, str]]

_VAR = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<default>[^}]*))?\}")


def interpolate(value: Any, env: dict[str, str] | None = None) -> Any:
    """Compose's `${VAR}` / `${VAR:-default}` interpolation, with an empty environment by default."""
    env = env or {}
    if isinstance(value, str):
        return _VAR.sub(lambda m: env.get(m["name"]) or (m["default"] or ""), value)
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    return value


def env_of(service: Doc) -> dict[str, str]:
    """A service's environment, from either the mapping or the `KEY=value` list form."""
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {k: str(v) for k, v in environment.items()}


@pytest.fixture(scope="module")
def raw() -> Doc:
    loaded: Doc = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def compose(raw: Doc) -> Doc:
    return dict(interpolate(raw))  # as `docker compose config` would see it with nothing set


@pytest.fixture(scope="module")
def dockerfile() -> Instructions:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_services_are_the_api_built_here_and_postgresql_16(compose: Doc) -> None:
    services = compose["services"]
    assert set(services) == {"api", "db"}
    build = services["api"]["build"]
    assert (COMPOSE.parent / build["context"]).resolve() == ROOT
    assert (COMPOSE.parent / build["context"] / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE
    image = services["db"]["image"]
    assert re.fullmatch(r"postgres:16(\.\d+)?(-[a-z0-9.]+)?", image), image


def test_database_url_points_at_the_db_service_with_its_credentials(compose: Doc) -> None:
    db_env = env_of(compose["services"]["db"])
    url = make_url(env_of(compose["services"]["api"])["DATABASE_URL"])
    assert url.drivername == "postgresql+psycopg"  # the driver pyproject installs (psycopg 3)
    assert url.host == "db"
    assert (url.port or 5432) == 5432
    assert url.username == db_env["POSTGRES_USER"]
    assert url.password == db_env["POSTGRES_PASSWORD"]
    assert url.database == db_env["POSTGRES_DB"]


def test_one_password_variable_sets_both_sides(raw: Doc) -> None:
    env = {"POSTGRES_PASSWORD": "s3cret"}
    compose = interpolate(raw, env)
    assert make_url(env_of(compose["services"]["api"])["DATABASE_URL"]).password == "s3cret"
    assert env_of(compose["services"]["db"])["POSTGRES_PASSWORD"] == "s3cret"


def test_api_waits_for_a_healthy_database(compose: Doc) -> None:
    depends = compose["services"]["api"]["depends_on"]
    assert isinstance(depends, dict), "the long form is needed for a condition"
    assert depends["db"]["condition"] == "service_healthy"
    test = compose["services"]["db"]["healthcheck"]["test"]
    command = test[1] if test[0] == "CMD-SHELL" else shlex.join(test[1:])
    assert "pg_isready" in command
    db_env = env_of(compose["services"]["db"])
    assert db_env["POSTGRES_USER"] in command and db_env["POSTGRES_DB"] in command


def test_database_files_live_in_a_named_volume(compose: Doc) -> None:
    mounts = compose["services"]["db"]["volumes"]
    named = [m.split(":") for m in mounts if isinstance(m, str)] + [
        [m["source"], m["target"]] for m in mounts if isinstance(m, dict)
    ]
    assert ["pgdata", "/var/lib/postgresql/data"] in [n[:2] for n in named]
    assert "pgdata" in compose["volumes"]


def test_api_publishes_the_port_the_image_exposes(compose: Doc, dockerfile: Instructions) -> None:
    exposed = {rest.split("/")[0] for word, rest in dockerfile if word == "EXPOSE"}
    api = compose["services"]["api"]
    assert env_of(api).get("PORT", "8000") in exposed
    targets = []
    for port in api["ports"]:
        if isinstance(port, dict):
            targets.append(str(port["target"]))
        else:
            targets.append(str(port).rsplit(":", 1)[-1].split("/")[0])
    assert "8000" in targets and "8000" in exposed
    assert env_of(api).get("HOST") == "0.0.0.0"  # reachable through the published port


def test_api_healthcheck_asks_health(compose: Doc) -> None:
    check = compose["services"]["api"]["healthcheck"]
    assert check["test"][0] in {"CMD", "CMD-SHELL"}
    assert "/health" in " ".join(check["test"][1:])
    assert "python" in check["test"][1]  # the image has no curl: its own Python does the request
    for key in ("interval", "timeout", "retries"):
        assert key in check


def test_dockerfile_is_multi_stage_non_root_with_a_healthcheck(dockerfile: Instructions) -> None:
    froms = [rest for word, rest in dockerfile if word == "FROM"]
    assert len(froms) >= 2, "multi-stage build"
    args = dict(rest.partition("=")[::2] for word, rest in dockerfile if word == "ARG")
    assert args.get("BASE_IMAGE") == "python:3.11-slim"  # the real base by default
    assert all(f.split()[0] == "${BASE_IMAGE}" for f in froms)
    stages = [i for i, (word, _) in enumerate(dockerfile) if word == "FROM"]
    final = dockerfile[stages[-1] :]
    users = [rest for word, rest in final if word == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert any(word == "COPY" and rest.startswith("--from=") for word, rest in final)
    assert any(word == "HEALTHCHECK" and "/health" in rest for word, rest in final)
    cmd = json.loads(next(rest for word, rest in reversed(final) if word == "CMD"))
    assert "summit db upgrade" in cmd[-1] and "summit serve" in cmd[-1]


def test_dockerignore_keeps_what_the_build_copies(dockerfile: Instructions) -> None:
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    rules = [line for line in lines if line and not line.startswith("#")]
    copied: set[str] = set()
    for word, rest in dockerfile:
        if word == "COPY" and not rest.startswith("--from="):
            copied.update(part.rstrip("/") for part in rest.split()[:-1])
    for path in copied:
        assert (ROOT / path).exists(), path
        assert _let_through(path, rules), f"{path} is not let through .dockerignore"
    assert rules[0] == "**"  # everything else (.venv, var/, .git, caches) stays out


def _let_through(path: str, rules: list[str]) -> bool:
    """Whether the last .dockerignore rule covering `path` (itself or a folder above it) lets it in."""
    verdict = False
    for rule in rules:
        pattern = rule.lstrip("!").rstrip("/")
        if pattern == "**" or path == pattern or path.startswith(pattern + "/"):
            verdict = rule.startswith("!")
    return verdict


def test_the_dockerignore_check_follows_the_last_rule() -> None:
    rules = ["**", "!app/", "app/web/static/vendor/"]
    assert _let_through("app/web/frontend/package.json", rules)
    assert not _let_through("app/web/static/vendor/uplot.js", rules)
    assert not _let_through("var/summit.sqlite3", rules)


# --- the Compose Specification schema ----------------------------------------------------------


def _compose_schema() -> Doc:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema ships the compose-spec schema")
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: Doc = json.loads((vendor / "compose-spec.json").read_text(encoding="utf-8"))
    return schema


def _errors(schema: Doc, instance: Any) -> list[str]:
    try:
        import jsonschema_rs
    except ImportError:
        import jsonschema

        validator = jsonschema.validators.validator_for(schema)(schema)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
    return [str(e) for e in jsonschema_rs.validator_for(schema).iter_errors(instance)]


def test_compose_file_matches_the_compose_specification(raw: Doc) -> None:
    schema = _compose_schema()
    assert _errors(schema, raw) == []
    assert _errors(schema, interpolate(raw)) == []


def test_the_schema_check_would_catch_a_typo(raw: Doc) -> None:
    schema = _compose_schema()
    broken = copy.deepcopy(raw)
    broken["services"]["api"]["depend_on"] = broken["services"]["api"].pop("depends_on")
    assert _errors(schema, broken)
    broken = copy.deepcopy(raw)
    broken["services"]["api"]["depends_on"]["db"]["condition"] = "service_ready"
    assert _errors(schema, broken)
