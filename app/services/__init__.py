"""Queries and writes. Each write commits in exactly one place, in these modules."""
