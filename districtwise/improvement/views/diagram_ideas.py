"""The pages of a network's change ideas: the list (with where each hangs in the working
diagram and how many cycles tested it), and, for the network's runners, adding, changing,
retiring, restoring and deleting an idea."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view, one_or_404
from districtwise.improvement import access
from districtwise.improvement.forms.diagram import ChangeIdeaForm
from districtwise.improvement.models import ImprovementNetwork
from districtwise.improvement.selectors import diagram as selectors
from districtwise.improvement.services import diagram_ideas as idea_services


def _running(request, pk: int) -> ImprovementNetwork:
    return access.get_network_for_running(request.user, request.district, pk)


def _idea(network: ImprovementNetwork, idea_pk: int):
    return one_or_404(network.change_ideas.all(), idea_pk)


@district_view()
def change_ideas(request, pk: int):
    """The network's change ideas and where each hangs; runners add one here."""
    network = access.get_network_for_user(request.user, request.district, pk)
    may_run = access.runs_network(request.user, request.district, network)
    if request.method == "POST" and not may_run:
        raise PermissionDenied("Only the network's leads change its ideas.")
    form = ChangeIdeaForm(request.POST or None) if may_run else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            idea = idea_services.change_idea_create(
                actor=request.user, network=network, **form.cleaned_data
            )
        except ValidationError as refused:
            _refuse(form, refused)
        else:
            messages.success(request, f"Change idea “{idea.title}” added.")
            return redirect("improvement:change_ideas", network.pk)
    context = {
        "network": network,
        "rows": selectors.change_idea_rows(network),
        "form": form,
        "may_run": may_run,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "improvement/diagram_ideas.html", context, status=status)


def _refuse(form, refused: ValidationError) -> None:
    """Show a service's refusal on the form (by field where it names one)."""
    if hasattr(refused, "error_dict"):
        for name, errors in refused.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, refused.messages)


@district_view()
def change_idea_edit(request, pk: int, idea_pk: int):
    """Change an idea's title or description (runners)."""
    network = _running(request, pk)
    idea = _idea(network, idea_pk)
    initial = {"title": idea.title, "description": idea.description}
    form = ChangeIdeaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            idea_services.change_idea_update(actor=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as refused:
            _refuse(form, refused)
        else:
            messages.success(request, f"Change idea “{idea.title}” saved.")
            return redirect("improvement:change_ideas", network.pk)
    idea.refresh_from_db()
    context = {"network": network, "idea": idea, "form": form}
    status = 400 if form.errors else 200
    return render(request, "improvement/diagram_idea_form.html", context, status=status)


@require_POST
@district_view()
def change_idea_retire(request, pk: int, idea_pk: int):
    """Retire an idea (off the working diagram; its cycles keep it) or, with
    ``restore``, bring it back."""
    network = _running(request, pk)
    idea = _idea(network, idea_pk)
    if request.POST.get("restore"):
        idea_services.change_idea_restore(actor=request.user, idea=idea)
        messages.success(request, f"“{idea.title}” is in use again: place it in the editor.")
    else:
        idea_services.change_idea_retire(actor=request.user, idea=idea)
        messages.success(request, f"“{idea.title}” retired and taken off the working diagram.")
    return redirect("improvement:change_ideas", network.pk)


@require_POST
@district_view()
def change_idea_delete(request, pk: int, idea_pk: int):
    """Delete an idea nobody tested; refused with the reason otherwise."""
    network = _running(request, pk)
    idea = _idea(network, idea_pk)
    try:
        idea_services.change_idea_delete(actor=request.user, idea=idea)
    except ValidationError as refused:
        context = {
            "network": network,
            "rows": selectors.change_idea_rows(network),
            "form": ChangeIdeaForm(),
            "may_run": True,
            "refusal": " ".join(refused.messages),
        }
        return render(request, "improvement/diagram_ideas.html", context, status=400)
    messages.success(request, f"Change idea “{idea.title}” deleted.")
    return redirect("improvement:change_ideas", network.pk)
