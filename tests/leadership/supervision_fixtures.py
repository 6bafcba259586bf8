"""Shared pieces of the supervision tests: the cast's people as staff records."""

from __future__ import annotations

from tests.conftest import Cast


def person(cast: Cast, name: str):
    return cast[name].people.get(district=cast.district)  # type: ignore[attr-defined]
