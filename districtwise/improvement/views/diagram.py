"""The pages of a network's driver diagram (its change ideas: ``views.diagram_ideas``).

Readers see the working diagram (drawn, and as a nested list), the recorded versions and
what changed in each. The network's runners edit the working version as a tree (placing
ideas of the network, or new ones written inline) and record it.

The editor's forms post to small actions that redirect back to the editor; with HTMX the
same request swaps only the tree (``hx-select``), and without script the page reloads.
A refused change renders the editor again with the reason beside the form (400).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view, one_or_404
from districtwise.improvement import access
from districtwise.improvement.charts.diagram import diagram_svg
from districtwise.improvement.forms.diagram import (
    DriverTextForm,
    PlaceIdeaForm,
    RecordVersionForm,
)
from districtwise.improvement.models import Driver, IdeaPlacement, ImprovementNetwork
from districtwise.improvement.selectors import diagram as selectors
from districtwise.improvement.services import diagram as services
from districtwise.improvement.services import diagram_ideas as idea_services


def _running(request, pk: int) -> ImprovementNetwork:
    return access.get_network_for_running(request.user, request.district, pk)


def _drawing(network: ImprovementNetwork, version) -> dict:
    """The tree of ``version`` and its drawing, for the diagram's templates."""
    tree = selectors.diagram_tree(version) if version else None
    title = f"Driver diagram of {network.name}, version {version.number}" if version else ""
    svg = diagram_svg(tree, chart_id="driver-diagram", title=title) if tree else ""
    return {"tree": tree, "svg": svg, "diagram_title": title}


@district_view()
def diagram(request, pk: int):
    """The network's current theory: the working version drawn and as a list."""
    network = access.get_network_for_user(request.user, request.district, pk)
    version = selectors.working_version(network)
    context = {
        "network": network,
        "version": version,
        "recorded": selectors.recorded_versions(network),
        "may_run": access.runs_network(request.user, request.district, network),
        **_drawing(network, version),
    }
    return render(request, "improvement/diagram_page.html", context)


# ---- the editor ----
def _editor(request, network: ImprovementNetwork, *, error: dict | None = None):
    version = selectors.working_version(network)
    context = {
        "network": network,
        "version": version,
        "tree": selectors.editor_tree(version) if version else None,
        "error": error,
        # An HTMX request swaps only the tree, so the tree says what happened itself.
        "swapped": request.headers.get("HX-Request") == "true",
    }
    return render(request, "improvement/diagram_edit.html", context, status=400 if error else 200)


@district_view()
def diagram_edit(request, pk: int):
    """The working version as a tree of forms (runners only)."""
    return _editor(request, _running(request, pk))


def _apply(
    request,
    network,
    *,
    target: tuple[str, int | None],
    form,
    write: Callable[[dict], object],
    done: str,
):
    """Validate ``form``, call ``write`` with its data; back to the editor, or the editor
    again with the reason beside the form named ``target`` (nothing changed)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as refused:
            message = " ".join(refused.messages)
        else:
            messages.success(request, done)
            return redirect("improvement:diagram_edit", network.pk)
    else:
        message = " ".join(e for errors in form.errors.values() for e in errors)
    kind, driver_pk = target
    value = request.POST.get("text", request.POST.get("new_title", ""))
    error = {"kind": kind, "driver": driver_pk, "message": message, "value": value}
    error["key"] = str(driver_pk) if driver_pk else "primary"
    return _editor(request, network, error=error)


def _error(target: tuple[str, int | None], refused: ValidationError) -> dict:
    kind, driver_pk = target
    return {"kind": kind, "driver": driver_pk, "message": " ".join(refused.messages)}


def _driver(network: ImprovementNetwork, driver_pk: int) -> Driver:
    drivers = Driver.objects.filter(version__network=network)
    return one_or_404(drivers.select_related("version__network", "parent"), driver_pk)


@require_POST
@district_view()
def driver_add(request, pk: int):
    """Add a primary driver, or a secondary one under the primary driver ``parent``."""
    network = _running(request, pk)
    parent_pk = request.POST.get("parent", "")
    if parent_pk and not parent_pk.isdecimal():
        raise Http404("Not found")
    parent = _driver(network, int(parent_pk)) if parent_pk else None
    return _apply(
        request,
        network,
        target=("add", parent.pk if parent else None),
        form=DriverTextForm(request.POST),
        write=lambda d: services.driver_add(
            actor=request.user, network=network, text=d["text"], parent=parent
        ),
        done="Secondary driver added." if parent else "Primary driver added.",
    )


@require_POST
@district_view()
def driver_rename(request, pk: int, driver_pk: int):
    """Change a driver's words."""
    network = _running(request, pk)
    driver = _driver(network, driver_pk)
    return _apply(
        request,
        network,
        target=("rename", driver.pk),
        form=DriverTextForm(request.POST),
        write=lambda d: services.driver_rename(actor=request.user, driver=driver, text=d["text"]),
        done=f"Driver renamed to “{request.POST.get('text', '').strip()}”.",
    )


@require_POST
@district_view()
def driver_move(request, pk: int, driver_pk: int):
    """Move a driver one place up or down among its siblings."""
    network = _running(request, pk)
    driver = _driver(network, driver_pk)
    try:
        services.driver_move(
            actor=request.user, driver=driver, direction=request.POST.get("direction", "")
        )
    except ValidationError as refused:
        error = _error(("rename", driver.pk), refused)
        return _editor(request, network, error=error)
    return redirect("improvement:diagram_edit", network.pk)


@district_view()
def driver_remove(request, pk: int, driver_pk: int):
    """Remove a driver; when things hang under it, first say what goes with it and ask."""
    network = _running(request, pk)
    driver = _driver(network, driver_pk)
    going = services.removal_consequences(driver)
    confirmed = not going or request.POST.get("confirm") == "yes"
    if request.method == "POST" and confirmed:
        try:
            services.driver_remove(actor=request.user, driver=driver)
        except ValidationError as refused:
            error = _error(("rename", driver.pk), refused)
            return _editor(request, network, error=error)
        messages.success(request, f"“{driver.text}” removed from the diagram.")
        return redirect("improvement:diagram_edit", network.pk)
    context = {"network": network, "driver": driver, "going": going}
    return render(request, "improvement/diagram_driver_remove.html", context)


@require_POST
@district_view()
def idea_place(request, pk: int, driver_pk: int):
    """Hang a change idea under a driver: one of the network's, or a new one."""
    network = _running(request, pk)
    driver = _driver(network, driver_pk)
    ideas = network.change_ideas.filter(retired_at__isnull=True)

    def write(data: dict) -> object:
        if data["idea"] is not None:
            return services.idea_place(actor=request.user, driver=driver, idea=data["idea"])
        return idea_services.change_idea_create_and_place(
            actor=request.user, driver=driver, title=data["new_title"]
        )

    return _apply(
        request,
        network,
        target=("place", driver.pk),
        form=PlaceIdeaForm(request.POST, ideas=ideas),
        write=write,
        done=f"Change idea hung under “{driver.text}”.",
    )


@require_POST
@district_view()
def placement_remove(request, pk: int, placement_pk: int):
    """Take a change idea off one driver (the idea stays in the network)."""
    network = _running(request, pk)
    placements = IdeaPlacement.objects.filter(driver__version__network=network)
    placement = one_or_404(placements.select_related("driver__version", "idea"), placement_pk)
    try:
        services.placement_remove(actor=request.user, placement=placement)
    except ValidationError as refused:
        error = _error(("place", placement.driver_id), refused)
        return _editor(request, network, error=error)
    messages.success(request, f"“{placement.idea.title}” taken off “{placement.driver.text}”.")
    return redirect("improvement:diagram_edit", network.pk)


# ---- versions ----
@district_view()
def diagram_record(request, pk: int):
    """Record the working version with a note; the next version opens as its copy."""
    network = _running(request, pk)
    version = selectors.working_version(network)
    form = RecordVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = services.version_record(
                actor=request.user, network=network, note=form.cleaned_data["note"]
            )
        except ValidationError as refused:
            form.add_error(None, " ".join(refused.messages))
        else:
            messages.success(
                request,
                f"Version {recorded.number} recorded. Version {recorded.number + 1} is open "
                "for editing.",
            )
            return redirect("improvement:diagram_version", network.pk, recorded.number)
    context = {
        "network": network,
        "version": version,
        "changes": selectors.version_changes(version) if version else None,
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "improvement/diagram_record.html", context, status=status)


@district_view()
def diagram_versions(request, pk: int):
    """The recorded versions, each with its note and date."""
    network = access.get_network_for_user(request.user, request.district, pk)
    context = {
        "network": network,
        "versions": selectors.recorded_versions(network),
        "working": selectors.working_version(network),
    }
    return render(request, "improvement/diagram_versions.html", context)


@district_view()
def diagram_version(request, pk: int, number: int):
    """One version drawn read-only, with what changed from the version before."""
    network = access.get_network_for_user(request.user, request.district, pk)
    version = selectors.version_by_number(network, number)
    if version is None:
        raise Http404("Not found")
    context = {
        "network": network,
        "version": version,
        "changes": selectors.version_changes(version),
        **_drawing(network, version),
    }
    return render(request, "improvement/diagram_version.html", context)
