"""The forms of needs: raising one (with the check for students' names and the file's
checks), a move with its note, a comment, routing one need by hand, and the district's
routing rules. The services check everything again; these put each message next to its
field."""

from __future__ import annotations

from typing import Any

from django import forms

from districtwise.core import uploads
from districtwise.organization.models import Department, School
from districtwise.voice.forms.student_names import StudentNamesCheck
from districtwise.voice.models import NeedCategory, Urgency
from districtwise.voice.rules import DEFAULT_TARGET_DAYS
from districtwise.voice.services.needs_attachments import check_attachment, max_bytes

CATEGORY_HINTS: dict[str, str] = {
    NeedCategory.STAFFING: "vacancies, substitutes, hiring, staff absences",
    NeedCategory.SAFETY: "threats, injuries, building security, safe routes",
    NeedCategory.FACILITIES: "repairs, heating, water, space, transport",
    NeedCategory.STUDENTS_FAMILIES: "attendance, enrolment, family support, services",
    NeedCategory.INSTRUCTION: "curriculum, materials, assessment, schedules",
    NeedCategory.BUDGET: "allocations, purchases, grants",
    NeedCategory.POLICY_CONFLICT: "a district policy that does not work at your school",
    NeedCategory.OTHER: "anything else",
}


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            continue
        kind = "usa-select" if isinstance(widget, forms.Select) else "usa-input"
        if isinstance(widget, forms.Textarea):
            kind = "usa-textarea"
        if isinstance(widget, forms.ClearableFileInput):
            kind = "usa-file-input"
        widget.attrs["class"] = kind


class NeedRaiseForm(StudentNamesCheck, forms.Form):
    """What a school leader tells the district. ``names_checked`` appears once the text
    looked like it named students: ticking it saves the need as written."""

    names_fields = ("title", "description")
    names_summary = (
        "The title or description may name students: {shown}. Needs carry numbers of "
        "students, never names. Remove the names, or tick the box below if these are not "
        "students' names."
    )

    school: forms.ModelChoiceField = forms.ModelChoiceField(
        label="School",
        queryset=School.objects.none(),
        empty_label=None,
        help_text="The school the need is at.",
    )
    title = forms.CharField(
        label="Title", max_length=200, help_text="One line the central office will see first."
    )
    description = forms.CharField(
        label="What is happening",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is happening, since when, what you have tried. Give numbers of "
        "students, never their names.",
    )
    category = forms.ChoiceField(
        label="Category",
        choices=[(v, f"{label}: {CATEGORY_HINTS[v]}") for v, label in NeedCategory.choices],
        help_text="The category decides which department receives the need.",
    )
    urgency = forms.ChoiceField(
        label="Urgency",
        choices=Urgency.choices,
        initial=Urgency.SOON,
        widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
    )
    students_affected = forms.IntegerField(
        label="Students affected",
        min_value=0,
        max_value=100_000,
        required=False,
        help_text="How many students this touches (a number; leave empty if it is not "
        "about particular students).",
    )
    attachment = forms.FileField(label="Attachment (optional)", required=False)

    def __init__(self, *args: Any, schools=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        limit = max_bytes() / (1024 * 1024)
        self.fields["attachment"].help_text = (
            f"A photo, a letter or a document: {uploads.ACCEPTED}; at most {limit:g} MB. "
            "Cover students' names and faces first."
        )
        _styled(self)

    @property
    def one_school(self) -> bool:
        return self.fields["school"].queryset.count() == 1  # type: ignore[attr-defined]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                check_attachment(upload)
            except forms.ValidationError as refused:
                raise forms.ValidationError(refused.message_dict["file"]) from None
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_student_names(data)
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ["school", "title", "description", "category", "urgency", "students_affected"]
        return {name: data[name] for name in names}


class MoveForm(forms.Form):
    """A move of a need, with the note the rule asks for (the answer, the reason)."""

    to_state = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _styled(self)


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The school and the central office both read it. Numbers, not names.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _styled(self)


class RouteNeedForm(forms.Form):
    department = forms.ModelChoiceField(
        label="Send to", queryset=Department.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, district=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            district=district
        ).order_by("name")
        _styled(self)


class RoutesForm(forms.Form):
    """One department per category (empty: the cabinet routes it by hand) and the days to
    answer per urgency (empty: the default)."""

    def __init__(self, *args: Any, district=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(district=district).order_by("name")
        for value, label in NeedCategory.choices:
            self.fields[f"route_{value}"] = forms.ModelChoiceField(
                label=label,
                queryset=departments,
                required=False,
                empty_label="No department: the cabinet routes it by hand",
            )
        for value, label in Urgency.choices:
            self.fields[f"days_{value}"] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=365,
                required=False,
                help_text=f"Days to answer; empty uses the default of "
                f"{DEFAULT_TARGET_DAYS[value]}.",
            )
        _styled(self)

    def route_fields(self):
        return [self[f"route_{value}"] for value in NeedCategory.values]

    def days_fields(self):
        return [self[f"days_{value}"] for value in Urgency.values]

    def departments(self) -> dict[str, Department | None]:
        return {v: self.cleaned_data[f"route_{v}"] for v in NeedCategory.values}

    def target_days(self) -> dict[str, int | None]:
        return {v: self.cleaned_data[f"days_{v}"] for v in Urgency.values}
