"""The forms of progress monitoring: indicators, figures entered one by one or as a sheet,
and the cabinet's review. The services check everything again; these turn what a person
typed into values and put each message next to its field."""

from __future__ import annotations

from typing import cast

from django import forms

from districtwise.analytics.equity.spec import GROUP_TYPES
from districtwise.core.forms import pasted_or_uploaded
from districtwise.equity.charts.labels import group_label
from districtwise.strategy.metric_sources import MetricChoice
from districtwise.strategy.models import Indicator

MOST_SHEET_BYTES = 1_000_000


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            widget.attrs["class"] = "usa-radio__input"
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = "usa-checkbox__input"
            continue
        kind = "usa-select" if isinstance(widget, forms.Select) else "usa-input"
        if isinstance(widget, forms.Textarea):
            kind = "usa-textarea"
        if isinstance(widget, forms.ClearableFileInput):
            kind = "usa-file-input"
        widget.attrs["class"] = kind


def metric_key(dimension: str, metric: str) -> str:
    return f"{dimension}|{metric}" if metric else ""


class IndicatorForm(forms.Form):
    """An indicator: a computed one chooses a metric the district's figures have now."""

    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ChoiceField(choices=Indicator.Unit.choices)
    higher_is_better = forms.BooleanField(
        required=False, label="A higher figure is better", initial=True
    )
    source = forms.ChoiceField(
        choices=Indicator.Source.choices, widget=forms.RadioSelect, initial="manual"
    )
    metric = forms.ChoiceField(
        required=False,
        label="Metric (for a computed indicator)",
        help_text="The metrics present in the district's current figures.",
    )
    source_note = forms.CharField(
        max_length=300,
        required=False,
        label="Where the figures come from (for an indicator entered by hand)",
        help_text="Required for figures entered by hand, e.g. the state's report card.",
    )

    def __init__(self, *args, choices: list[MetricChoice], **kwargs):
        super().__init__(*args, **kwargs)
        offered = [("", "None (entered by hand)")]
        offered += [(metric_key(c.dimension, c.metric), f"{c.source}: {c.label}") for c in choices]
        cast(forms.ChoiceField, self.fields["metric"]).choices = offered
        self.has_metrics = bool(choices)
        _styled(self)

    def service_data(self) -> dict:
        """The cleaned values in the service's words (``dimension`` and ``metric``)."""
        data = dict(self.cleaned_data)
        dimension, _, metric = data.pop("metric", "").partition("|")
        return data | {"dimension": dimension, "metric": metric}


def group_choices() -> list[tuple[str, str]]:
    return [(f"{t}:{g}", group_label(t, g)) for t, groups in GROUP_TYPES.items() for g in groups]


class FigureForm(forms.Form):
    """One figure entered by hand."""

    measured_on = forms.DateField(
        label="Period ending", help_text="The date the figure is for, written YYYY-MM-DD."
    )
    value = forms.DecimalField(
        max_digits=14, decimal_places=4, help_text="Rates as a share: 45 % is 0.45."
    )
    line = forms.ChoiceField(label="Students", initial="all:all")
    source_note = forms.CharField(max_length=300, required=False, label="Source of this figure")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["line"]).choices = group_choices()
        _styled(self)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        group_type, _, group = data.pop("line").partition(":")
        return data | {"group_type": group_type, "group": group}


class FigureSheetForm(forms.Form):
    """Figures pasted or uploaded as CSV: ``date,value[,group_type,group]`` a line."""

    sheet = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Paste figures",
        help_text="One figure a line: date,value or date,value,group_type,group "
        "(e.g. 2026-06-30,0.42,race_ethnicity,BL).",
    )
    upload = forms.FileField(required=False, label="Or upload a CSV file")
    source_note = forms.CharField(max_length=300, required=False, label="Source of these figures")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean(self):
        data = super().clean() or {}
        return pasted_or_uploaded(
            data, most_bytes=MOST_SHEET_BYTES, nothing="Paste figures or choose a file."
        )


class ReviewForm(forms.Form):
    """A cabinet review: when it was held and what it decided."""

    held_on = forms.DateField(label="Held on", help_text="Written YYYY-MM-DD.")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
