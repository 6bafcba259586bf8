"""The demo district's voice and guidance: the planted rise, the overdue queue, the
near-duplicates and their issue, the meeting with its dilemma, guidance in two versions
prompted by needs, and the same result from the same seed."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from itertools import combinations, pairwise

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from districtwise.analytics.voice.similarity import NeedText, similar_groups
from districtwise.core.models import Membership, Notification, StudentRecordGrant
from districtwise.core.roles import SCHOOL_LEADERS, Role
from districtwise.demo.build import DemoResult, demo_build
from districtwise.demo.voice import PLANTED, anchor_of, voice_build, voice_remove
from districtwise.organization.models import District, Network, Person, School
from districtwise.voice import access
from districtwise.voice.models import (
    ACKNOWLEDGING_ROLES,
    PROTOCOL_ORDER,
    AgendaItem,
    FollowUp,
    GuidanceDocument,
    Need,
    NeedCategory,
    NeedIssue,
    NeedRoute,
    NeedState,
    PrincipalMeeting,
    ResponseTarget,
    Urgency,
)
from districtwise.voice.rules import OPEN_STATES, allowed_moves, due_at, is_overdue, target_days
from districtwise.voice.selectors.patterns import rising_needs

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # builds the demo district
S = NeedState
FOUR_WEEKS = dt.timedelta(weeks=4)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoResult]:
    """The small demo district, built once for the module (without importing its data
    files, which voice does not read), inside a transaction rolled back at the end."""
    module_transaction = transaction.atomic()
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("demo-voice")):
        with django_db_blocker.unblock():
            module_transaction.__enter__()
            try:
                StudentRecordGrant.objects.all().delete()
                get_user_model().objects.all().delete()
                School.objects.all().delete()
                District.objects.all().delete()
                built = demo_build(seed=7, students=2500, load_data=False)
            except BaseException:
                module_transaction.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _needs(demo):
    return Need.objects.filter(district=demo.district)


def _windows(needs, category: str, now: dt.datetime) -> list[int]:
    """Needs of ``category`` raised in each of the last four four-week windows, newest first."""
    return [
        needs.filter(
            category=category,
            raised_at__gt=now - FOUR_WEEKS * (w + 1),
            raised_at__lte=now - FOUR_WEEKS * w,
        ).count()
        for w in range(4)
    ]


def test_every_category_has_a_route_and_every_urgency_a_target(demo):
    routes = NeedRoute.objects.filter(district=demo.district)
    assert sorted(routes.values_list("category", flat=True)) == sorted(NeedCategory.values)
    assert all(route.department.district_id == demo.district.pk for route in routes)
    targets = ResponseTarget.objects.filter(district=demo.district)
    assert sorted(targets.values_list("urgency", flat=True)) == sorted(Urgency.values)
    # Every need went where its category's route sends it.
    department_of = {r.category: r.department_id for r in routes}
    for category, department in _needs(demo).values_list("category", "department"):
        assert department == department_of[category]


def test_a_few_hundred_needs_from_most_schools_raised_by_their_leaders(demo):
    needs = _needs(demo)
    assert 250 <= needs.count() <= 400
    schools = School.objects.filter(district=demo.district).count()
    assert needs.values("school").distinct().count() >= 0.8 * schools
    leaders = set(
        Membership.objects.filter(district=demo.district, role__in=SCHOOL_LEADERS).values_list(
            "person_id", "school_id"
        )
    )
    assert set(needs.values_list("raised_by_id", "school_id")) <= leaders
    assert set(needs.values_list("state", flat=True)) == set(NeedState.values)
    oldest = needs.order_by("raised_at").first().raised_at
    assert timezone.now() - oldest > dt.timedelta(days=150)  # about five to six months
    assert needs.filter(raised_at__gt=timezone.now()).count() == 0


def test_every_need_moved_only_as_the_rules_allow_with_consistent_times(demo):
    district = demo.district
    for need in _needs(demo).prefetch_related("events"):
        events = list(need.events.all())
        assert events[0].to_state == S.RAISED and events[0].at == need.raised_at
        state, opened = S.RAISED, need.raised_at
        for before, event in pairwise(events):
            assert event.at > before.at, need
            assert event.from_state == state
            if event.to_state == state:  # a step that is not a move: linked to an issue
                assert event.note.startswith("Linked to the issue") and need.issue_id
                continue
            assert event.to_state in allowed_moves(state, department=True, school=True)
            state = event.to_state
            opened = event.at if state == S.RAISED else opened
        assert state == need.state
        # Due by the urgency's target from when it was (last) raised, as the rules say.
        assert need.due_at == due_at(opened, target_days(district, need.urgency))
        if need.acknowledged_at:
            assert need.acknowledged_at > need.raised_at
        if need.state in (S.ANSWERED, S.CLOSED):
            assert need.answer and need.answered_at > need.acknowledged_at
        if need.state == S.DECLINED:
            assert need.declined_reason and need.answered_at > need.raised_at
        if need.state == S.CLOSED:
            assert need.closed_at > need.answered_at
        for comment in need.comments.all():
            assert comment.created_at > need.raised_at and comment.author is not None


def test_some_needs_were_reopened_and_answered_again(demo):
    reopened = _needs(demo).filter(events__from_state=S.ANSWERED, events__to_state=S.RAISED)
    assert reopened.exists()
    principal_school = Person.objects.get(user__username="principal").school
    assert reopened.filter(school=principal_school).exists()


def test_comments_run_both_ways(demo):
    needs = _needs(demo)
    school_side = needs.filter(comments__author__username__in=["principal", "assistant_principal"])
    district_side = needs.filter(comments__author__username__in=["dept_lead", "dept_staff"])
    assert school_side.exists() and district_side.exists()


def test_students_and_families_rises_in_the_last_four_weeks_and_nothing_else_does(demo):
    """The raw counts of the last four weeks against the mean of the three four-week
    windows before them, and the patterns page's own rule, which flags that one only."""
    rising = rising_needs(user=_user("superintendent"), district=demo.district)
    assert [row.category for row in rising] == [PLANTED["rising"]]
    needs, now = _needs(demo), timezone.now()
    for category in NeedCategory.values:
        last, *before = _windows(needs, category, now)
        usual = sum(before) / len(before)
        if category == PLANTED["rising"]:
            assert last >= 20 and last >= 3 * usual, (category, last, before)
        else:
            assert last <= usual, (category, last, before)
    recent = needs.filter(category=PLANTED["rising"], raised_at__gt=now - FOUR_WEEKS)
    schools = School.objects.filter(district=demo.district).count()
    assert recent.values("school").distinct().count() >= min(10, schools)


def test_overdue_needs_all_sit_in_one_departments_queue_before_its_other_open_needs(demo):
    now = timezone.now()
    open_needs = list(_needs(demo).filter(state__in=OPEN_STATES).select_related("department"))
    overdue = [n for n in open_needs if is_overdue(state=n.state, due=n.due_at, now=now)]
    assert len(overdue) >= 6
    assert {n.department.code for n in overdue} == {PLANTED["overdue_department"]}
    assert {n.state for n in overdue} > {S.RAISED}
    # The demo's department lead answers that department: overdue and waiting needs both.
    lead = _user("dept_lead")
    queue = access.visible_needs(lead, demo.district).filter(state__in=OPEN_STATES)
    assert {n.pk for n in overdue} <= set(queue.values_list("pk", flat=True))
    assert queue.filter(due_at__gt=now).exists()


def _words(need: Need) -> set[str]:
    return set(re.findall(r"[a-z]+", f"{need.title} {need.description}".lower()))


def _similarity(a: Need, b: Need) -> float:
    words_a, words_b = _words(a), _words(b)
    return len(words_a & words_b) / len(words_a | words_b)


def test_near_duplicates_from_five_schools_and_an_issue_linking_four(demo):
    issue = NeedIssue.objects.get(district=demo.district)
    linked = list(issue.needs.all())
    assert len(linked) == PLANTED["linked_to_issue"]
    assert issue.answered_at is None and not issue.answer
    for need in linked:  # the link is a step the school sees on the need
        assert need.events.filter(note__contains=issue.title, at__gt=need.raised_at).exists()
    assert {n.category for n in linked} == {issue.category}
    assert {n.department_id for n in linked} == {issue.department_id}
    unlinked = [
        n
        for n in _needs(demo).filter(category=issue.category, issue__isnull=True)
        if _similarity(n, linked[0]) >= 0.4
    ]
    duplicates = linked + unlinked
    assert len(duplicates) == PLANTED["duplicates"]
    assert len({n.school_id for n in duplicates}) == len(duplicates)
    assert all(n.state in OPEN_STATES for n in duplicates)
    for a, b in combinations(duplicates, 2):
        assert _similarity(a, b) >= 0.4, (a, b)
    others = _needs(demo).exclude(pk__in=[n.pk for n in duplicates]).filter(state__in=OPEN_STATES)
    assert all(_similarity(n, linked[0]) < 0.25 for n in others)
    # The patterns page's grouping finds exactly these five among every open need.
    texts = [
        NeedText(n.pk, n.category, n.school_id, n.title, n.description)
        for n in _needs(demo).filter(state__in=OPEN_STATES)
    ]
    group = next(g for g in similar_groups(texts) if linked[0].pk in g)
    assert sorted(group) == sorted(n.pk for n in duplicates)


def test_the_networks_meeting_has_an_agenda_both_ways_minutes_and_follow_ups(demo):
    now = timezone.now()
    past = PrincipalMeeting.objects.get(district=demo.district, starts_at__lt=now)
    lead = Person.objects.get(user__username="network_lead")
    assert past.network == Network.objects.get(
        membership__person=lead, membership__role=Role.NETWORK_LEAD
    )
    principals = Person.objects.filter(
        memberships__role=Role.PRINCIPAL, memberships__school__network=past.network
    )
    assert set(principals) <= set(past.participants.all())
    items = past.agenda_items.all()
    assert {i.direction for i in items} == set(AgendaItem.Direction.values)
    assert items.filter(proposed_by__in=principals).exists()
    assert past.minutes and past.minutes_published_at and past.agenda_published_at
    task = past.follow_ups.get(kind=FollowUp.Kind.TASK, done_at__isnull=False)
    assert task.owner == lead
    need_follow_up = past.follow_ups.get(kind=FollowUp.Kind.NEED)
    assert need_follow_up.need.raised_at > past.starts_at
    assert need_follow_up.need.raised_by in past.participants.all()
    upcoming = PrincipalMeeting.objects.get(district=demo.district, starts_at__gt=now)
    assert upcoming.agenda_published_at and upcoming.agenda_published_at < now
    assert upcoming.agenda_items.filter(status=AgendaItem.Status.PROPOSED).exists()


def test_the_dilemma_has_feedback_at_every_stage_a_reflection_and_shared_lessons(demo):
    past = PrincipalMeeting.objects.get(district=demo.district, starts_at__lt=timezone.now())
    dilemma = past.dilemmas.get()
    feedback = list(dilemma.feedback.all())
    assert [stage for stage in PROTOCOL_ORDER if stage in {f.stage for f in feedback}] == list(
        PROTOCOL_ORDER
    )
    # Written in the protocol's order, by peers in the room, never by the presenter.
    order = [PROTOCOL_ORDER.index(f.stage) for f in feedback]
    assert order == sorted(order)
    room = set(past.participants.all())
    assert all(f.author in room and f.author != dilemma.presenter for f in feedback)
    assert dilemma.stage == "done" and dilemma.reflection and dilemma.lessons
    assert dilemma.shared_at is not None


def test_the_upcoming_dilemma_is_confidential_to_the_meetings_participants(demo):
    upcoming = PrincipalMeeting.objects.get(district=demo.district, starts_at__gt=timezone.now())
    dilemma = upcoming.dilemmas.get()
    assert dilemma.shared_at is None
    assert dilemma.presenter.user.username == "principal"
    outsider = (
        Membership.objects.filter(district=demo.district, role=Role.NETWORK_LEAD)
        .exclude(network=upcoming.network)
        .first()
    )
    outsider.person.user = get_user_model().objects.create(username="outside_lead")
    outsider.person.save()
    assert dilemma in access.visible_dilemmas(_user("principal"), demo.district)
    assert dilemma not in access.visible_dilemmas(_user("superintendent"), demo.district)
    assert dilemma not in access.visible_dilemmas(_user("outside_lead"), demo.district)


def test_guidance_in_two_versions_the_second_prompted_by_the_planted_needs(demo):
    documents = GuidanceDocument.objects.filter(district=demo.district)
    assert documents.count() >= 3
    assert set(documents.values_list("kind", flat=True)) == set(GuidanceDocument.Kind.values)
    assert documents.filter(kind="guardrail", versions__schools_decide__gt="").exists()
    transport = documents.get(versions__number=2)
    first, second = transport.versions.order_by("number")
    assert second.change_summary and second.body != first.body
    assert second.effective_on > first.effective_on
    prompted = set(second.prompted_by_needs.all())
    issue = NeedIssue.objects.get(district=demo.district)
    assert set(issue.needs.all()) <= prompted
    assert {n.category for n in prompted} == {PLANTED["rising"]}
    assert second.prompted_by_items.filter(meeting__district=demo.district).exists()


def test_some_leaders_acknowledged_the_new_version_and_others_not(demo):
    transport = GuidanceDocument.objects.get(district=demo.district, versions__number=2)
    second = transport.versions.get(number=2)
    leaders = set(
        Membership.objects.filter(district=demo.district, role__in=transport.roles).values_list(
            "person_id", flat=True
        )
    )
    acknowledged = set(second.acknowledgements.values_list("person_id", flat=True))
    assert acknowledged and acknowledged < leaders
    assert len(acknowledged) >= 0.3 * len(leaders)
    principal = Person.objects.get(user__username="principal")
    assert principal.pk in leaders - acknowledged
    for row in second.acknowledgements.all():
        assert row.acknowledged_at.date() >= second.effective_on
        assert second.created_at < row.acknowledged_at < timezone.now()


def test_the_demo_log_ins_have_notifications(demo):
    notifications = Notification.objects.filter(district=demo.district)
    principal = notifications.filter(user__username="principal")
    assert {n.kind for n in principal} >= {
        Notification.Kind.NEED_ANSWERED,
        Notification.Kind.GUIDANCE_TO_ACKNOWLEDGE,
        Notification.Kind.AGENDA_PUBLISHED,
    }
    assert principal.filter(read_at__isnull=True).exists()
    assert principal.filter(read_at__isnull=False).exists()
    assert all(n.url.startswith("/voice/") for n in notifications)
    assert all(n.created_at < timezone.now() for n in notifications)
    usernames = set(notifications.values_list("user__username", flat=True))
    assert usernames == {"principal", "assistant_principal", "coach", "dept_lead"}
    # The department lead is told about needs of its queue that are past due.
    for notification in notifications.filter(user__username="dept_lead"):
        pk = int(notification.url.rstrip("/").rsplit("/", 1)[1])
        need = Need.objects.get(pk=pk)
        assert is_overdue(state=need.state, due=need.due_at, now=timezone.now())


def test_everything_the_demo_writes_passes_the_models_validation(demo):
    district = demo.district
    rows = [
        *Need.objects.filter(district=district),
        *NeedIssue.objects.filter(district=district),
        *PrincipalMeeting.objects.filter(district=district),
        *AgendaItem.objects.filter(meeting__district=district),
        *FollowUp.objects.filter(meeting__district=district),
        *GuidanceDocument.objects.filter(district=district),
    ]
    assert len(rows) > 250
    for row in rows:
        row.full_clean()
    for document in GuidanceDocument.objects.filter(district=district):
        for version in document.versions.all():
            version.full_clean()
        assert set(document.roles) <= {r.value for r in ACKNOWLEDGING_ROLES}


def _signature(district: District, anchor: dt.datetime) -> list[tuple]:
    def since(at):
        return at - anchor if at else None

    return sorted(
        (
            n.school.code,
            n.raised_by.staff_id,
            n.title,
            n.category,
            n.urgency,
            n.state,
            since(n.raised_at),
            since(n.due_at),
            since(n.answered_at),
            n.answer,
            n.issue is not None,
            n.events.count(),
            n.comments.count(),
        )
        for n in Need.objects.filter(district=district).select_related("school", "raised_by")
    )


def test_the_voice_demo_is_the_same_from_the_same_seed_and_day(demo):
    day = dt.date(2026, 3, 2)
    voice_remove(demo.district)
    voice_build(district=demo.district, seed=7, today=day)
    first = _signature(demo.district, anchor_of(day))
    voice_remove(demo.district)
    assert not Need.objects.filter(district=demo.district).exists()
    voice_build(district=demo.district, seed=7, today=day)
    assert _signature(demo.district, anchor_of(day)) == first


def test_rebuilding_the_demo_removes_its_voice_data_first(demo, tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        rebuilt = demo_build(seed=7, students=2500, replace=True, load_data=False)
    assert District.objects.filter(code="demo").count() == 1
    assert Need.objects.filter(district=rebuilt.district).count() >= 250
    assert not Need.objects.exclude(district__in=District.objects.all()).exists()
