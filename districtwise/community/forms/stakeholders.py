"""Forms of the stakeholder map: a group, a position on a priority, an engagement.

The people a form offers (a group's keeper, who engaged) are the district staff who read
the map; the goals are those of the district's own plan, so another district's goal is
not a choice (and the service refuses it too).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from districtwise.community.access import STAKEHOLDER_READERS
from districtwise.community.models import Engagement, StakeholderGroup, Stance
from districtwise.core.forms import DesignSystemForm, PersonChoice
from districtwise.organization.models import District, Person

RATING_MESSAGES = {
    "required": "Rate it from 1 (lowest) to 5 (highest).",
    "invalid": "Rate it with a whole number from 1 to 5.",
    "min_value": "Rate it from 1 (lowest) to 5 (highest): {} is too low.",
    "max_value": "Rate it from 1 (lowest) to 5 (highest): {} is too high.",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def map_keepers(district: District):
    """The district staff who may keep a relationship or engage a group: readers of the map."""
    today = timezone.localdate()
    current = Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
    return (
        Person.objects.filter(current, district=district, memberships__role__in=STAKEHOLDER_READERS)
        .select_related("school", "department")
        .distinct()
        .order_by("family_name", "given_name")
    )


class RatingField(forms.IntegerField):
    """A rating of 1 to 5 whose message names the value that is out of range."""

    def __init__(self, **kwargs):
        messages = {"required": RATING_MESSAGES["required"], "invalid": RATING_MESSAGES["invalid"]}
        super().__init__(error_messages=messages, **kwargs)

    def run_validators(self, value):
        if value in self.empty_values:
            return
        if value < 1:
            raise forms.ValidationError(RATING_MESSAGES["min_value"].format(value))
        if value > 5:
            raise forms.ValidationError(RATING_MESSAGES["max_value"].format(value))


class StakeholderGroupForm(DesignSystemForm, forms.ModelForm):
    interest = RatingField(
        label="Interest (1 to 5)",
        help_text="How much the group cares about the district's work: 1 little, 5 a great deal.",
    )
    influence = RatingField(
        label="Influence (1 to 5)",
        help_text="How much the group can shape the district's work: 1 little, 5 a great deal.",
    )

    class Meta:
        model = StakeholderGroup
        fields = ["name", "kind", "description", "interest", "influence", "contact", "owner"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "name": "Name of the group",
            "kind": "Kind of group",
            "description": "Who they are (optional)",
            "contact": "Contact and notes (optional)",
            "owner": "Who keeps the relationship (optional)",
        }
        error_messages = {
            "name": {"required": "Give the group a name."},
            "kind": {"required": "Choose the kind of group."},
        }
        field_classes = {"owner": PersonChoice}

    def __init__(self, *args, district: District, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = map_keepers(district)  # type: ignore[attr-defined]
        owner.empty_label = "— nobody named yet —"  # type: ignore[attr-defined]
        owner.error_messages["invalid_choice"] = "Choose a member of the district's staff."
        for name in ("interest", "influence"):
            self.fields[name].widget.attrs.update({"min": "1", "max": "5", "step": "1"})


class GoalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.title}"


class StakeholderPositionForm(DesignSystemForm, forms.Form):
    goal = GoalChoice(
        queryset=None,
        required=False,
        label="A goal of the plan",
        empty_label="— a priority named in words, below —",
        error_messages={"invalid_choice": "Choose a goal of this district's plan."},
    )
    priority = forms.CharField(
        label="Or a priority named in words",
        required=False,
        max_length=300,
        help_text="Only when the priority is not a goal of the plan, e.g. a bond measure.",
    )
    stance = forms.ChoiceField(
        label="Their stance",
        choices=[("", "— choose —"), *Stance.choices],
        error_messages={"required": "Choose where the group stands."},
    )
    as_of = forms.DateField(
        label="As of",
        widget=DateInput(),
        help_text="When they took this stance, as far as the district knows.",
        error_messages={
            "required": "Give the date of the position.",
            "invalid": "Give a date, e.g. 2026-03-15.",
        },
    )
    note = forms.CharField(
        label="What they said or did (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, goals, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("as_of", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean()
        cleaned = cleaned or {}
        goal, words = cleaned.get("goal"), (cleaned.get("priority") or "").strip()
        if "goal" in self.errors:
            return cleaned
        if goal is None and not words:
            self.add_error("goal", "Choose a goal of the plan, or name the priority in words.")
        elif goal is not None and words:
            self.add_error(
                "priority", "Choose a goal of the plan or name a priority in words, not both."
            )
        return cleaned


class EngagementForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = Engagement
        fields = ["held_on", "kind", "summary", "follow_up", "by"]
        widgets = {
            "held_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "held_on": "Date",
            "kind": "Kind of engagement",
            "summary": "What was said or done",
            "follow_up": "Follow-up (optional)",
            "by": "Who engaged for the district (optional)",
        }
        help_texts = {"held_on": "Log engagements that have happened: no later than today."}
        error_messages = {
            "held_on": {
                "required": "Give the date of the engagement.",
                "invalid": "Give a date, e.g. 2026-03-15.",
            },
            "kind": {"required": "Choose the kind of engagement."},
            "summary": {"required": "Say what was said or done."},
        }
        field_classes = {"by": PersonChoice}

    def __init__(self, *args, district: District, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        by = self.fields["by"]
        by.queryset = map_keepers(district)  # type: ignore[attr-defined]
        by.empty_label = "— not named —"  # type: ignore[attr-defined]
        by.error_messages["invalid_choice"] = "Choose a member of the district's staff."
