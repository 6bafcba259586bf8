"""The upload form: several CSV files or one zip."""

from __future__ import annotations

from django import forms
from django.conf import settings

from districtwise.core.forms import DesignSystemForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(DesignSystemForm, forms.Form):
    upload = MultipleFileField(
        label="Files to import",
        help_text="The district's CSV files (schools.csv, students.csv, enrollments.csv and "
        "any optional ones), a zip of them, or a OneRoster 1.1 CSV roster.",
    )

    def clean_upload(self):
        files = self.cleaned_data["upload"]
        limit = settings.IMPORT_MAX_FILE_BYTES
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(
                    f"{upload.name} is {upload.size:,} bytes; the limit is {limit:,} bytes."
                )
            if not upload.name.lower().endswith((".csv", ".zip")):
                raise forms.ValidationError(f"{upload.name} is not a .csv or .zip file.")
        names = [u.name.lower() for u in files]
        if len(set(names)) != len(names):
            raise forms.ValidationError("Two of the files have the same name.")
        if any(n.endswith(".zip") for n in names) and len(names) > 1:
            raise forms.ValidationError("Upload one zip on its own, or CSV files without a zip.")
        return files
