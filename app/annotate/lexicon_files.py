"""The annotator's lexicons as data: data/lexicon/*.yaml, read once and validated on load.

Files (each documents its keys in its header):
  reporting_verbs.yaml  verb classes, irregular forms, predicative stances, typo tolerance
  titles.yaml           leader titles, forms of address, honorifics, non-leader heads
  given_names.yaml      given names by gender
  countries.yaml        countries with names, demonyms, capitals
  act_cues.yaml         content cues, stance nouns and courtesy nouns that decide the act
  topic_context.yaml    how a readout's subject and its anaphors carry topics
  ../leaders.yaml       the leader registry's terms of office (leader_terms)

The folder is $DATA_DIR/lexicon when DATA_DIR is set (as in the container), else the
project's data/lexicon. A malformed file raises LexiconError naming the file, the entry and
what is wrong, so a bad edit fails at start-up rather than silently changing annotations.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "LexiconError",
    "lexicon_dir",
    "ReportingVerbs",
    "Titles",
    "GivenNames",
    "CountryRow",
    "ActCues",
    "TopicContext",
    "reporting_verbs",
    "titles",
    "given_names",
    "countries",
    "act_cues",
    "topic_context",
    "confidence",
    "leader_terms",
    "VERB_CLASSES",
    "ACT_NAMES",
]

VERB_CLASSES = ("say", "call", "commit", "support", "oppose", "agree", "narr", "courtesy")
ACT_NAMES = ("assert", "commit", "call", "support", "oppose", "agree")


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


def lexicon_dir() -> Path:
    """Where the lexicon files are read from."""
    env = os.environ.get("DATA_DIR")
    if env and (Path(env) / "lexicon").is_dir():
        return Path(env) / "lexicon"
    return Path(__file__).resolve().parents[2] / "data" / "lexicon"


def _load(name: str) -> dict[str, Any]:
    import yaml  # local import: only the loaders need pyyaml

    path = lexicon_dir() / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the lexicon file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: must be a mapping of keys to lists")
    data["__path__"] = str(path)
    return data


def _strings(data: dict[str, Any], key: str, where: str | None = None, *, optional: bool = False) -> tuple[str, ...]:
    value = data.get(key)
    path = data.get("__path__", "?")
    if value is None and optional:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{path}: {where or key}: must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LexiconError(f"{data.get('__path__', '?')}: {key}: must be a mapping")
    return value


def _regexes(path: str, where: str, patterns: tuple[str, ...]) -> tuple[str, ...]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise LexiconError(f"{path}: {where}: {p!r} is not a valid regular expression ({exc})") from exc
    return patterns


# -- reporting verbs ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReportingVerbs:
    classes: dict[str, tuple[str, ...]]  # class -> lemmas
    irregular: dict[str, tuple[str, str, str]]
    not_finite: tuple[str, ...]
    not_participle: tuple[str, ...]
    finite_class: dict[str, str]
    predicates: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # class -> (be forms, words)
    typo_tolerance: int
    impersonal: tuple[str, ...]  # regular expressions
    discussed_content: str  # regular expression
    own_report_verbs: tuple[str, ...]
    invitation: str  # regular expression at the verb: an invitation extended or accepted
    call_object: str  # regular expression after a saying verb: its object is the call itself


@cache
def reporting_verbs() -> ReportingVerbs:
    data = _load("reporting_verbs.yaml")
    path = data["__path__"]
    classes: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for cls, _ in _mapping(data, "classes").items():
        if cls not in VERB_CLASSES:
            raise LexiconError(f"{path}: classes: unknown class {cls!r}; classes are {', '.join(VERB_CLASSES)}")
        lemmas = _strings(data["classes"], cls, f"classes.{cls}") if isinstance(data["classes"], dict) else ()
        for lemma in lemmas:
            if lemma in owner and owner[lemma] == cls:
                raise LexiconError(f"{path}: classes.{cls}: {lemma!r} is listed twice")
            if lemma in owner and owner[lemma] != cls:
                raise LexiconError(f"{path}: classes: {lemma!r} is in both {owner[lemma]!r} and {cls!r}")
            owner[lemma] = cls
        classes[cls] = lemmas
    irregular: dict[str, tuple[str, str, str]] = {}
    for lemma, forms in _mapping(data, "irregular").items():
        if not (isinstance(forms, list) and len(forms) == 3 and all(isinstance(f, str) and f for f in forms)):
            raise LexiconError(f"{path}: irregular.{lemma}: must be [past, 3rd singular, -ing]")
        irregular[str(lemma)] = (forms[0], forms[1], forms[2])
    finite_class = {}
    for form, cls in _mapping(data, "finite_class").items():
        if cls not in VERB_CLASSES:
            raise LexiconError(f"{path}: finite_class.{form}: unknown class {cls!r}")
        finite_class[str(form)] = str(cls)
    predicates = {}
    for cls, spec in _mapping(data, "predicates").items():
        if cls not in VERB_CLASSES or not isinstance(spec, dict):
            raise LexiconError(f"{path}: predicates.{cls}: must be a known class with 'be' and 'words' lists")
        predicates[str(cls)] = (
            _strings(spec, "be", f"predicates.{cls}.be"),
            _strings(spec, "words", f"predicates.{cls}.words"),
        )
    tol = data.get("typo_tolerance", 0)
    if not isinstance(tol, int) or tol < 0:
        raise LexiconError(f"{path}: typo_tolerance: must be a whole number >= 0 (0 turns typo tolerance off)")
    return ReportingVerbs(
        classes=classes,
        irregular=irregular,
        not_finite=_strings(data, "not_finite"),
        not_participle=_strings(data, "not_participle"),
        finite_class=finite_class,
        predicates=predicates,
        typo_tolerance=tol,
        impersonal=_regexes(path, "impersonal", _strings(data, "impersonal")),
        discussed_content=_regexes(path, "discussed_content", (str(data.get("discussed_content") or "(?!x)x"),))[0],
        own_report_verbs=_strings(data, "own_report_verbs"),
        invitation=_regexes(path, "invitation", (str(data.get("invitation") or "(?!x)x"),))[0],
        call_object=_regexes(path, "call_object", (str(data.get("call_object") or "(?!x)x"),))[0],
    )


# -- titles and names ----------------------------------------------------------------------


@dataclass(frozen=True)
class Titles:
    leader_titles: tuple[str, ...]
    address: tuple[str, ...]
    honorifics: tuple[str, ...]  # regular expressions
    not_leader_before_title: tuple[str, ...]
    non_leader_heads: frozenset[str]
    descriptors: frozenset[str]
    # "the head of state" -> the titles it stands for (casefolded)
    generic_roles: tuple[tuple[str, frozenset[str]], ...] = ()


def _generic_roles(data: dict[str, Any]) -> tuple[tuple[str, frozenset[str]], ...]:
    roles = _mapping(data, "generic_roles")
    out = []
    for role in roles:
        if not isinstance(role, str) or not role.strip():
            raise LexiconError(f"{data['__path__']}: generic_roles: {role!r} must be a non-empty phrase")
        held_by = _strings({**roles, "__path__": data["__path__"]}, role, f"generic_roles.{role}")
        out.append((role, frozenset(t.casefold() for t in held_by)))
    return tuple(out)


@cache
def titles() -> Titles:
    data = _load("titles.yaml")
    return Titles(
        generic_roles=_generic_roles(data),
        leader_titles=_strings(data, "leader_titles"),
        address=_strings(data, "address"),
        honorifics=_regexes(data["__path__"], "honorifics", _strings(data, "honorifics")),
        not_leader_before_title=_strings(data, "not_leader_before_title"),
        non_leader_heads=frozenset(w.casefold() for w in _strings(data, "non_leader_heads")),
        descriptors=frozenset(w.casefold() for w in _strings(data, "descriptors")),
    )


@dataclass(frozen=True)
class GivenNames:
    female: frozenset[str]
    male: frozenset[str]


@cache
def given_names() -> GivenNames:
    data = _load("given_names.yaml")
    path = data["__path__"]
    female = {n.casefold() for n in _strings(data, "female")}
    male = {n.casefold() for n in _strings(data, "male")}
    both = sorted(female & male)
    if both:
        raise LexiconError(f"{path}: {', '.join(both)} in both the female and the male list")
    title_words = {w.casefold() for t in titles().leader_titles + titles().address for w in t.split()}
    as_titles = sorted((female | male) & title_words)
    if as_titles:
        raise LexiconError(f"{path}: {', '.join(as_titles)} are title words (titles.yaml), not given names")
    return GivenNames(frozenset(female), frozenset(male))


@dataclass(frozen=True)
class CountryRow:
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@cache
def countries() -> tuple[CountryRow, ...]:
    data = _load("countries.yaml")
    path = data["__path__"]
    items = data.get("countries")
    if not isinstance(items, list):
        raise LexiconError(f"{path}: countries: must be a list")
    out = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise LexiconError(f"{path}: countries[{i}]: needs a non-empty 'name'")
        where = f"countries[{i}] ({item['name']})"
        row = CountryRow(
            name=item["name"].strip(),
            names=_strings(item, "names", f"{where}.names", optional=True),
            demonyms=_strings(item, "demonyms", f"{where}.demonyms"),
            capitals=_strings(item, "capitals", f"{where}.capitals", optional=True),
        )
        if row.name.casefold() in seen:
            raise LexiconError(f"{path}: {where}: duplicate country name")
        seen.add(row.name.casefold())
        out.append(row)
    return tuple(out)


@dataclass(frozen=True)
class Regions:
    # what may follow a region's adjective besides a leader title ("leader", "ruler")
    leader_nouns: tuple[str, ...]
    # (adjectives, short names of the region's countries)
    regions: tuple[tuple[tuple[str, ...], frozenset[str]], ...]


@cache
def regions() -> Regions:
    """Regions a leader may be described by ("the South American leader"): regions.yaml."""
    data = _load("regions.yaml")
    path = data["__path__"]
    items = data.get("regions")
    if not isinstance(items, list):
        raise LexiconError(f"{path}: regions: must be a list")
    known = {c.name for c in countries()}
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise LexiconError(f"{path}: regions[{i}]: must be a mapping")
        adjectives = _strings({**item, "__path__": path}, "adjectives", f"regions[{i}].adjectives")
        members = _strings({**item, "__path__": path}, "countries", f"regions[{i}].countries")
        unknown = [c for c in members if c not in known]
        if unknown:
            raise LexiconError(f"{path}: regions[{i}]: {unknown} are not country names of countries.yaml")
        out.append((adjectives, frozenset(members)))
    return Regions(leader_nouns=_strings(data, "leader_nouns"), regions=tuple(out))


# -- acts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActCues:
    content: tuple[tuple[str, tuple[str, ...]], ...]  # (act, patterns), in priority order
    stance_nouns: tuple[tuple[str, tuple[str, ...]], ...]
    courtesy_nouns: tuple[str, ...]


@cache
def act_cues() -> ActCues:
    data = _load("act_cues.yaml")
    path = data["__path__"]

    def by_act(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        out = []
        for act, _ in _mapping(data, key).items():
            if act not in ACT_NAMES:
                raise LexiconError(f"{path}: {key}.{act}: unknown act; acts are {', '.join(ACT_NAMES)}")
            out.append((str(act), _regexes(path, f"{key}.{act}", _strings(data[key], act, f"{key}.{act}"))))
        return tuple(out)

    return ActCues(
        content=by_act("content"),
        stance_nouns=by_act("stance_nouns"),
        courtesy_nouns=_regexes(path, "courtesy_nouns", _strings(data, "courtesy_nouns")),
    )


# -- topic context -----------------------------------------------------------------------


@dataclass(frozen=True)
class TopicContext:
    subject_sentences: int  # how many opening sentences (after the title) set the subject
    carry: tuple[str, ...]  # frames that carry a topic forward: "Regarding X,", "On X,"
    anaphors: tuple[str, ...]  # a position continuing the previous one ("It proved ...", "in this regard")
    other_party: tuple[str, ...]  # relationship cues with the other participant named
    # a participant's economic actors ("Chinese investments", "Turkish companies"): the pair's economic ties
    economic_actors: tuple[str, ...] = ()
    # (topic, topics that take its place, cues, words one of which a position must hold for the cues
    # to be tried): a topic a cue signals when the position has none of the topics that name the
    # matter more precisely ("the border conflict" is regional security, "the conflict" said of
    # Ukraine is ukraine)
    residual: tuple[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...]], ...] = ()


def _residual(
    path: str, data: dict[str, Any]
) -> tuple[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...]], ...]:
    items = data.get("residual") or []
    if not isinstance(items, list):
        raise LexiconError(f"{path}: residual: must be a list of entries (topic, unless, cues, needs)")
    out = []
    for k, item in enumerate(items):
        where = f"residual[{k}]"
        if not isinstance(item, dict) or not isinstance(item.get("topic"), str) or not item["topic"].strip():
            raise LexiconError(f"{path}: {where}: needs a topic (a slug)")
        item = {**item, "__path__": path}
        unless = _strings(item, "unless", f"{where}.unless", optional=True)
        cues = _regexes(path, f"{where}.cues", _strings(item, "cues", f"{where}.cues"))
        needs = tuple(w.lower() for w in _strings(item, "needs", f"{where}.needs"))
        out.append((item["topic"].strip(), frozenset(unless), cues, needs))
    return tuple(out)


@cache
def topic_context() -> TopicContext:
    data = _load("topic_context.yaml")
    path = data["__path__"]
    n = data.get("subject_sentences")
    if not isinstance(n, int) or n < 0:
        raise LexiconError(f"{path}: subject_sentences: must be a whole number >= 0")
    out = TopicContext(
        subject_sentences=n,
        carry=_regexes(path, "carry", _strings(data, "carry")),
        anaphors=_regexes(path, "anaphors", _strings(data, "anaphors")),
        other_party=_regexes(path, "other_party", _strings(data, "other_party")),
        economic_actors=_regexes(path, "economic_actors", _strings(data, "economic_actors", optional=True)),
        residual=_residual(path, data),
    )
    for p in out.carry:
        if "(?P<frame>" not in p:
            raise LexiconError(f"{path}: carry: {p!r} needs a group (?P<frame>...) holding the topic phrase")
    return out


# -- confidence --------------------------------------------------------------------------


@cache
def confidence() -> dict[str, float]:
    """Calibrated confidence per kind of evidence (data/lexicon/confidence.yaml, written by
    `bench/realset.py calibrate`); evidence not listed keeps the annotator's prior."""
    data = _load("confidence.yaml")
    path = data["__path__"]
    table = data.get("confidence")
    if not isinstance(table, dict):
        raise LexiconError(f"{path}: confidence: must map evidence names to numbers")
    out = {}
    for k, v in table.items():
        if not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise LexiconError(f"{path}: confidence.{k}: must be a number from 0 to 1")
        out[str(k)] = float(v)
    return out


# -- leaders' terms of office ------------------------------------------------------------

_TERM_RE = re.compile(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})?")


@cache
def leader_terms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Terms of office from the leader registry (`leaders.yaml` next to the lexicon folder):
    the folded name and every alias -> ((start, end), ...) as ISO dates, "" for an open end.
    They decide which of several leaders with one office and country a readout of a given
    date means. A registry without terms (or none at all) gives an empty table."""
    import yaml

    path = lexicon_dir().parent / "leaders.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        return {}
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML ({exc})") from exc
    items = data.get("leaders") if isinstance(data, dict) else None
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or item.get("terms") is None:
            continue
        terms = item["terms"]
        listed = terms if isinstance(terms, list) else []
        found = [_TERM_RE.fullmatch(t) if isinstance(t, str) else None for t in listed]
        spans = tuple((m.group(1), m.group(2) or "") for m in found if m)
        if not isinstance(terms, list) or len(spans) != len(terms):
            raise LexiconError(
                f"{path}: leaders[{i}].terms: must be a list of 'YYYY-MM-DD/YYYY-MM-DD' (an open end: 'YYYY-MM-DD/')"
            )
        for name in [item.get("name"), *(item.get("aliases") or [])]:
            if isinstance(name, str) and name.strip():
                out.setdefault(name.casefold(), spans)
    return out
