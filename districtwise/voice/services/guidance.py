"""Writes of guidance: starting a document (its version 1), publishing a new version,
acknowledging the current version, retiring a document.

Each is one transaction with an audit row. Publishing tells everyone who must
acknowledge the new version. A version is published only on top of the version its
editor read: if someone published meanwhile, ``StaleVersion`` says who and when, and
nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from districtwise.core.audit import audit_created, audit_record
from districtwise.core.models import Notification
from districtwise.core.notifications import notify
from districtwise.organization.models import Person
from districtwise.voice.models import (
    ACKNOWLEDGING_ROLES,
    AgendaItem,
    GuidanceAcknowledgement,
    GuidanceDocument,
    GuidanceVersion,
    Need,
)
from districtwise.voice.selectors.guidance import current_version, must_acknowledge


class StaleVersion(Exception):
    """Someone published a newer version than the one the editor started from."""

    def __init__(self, current: GuidanceVersion):
        self.current = current
        who = name_of(current.published_by, current.document.district)
        when = timezone.localtime(current.created_at).strftime("%d %b %Y at %H:%M")
        super().__init__(
            f"{who} published version {current.number} on {when} while you were editing. "
            "Nothing was saved: compare your text with theirs below, then publish again."
        )


def name_of(user, district) -> str:
    """A user as the district knows them: their person's name, else their user name."""
    if user is None:
        return "Someone"
    person = Person.objects.filter(user=user, district=district).first()
    return person.full_name if person else user.get_username()


def _check_dates(effective_on: dt.date, review_on: dt.date) -> None:
    if review_on < effective_on:
        raise ValidationError(
            {"review_on": "The review date comes on or after the effective date."}
        )


@transaction.atomic
def guidance_document_create(
    *,
    actor,
    district,
    department,
    kind: str,
    title: str,
    schools: Iterable,
    roles: Iterable[str],
    body: str,
    schools_decide: str,
    effective_on: dt.date,
    review_on: dt.date,
) -> GuidanceDocument:
    """A new document of ``department`` with its version 1; those it applies to are told."""
    roles = [role for role in roles if role in ACKNOWLEDGING_ROLES]
    if not roles:
        raise ValidationError({"roles": "Name at least one role the document applies to."})
    if GuidanceDocument.objects.filter(district=district, title__iexact=title.strip()).exists():
        raise ValidationError({"title": "A document of the district already has this title."})
    document = GuidanceDocument(
        district=district, department=department, kind=kind, title=title.strip(), roles=roles
    )
    document.full_clean()
    document.save()
    document.schools.set(schools)
    audit_created(actor=actor, district=district, obj=document)
    _publish(
        actor=actor,
        document=document,
        number=1,
        body=body,
        schools_decide=schools_decide,
        change_summary="",
        effective_on=effective_on,
        review_on=review_on,
    )
    return document


@transaction.atomic
def guidance_version_publish(
    *,
    actor,
    document: GuidanceDocument,
    based_on: int,
    body: str,
    schools_decide: str,
    change_summary: str,
    effective_on: dt.date,
    review_on: dt.date,
    needs: Iterable[Need] = (),
    items: Iterable[AgendaItem] = (),
) -> GuidanceVersion:
    """Publish the next version of ``document``, written on top of version ``based_on``.
    Raises ``StaleVersion`` if a newer version was published meanwhile."""
    document = GuidanceDocument.objects.select_for_update().get(pk=document.pk)
    if document.retired_at:
        raise ValidationError("The document is retired: it takes no new versions.")
    current = current_version(document)
    if current is not None and current.number != based_on:
        raise StaleVersion(current)
    if not change_summary.strip():
        raise ValidationError(
            {"change_summary": "Say what changed from the previous version: readers see it."}
        )
    return _publish(
        actor=actor,
        document=document,
        number=(current.number if current else 0) + 1,
        body=body,
        schools_decide=schools_decide,
        change_summary=change_summary,
        effective_on=effective_on,
        review_on=review_on,
        needs=needs,
        items=items,
    )


def _publish(
    *,
    actor,
    document: GuidanceDocument,
    number: int,
    body: str,
    schools_decide: str,
    change_summary: str,
    effective_on: dt.date,
    review_on: dt.date,
    needs: Iterable[Need] = (),
    items: Iterable[AgendaItem] = (),
) -> GuidanceVersion:
    _check_dates(effective_on, review_on)
    if not body.strip():
        raise ValidationError({"body": "Write the text of the document."})
    version = GuidanceVersion(
        document=document,
        number=number,
        body=body.strip(),
        schools_decide=schools_decide.strip(),
        change_summary=change_summary.strip(),
        effective_on=effective_on,
        review_on=review_on,
        published_by=actor,
    )
    version.full_clean()
    version.save()
    version.prompted_by_needs.set([n for n in needs if n.district_id == document.district_id])
    version.prompted_by_items.set(
        [i for i in items if i.meeting.district_id == document.district_id]
    )
    audit_created(actor=actor, district=document.district, obj=version)
    _tell_acknowledgers(document, version, actor)
    return version


def _tell_acknowledgers(document: GuidanceDocument, version: GuidanceVersion, actor) -> None:
    user_ids = {m.person.user_id for m in must_acknowledge(document) if m.person.user_id}
    user_ids.discard(getattr(actor, "pk", None))
    what = "new guidance" if version.number == 1 else f"version {version.number}"
    notify(
        district=document.district,
        users=get_user_model().objects.filter(pk__in=user_ids),
        kind=Notification.Kind.GUIDANCE_TO_ACKNOWLEDGE,
        title=f"{document.title}: {what} to read and acknowledge",
        url=reverse("voice:guidance_document", args=[document.pk]),
        body=version.change_summary,
    )


@transaction.atomic
def guidance_acknowledge(*, actor, person, version: GuidanceVersion) -> GuidanceAcknowledgement:
    """``person`` acknowledges ``version``. Only the current version of a document in use
    can be acknowledged; acknowledging twice keeps the first."""
    document = GuidanceDocument.objects.select_for_update().get(pk=version.document_id)
    current = current_version(document)
    if current is not None and current.pk != version.pk:
        raise ValidationError(
            f"Version {version.number} has been replaced by version {current.number}: "
            f"read version {current.number} and acknowledge it instead.",
            code="superseded",
        )
    if document.retired_at:
        raise ValidationError("The document is retired: there is nothing to acknowledge.")
    found = GuidanceAcknowledgement.objects.filter(version=version, person=person).first()
    if found:
        return found
    acknowledgement = GuidanceAcknowledgement.objects.create(
        version=version, person=person, acknowledged_at=timezone.now()
    )
    audit_created(actor=actor, district=document.district, obj=acknowledgement)
    return acknowledgement


@transaction.atomic
def guidance_document_retire(*, actor, document: GuidanceDocument) -> GuidanceDocument:
    """Retire ``document``: it stays readable, marked retired, and takes no new versions."""
    document = GuidanceDocument.objects.select_for_update().get(pk=document.pk)
    if document.retired_at:
        return document
    document.retired_at = timezone.now()
    document.save(update_fields=["retired_at", "updated_at"])
    audit_record(
        actor=actor,
        district=document.district,
        action="update",
        obj=document,
        changes={"retired_at": [None, document.retired_at.isoformat()]},
    )
    return document
