"""The form of an allocation scenario. Every figure is taken as text: the service reads it
and says what is wrong and where ("$1,200" is not a number), so the page can repeat what
was typed next to the message."""

from __future__ import annotations

from typing import cast

from django import forms

from districtwise.analytics.strategy.allocation import WEIGHTABLE_FLAGS
from districtwise.core.forms import DesignSystemForm
from districtwise.strategy.models import AllocationScenario
from districtwise.strategy.selectors.allocation import year_name
from districtwise.strategy.services.allocation import FLAG_WORDS

NUMBER_HELP = "Plain digits with a decimal point, such as 2500000 or 12.50."


class ScenarioForm(DesignSystemForm, forms.Form):
    name = forms.CharField(max_length=200, label="Name of the scenario")
    school_year = forms.CharField(label="School year", widget=forms.Select)
    unit = forms.ChoiceField(label="What is shared", choices=AllocationScenario.Unit.choices)
    pool = forms.CharField(
        max_length=40,
        label="Pool",
        help_text="Dollars to the cent, or positions to 0.01 of a full-time position. "
        + NUMBER_HELP,
    )
    base_weight = forms.CharField(
        max_length=20, label="Base weight per student", initial="1", help_text=NUMBER_HELP
    )
    notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = [
        "name",
        "school_year",
        "unit",
        "pool",
        "base_weight",
        *(f"weight_{flag}" for flag in WEIGHTABLE_FLAGS),
        "notes",
    ]

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        widget = cast(forms.Select, self.fields["school_year"].widget)
        widget.choices = [(str(y), year_name(y)) for y in years]

    def service_fields(self) -> dict:
        """What the service takes, as typed."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "school_year": data["school_year"],
            "unit": data["unit"],
            "pool": data["pool"],
            "base_weight": data["base_weight"],
            "weights": {flag: data.get(f"weight_{flag}", "") for flag in WEIGHTABLE_FLAGS},
        }


for _flag in WEIGHTABLE_FLAGS:
    ScenarioForm.base_fields[f"weight_{_flag}"] = forms.CharField(
        max_length=20,
        required=False,
        label=f"Extra weight for {FLAG_WORDS[_flag]}",
        help_text="Added to the base weight for each of these students; empty or 0 adds nothing.",
    )


def initial_for(scenario: AllocationScenario) -> dict:
    """The form's starting values from a scenario."""
    initial = {
        "name": scenario.name,
        "school_year": str(scenario.school_year),
        "unit": scenario.unit,
        "pool": str(scenario.pool),
        "base_weight": str(scenario.base_weight.normalize()),
        "notes": scenario.notes,
        "version": scenario.version,
    }
    for flag in WEIGHTABLE_FLAGS:
        initial[f"weight_{flag}"] = scenario.weights.get(flag, "0")
    return initial
