"""The forms of principal supervision. The services check everything again; these turn
what a person typed into values and put each message next to its field."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone

from districtwise.core.forms import NamedChoice, PersonChoice
from districtwise.leadership.models import GrowthGoal, LeadershipArea, VisitFocus
from districtwise.strategy.forms.progress import _styled


def _date_field(
    label: str, *, required: bool, help_text: str, missing: str = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": missing, "invalid": "Write the date as 2026-03-12."},
    )


class VisitForm(forms.Form):
    """A planned visit: where, to whom, when, and what it looks at."""

    school = NamedChoice(
        queryset=None,
        label="School",
        error_messages={
            "required": "Choose the school you visit.",
            "invalid_choice": "Choose one of the schools you supervise.",
        },
    )
    principal = PersonChoice(
        queryset=None,
        label="Principal",
        help_text="The principal of that school.",
        error_messages={
            "required": "Choose the principal you visit.",
            "invalid_choice": "Choose one of the principals you supervise.",
        },
    )
    visit_on = _date_field(
        "Day of the visit", required=True, help_text="e.g. 2026-03-12.", missing="Give the day."
    )
    focus = forms.ChoiceField(
        choices=[("", "- Choose -"), *VisitFocus.choices],
        label="Focus",
        error_messages={"required": "Choose what the visit looks at."},
    )
    focus_other = forms.CharField(
        max_length=200,
        required=False,
        label="Other focus",
        help_text="Only when the focus is 'Other': what the visit looks at.",
    )

    def __init__(self, *args, schools, principals, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        cast(forms.ModelChoiceField, self.fields["principal"]).queryset = principals
        if editing:
            self.fields["cancelled"] = forms.BooleanField(
                required=False, label="Cancelled: the visit will not take place"
            )
        _styled(self)


class VisitCompleteForm(forms.Form):
    """What the visit saw, the feedback given, and what comes next."""

    evidence_seen = forms.CharField(
        label="Evidence seen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you saw and heard: classrooms, team meetings, documents.",
    )
    feedback = forms.CharField(
        label="Feedback given",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The feedback you gave the principal. The principal reads it.",
        error_messages={"required": "Write the feedback the principal was given."},
    )
    next_steps = forms.CharField(
        label="Next steps",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the principal (and you) will do before the next visit.",
    )
    follow_up_on = _date_field(
        "Follow-up date", required=False, help_text="When to check on the next steps (optional)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class GoalForm(forms.Form):
    """A principal's growth goal for a school year."""

    school_year = forms.IntegerField(
        label="School year",
        help_text="By the year it ends in: 2026 for 2025-26.",
        error_messages={
            "required": "Give the school year.",
            "invalid": "Write the school year as a year, e.g. 2026.",
        },
    )
    goal = forms.CharField(
        label="Goal",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the goal: what the principal will get better at."},
    )
    area = forms.ChoiceField(
        choices=[("", "- Choose -"), *LeadershipArea.choices],
        label="Area of leadership",
        error_messages={"required": "Choose the area of leadership the goal develops."},
    )
    success_measures = forms.CharField(
        label="Success measures",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How you will both know the goal is met.",
    )
    status = forms.ChoiceField(choices=GrowthGoal.Status.choices, label="Status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class GoalNoteForm(forms.Form):
    """A dated note on a goal's progress."""

    written_on = _date_field(
        "Date", required=True, help_text="e.g. 2026-03-12.", missing="Give the note's date."
    )
    note = forms.CharField(
        label="Progress note",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the note: what has moved since the last one."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"written_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        _styled(self)
