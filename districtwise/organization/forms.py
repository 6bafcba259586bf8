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
        fields = [
            "name",
            "network",
            "level",
            "grade_low",
            "grade_high",
            "title_i",
            "latitude",
            "longitude",
        ]
        help_texts = {
            "latitude": "Where the school is, in decimal degrees (e.g. 41.2565), for the "
            "needs map. Leave both empty if unknown.",
            "longitude": "In decimal degrees, west negative (e.g. -95.9345).",
        }

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
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if latitude is not None and not -90 <= latitude <= 90:
            self.add_error("latitude", f"{latitude} is not a latitude: it runs from -90 to 90.")
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error(
                "longitude", f"{longitude} is not a longitude: it runs from -180 to 180."
            )
        if (latitude is None) != (longitude is None) and not self.has_error("latitude"):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, f"Give the {missing} too, or leave both empty.")
        return data


class NetworkForm(DesignSystemForm, forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "description"]
