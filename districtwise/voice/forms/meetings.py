"""The forms of principal meetings. The services check everything again; these turn what
a person typed into values and put each message next to its field."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone

from districtwise.core.forms import NamedChoice, PeopleChoice, PersonChoice
from districtwise.strategy.forms.progress import _styled
from districtwise.voice.forms.student_names import StudentNamesCheck
from districtwise.voice.models import AgendaItem, FollowUp, NeedCategory, Urgency

WHEN_HELP = "The day and time it starts, e.g. 2026-03-12 15:30."


class MeetingForm(forms.Form):
    """A meeting's title, time, place and participants."""

    title = forms.CharField(
        max_length=200,
        error_messages={"required": "Give the meeting a title."},
        help_text="e.g. 'North network principals, March'.",
    )
    starts_at = forms.DateTimeField(
        label="Starts at",
        help_text=WHEN_HELP,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "Say when the meeting starts.",
            "invalid": "Write the day and time as 2026-03-12 15:30.",
        },
    )
    location = forms.CharField(max_length=200, required=False, help_text="Where it meets.")
    participants = PeopleChoice(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Participants",
        help_text="Principals and assistant principals taking part. Those of the network's "
        "schools (or of every school, for a district-wide meeting) are ticked to begin with.",
    )

    def __init__(self, *args, participant_choices, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["participants"])
        field.queryset = participant_choices
        _styled(self)
        self.fields["participants"].widget.attrs["class"] = "usa-checkbox__input"

    @classmethod
    def initial_of(cls, meeting) -> dict:
        return {
            "title": meeting.title,
            "starts_at": timezone.localtime(meeting.starts_at),
            "location": meeting.location,
            "participants": [p.person_id for p in meeting.participations.all()],
        }


class ConveneForm(MeetingForm):
    """A new meeting: also the network it is for (none: district-wide)."""

    network = NamedChoice(
        queryset=None,
        label="Network",
        help_text="The network whose principals meet.",
        error_messages={"required": "Choose the network whose principals meet."},
    )
    field_order = ["title", "starts_at", "location", "network", "participants"]

    def __init__(self, *args, network_choices, district_wide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["network"])
        field.queryset = network_choices
        if district_wide:
            field.required = False
            field.empty_label = "District-wide: every school's principals"
            field.help_text = "Leave on 'District-wide' for a meeting of every school."
        else:
            field.empty_label = None
        self.order_fields(self.field_order)


class AgendaItemForm(forms.Form):
    """An item of the agenda: what, which way the information flows, how long."""

    title = forms.CharField(max_length=200, error_messages={"required": "Give the item a title."})
    direction = forms.ChoiceField(
        choices=AgendaItem.Direction.choices,
        widget=forms.RadioSelect,
        label="Which way it goes",
        error_messages={"required": "Say whether principals inform or the district presents."},
    )
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What it is about and what should come of it.",
    )
    minutes_taken = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=480,
        label="Time (minutes)",
        help_text="How long the item takes, in minutes.",
        error_messages={
            "invalid": "Write the time as a whole number of minutes.",
            "min_value": "Give at least 1 minute.",
            "max_value": "Give at most 480 minutes (8 hours).",
        },
    )

    def __init__(self, *args, proposing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if proposing:
            del self.fields["minutes_taken"]
        _styled(self)


class MinutesForm(forms.Form):
    """The overall minutes and one notes field per agenda item."""

    minutes = forms.CharField(
        required=False,
        label="Overall minutes",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Who came, what was decided overall, what happens next.",
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[f"notes_{item.pk}"] = forms.CharField(
                required=False,
                label=f"Notes on {item.position}. {item.title}",
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        _styled(self)

    def item_notes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("notes_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("notes_")
        }

    def item_fields(self):
        return [self[name] for name in self.fields if name.startswith("notes_")]


class FollowUpForm(StudentNamesCheck, forms.Form):
    """A follow-up of an item: a task with an owner and a due date, or a need raised to
    the district for the owner's school. A need's title and description are checked for
    students' names, as when a need is raised from its own page."""

    names_summary = (
        "The need's title or description may name students: {shown}. Needs carry numbers "
        "of students, never names. Remove the names, or tick the box below if these are "
        "not students' names."
    )

    kind = forms.ChoiceField(
        choices=FollowUp.Kind.choices,
        widget=forms.RadioSelect,
        label="Kind of follow-up",
        initial=FollowUp.Kind.TASK,
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What is to be done",
        help_text="For a need: what the school needs from the district. Numbers of students, "
        "never their names.",
        error_messages={"required": "Say what is to be done."},
    )
    owner = PersonChoice(
        queryset=None,
        empty_label="Choose an owner",
        help_text="A participant or a member of the district's staff. A need's owner is a "
        "principal or assistant principal: it is raised for their school.",
        error_messages={
            "required": "Choose who owns the follow-up.",
            "invalid_choice": "Choose an owner from the list: a participant or district staff.",
        },
    )
    due_on = forms.DateField(
        required=False,
        label="Due on",
        help_text="For a task. Written YYYY-MM-DD. A need is due by the district's target.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Write the date as YYYY-MM-DD."},
    )
    need_title = forms.CharField(
        max_length=200, required=False, label="Need: short title", help_text="For a need."
    )
    category = forms.ChoiceField(
        choices=[("", "Choose a category"), *NeedCategory.choices],
        required=False,
        label="Need: category",
        help_text="It is routed to the department owning the category.",
    )
    urgency = forms.ChoiceField(
        choices=[("", "Choose an urgency"), *Urgency.choices],
        required=False,
        label="Need: urgency",
    )
    students_affected = forms.IntegerField(
        required=False,
        min_value=0,
        label="Need: students affected",
        help_text="A number, never names.",
        error_messages={"invalid": "Write the number of students as a whole number."},
    )

    def __init__(self, *args, owner_choices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owner_choices
        _styled(self)

    def clean(self):
        data = super().clean() or {}
        if data.get("kind") == FollowUp.Kind.NEED:
            for name, message in (
                ("need_title", "Give the need a short title the district reads."),
                ("category", "Choose the need's category: it decides where it is routed."),
                ("urgency", "Choose how urgent the need is."),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
            self.check_student_names(data, ("need_title", "description"))
        elif data.get("kind") == FollowUp.Kind.TASK and not self._has("due_on"):
            self.add_error("due_on", "Say when the task is due.")
        return data

    def _has(self, name: str) -> bool:
        """The field has a value, or already a message of its own."""
        return bool(self.cleaned_data.get(name)) or name in self.errors

    def need_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data.get("need_title", ""),
            "category": data.get("category", ""),
            "urgency": data.get("urgency", ""),
            "students_affected": data.get("students_affected"),
        }
