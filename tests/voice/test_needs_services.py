"""Need services: raising routes by the district's rules (no rule: the cabinet), every
move the rules allow succeeds and every other is refused with nothing saved, answers and
refusals and reopenings need their text, reopening starts the clock again, the school is
told of acknowledgements and answers, and the routing rules are audited."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from districtwise.core.models import AuditEntry, Notification
from districtwise.voice.models import NeedEvent, NeedRoute, NeedState, ResponseTarget, Urgency
from districtwise.voice.rules import DEFAULT_TARGET_DAYS, DEPARTMENT_MOVES, SCHOOL_MOVES
from districtwise.voice.services.needs import need_move, need_raise
from districtwise.voice.services.needs_routes import need_route, need_routes_save
from tests import factories as f
from tests.access_matrix import person

pytestmark = pytest.mark.django_db
S = NeedState


def raise_one(cast, *, category="instruction", urgency=Urgency.SOON, **extra):
    return need_raise(
        actor=cast["principal_north_1"],
        district=cast.district,
        school=cast.north_1,
        raised_by=person(cast, "principal_north_1"),
        title=extra.pop("title", "Reading books for grade 3"),
        description="Grade 3 has one set of readers for three classes.",
        category=category,
        urgency=urgency,
        students_affected=72,
    )


def test_a_need_goes_to_the_department_its_category_is_routed_to(cast):
    f.NeedRouteFactory(district=cast.district, category="instruction", department=cast.department)
    need = raise_one(cast)
    assert need.department == cast.department
    assert need.state == S.RAISED
    event = need.events.get()
    assert event.to_state == S.RAISED and "Teaching and Learning" in event.note
    assert AuditEntry.objects.filter(object_type="voice.need", object_id=str(need.pk)).exists()


def test_a_need_no_route_covers_waits_for_the_cabinet(cast):
    need = raise_one(cast, category="facilities")
    assert need.department is None
    assert "the cabinet" in need.events.get().note


def test_the_due_time_follows_the_districts_target_else_the_default(cast):
    ResponseTarget.objects.create(
        district=cast.district, urgency=Urgency.URGENT, answer_within_days=3
    )
    urgent = raise_one(cast, urgency=Urgency.URGENT)
    routine = raise_one(cast, urgency=Urgency.ROUTINE)
    assert urgent.due_at - urgent.raised_at == dt.timedelta(days=3)
    days = DEFAULT_TARGET_DAYS[Urgency.ROUTINE]
    assert routine.due_at - routine.raised_at == dt.timedelta(days=days)


def _need_in(cast, state):
    return f.NeedFactory(
        district=cast.district,
        school=cast.north_1,
        raised_by=person(cast, "principal_north_1"),
        department=cast.department,
        state=state,
    )


DEPARTMENT_CASES = [
    (a, b, b in DEPARTMENT_MOVES[a]) for a, b in itertools.product(S.values, S.values) if a != b
]
SCHOOL_CASES = [
    (a, b, b in SCHOOL_MOVES[a]) for a, b in itertools.product(S.values, S.values) if a != b
]


@pytest.mark.parametrize(("from_state", "to_state", "allowed"), DEPARTMENT_CASES)
def test_the_department_makes_exactly_the_moves_the_rules_allow(
    cast, from_state, to_state, allowed
):
    need = _need_in(cast, from_state)
    move = dict(actor=cast["department_lead"], need=need, to_state=to_state, note="Done so.")
    if allowed:
        moved = need_move(**move, department=True, school=False)
        assert moved.state == to_state
        assert moved.events.filter(from_state=from_state, to_state=to_state).exists()
    else:
        with pytest.raises(ValidationError, match="cannot be moved"):
            need_move(**move, department=True, school=False)
        need.refresh_from_db()
        assert need.state == from_state and not need.events.exists()


@pytest.mark.parametrize(("from_state", "to_state", "allowed"), SCHOOL_CASES)
def test_the_school_makes_exactly_the_moves_the_rules_allow(cast, from_state, to_state, allowed):
    need = _need_in(cast, from_state)
    move = dict(actor=cast["principal_north_1"], need=need, to_state=to_state, note="Not yet.")
    if allowed:
        assert need_move(**move, department=False, school=True).state == to_state
    else:
        with pytest.raises(ValidationError, match="cannot be moved"):
            need_move(**move, department=False, school=True)
        need.refresh_from_db()
        assert need.state == from_state


@pytest.mark.parametrize(
    ("from_state", "to_state", "department", "field", "message"),
    [
        (S.ACKNOWLEDGED, S.ANSWERED, True, "note", "Write the answer"),
        (S.RAISED, S.DECLINED, True, "note", "Say why the need is declined"),
        (S.ANSWERED, S.RAISED, False, "note", "Say why the need is reopened"),
    ],
)
def test_answering_declining_and_reopening_need_their_text(
    cast, from_state, to_state, department, field, message
):
    need = _need_in(cast, from_state)
    with pytest.raises(ValidationError) as refused:
        need_move(
            actor=cast["department_lead"],
            need=need,
            to_state=to_state,
            department=department,
            school=not department,
            note="   ",
        )
    assert message in refused.value.message_dict[field][0]
    need.refresh_from_db()
    assert need.state == from_state and not NeedEvent.objects.filter(need=need).exists()


def test_reopening_sends_it_back_to_be_acknowledged_due_anew(cast):
    need = _need_in(cast, S.ANSWERED)
    need.raised_at = need.raised_at - dt.timedelta(days=30)
    need.due_at = need.raised_at + dt.timedelta(days=7)
    need.save()
    reopened = need_move(
        actor=cast["principal_north_1"],
        need=need,
        to_state=S.RAISED,
        department=False,
        school=True,
        note="The books came for one class only.",
    )
    assert reopened.state == S.RAISED
    assert reopened.due_at > need.due_at + dt.timedelta(days=20)
    assert reopened.events.get().note == "The books came for one class only."


def test_the_school_is_told_when_its_need_is_acknowledged_and_answered(cast):
    need = _need_in(cast, S.RAISED)
    lead = cast["department_lead"]
    need_move(actor=lead, need=need, to_state=S.ACKNOWLEDGED, department=True, school=False)
    need_move(
        actor=lead,
        need=need,
        to_state=S.ANSWERED,
        department=True,
        school=False,
        note="A second set ships on Monday.",
    )
    told = Notification.objects.filter(user=cast["principal_north_1"]).order_by("created_at", "pk")
    assert [n.kind for n in told] == [
        Notification.Kind.NEED_ACKNOWLEDGED,
        Notification.Kind.NEED_ANSWERED,
    ]
    assert told[1].body == "A second set ships on Monday."
    assert told[1].url == f"/voice/needs/{need.pk}/"
    assert not Notification.objects.filter(user=lead).exists()


def test_routes_and_targets_are_saved_and_each_change_audited(cast):
    admin = cast["superintendent"]
    changed = need_routes_save(
        actor=admin,
        district=cast.district,
        departments={"instruction": cast.department, "budget": None},
        target_days={Urgency.ALARM: 2, Urgency.ROUTINE: None},
    )
    assert changed == 2
    assert NeedRoute.objects.get(district=cast.district).category == "instruction"
    assert ResponseTarget.objects.get(district=cast.district).answer_within_days == 2
    again = need_routes_save(
        actor=admin,
        district=cast.district,
        departments={"instruction": None},
        target_days={Urgency.ALARM: 2},
    )
    assert again == 1
    assert not NeedRoute.objects.filter(district=cast.district).exists()
    actions = AuditEntry.objects.filter(object_type="voice.needroute").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["create", "delete"]


def test_changing_a_route_leaves_needs_already_raised_where_they_are(cast):
    f.NeedRouteFactory(district=cast.district, category="instruction", department=cast.department)
    need = raise_one(cast)
    other = f.DepartmentFactory(district=cast.district, name="Student Services")
    need_routes_save(
        actor=cast["superintendent"],
        district=cast.district,
        departments={"instruction": other},
        target_days={},
    )
    need.refresh_from_db()
    assert need.department == cast.department
    assert raise_one(cast, title="Another").department == other


def test_the_cabinet_routes_an_unrouted_need_by_hand_and_it_shows_on_the_timeline(cast):
    need = raise_one(cast, category="other")
    routed = need_route(actor=cast["superintendent"], need=need, department=cast.department)
    assert routed.department == cast.department and routed.state == S.RAISED
    assert routed.events.last().note == "Routed by hand to Teaching and Learning."
    elsewhere = f.DepartmentFactory(district=cast.other_district)
    with pytest.raises(ValidationError):
        need_route(actor=cast["superintendent"], need=need, department=elsewhere)


def test_the_department_a_need_is_routed_to_is_told_and_no_one_else(cast):
    f.NeedRouteFactory(district=cast.district, category="instruction", department=cast.department)
    need = raise_one(cast, urgency=Urgency.ALARM)
    told = Notification.objects.filter(kind=Notification.Kind.NEED_ROUTED)
    assert [n.user for n in told] == [cast["department_lead"]]
    assert told.get().title == f"Alarm need from North One Elementary: {need.title}"
    assert told.get().url == f"/voice/needs/{need.pk}/"


def test_a_need_no_route_covers_is_told_to_the_superintendent_who_routes_it(cast):
    need = raise_one(cast, category="facilities")
    told = Notification.objects.filter(kind=Notification.Kind.NEED_ROUTED)
    assert [n.user for n in told] == [cast["superintendent"]]
    need_route(actor=cast["superintendent"], need=need, department=cast.department)
    assert told.filter(user=cast["department_lead"]).count() == 1


def test_only_the_schools_current_leaders_are_told_not_one_who_has_left(cast):
    from django.utils import timezone

    need = _need_in(cast, S.RAISED)
    leaving = person(cast, "principal_north_1").memberships.get()
    leaving.ends_on = timezone.localdate() - dt.timedelta(days=1)
    leaving.save()
    successor = f.PersonFactory(district=cast.district, school=cast.north_1)
    f.MembershipFactory(person=successor, role="principal", school=cast.north_1)
    need_move(
        actor=cast["department_lead"],
        need=need,
        to_state=S.ACKNOWLEDGED,
        department=True,
        school=False,
    )
    told = Notification.objects.filter(kind=Notification.Kind.NEED_ACKNOWLEDGED)
    assert [n.user for n in told] == [successor.user]
