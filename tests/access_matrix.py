"""What every matrix row is written in: the people, the usual groups of them, ``expect``.

The rows of each capability live beside its tests (``tests/<app>/matrix.py`` defines
``ROWS``) and ``tests/test_authorization_matrix.py`` gathers them.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import NAMED_PEOPLE

PEOPLE = ["anonymous", *NAMED_PEOPLE, "outsider"]
DISTRICT_WIDE = {"superintendent", "department_lead", "data_steward", "sysadmin"}
MEMBERS = set(PEOPLE) - {"anonymous", "outsider"}  # members of the cast's district
EVERYONE_SIGNED_IN = set(PEOPLE) - {"anonymous"}


def expect(ok: set[str], *, forbidden: set[str] = frozenset(), default: int = 404) -> dict:
    """Expected status per person: ``ok`` 200, ``forbidden`` 403, anonymous 302, else
    ``default``."""
    table = {p: default for p in PEOPLE}
    table.update({p: 403 for p in forbidden})
    table.update({p: 200 for p in ok})
    table["anonymous"] = 302
    return table


def post_only(reach: set[str]) -> dict:
    """A POST-only URL: GET answers 405 to those who reach it, 404 to the rest."""
    table = expect(set())
    table.update({p: 405 for p in reach})
    return table


def person(cast, name: str):
    """The staff record of the cast's person ``name`` in the cast's district."""
    return cast[name].people.get(district=cast.district)


NORTH_1_SEERS = DISTRICT_WIDE | {"north_lead", "principal_north_1", "coach_north_1"}
NORTH_SEERS = DISTRICT_WIDE | {
    "north_lead",
    "principal_north_1",
    "principal_north_2",
    "coach_north_1",
}

# url name -> (path builder, expected GET status per person)
Row = tuple[Callable[[object], str], dict]
