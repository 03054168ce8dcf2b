"""The key ranges of a list plan answer exactly what the general filter query answers, page by page."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlmodel import Session, select

from app.annotate import Annotation, FoundPosition, Participant
from app.ingest.bulk import bulk_ingest
from app.models import Leader, Position, Topic
from app.positions import key_ranges
from app.positions.filters import PositionFilters, conditions, validate
from app.positions.query_plan import SORTS, plan_list
from app.schemas import DocumentIn

LEADERS = [
    ("xi-jinping", "Xi Jinping", "China"),
    ("vladimir-putin", "Vladimir Putin", "Russia"),
    ("ana-lopez", "Ana Lopez", "Chile"),
    ("wei-wang", "Wei Wang", "China"),
]


@pytest.fixture
def corpus(session: Session) -> Session:
    rng = random.Random(5)
    for slug, name, country in LEADERS[2:]:
        session.add(Leader(slug=slug, name=name, country=country, aliases=[]))
    session.commit()
    topics = sorted(session.exec(select(Topic.slug)).all())
    items = []
    for _ in range(120):
        a, b = rng.sample(LEADERS, 2)
        text, spans = "", []
        for _ in range(rng.randint(1, 6)):
            sentence = f"{a[1]} said words number {rng.random():.6f}."
            spans.append(
                FoundPosition(
                    len(text),
                    len(text) + len(sentence),
                    rng.choice(((a[1],), (b[1],), (a[1], b[1]))),
                    tuple(rng.sample(topics, rng.choice((0, 1, 1, 2, 3)))),
                    rng.choice(("assert", "agree", "oppose")),
                    1.0,
                )
            )
            text += sentence + " "
        date = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 30))  # many positions share a date
        items.append(
            (
                DocumentIn(text=text.strip(), date=date.isoformat(), kind="phone call", participants=[a[0], b[0]]),
                Annotation(participants=(Participant(a[1]), Participant(b[1])), positions=tuple(spans)),
            )
        )
    assert not bulk_ingest(session, items, batch_size=17).errors
    return session


def _all_pages(session: Session, f: PositionFilters, sort: str, limit: int) -> list[int]:
    ids, cursor, seen = [], None, 0
    while True:
        ranges = plan_list(session, f, sort).ranges
        assert ranges is not None
        page = key_ranges.page_ids(session, ranges, SORTS[sort], limit, cursor)
        ids += page[0]
        cursor, seen = page[1], seen + 1
        if cursor is None or seen > 500:
            return ids


CASES = [
    dict(topic=("taiwan",)),
    dict(leader=("xi-jinping",)),
    dict(topic=("taiwan",), leader=("xi-jinping",)),
    dict(topic=("taiwan", "trade"), leader=("xi-jinping", "ana-lopez")),
    dict(country=("China",)),
    dict(country=("China",), act=("agree",)),
    dict(topic=("afghanistan",), act=("oppose",), date_from=dt.date(2020, 1, 10)),
    dict(leader=("vladimir-putin",), country=("Chile",), date_to=dt.date(2020, 1, 20)),
    dict(topic=("trade", "vaccines", "taiwan"), country=("China", "Russia")),
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("sort", ["-date", "date"])
def test_range_plan_pages_equal_the_general_query(corpus: Session, case: dict, sort: str) -> None:
    f = validate(corpus, PositionFilters(**case))
    order = SORTS[sort].order_by()
    expected = list(corpus.exec(select(Position.id).where(*conditions(f)).order_by(*order)).all())
    assert expected, case
    for limit in (1, 7, 50):
        assert _all_pages(corpus, f, sort, limit) == expected
    total = plan_list(corpus, f).total(corpus)
    assert total.kind == "exact" and total.value == len(expected)


def test_large_sets_say_their_total_is_estimated(corpus: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(key_ranges, "SCAN_CAP", 5)
    f = validate(corpus, PositionFilters(leader=("xi-jinping",), act=("agree",)))
    total = plan_list(corpus, f).total(corpus)
    assert total.kind == "estimate" and total.value > 0
    f = validate(corpus, PositionFilters(act=("agree",)))
    assert plan_list(corpus, f).total(corpus) == key_ranges.Total(5, "lower_bound")
    assert plan_list(corpus, validate(corpus, PositionFilters(topic=("taiwan",)))).total(corpus).kind == "exact"


@pytest.mark.parametrize(
    "bounds",
    [
        {"date_from": dt.date(2020, 1, 8)},
        {"date_to": dt.date(2020, 1, 25)},
        {"date_from": dt.date(2020, 1, 5), "date_to": dt.date(2020, 1, 27)},
    ],
)
def test_a_date_bounded_pair_is_counted_exactly_inside_or_outside_the_bounds(
    corpus: Session, monkeypatch: pytest.MonkeyPatch, bounds: dict
) -> None:
    f = validate(corpus, PositionFilters(leader=("xi-jinping",), **bounds))
    truth = len(corpus.exec(select(Position.id).where(*conditions(f))).all())
    monkeypatch.setattr(key_ranges, "SCAN_CAP", 5)  # past the small-set exact count
    for cap in (10_000, truth - 1, 3):
        monkeypatch.setattr(key_ranges, "RANGE_CAP", cap)
        total = plan_list(corpus, f).total(corpus)
        if cap >= truth or (cap == truth - 1 and cap > 3):
            assert total == key_ranges.Total(truth, "exact"), cap  # inside counted, or outside subtracted
        else:
            assert total.kind == "estimate" and total.value >= cap
