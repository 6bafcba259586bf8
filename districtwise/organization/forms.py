"""Forms for the organisation pages."""

from __future__ import annotations

from django import forms

from districtwise.core.forms import DesignSystemForm
from districtwise.organization.models import GRADES, Network, School


class SchoolForm(DesignSystemForm, forms.ModelForm):
    title_i = forms.NullBooleanField(
        label="School-wide Title I",
        required=False,
        widget=forms.NullBooleanSelect(),
    )

    class Meta:
        model = School
        fields = ["name", "network", "level", "grade_low", "grade_high", "title_i"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        network = self.fields["network"]
        assert isinstance(network, forms.ModelChoiceField)
        network.queryset = Network.objects.filter(district=district)
        network.required = False

    def clean(self):
        data = super().clean() or {}
        low, high = data.get("grade_low"), data.get("grade_high")
        if low and high and GRADES.index(low) > GRADES.index(high):
            self.add_error("grade_high", "The highest grade must not be below the lowest grade.")
        return data


class NetworkForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "description"]
