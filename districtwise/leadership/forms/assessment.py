"""Forms of self-assessments: starting one for a team, a member's answers item by item,
and a step of the action plan."""

from __future__ import annotations

from django import forms

from districtwise.core.forms import DesignSystemForm, PeopleChoice, PersonChoice
from districtwise.leadership.instrument import DONT_KNOW, DONT_KNOW_LABEL, SCALE, SECTIONS
from districtwise.leadership.models import AssessmentStep
from districtwise.leadership.services.assessment import AnswerInput


class GroupedChoices(DesignSystemForm):
    """Mixin: radio and checkbox groups point their error to the group's message (the
    group's ``auto_id``), which the design-system mixin cannot name for them."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None and isinstance(
                field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"  # type: ignore[index]


class StartForm(GroupedChoices, forms.Form):
    title = forms.CharField(max_length=200, label="Title")
    period = forms.CharField(
        max_length=20, label="Period", help_text="The school year or term it covers, e.g. 2025-26."
    )
    members = PeopleChoice(
        queryset=None,
        label="Members of the team",
        help_text="Each member answers every item; the team compares its answers.",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people  # type: ignore[attr-defined]
        self.fields["members"].widget.attrs["class"] = "usa-checkbox__input"
        self.fields["members"].widget.attrs.pop("aria-describedby", None)


def field_name(item_key: str) -> str:
    """The form field of an item's rating (``focus.1`` → ``r_focus_1``)."""
    return "r_" + item_key.replace(".", "_")


def evidence_name(item_key: str) -> str:
    return "e_" + item_key.replace(".", "_")


RATING_CHOICES = [(str(level), f"{level} — {label}") for level, label in SCALE] + [
    (DONT_KNOW, DONT_KNOW_LABEL)
]


class AnswerForm(GroupedChoices, forms.Form):
    """Every item of the instrument: a rating (or don't know) and evidence notes. Nothing is
    required: a member saves progress and comes back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            for item in section.items:
                self.fields[field_name(item.key)] = forms.ChoiceField(
                    choices=RATING_CHOICES,
                    required=False,
                    label=f"{item.key} {item.statement}",
                    widget=forms.RadioSelect,
                    error_messages={
                        "invalid_choice": "Choose a level from 1 to 4, or “don't know”."
                    },
                )
                self.fields[evidence_name(item.key)] = forms.CharField(
                    required=False,
                    label=f"Evidence notes for {item.key}",
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "usa-radio__input"

    def answers(self) -> dict[str, AnswerInput]:
        found = {}
        for section in SECTIONS:
            for item in section.items:
                choice = self.cleaned_data.get(field_name(item.key)) or ""
                found[item.key] = AnswerInput(
                    rating=int(choice) if choice and choice != DONT_KNOW else None,
                    dont_know=choice == DONT_KNOW,
                    evidence=self.cleaned_data.get(evidence_name(item.key)) or "",
                )
        return found

    def sections(self):
        """The sections with their items' bound fields, for the template."""
        return [
            (
                section,
                [
                    (item, self[field_name(item.key)], self[evidence_name(item.key)])
                    for item in section.items
                ],
            )
            for section in SECTIONS
        ]


def initial_answers(answers) -> dict[str, str]:
    initial = {}
    for answer in answers:
        initial[field_name(answer.item_key)] = DONT_KNOW if answer.dont_know else str(answer.rating)
        initial[evidence_name(answer.item_key)] = answer.evidence
    return initial


class InitiativeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.name}"


class StepForm(DesignSystemForm, forms.Form):
    """One step of the plan; the fields are prefixed by the step's number."""

    action = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}))
    owner = PersonChoice(queryset=None, required=False, label="Owner")
    due_on = forms.DateField(
        required=False, label="Due date", widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(choices=AssessmentStep.Status.choices, label="Status")
    initiative = InitiativeChoice(
        queryset=None,
        required=False,
        label="Linked initiative",
        help_text="An initiative of the district's strategic plan this step serves.",
    )

    def __init__(self, *args, members, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]
        self.fields["initiative"].queryset = initiatives  # type: ignore[attr-defined]
        self.fields["owner"].error_messages["invalid_choice"] = (
            "That person is not a member of the team: choose a member."
        )
        self.fields["initiative"].error_messages["invalid_choice"] = (
            "That initiative is not of this district's plan."
        )


__all__ = ["AnswerForm", "StartForm", "StepForm"]
