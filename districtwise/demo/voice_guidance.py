"""The demo's guidance library: four documents from four departments, guidance and
guardrails; one guardrail names what schools decide for themselves. "Telling families
about transport changes" has two versions: the second, published a week ago, says what
changed and was prompted by the schools' needs about the merged bus stops and by the
network meeting's item on them. About half the school leaders have acknowledged it."""

from __future__ import annotations

import datetime as dt

from districtwise.core.audit import audit_created
from districtwise.core.roles import Role
from districtwise.organization.models import Department
from districtwise.voice.models import (
    GuidanceAcknowledgement,
    GuidanceDocument,
    GuidanceVersion,
)

G, GR = GuidanceDocument.Kind.GUIDANCE, GuidanceDocument.Kind.GUARDRAIL
LEADERS = [Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL]
TRANSPORT = "Telling families about transport changes"

TRANSPORT_V1 = [
    "When a bus route or stop changes, families hear it from their school first.",
    "Send the district's notice to every family on the route as soon as Transport confirms "
    "the change.",
    "Post the new stop and times at the front office and on the school's page.",
    "Tell the family liaison which families have asked for help getting to school.",
]
TRANSPORT_V2 = [
    TRANSPORT_V1[0],
    "Send the district's notice to every family on the route at least three weeks before "
    "the change, in each family's home language.",
    "Before any stop moves, Transport and the school walk the route from the farthest "
    "homes: a stop no child can reach on a footpath does not open.",
    TRANSPORT_V1[2],
    "Tell the family liaison which families have asked for help getting to school; "
    "families over a mile from the new stop are offered a city bus pass.",
    "Students whose support plans name a close stop keep it; the plan decides, not the route.",
]
TRANSPORT_SUMMARY = (
    "Notice now goes three weeks ahead and in each family's home language; every new stop "
    "is walked before it opens; families over a mile away are offered bus passes; support "
    "plans keep their close stops. Prompted by the needs schools raised about the merged "
    "stops and by the network meeting's item on them."
)
# (department code, kind, title, roles, paragraphs, what schools decide)
DOCUMENTS = [
    (
        "operations",
        GR,
        "Visitors and building access",
        LEADERS,
        [
            "Every visitor signs in at one staffed entrance and wears a badge while in the "
            "building.",
            "No visitor is alone with students unless their check is on file.",
            "Doors other than the entrance stay closed during the school day.",
        ],
        "Which door is the entrance, how sign-in is staffed and how volunteers are greeted "
        "are the school's to decide.",
    ),
    (
        "teaching-and-learning",
        GR,
        "Grading and reassessment",
        [*LEADERS, Role.TEACHER_LEADER],
        [
            "Grades report what a student has learnt, not behaviour or punctuality.",
            "No grade below the floor of the scale is recorded for missing work; missing "
            "work is marked missing until it is done.",
            "Every student may be reassessed at least once on each unit's main standards.",
        ],
        "Schools decide their reassessment windows, the form a reassessment takes and how "
        "teachers track missing work.",
    ),
    (
        "human-resources",
        G,
        "Covering classes when a teacher is absent",
        [Role.PRINCIPAL],
        [
            "Report an absence to the cover pool by 6 a.m. for the same day.",
            "When the pool cannot cover, split the class across rooms of the same grade "
            "before using specialists.",
            "Record every uncovered period; the records decide where the pool adds days.",
        ],
        "",
    ),
]


def guidance_build(*, district, cast, built, meetings) -> None:
    """The library, the transport document's two versions and who acknowledged them."""
    by_code = {d.code: d for d in Department.objects.filter(district=district)}
    anchor = built.anchor.date()
    # The demo's department log-ins work in Teaching and Learning; the cabinet published
    # the other departments' versions for them.
    dept_lead, cabinet = cast.user("dept_lead"), cast.user("superintendent")
    for code, kind, title, roles, body, decide in DOCUMENTS:
        document = _document(district, by_code[code], kind, title, roles)
        if title.startswith("Covering"):
            document.schools.set([s for s in cast.schools if s.level == "elementary"])
        GuidanceVersion.objects.create(
            document=document,
            number=1,
            body="\n\n".join(body),
            schools_decide=decide,
            effective_on=anchor - dt.timedelta(days=120),
            review_on=anchor + dt.timedelta(days=245),
            published_by=dept_lead if code == "teaching-and-learning" else cabinet,
        )
    transport = _document(district, by_code["family-engagement"], G, TRANSPORT, LEADERS)
    first = GuidanceVersion.objects.create(
        document=transport,
        number=1,
        body="\n\n".join(TRANSPORT_V1),
        effective_on=anchor - dt.timedelta(days=150),
        review_on=anchor + dt.timedelta(days=215),
        published_by=cabinet,
    )
    second = GuidanceVersion.objects.create(
        document=transport,
        number=2,
        body="\n\n".join(TRANSPORT_V2),
        change_summary=TRANSPORT_SUMMARY,
        effective_on=anchor - dt.timedelta(days=7),
        review_on=anchor + dt.timedelta(days=180),
        published_by=cabinet,
    )
    second.prompted_by_needs.set(built.duplicates)
    second.prompted_by_items.set([meetings.transport_item])
    _acknowledgements(cast, first, second, built.anchor)
    _date_rows(district, built.anchor)


def _date_rows(district, anchor: dt.datetime) -> None:
    """Each version written the morning it took effect; each document with its first."""
    versions = GuidanceVersion.objects.filter(document__district=district)
    for version in versions:
        days = (anchor.date() - version.effective_on).days
        at = anchor - dt.timedelta(days=days, hours=-9)
        GuidanceVersion.objects.filter(pk=version.pk).update(created_at=at)
        if version.number == 1:
            GuidanceDocument.objects.filter(pk=version.document_id).update(created_at=at)


def _document(district, department, kind, title, roles) -> GuidanceDocument:
    document = GuidanceDocument.objects.create(
        district=district, department=department, kind=kind, title=title, roles=list(roles)
    )
    audit_created(actor=None, district=district, obj=document)
    return document


def _acknowledgements(cast, first, second, anchor: dt.datetime) -> None:
    """Most school leaders acknowledged the first version; about half the second, never
    the principal and assistant principal log-ins (the demo shows them the request)."""
    logins = {cast.logins.get("principal"), cast.logins.get("assistant_principal")}
    leaders = [p for school in cast.schools for p in cast.leaders[school.pk]]
    rows = []
    for n, person in enumerate(leaders):
        if n % 5 != 4:
            at = anchor - dt.timedelta(days=148 - n % 9, hours=n % 7)
            rows.append(GuidanceAcknowledgement(version=first, person=person, acknowledged_at=at))
        if n % 2 == 0 and person not in logins:
            at = anchor - dt.timedelta(days=6 - n % 5, hours=n % 7)
            rows.append(GuidanceAcknowledgement(version=second, person=person, acknowledged_at=at))
    GuidanceAcknowledgement.objects.bulk_create(rows)
