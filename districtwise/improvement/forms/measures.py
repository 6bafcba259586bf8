"""The forms of measures: a measure, and values pasted or uploaded as a sheet. The
services check everything again; these turn what a person typed into values and put each
message next to its field."""

from __future__ import annotations

from typing import cast

from django import forms

from districtwise.analytics.improvement.data_measures import METRICS
from districtwise.core.forms import pasted_or_uploaded
from districtwise.improvement.models import Measure

MOST_SHEET_BYTES = 1_000_000

KIND_HELP = (
    "Outcome: the aim itself moving (e.g. the share of ninth graders on track). "
    "Process: whether the changes are carried out as planned (e.g. the share of students "
    "who had their weekly check-in). Balancing: something the changes could make worse "
    "elsewhere (e.g. teachers' hours, referrals, absences)."
)
SOURCE_HELP = (
    "Entered by teams in their grid, uploaded as a CSV file, or computed from the "
    "district's data files after every import."
)
CHART_HELP = (
    "A run chart suits any measure. An I chart shows individual values with control "
    "limits. A p chart is for a share (events out of a count) and a u chart for a rate "
    "(events per unit of exposure): both ask for the numerator and the denominator and "
    "compute the value from them."
)


def _styled(form: forms.Form) -> None:
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            widget.attrs["class"] = "usa-radio__input"
        elif isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = "usa-checkbox__input"
        elif isinstance(widget, forms.ClearableFileInput):
            widget.attrs["class"] = "usa-file-input"
        elif isinstance(widget, forms.Textarea):
            widget.attrs["class"] = "usa-textarea"
        else:
            widget.attrs["class"] = (
                "usa-select" if isinstance(widget, forms.Select) else "usa-input"
            )
        if field.help_text:
            widget.attrs["aria-describedby"] = f"id_{name}-hint"


class MeasureForm(forms.Form):
    """A measure of the network with its operational definition."""

    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Measure.Kind.choices, help_text=KIND_HELP)
    definition = forms.CharField(
        label="Operational definition",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is counted, how, by whom and when, so that every team counts alike.",
    )
    source = forms.ChoiceField(
        label="Data source", choices=Measure.Source.choices, help_text=SOURCE_HELP
    )
    metric_key = forms.ChoiceField(
        required=False,
        label="Metric of the district's data (for a measure computed from the data)",
        help_text="Its chart, unit and direction come with it.",
    )
    frequency = forms.ChoiceField(
        label="Collection frequency",
        choices=Measure.Frequency.choices,
        help_text="Weekly and fortnightly periods start on Mondays, monthly ones on the 1st.",
    )
    chart = forms.ChoiceField(label="Chart", choices=Measure.Chart.choices, help_text=CHART_HELP)
    unit = forms.CharField(max_length=40, required=False, help_text="e.g. '%', 'students'.")
    higher_is_better = forms.BooleanField(
        required=False, initial=True, label="A higher value is better"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "None (entered or uploaded)")]
        choices += [(m.key, m.label) for m in METRICS.values()]
        cast(forms.ChoiceField, self.fields["metric_key"]).choices = choices
        _styled(self)


class ValuesSheetForm(forms.Form):
    """Values pasted or uploaded as CSV, with a header line naming the columns."""

    sheet = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Paste values",
        help_text="A first line naming the columns: team (or school_code), period_start, "
        "value, and numerator, denominator, note where you have them; then one value a "
        "line, e.g. North One,2025-10-06,0.74,37,50,after the first advisory check-ins.",
    )
    upload = forms.FileField(required=False, label="Or upload a CSV file")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean(self):
        data = super().clean() or {}
        return pasted_or_uploaded(
            data, most_bytes=MOST_SHEET_BYTES, nothing="Paste values or choose a file."
        )
