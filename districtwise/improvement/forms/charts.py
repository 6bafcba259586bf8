"""The form of the charts: a new phase of a measure's chart."""

from __future__ import annotations

from django import forms

from districtwise.core.forms import DesignSystemForm
from districtwise.improvement.models import ChangeIdea, Measure, Team


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ChartPhaseForm(DesignSystemForm, forms.Form):
    """A new baseline: from which date, called what, after which change, on which line."""

    starts_on = forms.DateField(
        label="Starts on",
        widget=DateInput,
        help_text="The first period of the new phase; inside the network's period.",
        error_messages={"invalid": "Enter the date as year-month-day, e.g. 2025-11-03."},
    )
    label = forms.CharField(
        max_length=200, help_text="What changed, e.g. 'Weekly grade check adopted'."
    )
    change_idea = forms.ModelChoiceField(
        queryset=ChangeIdea.objects.none(),
        required=False,
        empty_label="(none)",
        label="After the change idea",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        empty_label="Every line of the measure (the network and each team)",
        label="On the chart of",
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        network = measure.network
        self.fields["change_idea"].queryset = network.change_ideas.all()  # type: ignore[attr-defined]
        teams = network.teams.select_related("school")
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
