"""Hypothesis strategies for page cursors a client forged or mangled: our own envelope (scope, sort, key
values) around key values no page ever produced — integers past 64 bits, 1e308, Infinity, NaN, unpaired
surrogates, NUL, wrong types and lengths — plus plain garbage. Shared by the cursor property test and the
schemathesis fuzzing (tests/test_fuzz_api.py), which swaps them into generated requests."""

from __future__ import annotations

import base64
import json

from hypothesis import strategies as st

SCOPES = ("positions", "documents", "events", "leaders", "topics")
SORTS = ("-date", "date", "relevance", "slug", "id", "-id")

extreme_ints = st.sampled_from([2**63, -(2**63) - 1, 2**64, -(2**64), 10**30, 2**63 - 1, -(2**63), 0, -1])
extreme_floats = st.sampled_from(
    [1e308, -1e308, float("inf"), float("-inf"), float("nan"), 5e-324, 1.7976931348623157e308]
)
odd_text = st.sampled_from(["\ud800", "a\x00b", "", "9999-99-99", "2021-08-25", "x" * 300, "'; DROP TABLE position;--"])
key_value = st.one_of(
    extreme_ints,
    extreme_floats,
    odd_text,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


def encode(payload: object) -> str:
    # allow_nan: JSON's Infinity/NaN extensions, which Python's json.loads accepts on the way back in.
    raw = json.dumps(payload, allow_nan=True, ensure_ascii=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


envelopes = st.builds(
    lambda scope, sort, values: encode([scope, sort, values]),
    st.sampled_from(SCOPES),
    st.sampled_from(SORTS),
    st.lists(key_value, min_size=0, max_size=5),
)
garbage = st.one_of(
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda b: base64.urlsafe_b64encode(b).decode()),
    st.builds(lambda v: encode(v), key_value),
)
forged_cursors = st.one_of(envelopes, envelopes, garbage).filter(lambda c: len(c) <= 512)
