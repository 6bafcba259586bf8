"""Reads of guidance: the library, a document's versions and what prompted them, who must
acknowledge a version and who has, and a text shown as paragraphs and lists.

Every selector takes the user and returns only what the user may read
(``access.visible_documents``; prompts through ``visible_needs``/``visible_meetings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Department, School
from districtwise.voice import access
from districtwise.voice.models import (
    ACKNOWLEDGING_ROLES,
    AgendaItem,
    GuidanceAcknowledgement,
    GuidanceDocument,
    GuidanceVersion,
    Need,
)


def current_version(document: GuidanceDocument) -> GuidanceVersion | None:
    """The document's current version: the highest number."""
    return document.versions.order_by("-number").first()


@dataclass
class LibraryEntry:
    document: GuidanceDocument
    current: GuidanceVersion | None
    to_acknowledge: bool
    review_overdue: bool
    may_edit: bool


def _current_of(field_name: str) -> Subquery:
    newest = GuidanceVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return Subquery(newest.values(field_name)[:1])


def document_library(
    *,
    user,
    district,
    query: str = "",
    kind: str = "",
    department_id: int | None = None,
    include_retired: bool = False,
) -> list[LibraryEntry]:
    """The documents the user may read, searched (title, current text, department, kind)
    and filtered, each with its current version and what waits for the user."""
    documents = access.visible_documents(user, district).annotate(current_body=_current_of("body"))
    if not include_retired:
        documents = documents.filter(retired_at__isnull=True)
    if kind:
        documents = documents.filter(kind=kind)
    if department_id:
        documents = documents.filter(department_id=department_id)
    for word in query.split():
        documents = documents.filter(_matches(word))
    return _entries(user, district, documents)


def library_departments(*, user, district) -> QuerySet[Department]:
    """The departments owning a document the user may read (the library's filter)."""
    owning = access.visible_documents(user, district).values("department")
    return Department.objects.filter(pk__in=owning).order_by("name")


def _matches(word: str) -> Q:
    kinds = [k for k, label in GuidanceDocument.Kind.choices if word.lower() in label.lower()]
    return (
        Q(title__icontains=word)
        | Q(current_body__icontains=word)
        | Q(department__name__icontains=word)
        | Q(kind__in=kinds)
    )


def _entries(user, district, documents: QuerySet[GuidanceDocument]) -> list[LibraryEntry]:
    scope = scope_for(user, district)
    person_ids = access.person_ids(user, district)
    documents = documents.select_related("department").prefetch_related("schools", "versions")
    today = timezone.localdate()
    acknowledged = set(
        GuidanceAcknowledgement.objects.filter(
            person__in=person_ids, version__document__in=documents
        ).values_list("version_id", flat=True)
    )
    entries = []
    for document in documents:
        versions = sorted(document.versions.all(), key=lambda v: -v.number)
        current = versions[0] if versions else None
        may_edit = access.edits_document(user, district, document)
        entries.append(
            LibraryEntry(
                document=document,
                current=current,
                to_acknowledge=bool(
                    current
                    and not document.retired_at
                    and access.acknowledges(document, scope)
                    and current.pk not in acknowledged
                ),
                review_overdue=bool(may_edit and current and current.review_on < today),
                may_edit=may_edit,
            )
        )
    return entries


def versions_of(document: GuidanceDocument) -> QuerySet[GuidanceVersion]:
    """Every version of ``document``, newest first, with who published it."""
    return document.versions.select_related("published_by").order_by("-number")


def acknowledged_by(user, district, version: GuidanceVersion) -> GuidanceAcknowledgement | None:
    """The user's acknowledgement of ``version``, if any."""
    return version.acknowledgements.filter(person__in=access.person_ids(user, district)).first()


@dataclass(frozen=True)
class Prompt:
    """What prompted a version, as the user may see it: a title and a link, or only what
    kind of thing it was."""

    label: str
    url: str | None


def _link(name: str, pk: int) -> str | None:
    # The page of a need or a meeting belongs to another part of the section; until it
    # exists the prompt is shown without a link.
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def version_prompts(user, district, version: GuidanceVersion) -> list[Prompt]:
    """The needs and agenda items that prompted ``version``: those the user may read with
    their title and link, the others only as "a need from a school" or "a meeting item"."""
    needs = version.prompted_by_needs.order_by("raised_at")
    seen_needs = set(
        access.visible_needs(user, district)
        .filter(pk__in=version.prompted_by_needs.values("pk"))
        .values_list("pk", flat=True)
    )
    items = version.prompted_by_items.select_related("meeting").order_by("pk")
    seen_meetings = {
        meeting.pk
        for meeting in access.visible_meetings(user, district).filter(
            pk__in=items.values("meeting")
        )
        # A draft agenda is its runners' until published: its items stay unnamed.
        if meeting.agenda_published_at
        or meeting.minutes_published_at
        or access.runs_meeting(user, district, meeting)
    }
    prompts = [
        Prompt(f"Need: {need.title}", _link("voice:need", need.pk))
        if need.pk in seen_needs
        else Prompt("A need from a school", None)
        for need in needs
    ]
    prompts += [
        Prompt(
            f"Meeting item: {item.title} ({item.meeting.title})",
            _link("voice:meeting", item.meeting_id),
        )
        if item.meeting_id in seen_meetings
        else Prompt("An item of a principal meeting", None)
        for item in items
    ]
    return prompts


def prompt_needs(user, district) -> QuerySet[Need]:
    """The needs an editor may name as prompting a version: those they may read."""
    return access.visible_needs(user, district).select_related("school").order_by("-raised_at")


def prompt_items(user, district) -> QuerySet[AgendaItem]:
    """The agenda items an editor may name: those of the meetings they may read."""
    meetings = access.visible_meetings(user, district)
    return (
        AgendaItem.objects.filter(meeting__in=meetings)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "pk")
    )


# ---- who must acknowledge ----
@dataclass
class Acknowledger:
    person_id: int
    name: str
    role: str
    acknowledged_at: object | None


@dataclass
class SchoolAcknowledgements:
    school: School
    people: list[Acknowledger] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for p in self.people if p.acknowledged_at)

    @property
    def waiting(self) -> list[Acknowledger]:
        return [p for p in self.people if not p.acknowledged_at]


def must_acknowledge(document: GuidanceDocument) -> QuerySet[Membership]:
    """The active memberships that oblige their holders to acknowledge ``document``: one of
    its roles at one of its schools (no schools: every school of the district)."""
    today = timezone.localdate()
    schools = document.schools.all()
    roles = [r for r in document.roles if r in ACKNOWLEDGING_ROLES]
    memberships = Membership.objects.filter(
        district=document.district, role__in=roles, school__isnull=False
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    if schools.exists():
        memberships = memberships.filter(school__in=schools)
    return memberships.select_related("person", "school").order_by(
        "school__name", "person__family_name", "person__given_name"
    )


def acknowledgement_tracking(
    *, user, district, version: GuidanceVersion
) -> list[SchoolAcknowledgements]:
    """Per school, who must acknowledge ``version`` and when each did (None: not yet).
    Only the document's owners call this (the view checks ``edits_document``)."""
    acknowledged = dict(version.acknowledgements.values_list("person_id", "acknowledged_at"))
    by_school: dict[int, SchoolAcknowledgements] = {}
    listed: set[tuple[int, int]] = set()
    for membership in must_acknowledge(version.document):
        if membership.school is None:  # must_acknowledge holds school memberships only
            continue
        key = (membership.school.pk, membership.person_id)
        if key in listed:  # a person holding two of the roles at one school: listed once
            continue
        listed.add(key)
        row = by_school.setdefault(
            membership.school.pk, SchoolAcknowledgements(school=membership.school)
        )
        row.people.append(
            Acknowledger(
                person_id=membership.person_id,
                name=membership.person.full_name,
                role=Role(membership.role).label,
                acknowledged_at=acknowledged.get(membership.person_id),
            )
        )
    return list(by_school.values())


# ---- a text as paragraphs and lists ----
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


@dataclass
class TextBlock:
    """A paragraph (``kind`` "p", one line in ``lines``) or a list ("ul"/"ol", an item per
    line). The template escapes every line."""

    kind: str
    lines: list[str]


def text_blocks(text: str) -> list[TextBlock]:
    """Plain text as paragraphs (separated by blank lines) and lists (lines starting with
    "- ", "* " or "1. ")."""
    blocks: list[TextBlock] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            blocks.append(TextBlock("", []))
            continue
        kind, item = _line_kind(line)
        last = blocks[-1] if blocks else None
        if last is not None and last.kind == kind and kind in ("ul", "ol", "p"):
            if kind == "p":
                last.lines[0] += " " + item
            else:
                last.lines.append(item)
        else:
            blocks.append(TextBlock(kind, [item]))
    return [block for block in blocks if block.kind]


def _line_kind(line: str) -> tuple[str, str]:
    if _BULLET.match(line):
        return "ul", _BULLET.sub("", line).strip()
    if _NUMBERED.match(line):
        return "ol", _NUMBERED.sub("", line).strip()
    return "p", line.strip()
