"""Need pages: raising (names warned before saving, attachments checked with nothing
lost), the need page's moves (the school and its department act, a reader is refused 403,
an outsider finds nothing), comments, routing by hand, the queue overdue first, the
routes page and the CSV exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from districtwise.core.roles import Role
from districtwise.voice.models import Need, NeedAttachment, NeedRoute, NeedState, Urgency
from districtwise.voice.selectors.needs import department_queue
from tests import factories as f
from tests.access_matrix import person
from tests.improvement.test_cycles_attachments import tiny_png
from tests.voice.matrix import matrix_need

pytestmark = pytest.mark.django_db
S = NeedState
RAISE = reverse("voice:need_raise")


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return settings.DATA_DIR


def form_data(cast, **changes):
    data = {
        "school": cast.north_1.pk,
        "title": "Readers for grade 3",
        "description": "One set of readers for three classes since September.",
        "category": "instruction",
        "urgency": Urgency.SOON,
        "students_affected": "72",
    }
    return data | changes


def stored(data_dir) -> list:
    folder = data_dir / "voice"
    return sorted(folder.iterdir()) if folder.exists() else []


# ---------------------------------------------------------------- raising


def test_a_principal_raises_a_need_and_lands_on_it_routed(client_as, cast):
    f.NeedRouteFactory(district=cast.district, category="instruction", department=cast.department)
    response = client_as("principal_north_1").post(RAISE, form_data(cast))
    need = Need.objects.get(title="Readers for grade 3")
    assert response.status_code == 302 and response.url == reverse("voice:need", args=[need.pk])
    assert need.school == cast.north_1 and need.department == cast.department
    assert need.raised_by == person(cast, "principal_north_1")
    page = client_as("principal_north_1").get(response.url)
    assert b"sent to Teaching and Learning" in page.content


def test_names_in_the_text_are_warned_before_saving_and_nothing_typed_is_lost(client_as, cast):
    client = client_as("principal_north_1")
    text = "Maria Lopez and two others have no readers."
    response = client.post(RAISE, form_data(cast, description=text))
    assert response.status_code == 400
    assert not Need.objects.filter(title="Readers for grade 3").exists()
    page = response.content.decode()
    assert "Check for students' names" in page and "“Maria Lopez”" in page
    assert text in page and 'value="Readers for grade 3"' in page
    assert "I checked and there are no students" in page

    confirmed = client.post(RAISE, form_data(cast, description=text, names_checked="on"))
    assert confirmed.status_code == 302
    assert Need.objects.get(title="Readers for grade 3").description == text


def test_a_file_too_large_is_refused_with_its_size_and_nothing_is_saved(
    client_as, cast, settings, data_dir
):
    settings.VOICE_ATTACHMENT_MAX_BYTES = 50
    upload = SimpleUploadedFile("letter.txt", b"a plain letter about the readers " * 4)
    response = client_as("principal_north_1").post(RAISE, form_data(cast, attachment=upload))
    assert response.status_code == 400
    assert "letter.txt is 0.0 MB; the largest file a need keeps is 0.0 MB." in (
        response.content.decode()
    )
    assert "choose the attachment again" in response.content.decode()
    assert not Need.objects.filter(title="Readers for grade 3").exists()
    assert stored(data_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "is not a kind of file"),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00", "is not a kind of file a need keeps"),
        ("photo.png", b"%PDF-1.7\n", "holds a PDF document but its name does not end in .pdf"),
    ],
)
def test_a_forbidden_kind_of_file_is_refused_by_its_content(
    client_as, cast, data_dir, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    response = client_as("principal_north_1").post(RAISE, form_data(cast, attachment=upload))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Need.objects.filter(title="Readers for grade 3").exists()
    assert stored(data_dir) == []


def test_an_attachment_is_kept_and_read_back_only_by_the_needs_readers(client_as, cast, data_dir):
    upload = SimpleUploadedFile("damage.png", tiny_png())
    client_as("principal_north_1").post(RAISE, form_data(cast, attachment=upload))
    attachment = NeedAttachment.objects.get()
    assert attachment.content_type == "image/png" and len(stored(data_dir)) == 1
    url = reverse("voice:need_attachment", args=[attachment.pk])
    download = client_as("north_lead").get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == tiny_png()
    assert client_as("principal_south_1").get(url).status_code == 404


def test_a_leader_of_two_schools_picks_which_and_not_a_school_they_do_not_lead(client_as, cast):
    f.MembershipFactory(
        person=person(cast, "principal_north_1"), role=Role.ASSISTANT_PRINCIPAL, school=cast.north_2
    )
    client = client_as("principal_north_1")
    page = client.get(RAISE).content.decode()
    assert 'name="school"' in page and "North Two Middle" in page
    assert client.post(RAISE, form_data(cast, school=cast.north_2.pk)).status_code == 302
    assert Need.objects.get(title="Readers for grade 3").school == cast.north_2
    refused = client.post(RAISE, form_data(cast, school=cast.south_1.pk, title="Elsewhere"))
    assert refused.status_code == 400 and not Need.objects.filter(title="Elsewhere").exists()


# ---------------------------------------------------------------- moves and comments


def move(client, need, to_state, note=""):
    url = reverse("voice:need_move", args=[need.pk])
    return client.post(url, {"to_state": to_state, "note": note})


def test_the_department_acknowledges_and_a_reader_who_only_follows_is_refused(client_as, cast):
    need = matrix_need(cast)
    assert move(client_as("department_lead"), need, S.ACKNOWLEDGED).status_code == 302
    need.refresh_from_db()
    assert need.state == S.ACKNOWLEDGED
    assert move(client_as("north_lead"), need, S.IN_PROGRESS).status_code == 403
    assert move(client_as("principal_south_1"), need, S.IN_PROGRESS).status_code == 404
    need.refresh_from_db()
    assert need.state == S.ACKNOWLEDGED


def test_the_page_offers_each_viewer_only_their_moves(client_as, cast):
    need = matrix_need(cast)
    url = reverse("voice:need", args=[need.pk])
    lead_page = client_as("department_lead").get(url).content.decode()
    assert ">Acknowledge</button>" in lead_page and ">Decline</button>" in lead_page
    school_page = client_as("principal_north_1").get(url).content.decode()
    assert "Acknowledge</button>" not in school_page and "Add the comment" in school_page
    follower = client_as("north_lead").get(url).content.decode()
    assert "What you can do" not in follower and "Add the comment" not in follower


def test_a_refused_move_shows_the_rules_message(client_as, cast):
    need = matrix_need(cast)
    response = move(client_as("principal_north_1"), need, S.ACKNOWLEDGED)
    assert response.status_code == 400
    assert "A need that is raised cannot be moved to acknowledged by you" in (
        response.content.decode()
    )


def test_answering_without_the_answer_is_told_next_to_the_field(client_as, cast):
    need = matrix_need(cast)
    client = client_as("department_lead")
    move(client, need, S.ACKNOWLEDGED)
    response = move(client, need, S.ANSWERED, "  ")
    assert response.status_code == 400
    assert 'id="note-answered-error"' in response.content.decode()
    need.refresh_from_db()
    assert need.state == S.ACKNOWLEDGED


def test_comments_run_both_ways_and_only_between_the_school_and_its_department(client_as, cast):
    need = matrix_need(cast)
    url = reverse("voice:need_comment", args=[need.pk])
    assert client_as("principal_north_1").post(url, {"body": "Any news?"}).status_code == 302
    assert client_as("department_lead").post(url, {"body": "Books ordered."}).status_code == 302
    assert client_as("north_lead").post(url, {"body": "Hello"}).status_code == 403
    assert client_as("principal_south_1").post(url, {"body": "Hello"}).status_code == 404
    assert list(need.comments.values_list("body", flat=True)) == ["Any news?", "Books ordered."]
    assert client_as("principal_north_1").post(url, {"body": " "}).status_code == 400


def test_the_cabinet_routes_a_need_by_hand_and_a_department_may_not(client_as, cast):
    need = matrix_need(cast)
    other = f.DepartmentFactory(district=cast.district, name="Student Services")
    url = reverse("voice:need_route", args=[need.pk])
    assert client_as("department_lead").post(url, {"department": other.pk}).status_code == 403
    assert client_as("superintendent").post(url, {"department": other.pk}).status_code == 302
    need.refresh_from_db()
    assert need.department == other


# ---------------------------------------------------------------- queue and lists


def _queued(cast, title, urgency, due_in_hours, state=S.RAISED):
    now = timezone.now()
    return f.NeedFactory(
        district=cast.district,
        school=cast.north_1,
        raised_by=person(cast, "principal_north_1"),
        department=cast.department,
        title=title,
        urgency=urgency,
        state=state,
        raised_at=now - dt.timedelta(days=3),
        due_at=now + dt.timedelta(hours=due_in_hours),
    )


def test_the_queue_puts_overdue_first_then_urgency_then_due_time(client_as, cast):
    _queued(cast, "Routine, due soon", Urgency.ROUTINE, 2)
    _queued(cast, "Alarm, due later", Urgency.ALARM, 20)
    _queued(cast, "Soon, overdue long ago", Urgency.SOON, -48)
    _queued(cast, "Routine, overdue", Urgency.ROUTINE, -1)
    _queued(cast, "Urgent, overdue", Urgency.URGENT, -2)
    _queued(cast, "Alarm, due first", Urgency.ALARM, 1)
    _queued(cast, "Answered late", Urgency.ALARM, -100, state=S.ANSWERED)
    queue = department_queue(
        user=cast["department_lead"], district=cast.district, departments=[cast.department]
    )
    assert [row.need.title for row in queue.rows] == [
        "Urgent, overdue",
        "Soon, overdue long ago",
        "Routine, overdue",
        "Alarm, due first",
        "Alarm, due later",
        "Routine, due soon",
    ]
    assert queue.overdue == 3
    assert dict(queue.counts)["Raised"] == 6 and dict(queue.counts)["Answered"] == 1
    page = client_as("department_lead").get(reverse("voice:queue")).content.decode()
    assert page.index("Urgent, overdue") < page.index("Alarm, due first")
    export = client_as("department_lead").get(reverse("voice:queue_export"))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert [r[0] for r in rows[1:4]] == [
        "Urgent, overdue",
        "Soon, overdue long ago",
        "Routine, overdue",
    ]
    assert rows[1][9] == "yes" and rows[4][9] == "no"


def test_the_queue_is_read_a_page_at_a_time_in_its_order(client_as, cast, monkeypatch):
    from districtwise.voice.views import needs as views

    _queued(cast, "Routine, due soon", Urgency.ROUTINE, 5)
    _queued(cast, "Urgent, overdue", Urgency.URGENT, -2)
    _queued(cast, "Alarm, due first", Urgency.ALARM, 1)
    monkeypatch.setattr(views, "NEEDS_PER_PAGE", 2)
    client = client_as("department_lead")
    first = client.get(reverse("voice:queue"), {"state": "open"}).content.decode()
    assert "3 needs in the queue, 1 to 2 shown." in first
    assert "Urgent, overdue" in first and "Alarm, due first" in first
    assert "Routine, due soon" not in first
    assert 'href="?page=2&amp;state=open"' in first
    second = client.get(reverse("voice:queue"), {"state": "open", "page": "2"}).content.decode()
    assert "3 needs in the queue, 3 to 3 shown." in second
    assert "Routine, due soon" in second and "Urgent, overdue" not in second
    export = client.get(reverse("voice:queue_export"))  # the export is never paged
    assert len(list(csv.reader(io.StringIO(export.content.decode())))) == 4


def test_the_cabinet_sees_unrouted_needs_in_the_queue(client_as, cast):
    f.NeedFactory(
        district=cast.district,
        school=cast.south_1,
        raised_by=person(cast, "principal_south_1"),
        title="Unrouted roof leak",
        category="facilities",
    )
    assert (
        "Unrouted roof leak"
        in client_as("superintendent").get(reverse("voice:queue")).content.decode()
    )
    assert (
        "Unrouted roof leak"
        not in client_as("department_lead").get(reverse("voice:queue")).content.decode()
    )


def test_a_network_lead_lists_their_networks_needs_only(client_as, cast):
    matrix_need(cast)
    f.NeedFactory(
        district=cast.district,
        school=cast.south_1,
        raised_by=person(cast, "principal_south_1"),
        title="South need",
    )
    north = client_as("north_lead").get(reverse("voice:needs")).content.decode()
    assert "Matrix need" in north and "South need" not in north
    south = client_as("principal_south_1").get(reverse("voice:needs") + "?state=open")
    assert "South need" in south.content.decode()
    export = client_as("north_lead").get(reverse("voice:needs_export")).content.decode()
    assert "Matrix need" in export and "South need" not in export
    filtered = client_as("principal_south_1").get(reverse("voice:needs") + "?category=safety")
    assert "South need" not in filtered.content.decode()


def test_the_cabinet_sets_routes_and_targets_and_others_only_read_them(client_as, cast):
    url = reverse("voice:routes")
    data = {"route_instruction": cast.department.pk, "days_alarm": "2"}
    assert client_as("department_lead").post(url, data).status_code == 403
    assert client_as("superintendent").post(url, data).status_code == 302
    assert NeedRoute.objects.get(district=cast.district).department == cast.department
    page = client_as("principal_north_1").get(url).content.decode()
    assert "Teaching and Learning" in page and "Needs already raised keep" in page
    bad = client_as("superintendent").post(url, {"days_alarm": "0"})
    assert bad.status_code == 400 and "greater than or equal to 1" in bad.content.decode()


def test_the_list_shows_fifty_needs_a_page_and_keeps_the_filter_across_pages(client_as, cast):
    from districtwise.voice.views.needs import NEEDS_PER_PAGE

    for n in range(NEEDS_PER_PAGE + 2):
        f.NeedFactory(
            district=cast.district,
            school=cast.north_1,
            raised_by=cast["principal_north_1"].people.get(),
            title=f"Paged need {n:03d}",
            category="facilities",
        )
    client = client_as("principal_north_1")
    first = client.get(reverse("voice:needs"), {"category": "facilities"}).content.decode()
    assert f"{NEEDS_PER_PAGE + 2} needs, 1 to {NEEDS_PER_PAGE} shown." in first
    assert "page=2&amp;category=facilities" in first
    second = client.get(reverse("voice:needs"), {"category": "facilities", "page": 2})
    assert second.content.decode().count("Paged need") == 2
