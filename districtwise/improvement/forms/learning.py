"""Forms of network learning: a learning-log entry, and the month of a meeting summary.
The service checks the entry again; its refusals are shown next to the fields they name."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from districtwise.core.forms import DesignSystemForm
from districtwise.improvement.models import ImprovementNetwork, LearningEntry

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LearningEntryForm(DesignSystemForm, forms.ModelForm):
    """An entry: its day, what was learned, and optionally the change idea and team."""

    class Meta:
        model = LearningEntry
        fields = ["written_on", "text", "change_idea", "team"]
        widgets = {"written_on": DateInput, "text": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "written_on": "Day",
            "text": "What the network learned",
            "change_idea": "Change idea (optional)",
            "team": "Team (optional)",
        }
        error_messages = {
            "written_on": {"invalid": "Give the day as a date, e.g. 2025-10-06."},
            "text": {"required": "Write what the network learned: the entry is empty."},
        }

    def __init__(self, *args, network: ImprovementNetwork, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["change_idea"].queryset = network.change_ideas.all()  # type: ignore[attr-defined]
        self.fields["team"].queryset = network.teams.select_related("school")  # type: ignore[attr-defined]
        self.fields["change_idea"].empty_label = "None: about the network as a whole"  # type: ignore[attr-defined]
        self.fields["team"].empty_label = "None: the whole network"  # type: ignore[attr-defined]
        if not self.is_bound and self.instance.pk is None:
            today = timezone.localdate()
            self.initial.setdefault(
                "written_on", min(max(today, network.starts_on), network.ends_on)
            )

    def _post_clean(self) -> None:
        # The service checks the day against the network's period and the rest; the model's
        # own validation would need the network, which the service sets.
        pass


def parse_month(text: str | None, *, today: dt.date) -> tuple[int, int]:
    """The (year, month) of a "YYYY-MM" text; the month of ``today`` when none is given.
    Raises ValidationError with a message saying what is wrong."""
    if not text:
        return today.year, today.month
    found = MONTH.match(text.strip())
    if not found:
        raise ValidationError(f"“{text[:20]}” is not a month: give it as YYYY-MM, e.g. 2025-10.")
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12 or year < 1900:
        raise ValidationError(f"“{text[:20]}” is not a month: the month runs from 01 to 12.")
    return year, month
