"""Forms of need issues: open one (with the needs it gathers), link more needs, answer."""

from __future__ import annotations

from django import forms

from districtwise.voice.models import Need, NeedCategory


class NeedChoices(forms.ModelMultipleChoiceField):
    """Needs as checkboxes, each named by its title, school and category."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Need) -> str:
        return f"{obj.title} — {obj.school.name}, {obj.get_category_display().lower()}"


class IssueForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text="The underlying issue in a few words, as schools will read it."
    )
    category = forms.ChoiceField(choices=NeedCategory.choices)
    department: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, help_text="The department that answers the issue."
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What the linked needs have in common (optional).",
    )
    needs = NeedChoices(
        queryset=Need.objects.none(),
        required=False,
        label="Needs to link",
        help_text="Open needs you answer that are not linked to an issue yet.",
    )

    def __init__(self, *args, departments, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["needs"].queryset = Need.objects.filter(  # type: ignore[attr-defined]
            pk__in=[n.pk for n in needs]
        ).select_related("school")


class LinkForm(forms.Form):
    needs = NeedChoices(
        queryset=Need.objects.none(),
        label="Needs to link",
        help_text="Open needs you answer that are not linked to an issue yet; the "
        "issue's category first.",
        error_messages={"required": "Choose at least one need to link."},
    )

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = Need.objects.filter(  # type: ignore[attr-defined]
            pk__in=[n.pk for n in needs]
        ).select_related("school")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Every school whose need is linked and still open reads this answer.",
        error_messages={"required": "Write the answer every linked school will read."},
    )
