"""Countries with their short names, demonyms and capitals (data/lexicon/countries.yaml), for
resolving "the Chinese president", "the Russian side", "Moscow rejects ..." to a participant."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon_files

__all__ = ["Country", "COUNTRIES", "find_country"]


@dataclass(frozen=True)
class Country:
    name: str
    names: tuple[str, ...]  # the name and other names of the state
    demonyms: tuple[str, ...]  # adjectives: "Chinese", "U.S."
    capitals: tuple[str, ...]  # seats of government used as metonyms: "Beijing", "Washington"


COUNTRIES: tuple[Country, ...] = tuple(
    Country(r.name, (r.name, *r.names), r.demonyms, r.capitals) for r in lexicon_files.countries()
)
_BY_KEY: dict[str, Country] = {}
for _c in COUNTRIES:
    for _k in _c.names + _c.demonyms:
        _BY_KEY.setdefault(_k.casefold(), _c)


def find_country(name: str | None) -> Country | None:
    """The Country a name, short name or demonym denotes ("U.S.", "Türkiye", "Chinese")."""
    if not name:
        return None
    key = name.strip().casefold()
    if key.startswith("the "):
        key = key[4:]
    return _BY_KEY.get(key)
