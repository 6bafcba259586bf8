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

from tests.access_matrix import (
    DISTRICT_WIDE,
    EVERYONE_SIGNED_IN,
    PEOPLE,
    Row,
    expect,
    person,
    post_only,
)

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


# ---- meetings ----
# The matrix meeting's runners change its agenda, minutes and follow-ups; its other readers
# are refused (403); the rest do not find it (404). Its participants (and runners) propose
# items; the department lead and the data steward read it but take no part (403). A
# follow-up task of the matrix meeting is owned by North One's principal.
MEETING_PROPOSERS = MEETING_RUNNERS | MEETING_PARTICIPANTS
CONVENERS = CABINET | {"north_lead", "south_lead"}


def matrix_agenda_item(cast):
    """An item on the matrix meeting's agenda."""
    from tests import factories as f

    meeting = matrix_meeting(cast)
    found = meeting.agenda_items.filter(title="Matrix item").first()
    return found or f.AgendaItemFactory(meeting=meeting, title="Matrix item", position=1)


def matrix_follow_up(cast):
    """A task from the matrix item, owned by North One's principal."""
    from districtwise.voice.models import FollowUp

    item = matrix_agenda_item(cast)
    found = FollowUp.objects.filter(agenda_item=item).first()
    return found or FollowUp.objects.create(
        meeting=item.meeting,
        agenda_item=item,
        description="Matrix follow-up",
        owner=person(cast, "principal_north_1"),
    )


def _runners_only(path):
    return (path, expect(MEETING_RUNNERS, forbidden=MEETING_READERS - MEETING_RUNNERS))


ROWS |= {
    "voice:meetings": (lambda c: reverse("voice:meetings"), expect(STAFF)),
    "voice:meeting_new": (
        lambda c: reverse("voice:meeting_new"),
        expect(CONVENERS),
    ),
    "voice:meeting": (
        lambda c: reverse("voice:meeting", args=[matrix_meeting(c).pk]),
        expect(MEETING_READERS),
    ),
    "voice:meeting_edit": _runners_only(
        lambda c: reverse("voice:meeting_edit", args=[matrix_meeting(c).pk])
    ),
    "voice:agenda_item_new": _runners_only(
        lambda c: reverse("voice:agenda_item_new", args=[matrix_meeting(c).pk])
    ),
    "voice:agenda_propose": (
        lambda c: reverse("voice:agenda_propose", args=[matrix_meeting(c).pk]),
        expect(MEETING_PROPOSERS, forbidden=MEETING_READERS - MEETING_PROPOSERS),
    ),
    "voice:minutes_edit": _runners_only(
        lambda c: reverse("voice:minutes_edit", args=[matrix_meeting(c).pk])
    ),
    "voice:agenda_item_edit": _runners_only(
        lambda c: reverse("voice:agenda_item_edit", args=[matrix_agenda_item(c).pk])
    ),
    "voice:follow_up_new": _runners_only(
        lambda c: reverse("voice:follow_up_new", args=[matrix_agenda_item(c).pk])
    ),
    "voice:agenda_publish": (
        lambda c: reverse("voice:agenda_publish", args=[matrix_meeting(c).pk]),
        post_only(MEETING_READERS),
    ),
    "voice:agenda_item_move": (
        lambda c: reverse("voice:agenda_item_move", args=[matrix_agenda_item(c).pk]),
        post_only(MEETING_READERS),
    ),
    "voice:agenda_item_remove": (
        lambda c: reverse("voice:agenda_item_remove", args=[matrix_agenda_item(c).pk]),
        post_only(MEETING_READERS),
    ),
    "voice:agenda_proposal_decide": (
        lambda c: reverse("voice:agenda_proposal_decide", args=[matrix_agenda_item(c).pk]),
        post_only(MEETING_READERS),
    ),
    "voice:follow_up_done": (
        lambda c: reverse("voice:follow_up_done", args=[matrix_follow_up(c).pk]),
        post_only(MEETING_READERS),
    ),
}
# ---- end meetings ----
# ---- patterns ----
# The patterns page reads to the district's staff (anonymised for all but the cabinet).
# The matrix issue is Teaching and Learning's and links the matrix need (North One): the
# cabinet, the department and North's lead read it; the cabinet and the department's lead
# change it. Issues are listed for the cabinet, the departments and the network leads.
ISSUE_LIST_READERS = CABINET | {"department_lead", "north_lead", "south_lead"}
ISSUE_READERS = CABINET | {"department_lead", "north_lead"}
ISSUE_EDITORS = CABINET | {"department_lead"}


def matrix_issue(cast):
    """Teaching and Learning's issue linking the matrix need."""
    from districtwise.voice.models import NeedIssue

    found = NeedIssue.objects.filter(district=cast.district, title="Matrix issue").first()
    if found:
        return found
    issue = NeedIssue.objects.create(
        district=cast.district,
        title="Matrix issue",
        category="instruction",
        department=cast.department,
    )
    need = matrix_need(cast)
    need.issue = issue
    need.save()
    return issue


ROWS |= {
    "voice:patterns": (lambda c: reverse("voice:patterns"), expect(STAFF)),
    "voice:issues": (lambda c: reverse("voice:issues"), expect(ISSUE_LIST_READERS)),
    "voice:issue_new": (lambda c: reverse("voice:issue_new"), expect(ISSUE_EDITORS)),
    "voice:issue": (
        lambda c: reverse("voice:issue", args=[matrix_issue(c).pk]),
        expect(ISSUE_READERS),
    ),
    "voice:issue_link": (
        lambda c: reverse("voice:issue_link", args=[matrix_issue(c).pk]),
        expect(ISSUE_EDITORS, forbidden=ISSUE_READERS - ISSUE_EDITORS),
    ),
    "voice:issue_unlink": (
        lambda c: reverse("voice:issue_unlink", args=[matrix_issue(c).pk]),
        post_only(ISSUE_READERS),
    ),
    "voice:issue_answer": (
        lambda c: reverse("voice:issue_answer", args=[matrix_issue(c).pk]),
        post_only(ISSUE_READERS),
    ),
}
# ---- end patterns ----
# ---- guidance ----
# Readers of the matrix guidance read the library entry, the document, its versions and the
# difference; its owners (the department and the cabinet) revise it and track who has
# acknowledged; readers who do not own it see but may not change (403). Acknowledging and
# retiring are POST only (tests/voice/test_guidance_pages.py holds the write side).
GUIDANCE_OWNED = expect(GUIDANCE_EDITORS, forbidden=GUIDANCE_READERS - GUIDANCE_EDITORS)
ROWS |= {
    "voice:guidance": (lambda c: reverse("voice:guidance"), expect(STAFF)),
    "voice:guidance_new": (lambda c: reverse("voice:guidance_new"), expect(GUIDANCE_EDITORS)),
    "voice:guidance_document": (
        lambda c: reverse("voice:guidance_document", args=[matrix_document(c).pk]),
        expect(GUIDANCE_READERS),
    ),
    "voice:guidance_version": (
        lambda c: reverse("voice:guidance_version", args=[matrix_version(c).pk]),
        expect(GUIDANCE_READERS),
    ),
    "voice:guidance_diff": (
        lambda c: reverse("voice:guidance_diff", args=[matrix_document(c).pk]),
        expect(GUIDANCE_READERS),
    ),
    "voice:guidance_revise": (
        lambda c: reverse("voice:guidance_revise", args=[matrix_document(c).pk]),
        GUIDANCE_OWNED,
    ),
    "voice:guidance_acknowledgements": (
        lambda c: reverse("voice:guidance_acknowledgements", args=[matrix_document(c).pk]),
        GUIDANCE_OWNED,
    ),
    "voice:guidance_acknowledgements_csv": (
        lambda c: reverse("voice:guidance_acknowledgements_csv", args=[matrix_document(c).pk]),
        GUIDANCE_OWNED,
    ),
    "voice:guidance_acknowledge": (
        lambda c: reverse("voice:guidance_acknowledge", args=[matrix_version(c).pk]),
        post_only(GUIDANCE_READERS),
    ),
    "voice:guidance_retire": (
        lambda c: reverse("voice:guidance_retire", args=[matrix_document(c).pk]),
        post_only(GUIDANCE_READERS),
    ),
}
# ---- end guidance ----
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
# ---- dilemmas ----
# The lessons list reads to the central office and the network leads; district staff of the
# cabinet, the departments and the network leads act on a shared lesson.
LESSON_READERS = DISTRICT_WIDE | {"north_lead", "south_lead"}
LESSON_ACTORS = CABINET | {"department_lead", "north_lead"}
# Principals taking part in the matrix meeting bring dilemmas to it.
DILEMMA_BRINGERS = {"principal_north_1", "principal_north_2"}
# Readers of a shared dilemma are the matrix meeting's readers.
SHARED_DILEMMA_READERS = MEETING_READERS


def matrix_shared_dilemma(cast):
    """A dilemma North One's principal brought to the matrix meeting and whose lessons they
    share with the district; North Two's principal left a question on it."""
    from django.utils import timezone

    from districtwise.voice.models import Dilemma, DilemmaFeedback
    from tests import factories as f

    meeting = matrix_meeting(cast)
    found = Dilemma.objects.filter(meeting=meeting, title="Matrix shared dilemma").first()
    if found:
        return found
    dilemma = f.DilemmaFactory(
        meeting=meeting,
        presenter=person(cast, "principal_north_1"),
        title="Matrix shared dilemma",
        stage="done",
        lessons="Schedule planning time before the year starts.",
        shared_at=timezone.now(),
    )
    DilemmaFeedback.objects.create(
        dilemma=dilemma,
        stage="clarifying",
        author=person(cast, "principal_north_2"),
        body="Matrix peer question kept in the room",
    )
    return dilemma


ROWS |= {
    "voice:dilemma_new": (
        lambda c: reverse("voice:dilemma_new", args=[matrix_meeting(c).pk]),
        expect(DILEMMA_BRINGERS, forbidden=MEETING_READERS - DILEMMA_BRINGERS),
    ),
    # The confidential dilemma: its room reads it; everyone else, the cabinet included,
    # gets 404. tests/voice/test_dilemmas_access.py walks the shared dilemma the same way.
    "voice:dilemma": (
        lambda c: reverse("voice:dilemma", args=[matrix_dilemma(c).pk]),
        expect(DILEMMA_ROOM),
    ),
    "voice:dilemma_advance": (
        lambda c: reverse("voice:dilemma_advance", args=[matrix_dilemma(c).pk]),
        post_only(DILEMMA_ROOM),
    ),
    "voice:dilemma_feedback": (
        lambda c: reverse("voice:dilemma_feedback", args=[matrix_dilemma(c).pk]),
        post_only(DILEMMA_ROOM),
    ),
    "voice:dilemma_record": (
        lambda c: reverse("voice:dilemma_record", args=[matrix_dilemma(c).pk]),
        expect(DILEMMA_PRESENTER, forbidden=DILEMMA_ROOM - DILEMMA_PRESENTER),
    ),
    "voice:dilemma_share": (
        lambda c: reverse("voice:dilemma_share", args=[matrix_dilemma(c).pk]),
        {
            **post_only(DILEMMA_PRESENTER),
            **{p: 403 for p in DILEMMA_ROOM - DILEMMA_PRESENTER},
        },
    ),
    "voice:lessons": (lambda c: reverse("voice:lessons"), expect(LESSON_READERS)),
    # Acting needs a shared lesson: on the confidential dilemma it answers 404 to everyone
    # (tests/voice/test_dilemmas_access.py); on the shared one, district staff act.
    "voice:lesson_act": (
        lambda c: reverse("voice:lesson_act", args=[matrix_shared_dilemma(c).pk]),
        expect(LESSON_ACTORS, forbidden=SHARED_DILEMMA_READERS - LESSON_ACTORS),
    ),
}
# ---- end dilemmas ----
