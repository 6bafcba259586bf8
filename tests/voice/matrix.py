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
