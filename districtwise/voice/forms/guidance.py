"""The forms of guidance: a new document (with its first version) and a new version. The
services check everything again; these turn what a person typed into values and put each
message next to its field."""

from __future__ import annotations

from django import forms

from districtwise.core.forms import DesignSystemForm
from districtwise.core.roles import Role
from districtwise.organization.models import Department, School
from districtwise.voice.models import ACKNOWLEDGING_ROLES, AgendaItem, GuidanceDocument, Need

BODY_HELP = (
    "Plain text. Leave a blank line between paragraphs; start a line with '- ' for a "
    "bulleted list or '1. ' for a numbered one."
)
DECIDE_HELP = (
    "Room to innovate: what schools may decide for themselves within this document "
    "(how, when, with whom). Leave empty if nothing is left to schools."
)
DATE = forms.DateInput(attrs={"type": "date"})


class _GuidanceForm(DesignSystemForm, forms.Form):
    """Design-system classes, and the right ones on ticked boxes and radio buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "usa-checkbox__input"
            elif isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "usa-radio__input"
        self._undescribe_choices()

    def _undescribe_choices(self) -> None:
        # A group of boxes is described (hint, error) on its fieldset, not on every box.
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.pop("aria-describedby", None)

    def full_clean(self) -> None:
        super().full_clean()
        self._undescribe_choices()


class _VersionFields(_GuidanceForm):
    body = forms.CharField(
        label="Text of the document", widget=forms.Textarea(attrs={"rows": 12}), help_text=BODY_HELP
    )
    schools_decide = forms.CharField(
        label="What schools decide for themselves",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=DECIDE_HELP,
    )
    effective_on = forms.DateField(label="Effective from", widget=DATE)
    review_on = forms.DateField(
        label="Review by", widget=DATE, help_text="When the owners look at it again."
    )

    def clean(self):
        data = super().clean() or {}
        effective, review = data.get("effective_on"), data.get("review_on")
        if effective and review and review < effective:
            self.add_error("review_on", "The review date comes on or after the effective date.")
        return data


class DocumentForm(_VersionFields):
    """A new document and its version 1."""

    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(
        choices=GuidanceDocument.Kind.choices,
        widget=forms.RadioSelect,
        help_text="Guidance says what to do; a guardrail says what must never, or must "
        "always, be done.",
    )
    department = forms.ModelChoiceField(queryset=Department.objects.none(), empty_label=None)
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave every school unticked for a document that applies to all schools.",
    )
    roles = forms.MultipleChoiceField(
        label="Roles it applies to",
        choices=[(role.value, role.label) for role in ACKNOWLEDGING_ROLES],
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.PRINCIPAL.value],
        help_text="The holders of these roles at its schools read and acknowledge each version.",
        error_messages={"required": "Tick at least one role the document applies to."},
    )

    field_order = [
        "title",
        "kind",
        "department",
        "schools",
        "roles",
        "body",
        "schools_decide",
        "effective_on",
        "review_on",
    ]

    def __init__(self, *args, departments, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["schools"].queryset = School.objects.filter(  # type: ignore[attr-defined]
            district=district
        ).order_by("name")
        self.order_fields(self.field_order)


class RevisionForm(_VersionFields):
    """A new version, written on top of the version the editor read (``based_on``)."""

    based_on = forms.IntegerField(widget=forms.HiddenInput)
    change_summary = forms.CharField(
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence or two every reader sees at the top of the new version.",
        error_messages={"required": "Say what changed from the previous version."},
    )
    needs = forms.ModelMultipleChoiceField(
        label="Needs that prompted it",
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    items = forms.ModelMultipleChoiceField(
        label="Meeting items that prompted it",
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = [
        "based_on",
        "change_summary",
        "body",
        "schools_decide",
        "effective_on",
        "review_on",
        "needs",
        "items",
    ]

    def __init__(self, *args, needs, items, **kwargs):
        super().__init__(*args, **kwargs)
        needs_field = self.fields["needs"]
        needs_field.queryset = needs  # type: ignore[attr-defined]
        needs_field.label_from_instance = _need_label  # type: ignore[attr-defined]
        items_field = self.fields["items"]
        items_field.queryset = items  # type: ignore[attr-defined]
        items_field.label_from_instance = _item_label  # type: ignore[attr-defined]
        self.order_fields(self.field_order)


def _need_label(need: Need) -> str:
    return f"{need.title} ({need.school.name}, {need.get_category_display().lower()})"


def _item_label(item: AgendaItem) -> str:
    return f"{item.title} ({item.meeting.title})"


class LibrarySearchForm(DesignSystemForm, forms.Form):
    """The library's search box and filters (GET)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *GuidanceDocument.Kind.choices]
    )
    department = forms.ModelChoiceField(
        label="Department",
        queryset=Department.objects.none(),
        required=False,
        empty_label="Any department",
    )
    retired = forms.BooleanField(label="Include retired documents", required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["retired"].widget.attrs["class"] = "usa-checkbox__input"
