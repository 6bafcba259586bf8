"""Which succession pages the user reaches, for the leadership navigation and overview."""

from __future__ import annotations

from django import template

from districtwise.core.scopes import scope_for
from districtwise.leadership import access

register = template.Library()


@register.simple_tag(takes_context=True)
def succession_reach(context) -> dict[str, bool]:
    """``succession``: the user reads succession plans; ``teacher_leaders``: the user reads
    teacher-leader roles."""
    request = context.get("request")
    district = getattr(request, "district", None)
    if request is None or district is None:
        return {"succession": False, "teacher_leaders": False}
    scope = scope_for(request.user, district)
    return {
        "succession": access.may_read_succession(scope),
        "teacher_leaders": scope.has_any(access.TEACHER_LEADER_READERS),
    }
