"""The form of a school need: the school (among those the user records needs for), the
category, what is needed, the priority and how many students it touches."""

from __future__ import annotations

from typing import Any

from django import forms

from districtwise.community.models import SchoolNeed, ServiceCategory
from districtwise.core.forms import DesignSystemForm, NamedChoice


class NeedForm(DesignSystemForm, forms.Form):
    school = NamedChoice(
        label="School",
        queryset=None,
        empty_label=None,
        help_text="The school that has the need.",
        error_messages={
            "invalid_choice": "Choose one of the schools you record needs for: that school "
            "is not one of them."
        },
    )
    category = forms.ChoiceField(
        label="Category",
        choices=ServiceCategory.choices,
        help_text="The kind of help; partners' services are matched by the same list.",
    )
    description = forms.CharField(
        label="What the school needs",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What is needed and for whom. Give numbers of students, never names.",
        error_messages={"required": "Say what the school needs: the description is empty."},
    )
    priority = forms.ChoiceField(
        label="Priority", choices=SchoolNeed.Priority.choices, initial=SchoolNeed.Priority.MEDIUM
    )
    students_affected = forms.IntegerField(
        label="Students affected (estimate)",
        min_value=0,
        max_value=100_000,
        required=False,
        help_text="A whole number; leave empty if you do not know.",
    )

    def __init__(self, *args: Any, schools=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError("Say what the school needs: the description is empty.")
        return text

    def service_fields(self) -> dict[str, Any]:
        names = ["school", "category", "description", "priority", "students_affected"]
        return {name: self.cleaned_data[name] for name in names}
