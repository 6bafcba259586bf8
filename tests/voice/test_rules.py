"""The rules every need follows: allowed moves, response targets, overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.voice.models import NeedState, ResponseTarget, Urgency
from districtwise.voice.rules import (
    DEFAULT_TARGET_DAYS,
    allowed_moves,
    due_at,
    is_overdue,
    target_days,
)

S = NeedState
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("state", "moves"),
    [
        (S.RAISED, {S.ACKNOWLEDGED, S.DECLINED}),
        (S.ACKNOWLEDGED, {S.IN_PROGRESS, S.ANSWERED, S.DECLINED}),
        (S.IN_PROGRESS, {S.ANSWERED, S.DECLINED}),
        (S.ANSWERED, {S.CLOSED}),
        (S.CLOSED, set()),
        (S.DECLINED, set()),
    ],
)
def test_the_department_moves_a_need_forward_only(state, moves):
    assert allowed_moves(state, department=True, school=False) == moves


@pytest.mark.parametrize(
    ("state", "moves"),
    [
        (S.RAISED, set()),
        (S.ACKNOWLEDGED, set()),
        (S.IN_PROGRESS, set()),
        (S.ANSWERED, {S.CLOSED, S.RAISED}),
        (S.CLOSED, {S.RAISED}),
        (S.DECLINED, {S.RAISED}),
    ],
)
def test_the_school_closes_or_reopens_only_once_it_has_an_answer(state, moves):
    assert allowed_moves(state, department=False, school=True) == moves


def test_someone_who_neither_answers_nor_raised_it_moves_nothing():
    for state in S.values:
        assert allowed_moves(state, department=False, school=False) == frozenset()


def test_no_one_may_skip_acknowledging_a_raised_need():
    assert S.ANSWERED not in allowed_moves(S.RAISED, department=True, school=True)


def test_the_answer_is_due_the_target_days_after_it_was_raised():
    assert due_at(NOW, 3) == NOW + dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("state", "overdue"),
    [
        (S.RAISED, True),
        (S.ACKNOWLEDGED, True),
        (S.IN_PROGRESS, True),
        (S.ANSWERED, False),
        (S.CLOSED, False),
        (S.DECLINED, False),
    ],
)
def test_a_need_still_waiting_after_its_due_time_is_overdue(state, overdue):
    due = NOW - dt.timedelta(minutes=1)
    assert is_overdue(state=state, due=due, now=NOW) is overdue


def test_a_need_is_not_overdue_at_or_before_its_due_time():
    assert not is_overdue(state=S.RAISED, due=NOW, now=NOW)


@pytest.mark.django_db
def test_the_districts_own_target_replaces_the_default(cast):
    assert target_days(cast.district, Urgency.URGENT) == DEFAULT_TARGET_DAYS[Urgency.URGENT]
    ResponseTarget.objects.create(
        district=cast.district, urgency=Urgency.URGENT, answer_within_days=5
    )
    assert target_days(cast.district, Urgency.URGENT) == 5
    assert target_days(cast.other_district, Urgency.URGENT) == DEFAULT_TARGET_DAYS[Urgency.URGENT]
