"""The pages of networks, their teams and members: convening and editing a network,
archiving it, the network and team pages, member schools and team members (staff,
students and family members, who get a one-time sign-in link)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view, one_or_404
from districtwise.improvement import access
from districtwise.improvement.forms.networks import (
    ConveneForm,
    FamilyMemberForm,
    MemberRoleForm,
    NetworkForm,
    StaffMemberForm,
    TeamsForm,
    WelcomeForm,
)
from districtwise.improvement.models import ImprovementNetwork, Team, TeamMember
from districtwise.improvement.selectors import networks as selectors
from districtwise.improvement.services import networks as services
from districtwise.improvement.services import networks_members as member_services
from districtwise.strategy.forms.plan import show_refusal


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved."""
    return render(request, template, context, status=400 if form.errors else 200)


def _aim_sentence(form, network) -> str:
    """The aim as one sentence: what was typed when all four parts are there, else the
    network's own."""
    typed = getattr(form, "cleaned_data", None) or {}
    parts = {name: typed.get(name) for name in services.AIM_FIELDS}
    if all(parts.values()):
        return ImprovementNetwork(**parts).aim_statement
    return network.aim_statement if network is not None else ""


def _team_for_running(request, pk: int) -> Team:
    """A team of a network the user runs: 404 if unseen, 403 if only read."""
    team = access.get_team_for_user(request.user, request.district, pk)
    if not access.runs_network(request.user, request.district, team.network):
        raise PermissionDenied("Only the network's leads change its teams.")
    return team


def _member_for_running(request, pk: int) -> TeamMember:
    visible = access.visible_networks(request.user, request.district)
    members = TeamMember.objects.filter(team__network__in=visible).select_related(
        "team__network", "team__school", "person"
    )
    member = one_or_404(members, pk)
    if not access.runs_network(request.user, request.district, member.team.network):
        raise PermissionDenied("Only the network's leads change its teams.")
    return member


# ----- networks --------------------------------------------------------------------------
@district_view(roles=access.CONVENERS)
def network_new(request):
    form = ConveneForm(
        request.POST or None,
        lead_choices=selectors.lead_choices(request.district).exclude(user=request.user),
        school_choices=selectors.school_choices(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_convene(
                actor=request.user,
                district=request.district,
                data=form.edits(),
                leads=list(form.cleaned_data["leads"]),
                schools=list(form.cleaned_data["schools"]),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{network.name} is convened.")
            return redirect("improvement:network", pk=network.pk)
    context = {"form": form, "aim_sentence": _aim_sentence(form, None)}
    return _rendered(request, "improvement/networks_form.html", context, form)


@district_view()
def network(request, pk: int):
    found = access.get_network_for_user(request.user, request.district, pk)
    context = {
        "network": found,
        "leads": found.leads.select_related("school", "department"),
        "teams": selectors.network_teams(
            user=request.user, district=request.district, network=found
        ),
        "progress": selectors.period_progress(found, timezone.localdate()),
        "today": timezone.localdate(),
        "runs": access.runs_network(request.user, request.district, found),
    }
    return render(request, "improvement/networks_detail.html", context)


@district_view()
def network_edit(request, pk: int):
    found = access.get_network_for_running(request.user, request.district, pk)
    form = NetworkForm(
        request.POST or None,
        initial=NetworkForm.initial_of(found),
        lead_choices=selectors.lead_choices(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(
                actor=request.user,
                network=found,
                data=form.edits(),
                leads=list(form.cleaned_data["leads"]),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{found.name} is saved.")
            return redirect("improvement:network", pk=found.pk)
    found.refresh_from_db()
    context = {"form": form, "network": found, "aim_sentence": _aim_sentence(form, found)}
    return _rendered(request, "improvement/networks_form.html", context, form)


@require_POST
@district_view()
def network_archive(request, pk: int):
    found = access.get_network_for_running(request.user, request.district, pk)
    archived = request.POST.get("archived", "yes") != "no"
    services.network_archive(actor=request.user, network=found, archived=archived)
    if archived:
        messages.success(request, f"{found.name} is archived: it stays readable.")
    else:
        messages.success(request, f"{found.name} is open again.")
    return redirect("improvement:network", pk=found.pk)


# ----- teams -----------------------------------------------------------------------------
@district_view()
def teams_add(request, pk: int):
    found = access.get_network_for_running(request.user, request.district, pk)
    form = TeamsForm(
        request.POST or None, school_choices=selectors.school_choices(request.district, found)
    )
    if request.method == "POST" and form.is_valid():
        schools = list(form.cleaned_data["schools"])
        try:
            services.teams_add(actor=request.user, network=found, schools=schools)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            names = ", ".join(s.name for s in schools)
            messages.success(request, f"Added to {found.name}: {names}.")
            return redirect("improvement:network", pk=found.pk)
    context = {"form": form, "network": found}
    return _rendered(request, "improvement/networks_teams_add.html", context, form)


@district_view()
def team(request, pk: int):
    found = access.get_team_for_user(request.user, request.district, pk)
    context = {
        "team": found,
        "network": found.network,
        "members": selectors.team_members(user=request.user, district=request.district, team=found),
        "runs": access.runs_network(request.user, request.district, found.network),
    }
    return render(request, "improvement/networks_team.html", context)


@district_view()
def team_remove(request, pk: int):
    found = _team_for_running(request, pk)
    refusal = None
    if request.method == "POST":
        try:
            services.team_remove(actor=request.user, team=found)
        except ValidationError as refused:
            refusal = " ".join(refused.messages)
        else:
            messages.success(request, f"{found.school.name} left {found.network.name}.")
            return redirect("improvement:network", pk=found.network_id)
    records = services.team_records(found)
    context = {"team": found, "network": found.network, "records": records, "refusal": refusal}
    status = 400 if refusal else 200
    return render(request, "improvement/networks_team_remove.html", context, status=status)


# ----- members ---------------------------------------------------------------------------
@district_view()
def member_add(request, pk: int):
    found = _team_for_running(request, pk)
    people = selectors.staff_people(request.district).exclude(improvement_teams__team=found)
    form = StaffMemberForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            member = member_services.member_add(
                actor=request.user,
                team=found,
                person=form.cleaned_data["person"],
                kind=TeamMember.Kind.STAFF,
                role_on_team=form.cleaned_data["role_on_team"],
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{member.person} joined {found.school.name}'s team.")
            return redirect("improvement:team", pk=found.pk)
    context = {"form": form, "team": found, "network": found.network}
    return _rendered(request, "improvement/networks_member_add.html", context, form)


@district_view()
def member_invite(request, pk: int):
    found = _team_for_running(request, pk)
    people = selectors.family_people(request.district).exclude(improvement_teams__team=found)
    form = FamilyMemberForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            member, link = _invite(request, found, form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            if link is None:
                messages.success(request, f"{member.person} joined {found.school.name}'s team.")
                return redirect("improvement:team", pk=found.pk)
            return _link_page(request, member, link, new=True)
    context = {"form": form, "team": found, "network": found.network}
    return _rendered(request, "improvement/networks_member_invite.html", context, form)


def _invite(request, team: Team, data: dict) -> tuple[TeamMember, str | None]:
    """Add the chosen person, or create a new one and make their sign-in link."""
    if data["existing"] is not None:
        member = member_services.member_add(
            actor=request.user,
            team=team,
            person=data["existing"],
            kind=data["kind"],
            role_on_team=data["role_on_team"],
        )
        return member, None
    member = member_services.member_invite(
        actor=request.user,
        team=team,
        kind=data["kind"],
        given_name=data["given_name"],
        family_name=data["family_name"],
        email=data["email"],
        role_on_team=data["role_on_team"],
    )
    return member, member_services.sign_in_link(actor=request.user, member=member)


def _link_page(request, member: TeamMember, path: str, *, new: bool):
    from django.conf import settings

    context = {
        "member": member,
        "team": member.team,
        "network": member.team.network,
        "link": request.build_absolute_uri(path),
        "new": new,
        "days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
    }
    return render(request, "improvement/networks_sign_in_link.html", context)


@require_POST
@district_view()
def member_link(request, pk: int):
    member = _member_for_running(request, pk)
    try:
        path = member_services.sign_in_link(actor=request.user, member=member)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("improvement:team", pk=member.team_id)
    return _link_page(request, member, path, new=False)


@district_view()
def member_edit(request, pk: int):
    member = _member_for_running(request, pk)
    form = MemberRoleForm(request.POST or None, initial={"role_on_team": member.role_on_team})
    if request.method == "POST" and form.is_valid():
        try:
            member_services.member_update(
                actor=request.user, member=member, role_on_team=form.cleaned_data["role_on_team"]
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{member.person}'s role on the team is saved.")
            return redirect("improvement:team", pk=member.team_id)
    context = {"form": form, "member": member, "team": member.team, "network": member.team.network}
    return _rendered(request, "improvement/networks_member_edit.html", context, form)


@require_POST
@district_view()
def member_remove(request, pk: int):
    member = _member_for_running(request, pk)
    try:
        member_services.member_remove(actor=request.user, member=member)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{member.person} left {member.team.school.name}'s team.")
    return redirect("improvement:team", pk=member.team_id)


# ----- signing in for the first time -----------------------------------------------------
class Welcome(auth_views.PasswordResetConfirmView):
    """Where a student or family member's one-time link leads: they choose a password and
    are signed in. The link stops working once the password is set."""

    form_class = WelcomeForm
    template_name = "improvement/networks_welcome.html"
    post_reset_login = True
    success_url = reverse_lazy("improvement:overview")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is set and you are signed in.")
        return response


welcome = Welcome.as_view()
