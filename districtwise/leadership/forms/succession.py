"""The forms of succession plans and teacher-leader roles. The services check everything
again; these turn what a person typed into values and put each message next to its field."""

from __future__ import annotations

from typing import cast

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from districtwise.core.forms import NamedChoice, PersonChoice
from districtwise.leadership.models import (
    DepartureLikelihood,
    DepartureReason,
    PositionKind,
    Readiness,
    TeacherLeaderKind,
)
from districtwise.strategy.forms.plan import show_refusal
from districtwise.strategy.forms.progress import _styled

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_A_DATE = "Write the date as 2026-03-12."
NOT_OF_DISTRICT = "Choose a person of this district's staff list."

__all__ = ["CandidateForm", "PositionForm", "TeacherLeaderRoleForm", "show_refusal"]


def _date(label: str, help_text: str = "", required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DATE_WIDGET,
        error_messages={"invalid": NOT_A_DATE},
    )


def _queryset(form: forms.Form, name: str, queryset) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class ManyPeopleSelect(forms.Select):
    """A select of the district's whole staff (thousands of options), its options joined
    in one pass instead of one template per option; each label escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, mark_safe(" selected") if str(option_value) in chosen else "", label)
                for option_value, label in self.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


class PositionForm(forms.Form):
    """A key position: its post, its incumbent, and how likely they are to leave."""

    kind = forms.ChoiceField(
        choices=PositionKind.choices,
        label="Kind of position",
        error_messages={"required": "Choose the kind of position."},
    )
    title = forms.CharField(
        max_length=200,
        help_text="e.g. 'Principal, North One Elementary'.",
        error_messages={"required": "Name the position."},
    )
    school = NamedChoice(
        queryset=None,
        required=False,
        label="School",
        help_text="For a principal or assistant principal post.",
        error_messages={"invalid_choice": "Choose one of the schools listed."},
    )
    department = NamedChoice(
        queryset=None,
        required=False,
        label="Department",
        help_text="For a central-office lead.",
        error_messages={"invalid_choice": "Choose one of the departments listed."},
    )
    incumbent = PersonChoice(
        queryset=None,
        widget=ManyPeopleSelect,
        required=False,
        label="Incumbent",
        empty_label="Vacant: nobody holds it",
        help_text="Who holds the position now.",
        error_messages={"invalid_choice": NOT_OF_DISTRICT},
    )
    incumbent_since = _date("In the post since", "The date the incumbent took the post.")
    expected_departure = _date("Expected departure", "When the incumbent is expected to leave.")
    departure_reason = forms.ChoiceField(
        choices=DepartureReason.choices, label="Why they may leave"
    )
    departure_likelihood = forms.ChoiceField(
        choices=DepartureLikelihood.choices, label="How likely a departure is"
    )

    def __init__(self, *args, schools, departments, people, **kwargs):
        super().__init__(*args, **kwargs)
        _queryset(self, "school", schools)
        _queryset(self, "department", departments)
        _queryset(self, "incumbent", people)
        if departments is not None and not departments.exists():
            cast(forms.ChoiceField, self.fields["kind"]).choices = [
                c for c in PositionKind.choices if c[0] != PositionKind.CENTRAL_OFFICE_LEAD
            ]
        _styled(self)

    @classmethod
    def initial_of(cls, position) -> dict:
        names = [
            "kind",
            "title",
            "school",
            "department",
            "incumbent",
            "incumbent_since",
            "expected_departure",
            "departure_reason",
            "departure_likelihood",
        ]
        return {name: getattr(position, name) for name in names}


class CandidateForm(forms.Form):
    """A candidate for a position: who, how ready, and the plan that develops them."""

    person = PersonChoice(
        queryset=None,
        widget=ManyPeopleSelect,
        label="Candidate",
        error_messages={"required": "Choose the candidate.", "invalid_choice": NOT_OF_DISTRICT},
    )
    readiness = forms.ChoiceField(
        choices=Readiness.choices,
        label="Readiness",
        error_messages={"required": "Say how ready the candidate is."},
    )
    development_plan = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Development plan",
        help_text="The experiences, learning and support that ready them for the post.",
    )
    next_step = forms.CharField(max_length=300, required=False, label="Next development step")
    next_step_on = _date("Next step by")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            _queryset(self, "person", people)
        _styled(self)


class TeacherLeaderRoleForm(forms.Form):
    """A teacher-leader role: who holds it, where, how many hours a week, which year."""

    school = NamedChoice(
        queryset=None,
        error_messages={
            "required": "Choose the school.",
            "invalid_choice": "Choose one of the schools listed: you keep their roles.",
        },
    )
    person = PersonChoice(
        queryset=None,
        widget=ManyPeopleSelect,
        label="Holder",
        error_messages={
            "required": "Choose who holds the role.",
            "invalid_choice": NOT_OF_DISTRICT,
        },
    )
    kind = forms.ChoiceField(choices=TeacherLeaderKind.choices, label="Role")
    hours_per_week = forms.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=40,
        label="Hours a week",
        help_text="The hours a week the role takes, from 0 to 40.",
        error_messages={
            "required": "Give the hours a week the role takes.",
            "invalid": "Write the hours as a number, e.g. 4 or 2.5.",
            "min_value": "Hours a week cannot be below 0.",
            "max_value": "Hours a week cannot be above 40.",
            "max_decimal_places": "Give the hours to one decimal place at most.",
            "max_digits": "Hours a week cannot be above 40.",
        },
    )
    school_year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        label="School year",
        help_text="The year the school year ends: 2026 for 2025-26.",
        error_messages={
            "required": "Give the school year.",
            "invalid": "Write the school year as the year it ends, e.g. 2026.",
            "min_value": "Write the school year as the year it ends, e.g. 2026.",
            "max_value": "Write the school year as the year it ends, e.g. 2026.",
        },
    )
    started_on = _date("Started on")

    def __init__(self, *args, schools, people, **kwargs):
        super().__init__(*args, **kwargs)
        _queryset(self, "school", schools)
        _queryset(self, "person", people)
        _styled(self)

    @classmethod
    def initial_of(cls, role) -> dict:
        names = ["school", "person", "kind", "hours_per_week", "school_year", "started_on"]
        return {name: getattr(role, name) for name in names}
