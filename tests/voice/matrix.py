"""Authorization-matrix rows of the voice-and-guidance URLs, gathered by the matrix test.

The matrix objects, each built once per test (later calls find it):
- a need raised by North One's principal about instruction, routed to the cast's
  department (Teaching and Learning, led by ``department_lead``);
- a North network meeting convened by the North lead, with the principals of North One
  and North Two taking part;
- a confidential dilemma North One's principal brings to that meeting;
- guidance of the cast's department for the principals of every school, in one version.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, PEOPLE, Row, expect

CABINET = {"superintendent", "sysadmin"}
# The district's staff read the anonymised patterns and the section's overview.
STAFF = EVERYONE_SIGNED_IN - {"partner", "family"}
# The matrix need: its school's principal, the department it is routed to, the school's
# network lead and the cabinet read it; the department and the cabinet answer it.
NEED_READERS = CABINET | {"department_lead", "north_lead", "principal_north_1"}
NEED_ANSWERERS = CABINET | {"department_lead"}
SCHOOL_LEADERS_N1 = {"principal_north_1"}
# The matrix meeting: district-wide roles, its network's lead and its participants read it.
MEETING_READERS = DISTRICT_WIDE | {"north_lead", "principal_north_1", "principal_north_2"}
MEETING_RUNNERS = CABINET | {"north_lead"}
MEETING_PARTICIPANTS = {"north_lead", "principal_north_1", "principal_north_2"}
# The matrix dilemma is confidential to the meeting's room; North One's principal presents.
DILEMMA_ROOM = MEETING_PARTICIPANTS
DILEMMA_PRESENTER = {"principal_north_1"}
# The matrix guidance: for principals of every school; the department and cabinet edit.
GUIDANCE_READERS = DISTRICT_WIDE | {
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
}
GUIDANCE_EDITORS = CABINET | {"department_lead"}
POST_ONLY_FOR = {p: 405 for p in PEOPLE}


def post_only(reach: set[str]) -> dict:
    """A POST-only URL: GET answers 405 to those who reach it, 404 to the rest."""
    table = expect(set())
    table.update({p: 405 for p in reach})
    return table


def person(cast, name: str):
    return cast[name].people.get(district=cast.district)


def matrix_need(cast):
    """North One's need about instruction, routed to Teaching and Learning."""
    from districtwise.voice.models import Need
    from tests import factories as f

    found = Need.objects.filter(district=cast.district, title="Matrix need").first()
    return found or f.NeedFactory(
        district=cast.district,
        school=cast.north_1,
        raised_by=person(cast, "principal_north_1"),
        title="Matrix need",
        category="instruction",
        department=cast.department,
    )


def matrix_meeting(cast):
    """The North network's meeting, with North One's and North Two's principals."""
    from districtwise.voice.models import PrincipalMeeting
    from tests import factories as f

    found = PrincipalMeeting.objects.filter(district=cast.district, title="Matrix meeting")
    if found.exists():
        return found.get()
    meeting = f.PrincipalMeetingFactory(
        district=cast.district,
        network=cast.north,
        title="Matrix meeting",
        convened_by=person(cast, "north_lead"),
    )
    for name in ("principal_north_1", "principal_north_2"):
        f.MeetingParticipantFactory(meeting=meeting, person=person(cast, name))
    return meeting


def matrix_dilemma(cast):
    """North One's principal's confidential dilemma at the matrix meeting."""
    from districtwise.voice.models import Dilemma
    from tests import factories as f

    meeting = matrix_meeting(cast)
    found = Dilemma.objects.filter(meeting=meeting, title="Matrix dilemma").first()
    return found or f.DilemmaFactory(
        meeting=meeting, presenter=person(cast, "principal_north_1"), title="Matrix dilemma"
    )


def matrix_document(cast):
    """Teaching and Learning's guidance for every school's principal, in one version."""
    from districtwise.voice.models import GuidanceDocument
    from tests import factories as f

    found = GuidanceDocument.objects.filter(district=cast.district, title="Matrix guidance")
    if found.exists():
        return found.get()
    document = f.GuidanceDocumentFactory(
        district=cast.district, department=cast.department, title="Matrix guidance"
    )
    f.GuidanceVersionFactory(document=document, number=1)
    return document


def matrix_version(cast):
    """The matrix guidance's current version."""
    return matrix_document(cast).versions.order_by("-number").first()


ROWS: dict[str, Row] = {
    "voice:overview": (lambda c: reverse("voice:overview"), expect(STAFF)),
}


# ---- needs ----
# The outsider leads a school of their own district, where they raise needs too.
NEED_RAISERS = {"principal_north_1", "principal_north_2", "principal_south_1", "outsider"}
QUEUE_WORKERS = CABINET | {"department_lead"}


def matrix_need_attachment(cast):
    """A photo kept with the matrix need (the file written under the test's DATA_DIR)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from districtwise.voice.models import NeedAttachment
    from districtwise.voice.services.needs_attachments import need_attachment_add
    from tests.improvement.test_cycles_attachments import tiny_png

    need = matrix_need(cast)
    found = NeedAttachment.objects.filter(need=need).first()
    return found or need_attachment_add(
        actor=cast["principal_north_1"],
        need=need,
        upload=SimpleUploadedFile("damage.png", tiny_png()),
    )


def _need_url(name: str):
    return lambda c: reverse(name, args=[matrix_need(c).pk])


ROWS |= {
    "voice:needs": (lambda c: reverse("voice:needs"), expect(STAFF)),
    "voice:needs_export": (lambda c: reverse("voice:needs_export"), expect(STAFF)),
    "voice:need_raise": (lambda c: reverse("voice:need_raise"), expect(NEED_RAISERS)),
    "voice:need": (_need_url("voice:need"), expect(NEED_READERS)),
    # Moves, comments and routing are POSTs (tests/voice/test_needs_pages.py holds the write
    # side: the need's school and department act, its other readers get 403).
    "voice:need_move": (_need_url("voice:need_move"), post_only(NEED_READERS)),
    "voice:need_comment": (_need_url("voice:need_comment"), post_only(NEED_READERS)),
    "voice:need_route": (_need_url("voice:need_route"), post_only(NEED_READERS)),
    "voice:need_attachment": (
        lambda c: reverse("voice:need_attachment", args=[matrix_need_attachment(c).pk]),
        expect(NEED_READERS),
    ),
    "voice:queue": (lambda c: reverse("voice:queue"), expect(QUEUE_WORKERS)),
    "voice:queue_department": (
        lambda c: reverse("voice:queue_department", args=[c.department.pk]),
        expect(QUEUE_WORKERS),
    ),
    "voice:queue_export": (lambda c: reverse("voice:queue_export"), expect(QUEUE_WORKERS)),
    "voice:routes": (lambda c: reverse("voice:routes"), expect(STAFF)),
}
# ---- end needs ----
