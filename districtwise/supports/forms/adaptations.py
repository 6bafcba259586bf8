"""Forms of the catalogue editor and of the schools' adaptations. They check types and
choices; the services check the district's rules again and their refusals are shown next
to the fields they name (``show_refusal``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from districtwise.core.forms import DesignSystemForm
from districtwise.supports.models import DELIVERER_CHOICES, Adaptation, Support


def show_refusal(form: forms.BaseForm, refused: ValidationError) -> None:
    """Put a service's refusal next to the fields it names (else at the top of the form)."""
    if not hasattr(refused, "error_dict"):
        form.add_error(None, refused)
        return
    for name, messages in refused.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


def _roles_field(label: str, help_text: str, required: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=DELIVERER_CHOICES,
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "usa-checkbox__input"}),
        error_messages={
            "invalid_choice": "“%(value)s” is not a staff role that delivers supports.",
            "required": "Say who delivers it.",
        },
    )


class _Styled(DesignSystemForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "usa-checkbox__input"


class SupportForm(_Styled, forms.ModelForm):
    """A support of the catalogue: who is entitled, the nonnegotiables, the boundaries."""

    delivered_by = _roles_field(
        "Who may deliver it", "None checked: anyone the school chooses.", required=False
    )

    class Meta:
        model = Support
        fields = [
            "code",
            "name",
            "kind",
            "description",
            "owner_department",
            "audience",
            "new_teacher_years",
            "audience_subject",
            "audience_grade_low",
            "audience_grade_high",
            "audience_tier",
            "min_occurrences",
            "period",
            "min_minutes",
            "delivered_by",
            "protocol",
            "adaptable",
        ]
        labels = {
            "audience": "Who is entitled",
            "audience_subject": "Subject (for teachers of a subject)",
            "audience_grade_low": "Lowest grade (for a grade span)",
            "audience_grade_high": "Highest grade (for a grade span)",
            "audience_tier": "Tier of schools (for a tier)",
            "min_occurrences": "How many times, at least",
            "min_minutes": "Minutes each time, at least",
            "adaptable": "What a school may adapt",
        }

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["owner_department"].queryset = departments  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        """The service checks the code is unique in the district (with a clear message)."""

    def edits(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AdaptationForm(_Styled, forms.Form):
    """How the school delivers a support: the checkable plan, then what it decides freely."""

    occurrences = forms.IntegerField(
        label="How many times",
        min_value=1,
        max_value=500,
        error_messages={"min_value": "At least once.", "required": "Say how many times."},
    )
    period = forms.ChoiceField(label="Period", choices=Support.Period.choices)
    minutes = forms.IntegerField(
        label="Minutes each time",
        min_value=1,
        max_value=1440,
        error_messages={"min_value": "At least 1 minute.", "required": "Say how many minutes."},
    )
    delivered_by = _roles_field("Who delivers it", "", required=True)
    protocol = forms.CharField(
        label="Protocol or materials used",
        max_length=200,
        required=False,
        help_text="Left empty: the district's.",
    )
    days_and_format = forms.CharField(
        label="Day(s) and format", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def initial_for(cls, support: Support, working: Adaptation | None) -> dict[str, Any]:
        """Start from the school's working version, else from the nonnegotiable itself."""
        if working is not None:
            return {name: getattr(working, name) for name in cls.base_fields}
        return {
            "occurrences": support.min_occurrences,
            "period": support.period,
            "minutes": support.min_minutes or None,
            "delivered_by": list(support.delivered_by or []),
            "protocol": support.protocol,
        }


class ReviewForm(_Styled, forms.Form):
    """The network lead's decision on a submitted adaptation."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("return", "Return to the school")],
        widget=forms.RadioSelect,
        label="Decision",
    )
    comment = forms.CharField(
        label="Comment to the school",
        required=False,
        help_text="Required when you return it.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
