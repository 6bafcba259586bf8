"""The catalogue editor's pages: add, edit, retire and restore a support."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.supports import access
from districtwise.supports.forms.adaptations import SupportForm, show_refusal
from districtwise.supports.services import catalogue as services


def _form_page(request, form, support=None):
    status = 400 if form.errors else 200
    context = {"form": form, "support": support}
    return render(request, "supports/adaptations_support_form.html", context, status=status)


@district_view(roles=access.CATALOGUE_READERS)
def support_new(request):
    """Add a support: the cabinet, or a department lead for their own department."""
    access.require_add_support(request.scope)
    departments = access.department_choices(request.scope, request.district)
    form = SupportForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            support = services.support_create(
                actor=request.user, district=request.district, data=form.edits()
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"“{support.name}” is added to the catalogue.")
            return redirect("supports:support_detail", pk=support.pk)
    return _form_page(request, form)


@district_view(roles=access.CATALOGUE_READERS)
def support_edit(request, pk: int):
    """Edit a support's entitlement, nonnegotiables and boundaries."""
    support = access.get_support_for_edit(request.user, request.district, pk)
    departments = access.department_choices(request.scope, request.district)
    form = SupportForm(request.POST or None, instance=support, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_update(actor=request.user, support=support, data=form.edits())
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The support is saved.")
            return redirect("supports:support_detail", pk=support.pk)
    return _form_page(request, form, support)


@require_POST
@district_view(roles=access.CATALOGUE_READERS)
def support_retire(request, pk: int):
    """Retire a support (``active=0``) or restore it (``active=1``); kept for history."""
    support = access.get_support_for_edit(request.user, request.district, pk)
    active = request.POST.get("active") == "1"
    services.support_set_active(actor=request.user, support=support, active=active)
    word = "restored to the catalogue" if active else "retired: it is kept for its history"
    messages.success(request, f"“{support.name}” is {word}.")
    return redirect("supports:support_detail", pk=support.pk)
