"""Writes of partners and partnerships: organisations, contacts, partnerships and their
agreements, committed services, delivery logs (counts only), reviews and renewal reminders.

Every write runs in one transaction with an audit row. Every write to a partnership ends
with ``partner_schools_sync``: a partner's schools are the schools of its partnerships that
are not ended, and that is what scopes a partner's login everywhere else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from districtwise.community.models import (
    PartnerContact,
    PartnerService,
    Partnership,
    PartnershipReview,
    ServiceDelivery,
)
from districtwise.core import uploads
from districtwise.core.audit import (
    audit_created,
    audit_deleted,
    audit_record,
    changed_fields,
    snapshot,
)
from districtwise.core.models import Membership, Notification
from districtwise.core.notifications import notify
from districtwise.core.roles import CABINET, Role
from districtwise.organization.models import District, Partner, School

AGREEMENT_FOLDER = "partnerships"
AGREEMENT_MAX_BYTES = 10 * 1024 * 1024
RENEWAL_DAYS = 90

PARTNER_FIELDS = ("name", "kind", "description", "website")
CONTACT_FIELDS = ("name", "title", "email", "phone", "is_primary", "person")
PARTNERSHIP_FIELDS = (
    "partner",
    "title",
    "status",
    "shared_goals",
    "district_role",
    "partner_role",
    "district_commitments",
    "partner_commitments",
    "starts_on",
    "ends_on",
    "data_sharing",
    "district_lead",
)
SERVICE_FIELDS = (
    "category",
    "name",
    "description",
    "reaches",
    "committed_reach",
    "committed_sessions",
)


def _snapshot(obj) -> dict[str, Any]:
    """``core.audit.snapshot`` with a kept file named by its stored path."""
    values = snapshot(obj)
    for name, value in values.items():
        if isinstance(value, FieldFile):
            values[name] = value.name or ""
    return values


def _audit_created(*, actor, district, obj) -> None:
    changes = {k: [None, v] for k, v in _snapshot(obj).items() if v not in (None, "")}
    audit_record(actor=actor, district=district, action="create", obj=obj, changes=changes)


def _audit_update(*, actor, district, obj, before: dict[str, Any], extra=None) -> None:
    changes = changed_fields(before, _snapshot(obj))
    changes.update(extra or {})
    if changes:
        audit_record(actor=actor, district=district, action="update", obj=obj, changes=changes)


def _names(objects) -> list[str]:
    return sorted(str(o) for o in objects)


# ----- partner organisations -------------------------------------------------------------
@transaction.atomic
def partner_create(*, actor, district: District, **fields: Any) -> Partner:
    """Add a partner organisation to ``district`` (name, kind, description, website)."""
    partner = Partner.objects.create(
        district=district, **{k: fields[k] for k in PARTNER_FIELDS if k in fields}
    )
    audit_created(actor=actor, district=district, obj=partner)
    return partner


@transaction.atomic
def partner_update(*, actor, partner: Partner, **fields: Any) -> Partner:
    """Change a partner organisation's name, kind, description or website."""
    before = snapshot(partner)
    for name in PARTNER_FIELDS:
        if name in fields:
            setattr(partner, name, fields[name])
    partner.save()
    _audit_update(actor=actor, district=partner.district, obj=partner, before=before)
    return partner


def _check_contact(partner: Partner, person) -> None:
    if person is not None and person.district_id != partner.district_id:
        raise ValidationError({"person": f"{person} is not a person of {partner.district}."})


@transaction.atomic
def contact_create(*, actor, partner: Partner, **fields: Any) -> PartnerContact:
    """Add a contact person to a partner (optionally linked to a person with a login)."""
    _check_contact(partner, fields.get("person"))
    contact = PartnerContact.objects.create(
        partner=partner, **{k: fields[k] for k in CONTACT_FIELDS if k in fields}
    )
    audit_created(actor=actor, district=partner.district, obj=contact)
    return contact


@transaction.atomic
def contact_update(*, actor, contact: PartnerContact, **fields: Any) -> PartnerContact:
    """Change a partner contact's details."""
    _check_contact(contact.partner, fields.get("person"))
    before = snapshot(contact)
    for name in CONTACT_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    contact.save()
    _audit_update(actor=actor, district=contact.partner.district, obj=contact, before=before)
    return contact


@transaction.atomic
def contact_remove(*, actor, contact: PartnerContact) -> None:
    """Remove a partner contact (someone who left). A person with a login linked to it
    keeps the login; the change history keeps the contact's details."""
    audit_deleted(
        actor=actor, district=contact.partner.district, obj=contact, before=_snapshot(contact)
    )
    contact.delete()


# ----- partnerships ----------------------------------------------------------------------
def partner_schools_sync(*, partner: Partner) -> None:
    """Set the partner's schools to those of its partnerships that are not ended."""
    live = Partnership.objects.filter(partner=partner).exclude(status=Partnership.Status.ENDED)
    served = School.objects.filter(partnerships__in=live).distinct()
    partner.schools.set(served)


def _check_partnership(district: District, fields: dict[str, Any], m2m: dict[str, Any]) -> None:
    """Refuse what does not belong to ``district`` or dates that run backwards."""
    errors: dict[str, list[str]] = {}
    partner = fields.get("partner")
    if partner is not None and partner.district_id != district.pk:
        errors["partner"] = [f"{partner} is a partner of another district, not of {district}."]
    for school in m2m.get("schools") or []:
        if school.district_id != district.pk:
            errors.setdefault("schools", []).append(
                f"{school.name} is a school of another district, not of {district}."
            )
    for goal in m2m.get("goals") or []:
        if goal.plan.district_id != district.pk:
            errors.setdefault("goals", []).append(
                f"{goal.code} {goal.title} is a goal of another district's plan."
            )
    for indicator in m2m.get("outcome_indicators") or []:
        if indicator.district_id != district.pk:
            errors.setdefault("outcome_indicators", []).append(
                f"{indicator.name} is an indicator of another district."
            )
    lead = fields.get("district_lead")
    if lead is not None and lead.district_id != district.pk:
        errors["district_lead"] = [f"{lead} is not a person of {district}."]
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = [
            f"The agreement ends on {ends:%d %B %Y}, before it starts on {starts:%d %B %Y}: "
            "the end date must be on or after the start date."
        ]
    if errors:
        raise ValidationError(errors)


def check_agreement(upload) -> uploads.FileKind:
    """The kind of an agreement document, or a ``ValidationError`` on ``file``."""
    return uploads.check_upload(
        upload, limit=AGREEMENT_MAX_BYTES, kept_by="a partnership", largest_for="a partnership"
    )


def _store_agreement(partnership: Partnership, upload) -> Path:
    check_agreement(upload)
    path, target = uploads.store_upload(upload, AGREEMENT_FOLDER)
    partnership.agreement.name = path
    partnership.agreement_name = Path(upload.name).name[:200]
    return target


def _set_links(partnership: Partnership, m2m: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name in ("schools", "goals", "outcome_indicators"):
        if name not in m2m:
            continue
        manager = getattr(partnership, name)
        before = _names(manager.all())
        manager.set(m2m[name])
        after = _names(m2m[name])
        if before != after:
            changes[name] = [before, after]
    return changes


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    plain = {k: v for k, v in fields.items() if k in PARTNERSHIP_FIELDS}
    m2m = {k: v for k, v in fields.items() if k in ("schools", "goals", "outcome_indicators")}
    return plain, m2m


def partnership_create(*, actor, district: District, agreement=None, **fields: Any) -> Partnership:
    """Record a partnership of ``district``: its partner, goals, roles and commitments,
    agreement dates (and document), data-sharing terms, schools and outcome indicators.
    Refuses a partner, school, goal, indicator or lead of another district, and an
    agreement that ends before it starts."""
    plain, m2m = _split(fields)
    _check_partnership(district, plain, m2m)
    partnership = Partnership(district=district, **plain)
    written = _store_agreement(partnership, agreement) if agreement is not None else None
    try:
        with transaction.atomic():
            partnership.save()
            _set_links(partnership, m2m)
            _audit_created(actor=actor, district=district, obj=partnership)
            partner_schools_sync(partner=partnership.partner)
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return partnership


def partnership_update(
    *, actor, partnership: Partnership, agreement=None, **fields: Any
) -> Partnership:
    """Change a partnership's terms, schools, goals or agreement (see ``partnership_create``
    for what is refused). A new agreement document replaces the old one."""
    plain, m2m = _split(fields)
    _check_partnership(partnership.district, {**_current(partnership), **plain}, m2m)
    before = _snapshot(partnership)
    before_ends = partnership.ends_on
    old_partner = partnership.partner
    for name, value in plain.items():
        setattr(partnership, name, value)
    if partnership.ends_on != before_ends:
        partnership.renewal_reminded_on = None  # a new end date is reminded of again
    replaced = agreement_path(partnership) if agreement is not None else None
    written = _store_agreement(partnership, agreement) if agreement is not None else None
    try:
        with transaction.atomic():
            partnership.save()
            links = _set_links(partnership, m2m)
            _audit_update(
                actor=actor,
                district=partnership.district,
                obj=partnership,
                before=before,
                extra=links,
            )
            partner_schools_sync(partner=partnership.partner)
            if old_partner.pk != partnership.partner_id:
                partner_schools_sync(partner=old_partner)
            if replaced is not None:
                transaction.on_commit(lambda: replaced.unlink(missing_ok=True))
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return partnership


def _current(partnership: Partnership) -> dict[str, Any]:
    return {"starts_on": partnership.starts_on, "ends_on": partnership.ends_on}


def agreement_path(partnership: Partnership) -> Path | None:
    """The agreement document on disk, if the partnership keeps one."""
    if not partnership.agreement.name:
        return None
    return uploads.stored_file(partnership.agreement.name)


# ----- committed services ----------------------------------------------------------------
def _check_service_schools(partnership: Partnership, schools) -> None:
    served = set(partnership.schools.values_list("pk", flat=True))
    outside = [s.name for s in schools or [] if s.pk not in served]
    if outside:
        raise ValidationError(
            {
                "schools": [
                    f"{', '.join(outside)} is not a school of this partnership: add it to "
                    "the partnership's schools first."
                ]
            }
        )


@transaction.atomic
def service_create(
    *, actor, partnership: Partnership, schools=None, **fields: Any
) -> PartnerService:
    """Commit the partnership to a service: category, reach and sessions over the
    agreement, at some of its schools (none named: at all of them)."""
    _check_service_schools(partnership, schools)
    service = PartnerService.objects.create(
        partnership=partnership, **{k: fields[k] for k in SERVICE_FIELDS if k in fields}
    )
    service.schools.set(schools or [])
    audit_created(actor=actor, district=partnership.district, obj=service)
    partner_schools_sync(partner=partnership.partner)
    return service


@transaction.atomic
def service_update(
    *, actor, service: PartnerService, schools=None, **fields: Any
) -> PartnerService:
    """Change a committed service (see ``service_create``)."""
    partnership = service.partnership
    _check_service_schools(partnership, schools)
    before = snapshot(service)
    for name in SERVICE_FIELDS:
        if name in fields:
            setattr(service, name, fields[name])
    service.save()
    old = _names(service.schools.all())
    service.schools.set(schools or [])
    extra = {"schools": [old, _names(schools or [])]} if old != _names(schools or []) else {}
    _audit_update(
        actor=actor, district=partnership.district, obj=service, before=before, extra=extra
    )
    partner_schools_sync(partner=partnership.partner)
    return service


@transaction.atomic
def service_remove(*, actor, service: PartnerService) -> None:
    """Remove a service committed by mistake. A service with logged deliveries is not
    removed (they would be lost with it): nothing changes and the refusal says so."""
    # Locked, so that a delivery logged meanwhile waits and then finds no service.
    service = PartnerService.objects.select_for_update().get(pk=service.pk)
    logged = service.deliveries.count()
    if logged:
        raise ValidationError(
            f"{logged} deliver{'y is' if logged == 1 else 'ies are'} logged against "
            f"“{service.name}”: removing it would lose them. Nothing was removed; change the "
            "service's commitment instead."
        )
    partnership = service.partnership
    before = _snapshot(service) | {"schools": _names(service.schools.all())}
    audit_deleted(actor=actor, district=partnership.district, obj=service, before=before)
    service.delete()
    partner_schools_sync(partner=partnership.partner)


def service_schools(service: PartnerService) -> list[School]:
    """Where a service is delivered: its own schools, else every school of its partnership."""
    own = list(service.schools.all())
    return own or list(service.partnership.schools.all())


# ----- deliveries ------------------------------------------------------------------------
def _check_delivery(service: PartnerService, school: School, fields: dict[str, Any], today) -> None:
    errors: dict[str, list[str]] = {}
    if service.partnership.status == Partnership.Status.ENDED:
        errors["service"] = [f"{service.partnership.title} has ended: nothing more is logged."]
    served = service_schools(service)
    if school.pk not in {s.pk for s in served}:
        where = "this partnership" if not service.schools.exists() else f"“{service.name}”"
        errors["school"] = [
            f"{school.name} is not a school {where} serves: log a delivery only at "
            f"{', '.join(s.name for s in served) or 'a school the partnership serves'}."
        ]
    delivered_on = fields["delivered_on"]
    if delivered_on > today:
        errors["delivered_on"] = [
            f"{delivered_on:%d %B %Y} is in the future: log a delivery once it has happened."
        ]
    for name in ("students_reached", "families_reached", "sessions"):
        if fields.get(name, 0) < 0:
            errors[name] = ["A count cannot be negative."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def delivery_log(
    *,
    actor,
    service: PartnerService,
    school: School,
    delivered_on: dt.date,
    what: str,
    students_reached: int = 0,
    families_reached: int = 0,
    sessions: int = 1,
    today: dt.date | None = None,
) -> ServiceDelivery:
    """Log what a partner delivered at a school on a day, as counts only (no names).
    Refuses a school the service does not serve, a future date and negative counts."""
    counts = {
        "delivered_on": delivered_on,
        "students_reached": students_reached,
        "families_reached": families_reached,
        "sessions": sessions,
    }
    # Locked against the service's removal (which refuses a service with deliveries).
    found = PartnerService.objects.select_for_update().filter(pk=service.pk).first()
    if found is None:
        raise ValidationError({"service": "This service was removed: nothing was logged."})
    _check_delivery(service, school, counts, today or timezone.localdate())
    delivery = ServiceDelivery.objects.create(
        service=service, school=school, what=what, logged_by=actor, **counts
    )
    audit_created(actor=actor, district=service.partnership.district, obj=delivery)
    return delivery


# ----- reviews ---------------------------------------------------------------------------
@transaction.atomic
def review_write(
    *,
    actor,
    partnership: Partnership,
    side: str,
    period: str,
    rating: str,
    went_well: str = "",
    to_change: str = "",
    today: dt.date | None = None,
) -> PartnershipReview:
    """Record one side's review of a partnership for a period."""
    review = PartnershipReview.objects.create(
        partnership=partnership,
        side=side,
        period=period,
        rating=rating,
        went_well=went_well,
        to_change=to_change,
        written_on=today or timezone.localdate(),
        written_by=actor,
    )
    audit_created(actor=actor, district=partnership.district, obj=review)
    return review


# ----- renewal reminders -----------------------------------------------------------------
def _managers(district: District) -> list:
    today = timezone.localdate()
    memberships = Membership.objects.filter(
        district=district,
        role__in=set(CABINET) | {Role.DEPARTMENT_LEAD},
        person__user__isnull=False,
    ).exclude(ends_on__lt=today)
    return [m.person.user for m in memberships.select_related("person__user")]


def partnership_renewals_remind(
    *, district: District, today: dt.date | None = None
) -> list[Partnership]:
    """Tell the district lead of each partnership whose agreement ends within
    ``RENEWAL_DAYS`` (the partnership managers when it has none), once per agreement:
    ``renewal_reminded_on`` is set, and cleared when the end date moves."""
    today = today or timezone.localdate()
    due = (
        Partnership.objects.filter(
            district=district,
            renewal_reminded_on__isnull=True,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=RENEWAL_DAYS),
        )
        .exclude(status=Partnership.Status.ENDED)
        .select_related("partner", "district_lead__user")
    )
    reminded = []
    managers = None
    for partnership in due:
        with transaction.atomic():
            lead = partnership.district_lead
            if lead is not None and lead.user_id is not None:
                users = [lead.user]
            else:
                managers = managers if managers is not None else _managers(district)
                users = managers
            days = (partnership.ends_on - today).days
            notify(
                district=district,
                users=users,
                kind=Notification.Kind.PARTNERSHIP_RENEWAL,
                title=f"{partnership.title} ends in {days} days ({partnership.ends_on:%d %B %Y})",
                url=reverse("community:partnership", args=[partnership.pk]),
                body=f"The agreement with {partnership.partner} ends on "
                f"{partnership.ends_on:%d %B %Y}. Decide whether to renew it.",
            )
            before = _snapshot(partnership)
            partnership.renewal_reminded_on = today
            partnership.save(update_fields=["renewal_reminded_on", "updated_at"])
            _audit_update(actor=None, district=district, obj=partnership, before=before)
        reminded.append(partnership)
    return reminded
