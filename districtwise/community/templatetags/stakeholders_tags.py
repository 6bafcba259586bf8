"""Template filters of the stakeholder map: whether the page's user reads it (for the
section's card and navigation link, shown only to those who may open the map)."""

from __future__ import annotations

from django import template

from districtwise.community.access import reads_stakeholders as _reads

register = template.Library()


@register.filter
def reads_stakeholders(request) -> bool:
    """True on a page of the section for a reader of the stakeholder map."""
    scope = getattr(request, "scope", None)
    return scope is not None and _reads(scope)
