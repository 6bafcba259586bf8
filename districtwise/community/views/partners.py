"""The pages of partners and partnerships: the directory, a partner and its contacts, the
partnerships list and page (terms, agreement, services, health), delivery logs, reviews
and the district-wide health list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from districtwise.community import access
from districtwise.community.access import COMMUNITY_MEMBERS, PARTNERSHIP_MANAGERS
from districtwise.community.charts.partners import delivered_against_committed
from districtwise.community.forms.partners import (
    ContactForm,
    DeliveryForm,
    PartnerForm,
    PartnershipForm,
    ReviewForm,
    ServiceForm,
)
from districtwise.community.models import Partnership
from districtwise.community.selectors import partners as selectors
from districtwise.community.services import partners as services
from districtwise.core.access import district_view
from districtwise.organization.models import PartnerKind, School
from districtwise.strategy.forms.plan import show_refusal


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved."""
    return render(request, template, context, status=400 if form.errors else 200)


# ----- partner organisations -------------------------------------------------------------
@district_view(COMMUNITY_MEMBERS)
def partners(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in PartnerKind.values else ""
    found = selectors.partner_list(user=request.user, district=request.district, kind=kind)
    page = Paginator(found, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": PartnerKind.choices,
        "kind": kind,
        "page_query": f"kind={kind}" if kind else "",
        "manages": access.manages_partnerships(request.scope),
    }
    return render(request, "community/partners_list.html", context)


@district_view(PARTNERSHIP_MANAGERS)
def partner_new(request):
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = services.partner_create(
            actor=request.user, district=request.district, **form.cleaned_data
        )
        messages.success(request, f"{partner.name} is added.")
        return redirect("community:partner", pk=partner.pk)
    return _rendered(request, "community/partners_form.html", {"form": form}, form)


@district_view(COMMUNITY_MEMBERS)
def partner(request, pk: int):
    found = access.get_partner_for_user(request.user, request.district, pk)
    context = {
        "partner": found,
        "contacts": found.contacts.select_related("person"),
        "partnerships": selectors.partner_partnerships(
            user=request.user, district=request.district, partner=found
        ).prefetch_related("schools"),
        "manages": access.manages_partnerships(request.scope),
    }
    return render(request, "community/partners_detail.html", context)


@district_view(COMMUNITY_MEMBERS)
def partner_edit(request, pk: int):
    found = access.get_partner_for_edit(request.user, request.district, pk)
    form = PartnerForm(request.POST or None, initial=PartnerForm.initial_of(found))
    if request.method == "POST" and form.is_valid():
        services.partner_update(actor=request.user, partner=found, **form.cleaned_data)
        messages.success(request, f"{found.name} is saved.")
        return redirect("community:partner", pk=found.pk)
    return _rendered(
        request, "community/partners_form.html", {"form": form, "partner": found}, form
    )


def _contact_form(request, *, partner, contact=None):
    initial = ContactForm.initial_of(contact) if contact else None
    form = ContactForm(request.POST or None, initial=initial, district=request.district)
    if request.method == "POST" and form.is_valid():
        try:
            if contact is None:
                services.contact_create(actor=request.user, partner=partner, **form.cleaned_data)
            else:
                services.contact_update(actor=request.user, contact=contact, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{form.cleaned_data['name']} is saved as a contact.")
            return redirect("community:partner", pk=partner.pk)
    context = {"form": form, "partner": partner, "contact": contact}
    return _rendered(request, "community/partners_contact_form.html", context, form)


@district_view(COMMUNITY_MEMBERS)
def contact_new(request, pk: int):
    found = access.get_partner_for_edit(request.user, request.district, pk)
    return _contact_form(request, partner=found)


@district_view(COMMUNITY_MEMBERS)
def contact_edit(request, pk: int):
    contact = access.get_contact_for_edit(request.user, request.district, pk)
    return _contact_form(request, partner=contact.partner, contact=contact)


@district_view(COMMUNITY_MEMBERS)
def contact_remove(request, pk: int):
    """GET asks to confirm; POST removes the contact."""
    contact = access.get_contact_for_edit(request.user, request.district, pk)
    partner = contact.partner
    if request.method == "POST":
        services.contact_remove(actor=request.user, contact=contact)
        messages.success(request, f"{contact.name} is no longer a contact of {partner.name}.")
        return redirect("community:partner", pk=partner.pk)
    context = {"contact": contact, "partner": partner}
    return render(request, "community/partners_contact_remove.html", context)


# ----- partnerships ----------------------------------------------------------------------
def _filters(request) -> dict:
    school = request.GET.get("school", "")
    return {
        "kind": _known(request.GET.get("kind", ""), PartnerKind.values),
        "school": int(school) if school.isdecimal() else None,
        "status": _known(request.GET.get("status", ""), Partnership.Status.values),
        "expiring": request.GET.get("expiring") == "1",
    }


def _known(value: str, allowed: list[str]) -> str:
    """A filter's value when it is one of ``allowed``, else no filter."""
    return value if value in allowed else ""


def _filter_query(chosen: dict) -> str:
    parts = [f"{k}={v}" for k, v in chosen.items() if v and k != "expiring"]
    if chosen["expiring"]:
        parts.append("expiring=1")
    return "&".join(parts)


@district_view(COMMUNITY_MEMBERS)
def partnerships(request):
    chosen = _filters(request)
    found = selectors.partnership_list(user=request.user, district=request.district, **chosen)
    page = Paginator(found, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {
        "page": page,
        "rows": [(p, selectors.ends_soon(p, today)) for p in page.object_list],
        "chosen": chosen,
        "page_query": _filter_query(chosen),
        "kinds": PartnerKind.choices,
        "statuses": Partnership.Status.choices,
        "schools": School.objects.filter(district=request.district).order_by("name"),
        "manages": access.manages_partnerships(request.scope),
    }
    return render(request, "community/partnerships_list.html", context)


def _partnership_form(request, *, partnership=None):
    initial = PartnershipForm.initial_of(partnership) if partnership else None
    form = PartnershipForm(
        request.POST or None, request.FILES or None, initial=initial, district=request.district
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agreement = data.pop("agreement", None)
        try:
            if partnership is None:
                partnership = services.partnership_create(
                    actor=request.user, district=request.district, agreement=agreement, **data
                )
            else:
                services.partnership_update(
                    actor=request.user, partnership=partnership, agreement=agreement, **data
                )
        except ValidationError as refused:
            if hasattr(refused, "error_dict") and "file" in refused.error_dict:
                refused = ValidationError({"agreement": refused.error_dict.pop("file")})
            show_refusal(form, refused)
        else:
            messages.success(request, f"{partnership.title} is saved.")
            return redirect("community:partnership", pk=partnership.pk)
        if partnership is not None:
            partnership.refresh_from_db()
    context = {"form": form, "partnership": partnership}
    return _rendered(request, "community/partnerships_form.html", context, form)


@district_view(PARTNERSHIP_MANAGERS)
def partnership_new(request):
    return _partnership_form(request)


@district_view(COMMUNITY_MEMBERS)
def partnership_edit(request, pk: int):
    found = access.get_partnership_for_edit(request.user, request.district, pk)
    return _partnership_form(request, partnership=found)


@district_view(COMMUNITY_MEMBERS)
def partnership(request, pk: int):
    found = access.get_partnership_for_user(request.user, request.district, pk)
    health = selectors.partnership_health(
        user=request.user, district=request.district, partnership=found
    )
    scope = request.scope
    context = {
        "partnership": health.partnership,
        "health": health,
        "chart": delivered_against_committed(health.services, chart_id="partnership-health")
        if health.services
        else "",
        "ends_soon": selectors.ends_soon(found),
        "outcomes": selectors.partnership_outcomes(
            user=request.user, district=request.district, partnership=found
        ),
        "deliveries": selectors.recent_deliveries(
            user=request.user, district=request.district, partnership=found
        ),
        "edits": access.edits_partnership(scope, found),
        "logs": access.logs_services(scope, found),
        "reviews": access.review_side(request.user, request.district, found) is not None,
    }
    return render(request, "community/partnerships_detail.html", context)


@district_view(COMMUNITY_MEMBERS)
def partnership_agreement(request, pk: int):
    """The agreement document, through the access check, as a download."""
    found = access.get_partnership_for_user(request.user, request.district, pk)
    path = services.agreement_path(found)
    if path is None or not path.is_file():
        raise Http404("This partnership keeps no agreement document.")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=found.agreement_name or "agreement"
    )


# ----- services, deliveries, reviews -----------------------------------------------------
def _service_form(request, *, partnership, service=None):
    initial = ServiceForm.initial_of(service) if service else None
    form = ServiceForm(request.POST or None, initial=initial, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        schools = list(data.pop("schools"))
        try:
            if service is None:
                services.service_create(
                    actor=request.user, partnership=partnership, schools=schools, **data
                )
            else:
                services.service_update(
                    actor=request.user, service=service, schools=schools, **data
                )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{data['name']} is saved.")
            return redirect("community:partnership", pk=partnership.pk)
    context = {"form": form, "partnership": partnership, "service": service}
    return _rendered(request, "community/partnerships_service_form.html", context, form)


@district_view(COMMUNITY_MEMBERS)
def service_new(request, pk: int):
    found = access.get_partnership_for_edit(request.user, request.district, pk)
    return _service_form(request, partnership=found)


@district_view(COMMUNITY_MEMBERS)
def service_edit(request, pk: int):
    service = access.get_service_for_edit(request.user, request.district, pk)
    return _service_form(request, partnership=service.partnership, service=service)


@district_view(COMMUNITY_MEMBERS)
def service_remove(request, pk: int):
    """GET asks to confirm (or says why it cannot be removed); POST removes the service."""
    service = access.get_service_for_edit(request.user, request.district, pk)
    partnership = service.partnership
    refusal = None
    if request.method == "POST":
        try:
            services.service_remove(actor=request.user, service=service)
        except ValidationError as refused:
            refusal = " ".join(refused.messages)
        else:
            messages.success(request, f"{service.name} is removed from {partnership.title}.")
            return redirect("community:partnership", pk=partnership.pk)
    context = {
        "service": service,
        "partnership": partnership,
        "deliveries": service.deliveries.count(),
        "refusal": refusal,
    }
    status = 400 if refusal else 200
    return render(request, "community/partnerships_service_remove.html", context, status=status)


@district_view(COMMUNITY_MEMBERS)
def delivery_new(request, pk: int):
    found = access.get_partnership_for_logging(request.user, request.district, pk)
    form = DeliveryForm(
        request.POST or None,
        initial={"delivered_on": timezone.localdate()},
        partnership=found,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.delivery_log(actor=request.user, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The delivery is logged.")
            return redirect("community:partnership", pk=found.pk)
    context = {"form": form, "partnership": found}
    return _rendered(request, "community/partnerships_delivery_form.html", context, form)


@district_view(COMMUNITY_MEMBERS)
def review_new(request, pk: int):
    found, side = access.get_partnership_for_review(request.user, request.district, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.review_write(actor=request.user, partnership=found, side=side, **form.cleaned_data)
        messages.success(request, "The review is saved.")
        return redirect("community:partnership", pk=found.pk)
    context = {"form": form, "partnership": found, "side": side}
    return _rendered(request, "community/partnerships_review_form.html", context, form)


@district_view(COMMUNITY_MEMBERS)
def partnership_health(request):
    chosen = _filters(request)
    found = selectors.partnership_list(user=request.user, district=request.district, **chosen)
    page = Paginator(found, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = selectors.health_list(
        user=request.user,
        district=request.district,
        partnerships=found.filter(pk__in=[p.pk for p in page.object_list]),
    )
    context = {
        "page": page,
        "rows": [(h, selectors.ends_soon(h.partnership, today)) for h in rows],
        "chosen": chosen,
        "page_query": _filter_query(chosen),
        "kinds": PartnerKind.choices,
        "statuses": Partnership.Status.choices,
        "schools": School.objects.filter(district=request.district).order_by("name"),
    }
    return render(request, "community/partnerships_health.html", context)
