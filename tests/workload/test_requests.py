"""The data-request registry: registering requests (and refusing bad ones), the
vocabulary, consolidation, what each person sees, and that every write is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from districtwise.core.models import AuditEntry
from districtwise.workload.models import DataRequest, RequestField
from districtwise.workload.selectors import requests as selectors
from tests import factories as f

pytestmark = pytest.mark.django_db


def _field(cast, name, minutes=15, synonyms=(), held=("", "")):
    return f.RequestFieldFactory(
        district=cast.district,
        name=name,
        minutes_per_school=minutes,
        synonyms=list(synonyms),
        held_file=held[0],
        held_column=held[1],
    )


def _request(cast, department, fields, *, title, audience="all", schools=(), frequency="monthly"):
    data_request = f.DataRequestFactory(
        department=department, title=title, audience=audience, frequency=frequency
    )
    data_request.schools.set(schools)
    for n, field in enumerate(fields):
        f.DataRequestLineFactory(request=data_request, field=field, position=n)
    return data_request


def _form(cast, **changes):
    due = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "department": cast.department.pk,
        "title": "Reading benchmark scores",
        "purpose": "To plan interventions",
        "lines": "Reading benchmark score\nEnglish learner flag\nBus route",
        "frequency": "monthly",
        "due_on": due.isoformat(),
        "audience": "list",
        "schools": [cast.north_1.pk, cast.north_2.pk],
    }
    return data | changes


# ---- registering a request ----


def test_a_department_lead_registers_a_request_with_lines_matched_to_the_vocabulary(
    cast, client_as
):
    reading = _field(cast, "Reading benchmark score")
    ell = _field(cast, "ELL status", synonyms=["English learner flag", "EL indicator"])
    response = client_as("department_lead").post(reverse("workload:request_create"), _form(cast))
    assert response.status_code == 302
    data_request = DataRequest.objects.get(title="Reading benchmark scores")
    assert [(line.text, line.field) for line in data_request.lines.all()] == [
        ("Reading benchmark score", reading),
        ("English learner flag", ell),
        ("Bus route", None),  # unmatched: kept as written, to be mapped later
    ]
    assert set(data_request.schools.all()) == {cast.north_1, cast.north_2}
    entry = AuditEntry.objects.get(
        object_type="workload.datarequest", object_id=str(data_request.pk)
    )
    assert entry.action == "create" and entry.actor == cast["department_lead"]
    assert entry.changes["fields"][1] == [
        "Reading benchmark score",
        "English learner flag",
        "Bus route",
    ]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"due_on": "2020-01-06"}, "due_on", "is before today"),
        ({"schools": []}, "schools", "at least one school"),
        ({"lines": "  \n\n"}, "lines", "at least one field"),
    ],
)
def test_a_bad_request_is_refused_with_a_clear_message_and_nothing_saved(
    cast, client_as, changes, field, words
):
    response = client_as("department_lead").post(
        reverse("workload:request_create"), _form(cast, **changes)
    )
    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved" in response.content.decode()
    assert not DataRequest.objects.filter(district=cast.district).exists()
    assert not AuditEntry.objects.filter(object_type="workload.datarequest").exists()


def test_a_department_lead_may_not_send_for_another_department(cast, client_as):
    other = f.DepartmentFactory(district=cast.district, name="Operations")
    response = client_as("department_lead").post(
        reverse("workload:request_create"), _form(cast, department=other.pk)
    )
    assert response.status_code == 400
    assert not DataRequest.objects.filter(district=cast.district).exists()


def test_a_principal_sees_the_form_is_not_theirs_403(cast, client_as):
    response = client_as("principal_north_1").post(reverse("workload:request_create"), _form(cast))
    assert response.status_code == 403
    assert not DataRequest.objects.filter(district=cast.district).exists()


# ---- editing: owner can, reader 403, outsider 404 ----


def test_the_owner_edits_and_the_change_is_audited(cast, client_as):
    data_request = _request(cast, cast.department, [_field(cast, "Attendance")], title="Old")
    url = reverse("workload:request_edit", args=[data_request.pk])
    data = _form(cast, title="New title", due_on=data_request.due_on.isoformat())
    assert client_as("department_lead").post(url, data).status_code == 302
    data_request.refresh_from_db()
    assert data_request.title == "New title"
    entry = AuditEntry.objects.get(action="update", object_id=str(data_request.pk))
    assert entry.changes["title"] == ["Old", "New title"]


def test_another_departments_lead_or_a_principal_may_read_but_not_edit(cast, client_as):
    other = f.DepartmentFactory(district=cast.district, name="Operations")
    data_request = _request(cast, other, [_field(cast, "Attendance")], title="Theirs")
    url = reverse("workload:request_edit", args=[data_request.pk])
    assert client_as("department_lead").post(url, _form(cast)).status_code == 403
    assert client_as("principal_north_1").post(url, _form(cast)).status_code == 403
    data_request.refresh_from_db()
    assert data_request.title == "Theirs"


def test_an_outsider_or_a_principal_of_another_school_gets_404(cast, client_as):
    data_request = _request(
        cast,
        cast.department,
        [_field(cast, "X")],
        title="South only",
        audience="list",
        schools=[cast.south_1],
    )
    for name in ("outsider", "principal_north_1"):
        url = reverse("workload:request_detail", args=[data_request.pk])
        assert client_as(name).get(url).status_code == 404
    assert client_as("principal_south_1").get(url).status_code == 200


# ---- the vocabulary ----


def test_the_data_team_adds_a_field_and_waiting_lines_are_matched(cast, client_as):
    data_request = _request(cast, cast.department, [], title="Asks home language")
    line = f.DataRequestLineFactory(request=data_request, text="Language spoken at home")
    response = client_as("data_steward").post(
        reverse("workload:request_field_create"),
        {
            "name": "Home language",
            "minutes_per_school": "20",
            "synonyms": "Language spoken at home\nPrimary home language",
            "held": "enrollments.csv:english_learner",
        },
    )
    assert response.status_code == 302
    field = RequestField.objects.get(name="Home language")
    assert field.held and field.synonyms == ["Language spoken at home", "Primary home language"]
    line.refresh_from_db()
    assert line.field == field
    assert AuditEntry.objects.filter(object_type="workload.requestfield", action="create").exists()


def test_a_synonym_already_used_by_another_field_is_refused(cast, client_as):
    _field(cast, "ELL status", synonyms=["EL indicator"])
    response = client_as("data_steward").post(
        reverse("workload:request_field_create"),
        {"name": "English learner", "minutes_per_school": "5", "synonyms": "EL Indicator"},
    )
    assert response.status_code == 400
    assert "already names the field “ELL status”" in response.content.decode()
    assert not RequestField.objects.filter(name="English learner").exists()


def test_a_department_lead_may_not_change_the_vocabulary(cast, client_as):
    response = client_as("department_lead").post(
        reverse("workload:request_field_create"), {"name": "X", "minutes_per_school": "5"}
    )
    assert response.status_code == 403
    assert not RequestField.objects.filter(name="X").exists()


def test_the_owner_maps_an_unmatched_line(cast, client_as):
    field = _field(cast, "Bus route")
    data_request = _request(cast, cast.department, [], title="Transport")
    line = f.DataRequestLineFactory(request=data_request, text="Which bus")
    url = reverse("workload:request_line_map", args=[data_request.pk, line.pk])
    assert client_as("principal_north_1").post(url, {"field": field.pk}).status_code == 403
    assert client_as("department_lead").post(url, {"field": field.pk}).status_code == 302
    line.refresh_from_db()
    assert line.field == field


# ---- overlaps and consolidation ----


def _overlapping(cast):
    """Teaching and Learning and Data and Assessment both ask every school for reading
    scores monthly; Data and Assessment also asks for home language, which is held."""
    data_team = f.DepartmentFactory(district=cast.district, name="Data and Assessment")
    reading = _field(cast, "Reading benchmark score", minutes=30)
    language = _field(cast, "Home language", minutes=6, held=("enrollments.csv", "english_learner"))
    a = _request(cast, cast.department, [reading], title="Reading (T&L)")
    b = _request(cast, data_team, [reading, language], title="Reading (D&A)")
    return a, b, reading, language


def test_the_overlaps_page_proposes_the_merge_and_the_data_team_consolidates(cast, client_as):
    a, b, reading, language = _overlapping(cast)
    client = client_as("data_steward")
    page = client.get(reverse("workload:request_overlaps"))
    (proposal,) = page.context["proposals"]
    assert proposal.requests == [a, b]
    assert proposal.fields == [reading] and proposal.dropped_held == [language]
    response = client.post(
        reverse("workload:request_consolidate"),
        {"request_ids": proposal.request_ids, "title": "Reading benchmark, once"},
    )
    merged = DataRequest.objects.get(title="Reading benchmark, once")
    assert response.url == reverse("workload:request_detail", args=[merged.pk])
    assert [line.field for line in merged.lines.all()] == [reading]  # home language left out
    assert merged.audience == "all" and merged.frequency == "monthly"
    for original in (a, b):
        original.refresh_from_db()
        assert original.status == "merged" and original.merged_into == merged
    inbox = client_as("principal_north_1").get(
        reverse("workload:request_inbox", args=[cast.north_1.pk])
    )
    assert list(inbox.context["requests"]) == [merged]  # the school sees one request
    original_url = reverse("workload:request_detail", args=[a.pk])
    assert client_as("principal_north_1").get(original_url).status_code == 404
    steward = client_as("data_steward")
    assert steward.get(original_url).status_code == 200  # the data team keeps the history
    assert (
        AuditEntry.objects.filter(object_type="workload.datarequest", action="update").count() == 2
    )


def test_only_the_data_team_consolidates(cast, client_as):
    a, b, *_ = _overlapping(cast)
    response = client_as("department_lead").post(
        reverse("workload:request_consolidate"), {"request_ids": f"{a.pk},{b.pk}"}
    )
    assert response.status_code == 403
    assert (
        client_as("principal_north_1")
        .post(reverse("workload:request_consolidate"), {"request_ids": f"{a.pk},{b.pk}"})
        .status_code
        == 404
    )
    assert DataRequest.objects.filter(status="merged").count() == 0


def test_consolidating_twice_is_refused_and_changes_nothing(cast, client_as):
    a, b, *_ = _overlapping(cast)
    client = client_as("data_steward")
    client.post(reverse("workload:request_consolidate"), {"request_ids": f"{a.pk},{b.pk}"})
    response = client.post(
        reverse("workload:request_consolidate"), {"request_ids": f"{a.pk},{b.pk}"}, follow=True
    )
    assert "Nothing was merged" in response.content.decode()
    assert DataRequest.objects.filter(district=cast.district).count() == 3


def test_hours_saved_after_consolidation_by_hand(cast, client_as):
    a, b, *_ = _overlapping(cast)
    # Three schools, monthly (10 a year). Before: a 30 x 3 x 10 = 900 minutes = 15 h;
    # b (30 + 6) x 3 x 10 = 1080 = 18 h. Total 33 h.
    # After: one request, reading only: 900 minutes = 15 h. Saved 18 h, of which the
    # held home language 6 x 3 x 10 = 180 minutes = 3 h.
    client_as("data_steward").post(
        reverse("workload:request_consolidate"), {"request_ids": f"{a.pk},{b.pk}"}
    )
    summary = selectors.hours_summary(user=cast["data_steward"], district=cast.district)
    assert summary.district.before == Decimal(33)
    assert summary.district.after == Decimal(15)
    assert summary.district.saved == Decimal(18)
    assert summary.district.held_removed == Decimal(3)
    # The merged 15 h are shared 15:18 between a and b.
    by_title = {row.label: row.saving for row in summary.requests}
    assert round(by_title["Reading (T&L)"].after, 6) == round(Decimal(15) * 15 / 33, 6)
    page = client_as("superintendent").get(reverse("workload:request_hours"))
    body = page.content.decode()
    assert "18.0 hours a year saved" in body and "<svg" in body and "Show as a table" in body


# ---- pages: who sees what ----


def test_the_held_page_lists_requests_still_asking_held_fields(cast, client_as):
    _a, b, _reading, language = _overlapping(cast)
    page = client_as("data_steward").get(reverse("workload:request_held"))
    (held,) = page.context["held"]
    assert held.field == language and held.requests == [b]


def test_a_principal_sees_only_active_requests_to_their_school(cast, client_as):
    mine = _request(
        cast,
        cast.department,
        [_field(cast, "A")],
        title="Mine",
        audience="list",
        schools=[cast.north_1],
    )
    _request(
        cast,
        cast.department,
        [_field(cast, "B")],
        title="South",
        audience="list",
        schools=[cast.south_1],
    )
    network = _request(
        cast, cast.department, [_field(cast, "C")], title="North network", audience="network"
    )
    network.network = cast.north
    network.save()
    page = client_as("principal_north_1").get(reverse("workload:request_list"))
    assert {r.title for r in page.context["requests"]} == {"Mine", "North network"}
    assert (
        client_as("principal_north_1")
        .get(reverse("workload:request_inbox", args=[cast.south_1.pk]))
        .status_code
        == 404
    )
    assert mine in client_as("north_lead").get(reverse("workload:request_list")).context["requests"]


def test_the_registry_filters_by_department_school_and_status(cast, client_as):
    other = f.DepartmentFactory(district=cast.district, name="Operations")
    _request(cast, cast.department, [], title="Ours", audience="list", schools=[cast.north_1])
    _request(cast, other, [], title="Theirs")
    client = client_as("superintendent")
    url = reverse("workload:request_list")
    titles = lambda **q: {r.title for r in client.get(url, q).context["requests"]}  # noqa: E731
    assert titles(department=other.pk) == {"Theirs"}
    assert titles(school=cast.south_1.pk) == {"Theirs"}
    assert titles(status="merged") == set()
    assert titles() == {"Ours", "Theirs"}


def test_editing_a_field_is_audited_before_and_after(cast, client_as):
    field = _field(cast, "Absences", minutes=10)
    response = client_as("data_steward").post(
        reverse("workload:request_field_edit", args=[field.pk]),
        {"name": "Absences", "minutes_per_school": "25", "held": "attendance.csv:days_absent"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_type="workload.requestfield", action="update")
    assert entry.changes["minutes_per_school"] == [10, 25]
    assert entry.changes["held_column"] == ["", "days_absent"]


def test_a_held_column_not_in_the_data_contract_is_refused(cast, client_as):
    response = client_as("data_steward").post(
        reverse("workload:request_field_create"),
        {"name": "Shoe size", "minutes_per_school": "5", "held": "students.csv:shoe_size"},
    )
    assert response.status_code == 400
    assert not RequestField.objects.filter(name="Shoe size").exists()
