"""Reading the API's paged lists whole in tests."""

from __future__ import annotations

from fastapi.testclient import TestClient


def every_item(client: TestClient, url: str) -> list[dict]:
    """The items of every JSON page of a list, following `next`."""
    items: list[dict] = []
    nxt: str | None = url
    while nxt:
        body = client.get(nxt).json()
        items += body["items"]
        nxt = body["next"]
    return items
