"""Forms of the data-request registry: a request, a field of the vocabulary, mapping a
line to a field, and consolidating a proposal."""

from __future__ import annotations

from typing import cast

from django import forms

from districtwise.core.forms import DesignSystemForm
from districtwise.organization.models import Department, Network, School
from districtwise.workload.models import DataRequest, RequestField
from districtwise.workload.services.requests import held_column_choices, request_errors


class DateInput(forms.DateInput):
    input_type = "date"


class DataRequestForm(DesignSystemForm, forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), label="Requesting department"
    )
    title = forms.CharField(max_length=200, label="Title")
    purpose = forms.CharField(
        required=False,
        label="Purpose",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the data is for, in a sentence or two.",
    )
    lines = forms.CharField(
        label="Fields asked for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One field per line, as the schools will read it. Lines matching a field "
        "of the vocabulary (or one of its other names) are matched; the rest stay as "
        "written and can be mapped later.",
    )
    frequency = forms.ChoiceField(choices=DataRequest.Frequency.choices, label="How often")
    due_on = forms.DateField(label="First due date", widget=DateInput, help_text="YYYY-MM-DD")
    audience = forms.ChoiceField(
        choices=DataRequest.Audience.choices, label="Which schools", widget=forms.RadioSelect
    )
    network = forms.ModelChoiceField(
        queryset=Network.objects.none(), required=False, label="Network"
    )
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        label="Schools (when sent to a list)",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, district, departments, saved_due_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_due_on = saved_due_on
        if departments.count() == 1:
            self.fields["department"].initial = departments.first()
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["network"].queryset = Network.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["schools"].queryset = School.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["schools"].widget.attrs["class"] = "usa-checkbox__input"
        self.fields["audience"].widget.attrs["class"] = "usa-radio__input"

    def clean(self):
        """Every bad-input message at once, even beside another field's error."""
        data = super().clean() or {}
        due_on = data.get("due_on")
        errors = request_errors(
            due_on=due_on or self.saved_due_on,
            audience=data.get("audience"),
            network=data.get("network"),
            schools=list(data.get("schools") or []),
            lines=(data.get("lines") or "").splitlines(),
            new=due_on is not None and due_on != self.saved_due_on,
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def service_fields(self) -> dict:
        """What the request services take."""
        data = self.cleaned_data
        return {
            "department": data["department"],
            "title": data["title"],
            "purpose": data["purpose"],
            "frequency": data["frequency"],
            "due_on": data["due_on"],
            "audience": data["audience"],
            "network": data["network"],
            "schools": list(data["schools"] or []),
            "lines": data["lines"].splitlines(),
        }


def request_initial(data_request: DataRequest) -> dict:
    """The form's values for an existing request."""
    return {
        "department": data_request.department_id,
        "title": data_request.title,
        "purpose": data_request.purpose,
        "lines": "\n".join(line.text for line in data_request.lines.all()),
        "frequency": data_request.frequency,
        "due_on": data_request.due_on,
        "audience": data_request.audience,
        "network": data_request.network_id,
        "schools": [s.pk for s in data_request.schools.all()],
    }


class RequestFieldForm(DesignSystemForm, forms.Form):
    name = forms.CharField(max_length=120, label="Name")
    description = forms.CharField(
        required=False, label="Description", widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes_per_school = forms.IntegerField(
        min_value=0,
        max_value=6000,
        label="Minutes per school",
        help_text="Minutes a school needs to provide this field once, whole minutes.",
    )
    synonyms = forms.CharField(
        required=False,
        label="Other names",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: the names other teams use for the same field.",
    )
    held = forms.ChoiceField(
        required=False,
        label="Held in the district's data",
        help_text="The column of the district's data files that already holds it, if any: "
        "schools should then not be asked for it at all.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        held = cast(forms.ChoiceField, self.fields["held"])
        held.choices = [("", "Not held: schools must provide it"), *held_column_choices()]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "minutes_per_school": data["minutes_per_school"],
            "synonyms": data["synonyms"].splitlines(),
            "held": data["held"],
        }


def field_initial(field: RequestField) -> dict:
    return {
        "name": field.name,
        "description": field.description,
        "minutes_per_school": field.minutes_per_school,
        "synonyms": "\n".join(field.synonyms),
        "held": f"{field.held_file}:{field.held_column}" if field.held else "",
    }


class LineMapForm(DesignSystemForm, forms.Form):
    field = forms.ModelChoiceField(
        queryset=RequestField.objects.none(), required=False, label="Field of the vocabulary"
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = RequestField.objects.filter(district=district)  # type: ignore[attr-defined]


class ConsolidateForm(forms.Form):
    request_ids = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200, required=False)

    def clean_request_ids(self) -> list[int]:
        raw = self.cleaned_data["request_ids"]
        try:
            return [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError("The proposal's requests were not understood.") from None
