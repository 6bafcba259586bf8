"""The support page's panel of the catalogue editor: who changed the support and when,
and the adaptations of the schools the reader sees."""

from __future__ import annotations

from django import template

from districtwise.supports.selectors import adaptations as selectors

register = template.Library()

FIELD_WORDS = {
    "is_active": "in the catalogue",
    "min_occurrences": "how many times",
    "min_minutes": "minutes each",
    "delivered_by": "who delivers it",
    "owner_department": "owner",
    "adaptable": "what a school may adapt",
}


@register.inclusion_tag("supports/adaptations_support_panel.html", takes_context=True)
def support_adaptations_panel(context, support, may_edit: bool):
    """The changes to the support (from the audit history) and the schools' adaptations."""
    user = context["request"].user
    changes = [
        {
            "entry": entry,
            "fields": [
                FIELD_WORDS.get(name, name.replace("_", " ")) for name in sorted(entry.changes)
            ],
        }
        for entry in selectors.support_changes(user=user, support=support)[:50]
    ]
    return {
        "support": support,
        "may_edit": may_edit,
        "changes": changes,
        "adaptations": selectors.support_adaptations(user=user, support=support),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def role_names(roles) -> str:
    """Staff roles in words: ['coach'] -> 'Instructional coach'."""
    from districtwise.supports.models import DELIVERER_CHOICES

    names = dict(DELIVERER_CHOICES)
    return ", ".join(names.get(role, role) for role in roles or [])


@register.inclusion_tag("supports/adaptations_retired.html", takes_context=True)
def retired_supports(context):
    """The retired supports, kept for their history, for those who may restore them."""
    request = context["request"]
    return {"retired": selectors.retired_support_list(user=request.user, district=request.district)}
