"""Forms of the driver-diagram editor, the recording of a version and the change ideas."""

from __future__ import annotations

from django import forms

from districtwise.core.forms import DesignSystemForm
from districtwise.improvement.models import ChangeIdea


class DriverTextForm(DesignSystemForm, forms.Form):
    """A driver's words (adding or renaming one)."""

    text = forms.CharField(
        label="Driver",
        max_length=300,
        error_messages={"required": "Write the driver's words: they cannot be empty."},
    )

    def __init__(self, *args, label: str = "Driver", prefix: str | None = None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["text"].label = label


class PlaceIdeaForm(DesignSystemForm, forms.Form):
    """Hang a change idea under a driver: one of the network's ideas, or a new one."""

    idea = forms.ModelChoiceField(
        label="A change idea of the network",
        queryset=ChangeIdea.objects.none(),
        required=False,
        empty_label="Choose an idea",
    )
    new_title = forms.CharField(label="Or a new change idea", max_length=200, required=False)

    def __init__(self, *args, ideas=None, prefix: str | None = None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        field = self.fields["idea"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ideas if ideas is not None else ChangeIdea.objects.none()

    def clean(self):
        data = super().clean() or {}
        idea, title = data.get("idea"), (data.get("new_title") or "").strip()
        if idea is None and not title:
            raise forms.ValidationError("Choose a change idea or write the title of a new one.")
        if idea is not None and title:
            raise forms.ValidationError(
                "Choose an idea or write a new one, not both: it places one idea at a time."
            )
        data["new_title"] = title
        return data


class RecordVersionForm(DesignSystemForm, forms.Form):
    """The note that goes with a recorded version."""

    note = forms.CharField(
        label="What the network learned",
        help_text="Why the theory changed since the last recorded version: what the tests showed.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the network learned that this version shows."},
    )


class ChangeIdeaForm(DesignSystemForm, forms.Form):
    """A change idea's title and description."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Give the change idea a title."},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        help_text="What the change is, concretely enough that another team could try it.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
