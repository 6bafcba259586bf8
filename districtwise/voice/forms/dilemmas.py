"""Forms of consultancy dilemmas: bringing one, a peer's feedback, the presenter's record,
and a task made of a shared lesson.

Texts a principal writes are checked for what may be students' names before anything is
saved (see ``voice/student_names.py``): the writer is warned next to the field and may save the
text as written once they have looked again.
"""

from __future__ import annotations

from django import forms

from districtwise.core.forms import DesignSystemForm
from districtwise.organization.models import Person
from districtwise.voice.forms.student_names import StudentNamesCheck
from districtwise.voice.models import Dilemma


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NamesCheck(StudentNamesCheck):
    """The dilemma forms' wording of the shared names check."""

    names_summary = (
        "Some of what you wrote may name students: nothing was saved. Take the names out, "
        "or tick the box at the end if they are not students' names."
    )
    names_checked_label = "I have looked again: these are not students' names. Save as written."


class DilemmaForm(NamesCheck, DesignSystemForm, forms.ModelForm):
    """The dilemma a principal brings: what it is, the question, what they have tried."""

    names_fields = ("title", "context", "question", "tried")

    class Meta:
        model = Dilemma
        fields = ["title", "context", "question", "tried"]
        widgets = {
            "context": forms.Textarea(attrs={"rows": 5}),
            "question": forms.Textarea(attrs={"rows": 2}),
            "tried": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title": "Title",
            "context": "The situation",
            "question": "Your question for your peers",
            "tried": "What you have tried so far (optional)",
        }
        help_texts = {
            "context": "Only the meeting's participants read it. Describe students with "
            "numbers and situations, never names.",
            "question": "One question you want help with, e.g. “How do I …?”",
        }
        error_messages = {
            "title": {"required": "Give the dilemma a short title."},
            "context": {"required": "Describe the situation: your peers start from it."},
            "question": {"required": "Write the question you want your peers' help with."},
        }

    def clean(self):
        cleaned = super().clean()
        self.check_student_names(self.cleaned_data)
        return cleaned


class FeedbackForm(DesignSystemForm, forms.Form):
    """A question or a note for the stage the protocol is at."""

    stage = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(
        label="Your question or note",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the question or note before you record it."},
    )


class RecordForm(NamesCheck, DesignSystemForm, forms.Form):
    """The presenter's record: the reflection (once the protocol reaches it) and the
    lessons the district could learn from it."""

    names_fields = ("reflection", "lessons")

    reflection = forms.CharField(
        label="Your reflection",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you heard, and what you will take from it. Read by the room only.",
    )
    lessons = forms.CharField(
        label="Lessons for the district",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="If you share them, the central office reads these with the title, the "
        "question and the situation; never your peers' feedback.",
    )

    def __init__(self, *args, with_reflection: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_reflection:
            del self.fields["reflection"]

    def clean(self):
        cleaned = super().clean()
        self.check_student_names(self.cleaned_data)
        return cleaned


class LessonTaskForm(DesignSystemForm, forms.Form):
    """A task made of a shared lesson, owned by someone of a department."""

    owner = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Owner",
        help_text="Someone of a department of the central office.",
        error_messages={
            "required": "Choose who owns the task.",
            "invalid_choice": "Choose the owner among the people of the departments.",
        },
    )
    description = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what will be done about the lesson."},
    )
    due_on = forms.DateField(
        label="Due on (optional)",
        required=False,
        widget=DateInput,
        error_messages={"invalid": "Give the day as a date, e.g. 2026-03-02."},
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        owners = Person.objects.filter(district=district, department__isnull=False)
        self.fields["owner"].queryset = owners.select_related("department")  # type: ignore[attr-defined]
        self.fields["owner"].label_from_instance = (  # type: ignore[attr-defined]
            lambda person: f"{person.full_name} ({person.department.name})"
        )
