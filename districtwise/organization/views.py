"""Pages of the organisation: schools, networks, departments, people, the audit feed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from districtwise.core.access import district_view
from districtwise.core.roles import AUDIT_READERS, ORGANIZATION_EDITORS
from districtwise.organization import access, selectors, services
from districtwise.organization.forms import NetworkForm, SchoolForm


@district_view()
def school_list(request):
    schools = selectors.school_list(user=request.user, district=request.district)
    return render(request, "organization/school_list.html", {"schools": schools})


@district_view()
def school_detail(request, pk: int):
    school = access.get_school_for_user(request.user, request.district, pk)
    show_staff = access.can_see_school_staff(request.user, request.district, school)
    context = {
        "school": school,
        "staff": selectors.school_staff(user=request.user, district=request.district, school=school)
        if show_staff
        else None,
        "can_edit": request.scope.has_any(ORGANIZATION_EDITORS),
        "history": selectors.object_history(
            user=request.user, district=request.district, obj=school
        )[:20],
    }
    return render(request, "organization/school_detail.html", context)


@district_view()
def school_edit(request, pk: int):
    school = access.get_school_for_edit(request.user, request.district, pk)
    form = SchoolForm(request.POST or None, instance=school, district=request.district)
    if request.method == "POST" and form.is_valid():
        services.school_update(
            actor=request.user,
            district=request.district,
            school=school,
            data=form.cleaned_data,
        )
        return redirect("organization:school_detail", pk=school.pk)
    school.refresh_from_db()
    return render(request, "organization/school_form.html", {"school": school, "form": form})


@district_view()
def network_list(request):
    networks = selectors.network_list(user=request.user, district=request.district)
    return render(request, "organization/network_list.html", {"networks": networks})


@district_view()
def network_detail(request, pk: int):
    network = access.get_network_for_user(request.user, request.district, pk)
    schools = selectors.school_list(user=request.user, district=request.district).filter(
        network=network
    )
    context = {
        "network": network,
        "schools": schools,
        "can_edit": access.can_edit_network(request.user, request.district, network),
        "history": selectors.object_history(
            user=request.user, district=request.district, obj=network
        )[:20],
    }
    return render(request, "organization/network_detail.html", context)


@district_view()
def network_edit(request, pk: int):
    network = access.get_network_for_edit(request.user, request.district, pk)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        services.network_update(
            actor=request.user, district=request.district, network=network, data=form.cleaned_data
        )
        return redirect("organization:network_detail", pk=network.pk)
    network.refresh_from_db()
    return render(request, "organization/network_form.html", {"network": network, "form": form})


@district_view()
def department_list(request):
    departments = selectors.department_list(user=request.user, district=request.district)
    return render(request, "organization/department_list.html", {"departments": departments})


@district_view()
def department_detail(request, pk: int):
    department = access.get_department_for_user(request.user, request.district, pk)
    staff = selectors.person_list(user=request.user, district=request.district).filter(
        department=department
    )
    return render(
        request,
        "organization/department_detail.html",
        {"department": department, "staff": staff},
    )


@district_view()
def person_list(request):
    people = selectors.person_list(user=request.user, district=request.district)
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(family_name__icontains=query) | people.filter(
            given_name__icontains=query
        )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "organization/person_list.html", {"page": page, "query": query})


@district_view()
def person_detail(request, pk: int):
    person = access.get_person_for_user(request.user, request.district, pk)
    memberships = selectors.memberships_of(
        user=request.user, district=request.district, person=person
    )
    return render(
        request,
        "organization/person_detail.html",
        {"person": person, "memberships": memberships},
    )


@district_view(roles=AUDIT_READERS)
def audit_feed(request):
    entries = selectors.audit_feed(user=request.user, district=request.district)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "organization/audit_feed.html", {"page": page})
