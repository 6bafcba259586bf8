"""Which parts of partners and community the user reaches, for the section's navigation
and overview cards: the rules of ``community/access.py``, asked once per page."""

from __future__ import annotations

from django import template

from districtwise.community import access

register = template.Library()


@register.simple_tag(takes_context=True)
def community_reach(context) -> dict[str, bool]:
    """``surveys``: the user reads family surveys; ``events``: engagement events;
    ``stakeholders``: the stakeholder map."""
    scope = getattr(context.get("request"), "scope", None)
    if scope is None:
        return {"surveys": False, "events": False, "stakeholders": False}
    return {
        "surveys": scope.has_any(access.SURVEY_READERS),
        "events": scope.has_any(access.EVENT_READERS),
        "stakeholders": access.reads_stakeholders(scope),
    }
