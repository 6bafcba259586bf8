"""The forms of delivery logs, teacher groups and the teaching roster. The services check
everything again; these turn what a person typed into values and put each message next to
its field."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone

from districtwise.core.forms import pasted_or_uploaded
from districtwise.organization.models import GRADE_CHOICES
from districtwise.strategy.forms.progress import _styled

MOST_SHEET_BYTES = 5_000_000


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class LogForm(forms.Form):
    """One delivery: which support, when, how long, by whom, and who received it."""

    support: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, empty_label="Choose a support"
    )
    delivered_on = forms.DateField(label="Date", help_text="Written YYYY-MM-DD.")
    minutes = forms.IntegerField(help_text="How long it lasted, in minutes.")
    delivered_by = PersonChoice(
        queryset=None, required=False, empty_label="Nobody named", label="Delivered by"
    )
    teachers = PeopleChoice(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Teachers who received it",
        help_text="The school's roster on the day. Untick anyone who was absent.",
    )
    feedback_on = forms.DateField(
        required=False,
        label="Feedback given on (observations)",
        help_text="For an observation: the day the teacher got feedback, written YYYY-MM-DD.",
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Notes or minutes",
    )

    def __init__(self, *args, supports, deliverers, teachers, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("delivered_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["support"]).queryset = supports
        cast(forms.ModelChoiceField, self.fields["delivered_by"]).queryset = deliverers
        cast(forms.ModelChoiceField, self.fields["teachers"]).queryset = teachers
        _styled(self)
        self.fields["teachers"].widget.attrs["class"] = "usa-checkbox__input"


class GroupForm(forms.Form):
    """A teacher group: the usual members of a recurring delivery."""

    name = forms.CharField(max_length=120, help_text="e.g. 'Grade 3 team'.")
    support: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any support"
    )
    members = PeopleChoice(queryset=None, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, supports, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["support"]).queryset = supports
        cast(forms.ModelChoiceField, self.fields["members"]).queryset = teachers
        _styled(self)
        self.fields["members"].widget.attrs["class"] = "usa-checkbox__input"


class LogSheetForm(forms.Form):
    """A CSV file of logs (or its text pasted)."""

    sheet = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Paste the CSV",
        help_text="First line: support,school,date,minutes,delivered_by,teachers,notes. "
        "Teachers are staff_ids separated by ';'.",
    )
    upload = forms.FileField(required=False, label="Or upload a CSV file")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean(self):
        data = super().clean() or {}
        return pasted_or_uploaded(
            data, most_bytes=MOST_SHEET_BYTES, nothing="Paste the CSV or choose a file."
        )


class HireForm(forms.Form):
    """A teacher added by hand: a mid-year hire (a new person) or a teacher of another
    school who also teaches here."""

    existing = PersonChoice(
        queryset=None,
        required=False,
        empty_label="A new teacher (fill in the name below)",
        label="Teacher already in the district",
    )
    given_name = forms.CharField(max_length=100, required=False)
    family_name = forms.CharField(max_length=100, required=False)
    staff_id = forms.CharField(max_length=40, required=False, label="Staff id (if known)")
    starts_on = forms.DateField(label="Teaches here from", help_text="Written YYYY-MM-DD.")
    years_experience = forms.IntegerField(min_value=0, max_value=60, initial=0)
    subject = forms.CharField(max_length=80, required=False)
    grade_low = forms.ChoiceField(choices=[("", "—"), *GRADE_CHOICES], required=False)
    grade_high = forms.ChoiceField(choices=[("", "—"), *GRADE_CHOICES], required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["existing"]).queryset = people
        _styled(self)


class AssignmentForm(forms.Form):
    """What a school leader sets on a roster row: subject, grade span, last day."""

    subject = forms.CharField(max_length=80, required=False)
    grade_low = forms.ChoiceField(choices=[("", "—"), *GRADE_CHOICES], required=False)
    grade_high = forms.ChoiceField(choices=[("", "—"), *GRADE_CHOICES], required=False)
    ends_on = forms.DateField(
        required=False, label="Last day teaching here", help_text="Written YYYY-MM-DD."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
