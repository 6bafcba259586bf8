"""Sets ``request.district``: the district the signed-in user is working in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

SESSION_KEY = "districtwise_district_id"


def districts_of(user):
    """Districts in which the user holds at least one membership, by name."""
    from districtwise.organization.models import District

    if not user.is_authenticated:
        return District.objects.none()
    return District.objects.filter(people__user=user, people__memberships__isnull=False).distinct()


def _home_district(user, districts):
    """Without a choice in the session: the district where the user's first person record
    was made (their own), not whichever comes first by name."""
    first = user.people.filter(district__in=districts).order_by("created_at", "id").first()
    return next((d for d in districts if first and d.pk == first.district_id), districts[0])


class CurrentDistrictMiddleware:
    """Picks the district from the session, falling back to the user's first district."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.district = None  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            districts = list(districts_of(request.user))
            chosen = request.session.get(SESSION_KEY)
            current = next((d for d in districts if d.pk == chosen), None)
            if current is None and districts:
                current = _home_district(request.user, districts)
                request.session[SESSION_KEY] = current.pk
            request.district = current  # type: ignore[attr-defined]
            request.user_districts = districts  # type: ignore[attr-defined]
        return self.get_response(request)
