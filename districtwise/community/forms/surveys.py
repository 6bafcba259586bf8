"""Forms of family feedback: a survey, a question, a translation, the public answer form
(in the page's language) and an engagement event."""

from __future__ import annotations

from django import forms

from districtwise.community.models import (
    EventLanguage,
    Question,
    RespondentGroup,
    Survey,
    SurveyLanguage,
)
from districtwise.community.models.surveys import SCALE_POINTS, TEXT_ANSWER_MAX
from districtwise.community.services.surveys import Wording


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SurveyForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="The staff's name for it; families read the title a translator words.",
        error_messages={"required": "Give the survey a title."},
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the district wants to learn, and what it will do with the answers.",
    )
    languages = forms.MultipleChoiceField(
        choices=[c for c in SurveyLanguage.choices if c[0] != SurveyLanguage.ENGLISH],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Languages offered besides English",
        help_text="A translator enters each language's text before the survey opens.",
    )
    shared_with_partners = forms.BooleanField(
        required=False,
        label="Share the district-wide totals with partners",
        help_text="Partners never see a school's figures or what families wrote.",
    )

    @staticmethod
    def initial_of(survey: Survey) -> dict:
        return {
            "title": survey.title,
            "purpose": survey.purpose,
            "languages": survey.languages,
            "shared_with_partners": survey.shared_with_partners,
        }


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=Question.Kind.choices, widget=forms.RadioSelect, label="Kind of question"
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Question (English)",
        error_messages={"required": "Write the question as families will read it."},
    )
    choices = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Choices (English), one a line",
        help_text="For a choice question only.",
    )
    scale_low = forms.CharField(
        max_length=80, required=False, label="What 1 means (English)", help_text="Scale only."
    )
    scale_high = forms.CharField(
        max_length=80, required=False, label="What 5 means (English)", help_text="Scale only."
    )
    required = forms.BooleanField(required=False, label="Families must answer it")

    def clean(self):
        data = super().clean() or {}
        if data.get("kind") == Question.Kind.SCALE and not (
            data.get("scale_low") and data.get("scale_high")
        ):
            self.add_error("scale_low", "Say what 1 and 5 mean, e.g. 'Not at all' and 'Very'.")
        return data

    def wording(self) -> Wording:
        data = self.cleaned_data
        return Wording(
            text=data["text"],
            choices=lines(data["choices"]),
            scale_low=data["scale_low"],
            scale_high=data["scale_high"],
        )

    @staticmethod
    def initial_of(question: Question, english) -> dict:
        return {
            "kind": question.kind,
            "required": question.required,
            "text": english.text if english else "",
            "choices": "\n".join(english.choices) if english else "",
            "scale_low": english.scale_low if english else "",
            "scale_high": english.scale_high if english else "",
        }


class TranslationForm(forms.Form):
    """The survey's title and introduction and each question's wording in one language;
    fields ``q<id>_text``, ``q<id>_choices``, ``q<id>_low``, ``q<id>_high``."""

    title = forms.CharField(max_length=200, required=False, label="Survey title")
    intro = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Introduction"
    )

    def __init__(self, *args, rows: list[dict], language_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for number, row in enumerate(rows, start=1):
            question, pk = row["question"], row["question"].pk
            self.fields[f"q{pk}_text"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                label=f"Question {number} in {language_name}",
            )
            if question.kind == Question.Kind.CHOICE:
                self.fields[f"q{pk}_choices"] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4}),
                    required=False,
                    label=f"Question {number}'s choices in {language_name}, one a line",
                )
            if question.kind == Question.Kind.SCALE:
                self.fields[f"q{pk}_low"] = forms.CharField(
                    max_length=80, required=False, label=f"Question {number}: what 1 means"
                )
                self.fields[f"q{pk}_high"] = forms.CharField(
                    max_length=80, required=False, label=f"Question {number}: what 5 means"
                )

    @staticmethod
    def initial_of(head, rows: list[dict]) -> dict:
        initial = {"title": head.title if head else "", "intro": head.intro if head else ""}
        for row in rows:
            mine, pk = row["mine"], row["question"].pk
            if mine is not None:
                initial[f"q{pk}_text"] = mine.text
                initial[f"q{pk}_choices"] = "\n".join(mine.choices)
                initial[f"q{pk}_low"] = mine.scale_low
                initial[f"q{pk}_high"] = mine.scale_high
        return initial

    def wordings(self) -> dict[int, Wording]:
        data = self.cleaned_data
        found = {}
        for row in self.rows:
            pk = row["question"].pk
            found[pk] = Wording(
                text=data.get(f"q{pk}_text", ""),
                choices=lines(data.get(f"q{pk}_choices", "")),
                scale_low=data.get(f"q{pk}_low", ""),
                scale_high=data.get(f"q{pk}_high", ""),
            )
        return found

    def field_rows(self) -> list[dict]:
        """Per question: its English wording and the bound fields of its translation."""
        shown = []
        for row in self.rows:
            pk = row["question"].pk
            names = [f"q{pk}_text", f"q{pk}_choices", f"q{pk}_low", f"q{pk}_high"]
            shown.append({**row, "fields": [self[n] for n in names if n in self.fields]})
        return shown


class AnswerForm(forms.Form):
    """The public form, worded in the page's language (``chrome``: its fixed words)."""

    ticket = forms.CharField(widget=forms.HiddenInput, max_length=64)
    lang = forms.CharField(widget=forms.HiddenInput, max_length=8)

    def __init__(self, *args, rows, chrome: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        required = {"required": chrome["required"]}
        for question, wording in rows:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.SCALE:
                choices = [(str(p), _scale_words(p, wording)) for p in SCALE_POINTS]
            elif question.kind == Question.Kind.CHOICE:
                choices = [(str(i), text) for i, text in enumerate(wording.choices)]
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_ANSWER_MAX}),
                    required=question.required,
                    label=wording.text,
                    max_length=TEXT_ANSWER_MAX,
                    error_messages={**required, "max_length": chrome["too_long"]},
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    required=question.required,
                    label=wording.text,
                    error_messages={**required, "invalid_choice": chrome["invalid"]},
                )
        self.fields["group"] = forms.ChoiceField(
            choices=[(g, chrome["groups"][g]) for g in RespondentGroup.values],
            widget=forms.RadioSelect,
            label=chrome["group"],
            error_messages={**required, "invalid_choice": chrome["invalid"]},
        )

    def question_fields(self):
        return [self[f"q{question.pk}"] for question, _ in self.rows]

    def answers(self) -> dict[int, int | str | None]:
        found: dict[int, int | str | None] = {}
        for question, _ in self.rows:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == Question.Kind.TEXT:
                found[question.pk] = value or None
            else:
                found[question.pk] = int(value) if value not in (None, "") else None
        return found


def _scale_words(point: int, wording) -> str:
    if point == SCALE_POINTS[0] and wording.scale_low:
        return f"{point} — {wording.scale_low}"
    if point == SCALE_POINTS[-1] and wording.scale_high:
        return f"{point} — {wording.scale_high}"
    return str(point)


class EventForm(forms.Form):
    title = forms.CharField(
        max_length=200, label="What", error_messages={"required": "Say what the event was."}
    )
    school: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        help_text="Leave empty for an event held elsewhere.",
        error_messages={
            "invalid_choice": "Choose one of the schools listed: you record events at your "
            "own schools only."
        },
    )
    place = forms.CharField(
        max_length=200, required=False, help_text="Where, when not at a school (or the room)."
    )
    held_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the date.", "invalid": "Give the date as YYYY-MM-DD."},
    )
    attendance = forms.IntegerField(
        min_value=0,
        help_text="How many people came (a count; never a list of names).",
        error_messages={
            "required": "Give the attendance as a number.",
            "invalid": "Give the attendance as a whole number.",
            "min_value": "Attendance is zero or more.",
        },
    )
    languages = forms.MultipleChoiceField(
        choices=EventLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Languages offered",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(event) -> dict:
        return {
            "title": event.title,
            "school": event.school_id,
            "place": event.place,
            "held_on": event.held_on,
            "attendance": event.attendance,
            "languages": event.languages,
            "notes": event.notes,
        }


class ResultFilterForm(forms.Form):
    """The results' filters (GET): a school the user may read, a group, a language."""

    school: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All my schools"
    )
    group = forms.ChoiceField(
        choices=[("", "Every group"), *RespondentGroup.choices], required=False
    )
    language = forms.ChoiceField(required=False, label="Language answered in")

    def __init__(self, *args, schools, totals_only: bool, languages, **kwargs):
        super().__init__(*args, **kwargs)
        if totals_only:
            del self.fields["school"]
        else:
            self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", "Every language"),
            *[(code, SurveyLanguage(code).label) for code in languages],
        ]
