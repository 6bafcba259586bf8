"""The rules a need follows: which moves are allowed, who makes them, when it is due.

Kept apart from the services so the queues, the patterns and the demo apply the very
same rules.
"""

from __future__ import annotations

import datetime as dt

from districtwise.voice.models import NeedState, ResponseTarget, Urgency

S = NeedState

# Moves the department answering a need makes (the cabinet may make them too).
DEPARTMENT_MOVES: dict[str, frozenset[str]] = {
    S.RAISED: frozenset({S.ACKNOWLEDGED, S.DECLINED}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.ANSWERED, S.DECLINED}),
    S.IN_PROGRESS: frozenset({S.ANSWERED, S.DECLINED}),
    S.ANSWERED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.DECLINED: frozenset(),
}
# Moves the school that raised it makes: close an answered need, or reopen one whose
# answer (or refusal) does not settle it. Reopening sends it back to be acknowledged.
SCHOOL_MOVES: dict[str, frozenset[str]] = {
    S.RAISED: frozenset(),
    S.ACKNOWLEDGED: frozenset(),
    S.IN_PROGRESS: frozenset(),
    S.ANSWERED: frozenset({S.CLOSED, S.RAISED}),
    S.CLOSED: frozenset({S.RAISED}),
    S.DECLINED: frozenset({S.RAISED}),
}
# Needs that still wait for the district.
OPEN_STATES = frozenset({S.RAISED, S.ACKNOWLEDGED, S.IN_PROGRESS})
# A need past these has had its answer (or refusal).
SETTLED_STATES = frozenset({S.ANSWERED, S.CLOSED, S.DECLINED})

# Days to answer when the district has not set its own target for an urgency.
DEFAULT_TARGET_DAYS: dict[str, int] = {
    Urgency.ROUTINE: 20,
    Urgency.SOON: 7,
    Urgency.URGENT: 2,
    Urgency.ALARM: 1,
}


def allowed_moves(state: str, *, department: bool, school: bool) -> frozenset[str]:
    """The states a need in ``state`` may move to for someone answering it
    (``department``) and/or leading the school that raised it (``school``)."""
    moves: frozenset[str] = frozenset()
    if department:
        moves |= DEPARTMENT_MOVES[state]
    if school:
        moves |= SCHOOL_MOVES[state]
    return moves


def target_days(district, urgency: str) -> int:
    """The district's days to answer a need of ``urgency`` (its own target, else ours)."""
    own = (
        ResponseTarget.objects.filter(district=district, urgency=urgency)
        .values_list("answer_within_days", flat=True)
        .first()
    )
    return own if own is not None else DEFAULT_TARGET_DAYS[urgency]


def due_at(raised_at: dt.datetime, days: int) -> dt.datetime:
    """When the answer is due: ``days`` calendar days after it was raised."""
    return raised_at + dt.timedelta(days=days)


def is_overdue(*, state: str, due: dt.datetime, now: dt.datetime) -> bool:
    """A need still waiting for the district after its due time."""
    return state in OPEN_STATES and now > due
