"""Template context shared by every page: navigation, current district, roles."""

from __future__ import annotations

from districtwise.core.scopes import scope_for
from districtwise.web.navigation import SECTIONS


def navigation(request) -> dict:
    district = getattr(request, "district", None)
    scope = scope_for(request.user, district) if hasattr(request, "user") else None
    return {
        "nav_sections": SECTIONS,
        "current_district": district,
        "user_districts": getattr(request, "user_districts", []),
        "current_scope": scope,
    }
