"""The forms of time use: the week view (days by half-hour slots, plus ranges to fill a
stretch at once), the quick daily entry (minutes per category) and the goals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from districtwise.analytics.workload.time_use import Stretch
from districtwise.workload.models import Category

DAY_STARTS, DAY_ENDS, SLOT = 7 * 60, 17 * 60, 30  # the school day in the grid, in minutes
SCHOOL_DAYS = 5
RANGE_ROWS = 3
BLANK = [("", "—")]


def slot_starts() -> list[int]:
    """The start of each half hour of the grid's school day, in minutes after midnight."""
    return list(range(DAY_STARTS, DAY_ENDS, SLOT))


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class WeekForm(forms.Form):
    """One select per school day and half hour, and ``RANGE_ROWS`` ranges (any day of the
    week, any times) to fill a stretch at once. ``stretches`` joins neighbouring slots of
    one category into one entry."""

    def __init__(self, *args, week_start: dt.date, ranges: int = RANGE_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.week_start = week_start
        self.range_count = ranges
        self.days = [week_start + dt.timedelta(days=i) for i in range(7)]
        choices = BLANK + list(Category.choices)
        for d, day in enumerate(self.days[:SCHOOL_DAYS]):
            for start in slot_starts():
                self.fields[f"d{d}_{start}"] = forms.ChoiceField(
                    choices=choices,
                    required=False,
                    label=f"{day:%A} {_clock(start)} to {_clock(start + SLOT)}",
                )
        day_choices = BLANK + [(str(i), f"{day:%A} {day:%d %b}") for i, day in enumerate(self.days)]
        for r in range(self.range_count):
            self.fields[f"range{r}_day"] = forms.ChoiceField(
                choices=day_choices, required=False, label="Day"
            )
            self.fields[f"range{r}_from"] = forms.TimeField(required=False, label="From")
            self.fields[f"range{r}_to"] = forms.TimeField(required=False, label="To")
            self.fields[f"range{r}_category"] = forms.ChoiceField(
                choices=choices, required=False, label="Category"
            )

    def disable(self, *, after: dt.date | None = None) -> None:
        """Grey out the whole form (a reader's view), or only the selects of days after
        ``after`` (time is logged once spent)."""
        for name, field in self.fields.items():
            day = int(name[1]) if name.startswith("d") else None
            if after is None or (day is not None and self.days[day] > after):
                field.disabled = True

    def grid(self) -> list[tuple[str, list]]:
        """Rows of the week view: a slot's time and its select for each school day."""
        return [
            (_clock(start), [self[f"d{d}_{start}"] for d in range(SCHOOL_DAYS)])
            for start in slot_starts()
        ]

    def ranges(self) -> list[list]:
        parts = ("day", "from", "to", "category")
        return [[self[f"range{r}_{p}"] for p in parts] for r in range(self.range_count)]

    def clean(self):
        data = super().clean() or {}
        for r in range(self.range_count):
            values: list = [data.get(f"range{r}_{p}") for p in ("day", "from", "to", "category")]
            if any(v not in (None, "") for v in values) and not all(values):
                raise forms.ValidationError(
                    f"Range {r + 1}: give its day, start, end and category, or leave it empty."
                )
            if all(values) and values[2] <= values[1]:
                raise forms.ValidationError(
                    f"Range {r + 1}: it ends at {values[2]:%H:%M}, before it starts "
                    f"({values[1]:%H:%M})."
                )
        return data

    def stretches(self) -> list[Stretch]:
        found = []
        for d, day in enumerate(self.days[:SCHOOL_DAYS]):
            run: list[int] = []
            category = ""
            for start in [*slot_starts(), DAY_ENDS]:
                value = self.cleaned_data.get(f"d{d}_{start}", "") if start < DAY_ENDS else ""
                if run and value != category:
                    found.append(Stretch.timed(day, run[0], run[-1] + SLOT, category))
                    run = []
                if value:
                    run, category = [*run, start], value
        for r in range(self.range_count):
            which = self.cleaned_data.get(f"range{r}_day")
            if which:
                starts = _minute(self.cleaned_data[f"range{r}_from"])
                ends = _minute(self.cleaned_data[f"range{r}_to"])
                category = self.cleaned_data[f"range{r}_category"]
                found.append(Stretch.timed(self.days[int(which)], starts, ends, category))
        return found


def _on_grid(entry) -> bool:
    starts = _minute(entry.starts_at)
    ends = starts + entry.minutes
    return (
        entry.on.weekday() < SCHOOL_DAYS
        and DAY_STARTS <= starts < ends <= DAY_ENDS
        and starts % SLOT == 0
        and ends % SLOT == 0
    )


def week_initial(entries, week_start: dt.date) -> tuple[dict, int]:
    """The form's initial values from the stored timed entries, and how many range rows
    it needs: entries that fit the grid fill its selects, the others (evenings, weekends,
    odd minutes) become range rows, so saving the week again loses none of them."""
    initial: dict = {}
    off_grid = []
    for e in (e for e in entries if e.is_timed):
        if not _on_grid(e):
            off_grid.append(e)
            continue
        starts = _minute(e.starts_at)
        for start in range(starts, starts + e.minutes, SLOT):
            initial[f"d{e.on.weekday()}_{start}"] = e.category
    for r, e in enumerate(off_grid):
        initial |= {
            f"range{r}_day": str((e.on - week_start).days),
            f"range{r}_from": e.starts_at,
            f"range{r}_to": e.ends_at,
            f"range{r}_category": e.category,
        }
    return initial, len(off_grid) + RANGE_ROWS


class DayForm(forms.Form):
    """Minutes per category for one day (the quick daily entry)."""

    on = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Category.choices:
            self.fields[value] = forms.IntegerField(
                label=f"{label} (minutes)", min_value=0, max_value=1440, required=False
            )

    def minutes(self) -> dict[str, int]:
        return {c: self.cleaned_data.get(c) or 0 for c in Category.values}


class GoalForm(forms.Form):
    """A goal for the instructional share, in whole percent."""

    percent = forms.IntegerField(
        label="Share of time on instructional leadership (%)", min_value=0, max_value=100
    )

    def share(self) -> Decimal:
        return (Decimal(self.cleaned_data["percent"]) / 100).quantize(Decimal("0.001"))
