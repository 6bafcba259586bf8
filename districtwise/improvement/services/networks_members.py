"""Writes of team members: staff, and students and family members, who sign in with the
family and student role and see only their networks. Same rules as ``services.networks``:
one transaction, a ``ValidationError`` naming the field, an audit row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, changed_fields, snapshot
from districtwise.improvement.models import Team, TeamMember
from districtwise.improvement.selectors.networks import is_family_person, only_family_role
from districtwise.improvement.services.networks import refuse, require_open
from districtwise.organization.models import Person


# ----- members ---------------------------------------------------------------------------
def _check_member(team: Team, person: Person, kind: str) -> None:
    if person.district_id != team.network.district_id:
        refuse({"person": f"{person} belongs to another district."})
    if team.members.filter(person=person).exists():
        refuse({"person": f"{person} is already on {team.school.name}'s team."})
    family = is_family_person(team.network.district, person)
    if kind == TeamMember.Kind.STAFF and family:
        refuse({"person": f"{person} is a family or student member, not staff."})
    if kind != TeamMember.Kind.STAFF and not family:
        refuse(
            {
                "person": f"{person} does not hold the family and student role: add them as "
                "staff, or add a new family or student member."
            }
        )


def _member_create(*, actor, team: Team, person: Person, kind: str, role: str) -> TeamMember:
    require_open(team.network)
    _check_member(team, person, kind)
    member = TeamMember(team=team, person=person, kind=kind, role_on_team=role.strip())
    member.full_clean()
    member.save()
    audit_created(actor=actor, district=team.network.district, obj=member)
    return member


@transaction.atomic
def member_add(
    *, actor, team: Team, person: Person, kind: str, role_on_team: str = ""
) -> TeamMember:
    """Put a person already in the district on a team: staff, or a student or family
    member who holds the family and student role."""
    if kind not in TeamMember.Kind.values:
        refuse({"kind": "Choose staff, student or family member."})
    return _member_create(actor=actor, team=team, person=person, kind=kind, role=role_on_team)


@transaction.atomic
def member_invite(
    *,
    actor,
    team: Team,
    kind: str,
    given_name: str,
    family_name: str,
    email: str = "",
    role_on_team: str = "",
) -> TeamMember:
    """Add a new student or family member: their person record, their membership of the
    district in the family and student role (which shows them only their networks) and a
    sign-in account with no password yet (they choose one through a sign-in link)."""
    from districtwise.core.roles import Role
    from districtwise.core.services import membership_create, user_account_create

    require_open(team.network)
    problems = {}
    if kind not in (TeamMember.Kind.STUDENT, TeamMember.Kind.FAMILY):
        problems["kind"] = "Choose student or family member."
    if not given_name.strip():
        problems["given_name"] = "Give the new member's given name."
    if not family_name.strip():
        problems["family_name"] = "Give the new member's family name."
    refuse(problems)
    district = team.network.district
    user = user_account_create(
        username=free_username(given_name, family_name), password=None, email=email.strip()
    )
    person = Person.objects.create(
        district=district,
        user=user,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        email=email.strip(),
    )
    audit_created(actor=actor, district=district, obj=person)
    membership_create(actor=actor, person=person, role=Role.FAMILY_MEMBER)
    return _member_create(actor=actor, team=team, person=person, kind=kind, role=role_on_team)


def free_username(given_name: str, family_name: str) -> str:
    """A sign-in name made from the person's names ("ana.ruiz", then "ana.ruiz2", ...)."""
    from django.contrib.auth import get_user_model
    from django.utils.text import slugify

    base = (
        ".".join(part for part in (slugify(given_name), slugify(family_name)) if part).replace(
            "-", "."
        )[:140]
        or "member"
    )
    taken = set(
        get_user_model()
        .objects.filter(username__istartswith=base)
        .values_list("username", flat=True)
    )
    taken = {name.lower() for name in taken}
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def member_update(*, actor, member: TeamMember, role_on_team: str) -> TeamMember:
    """Change a member's role on the team (e.g. 'data lead')."""
    require_open(member.team.network)
    before = snapshot(member)
    member.role_on_team = role_on_team.strip()
    member.full_clean()
    member.save()
    changes = changed_fields(before, snapshot(member))
    if changes:
        audit_record(
            actor=actor,
            district=member.team.network.district,
            action="update",
            obj=member,
            changes=changes,
        )
    return member


@transaction.atomic
def member_remove(*, actor, member: TeamMember) -> None:
    """Take a person off a team. What the team recorded stays; a student or family member
    keeps their sign-in and sees the networks of any other team they are on."""
    require_open(member.team.network)
    audit_record(
        actor=actor,
        district=member.team.network.district,
        action="delete",
        obj=member,
        changes={k: [v, None] for k, v in snapshot(member).items() if v not in (None, "")},
    )
    member.delete()


@transaction.atomic
def sign_in_link(*, actor, member: TeamMember) -> str:
    """A one-time link (a path) with which a student or family member chooses their
    password and signs in. It works once, until the password is set, and for
    ``PASSWORD_RESET_TIMEOUT`` seconds; nothing is sent by e-mail. Staff accounts are the
    district administrators' to manage, so staff get no link here."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    person = member.person
    if member.kind == TeamMember.Kind.STAFF or not only_family_role(person):
        refuse(
            {
                "person": f"{person} signs in as staff: the district's administrators "
                "manage staff sign-ins."
            }
        )
    user = person.user
    if user is None or not user.is_active:
        raise ValidationError({"person": f"{person} has no active sign-in account."})
    audit_record(
        actor=actor,
        district=person.district,
        action="update",
        obj=person,
        changes={"sign_in_link": [None, f"issued for {user.get_username()}"]},
    )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("improvement:welcome", args=[uid, default_token_generator.make_token(user)])
