"""The pages of guidance and guardrails: the library, a document and its versions, a new
document, a new version (refused, with the difference shown, when someone published
meanwhile), the difference between two versions, acknowledging the current version, who
has acknowledged (with a CSV), and retiring a document."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.core.roles import CABINET, Role
from districtwise.voice import access
from districtwise.voice.access import DEPARTMENT_ROLES, PATTERN_READERS
from districtwise.voice.forms.guidance import DocumentForm, LibrarySearchForm, RevisionForm
from districtwise.voice.guidance_diff import has_changes, text_diff
from districtwise.voice.models import GuidanceDocument, GuidanceVersion
from districtwise.voice.selectors import guidance as selectors
from districtwise.voice.services import guidance as services


def refusal_onto_form(form, refused: ValidationError) -> None:
    """Show a service's refusal next to the fields it names (else above the form)."""
    if not hasattr(refused, "error_dict"):
        for message in refused.messages:
            form.add_error(None, message)
        return
    for name, errors in refused.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


def _post_only(request):
    """Answer 405 to anything but POST (after the look-up: 404 comes first)."""
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@district_view(PATTERN_READERS)
def library(request):
    """The documents the user may read, current version first, searchable."""
    departments = selectors.library_departments(user=request.user, district=request.district)
    form = LibrarySearchForm(request.GET or None, departments=departments)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    department = filters.get("department")
    entries = selectors.document_library(
        user=request.user,
        district=request.district,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        department_id=department.pk if department else None,
        include_retired=bool(filters.get("retired")),
    )
    context = {
        "form": form,
        "entries": entries,
        "searched": bool(filters.get("q") or filters.get("kind") or department),
        "may_publish": access.may_publish_guidance(request.scope),
    }
    return render(request, "voice/guidance_library.html", context)


@district_view(CABINET | DEPARTMENT_ROLES)
def document_new(request):
    """A new document of one of the user's departments, published as version 1."""
    departments = access.publishing_departments(request.user, request.district)
    if not departments.exists():
        raise Http404("Not found")
    form = DocumentForm(request.POST or None, departments=departments, district=request.district)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.guidance_document_create(
                actor=request.user, district=request.district, **data
            )
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"{document.title} is published as version 1.")
            return redirect("voice:guidance_document", document.pk)
    status = 400 if form.errors else 200
    return render(request, "voice/guidance_new.html", {"form": form}, status=status)


def _version_context(request, document: GuidanceDocument, version: GuidanceVersion) -> dict:
    current = selectors.current_version(document)
    return {
        "schools": document.schools.order_by("name"),
        "role_labels": [Role(r).label for r in document.roles if r in Role.values],
        "publisher": services.name_of(version.published_by, document.district),
        "review_overdue": current is not None and current.review_on < timezone.localdate(),
        "document": document,
        "version": version,
        "current": current,
        "is_current": current is not None and current.pk == version.pk,
        "blocks": selectors.text_blocks(version.body),
        "decide_blocks": selectors.text_blocks(version.schools_decide),
        "prompts": selectors.version_prompts(request.user, request.district, version),
        "versions": selectors.versions_of(document),
        "may_edit": access.edits_document(request.user, request.district, document),
        "acknowledges": not document.retired_at and access.acknowledges(document, request.scope),
        "acknowledgement": selectors.acknowledged_by(request.user, request.district, version),
    }


@district_view()
def document(request, pk: int):
    """A document's current version: its text, what schools decide, what changed and
    what prompted it, its history, and the acknowledge button for those it applies to."""
    found = access.get_document_for_user(request.user, request.district, pk)
    current = selectors.current_version(found)
    if current is None:
        raise Http404("Not found")
    context = _version_context(request, found, current)
    return render(request, "voice/guidance_document.html", context)


@district_view()
def version(request, pk: int):
    """One version, current or superseded; a superseded one says which is current."""
    found = access.get_version_for_user(request.user, request.district, pk)
    context = _version_context(request, found.document, found)
    return render(request, "voice/guidance_version.html", context)


@district_view()
def revise(request, pk: int):
    """Publish a new version (owners). If someone published while the editor was writing,
    nothing is saved: the page says who and when, shows the difference between their
    version and the editor's text, and keeps the text in the form."""
    found = access.get_document_for_edit(request.user, request.district, pk)
    if found.retired_at:
        raise PermissionDenied("The document is retired: it takes no new versions.")
    current = selectors.current_version(found)
    if current is None:
        raise Http404("Not found")
    choices = {
        "needs": selectors.prompt_needs(request.user, request.district),
        "items": selectors.prompt_items(request.user, request.district),
    }
    initial = {
        "based_on": current.number,
        "body": current.body,
        "schools_decide": current.schools_decide,
        "effective_on": current.effective_on,
        "review_on": current.review_on,
    }
    form = RevisionForm(request.POST or None, initial=initial, **choices)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            published = services.guidance_version_publish(
                actor=request.user, document=found, **form.cleaned_data
            )
        except services.StaleVersion as stale:
            conflict = _conflict(stale, form)
            # The editor's text stays; the form now builds on the version they were shown.
            data = request.POST.copy()
            data["based_on"] = str(stale.current.number)
            form = RevisionForm(data, initial=initial, **choices)
            form.is_valid()
            current = stale.current
        except ValidationError as refused:
            refusal_onto_form(form, refused)
        else:
            messages.success(request, f"Version {published.number} of {found.title} is published.")
            return redirect("voice:guidance_document", found.pk)
    context = {"document": found, "current": current, "form": form, "conflict": conflict}
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "voice/guidance_revise.html", context, status=status)


def _conflict(stale: services.StaleVersion, form: RevisionForm) -> dict:
    mine = form.cleaned_data
    return {
        "message": str(stale),
        "current": stale.current,
        "body": text_diff(stale.current.body, mine["body"]),
        "decide": text_diff(stale.current.schools_decide, mine["schools_decide"]),
    }


def _version_number(document: GuidanceDocument, raw: str | None, default: int) -> int | None:
    if raw in (None, ""):
        return default
    try:
        number = int(raw)
    except ValueError:
        return None
    return number if document.versions.filter(number=number).exists() else None


@district_view()
def diff(request, pk: int):
    """What changed between two versions (``?from=1&to=2``; by default the previous and
    the current one), word by word, with the change summary of the later one."""
    found = access.get_document_for_user(request.user, request.district, pk)
    versions = list(selectors.versions_of(found))
    if not versions:
        raise Http404("Not found")
    newest = versions[0].number
    to_number = _version_number(found, request.GET.get("to"), newest)
    from_number = _version_number(found, request.GET.get("from"), max((to_number or newest) - 1, 1))
    context: dict = {"document": found, "versions": versions}
    if to_number is None or from_number is None:
        bad = request.GET.get("from") if from_number is None else request.GET.get("to")
        context["error"] = (
            f"{found.title} has no version {bad!s:.20}: choose two versions from 1 to {newest}."
        )
        return render(request, "voice/guidance_diff.html", context, status=400)
    older = found.versions.get(number=from_number)
    newer = found.versions.get(number=to_number)
    body = text_diff(older.body, newer.body)
    decide = text_diff(older.schools_decide, newer.schools_decide)
    context |= {
        "older": older,
        "newer": newer,
        "body": body,
        "decide": decide,
        "body_changed": has_changes(body),
        "decide_changed": has_changes(decide),
        "summaries": found.versions.filter(
            number__gt=min(from_number, to_number), number__lte=max(from_number, to_number)
        ).order_by("number"),
    }
    return render(request, "voice/guidance_diff.html", context)


@district_view()
def acknowledge(request, pk: int):
    """Acknowledge version ``pk`` (POST). Only the current version: a superseded one is
    refused with the number of and a link to the current one."""
    found = access.get_version_for_user(request.user, request.district, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    document = found.document
    if not access.acknowledges(document, request.scope):
        raise PermissionDenied("This document does not ask you to acknowledge it.")
    person = access.person_of(request.user, request.district)
    try:
        services.guidance_acknowledge(actor=request.user, person=person, version=found)
    except ValidationError as refusal:
        context = _version_context(request, document, found)
        context["refusal"] = " ".join(refusal.messages)
        return render(request, "voice/guidance_version.html", context, status=409)
    messages.success(request, f"You acknowledged version {found.number} of {document.title}.")
    return redirect("voice:guidance_document", document.pk)


def _tracking(request, pk: int):
    found = access.get_document_for_edit(request.user, request.district, pk)
    current = selectors.current_version(found)
    if current is None:
        raise Http404("Not found")
    rows = selectors.acknowledgement_tracking(
        user=request.user, district=request.district, version=current
    )
    return found, current, rows


@district_view()
def acknowledgements(request, pk: int):
    """Owners: who must acknowledge the current version, per school, who has and who not."""
    found, current, rows = _tracking(request, pk)
    people = [p for row in rows for p in row.people]
    context = {
        "document": found,
        "current": current,
        "rows": rows,
        "total": len(people),
        "done": sum(1 for p in people if p.acknowledged_at),
    }
    return render(request, "voice/guidance_acknowledgements.html", context)


@district_view()
def acknowledgements_csv(request, pk: int):
    """The acknowledgement tracking as CSV: one row per person who must acknowledge."""
    found, current, rows = _tracking(request, pk)
    table = [
        (
            row.school.name,
            person.name,
            person.role,
            current.number,
            "yes" if person.acknowledged_at else "no",
            person.acknowledged_at.isoformat() if person.acknowledged_at else "",  # type: ignore[attr-defined]
        )
        for row in rows
        for person in row.people
    ]
    header = ["school", "person", "role", "version", "acknowledged", "acknowledged_at"]
    return csv_download(f"acknowledgements-{found.pk}-v{current.number}.csv", header, table)


@district_view()
def retire(request, pk: int):
    """Retire a document (owners, POST): it stays readable, marked retired."""
    found = access.get_document_for_user(request.user, request.district, pk)
    if (refused := _post_only(request)) is not None:
        return refused
    if not access.edits_document(request.user, request.district, found):
        raise PermissionDenied("Only the owning department and the cabinet retire a document.")
    services.guidance_document_retire(actor=request.user, document=found)
    messages.success(request, f"{found.title} is retired: it stays readable, marked retired.")
    return redirect("voice:guidance_document", found.pk)
