"""Template context shared by every page: navigation, current district, roles."""

from __future__ import annotations

from django.urls import reverse

from districtwise.core.notifications import unread_count
from districtwise.core.scopes import scope_for
from districtwise.web.navigation import SECTIONS


def navigation(request) -> dict:
    district = getattr(request, "district", None)
    scope = scope_for(request.user, district) if hasattr(request, "user") else None
    items = []
    for section in SECTIONS:
        opens = scope is not None and section.opens_for(scope)
        url = reverse(section.url_name) if opens and section.url_name else None
        fallback = reverse("section", args=[section.slug])
        here = url or fallback
        items.append(
            {
                "section": section,
                "url": url,
                "fallback": fallback,
                "coming": section.url_name is None,
                # the organisation's pages are marked in its own sub-list
                "current": section.slug != "organization" and request.path.startswith(here),
            }
        )
    return {
        "nav_items": items,
        "nav_sections": SECTIONS,
        "current_district": district,
        "user_districts": getattr(request, "user_districts", []),
        "current_scope": scope,
    }


def notifications(request) -> dict:
    """The unread count for the header: one query for a signed-in member of a district,
    none for anyone else."""
    user = getattr(request, "user", None)
    district = getattr(request, "district", None)
    if district is None or user is None or not user.is_authenticated:
        return {"unread_notifications": None}
    return {"unread_notifications": unread_count(user=user, district=district)}
