"""Form parts shared by every app: design-system styling, error descriptions, and choice
fields that name people, schools and networks the same way everywhere."""

from __future__ import annotations

from django import forms


class DesignSystemForm:
    """Mixin: give each widget its U.S. Web Design System class and link its help text and
    errors to it with ``aria-describedby`` so screen readers announce them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            kind = "usa-select" if isinstance(widget, forms.Select) else "usa-input"
            if isinstance(widget, forms.Textarea):
                kind = "usa-textarea"
            widget.attrs["class"] = kind
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].id_for_label}-hint"  # type: ignore[index]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            widget = self.fields[name].widget  # type: ignore[attr-defined]
            described = widget.attrs.get("aria-describedby", "")
            error_id = f"{self[name].id_for_label}-error"  # type: ignore[index]
            widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()
            widget.attrs["aria-invalid"] = "true"


def pasted_or_uploaded(data: dict, *, most_bytes: int, nothing: str) -> dict:
    """Clean a form with a ``sheet`` to paste and an ``upload`` to choose: an uploaded file
    replaces the pasted text once it is known to be UTF-8 text under ``most_bytes``;
    neither gives the ``nothing`` message. Returns ``data`` with ``sheet`` set."""
    upload = data.get("upload")
    if upload is not None:
        if upload.size > most_bytes:
            raise forms.ValidationError(
                f"The file is over {most_bytes // 1_000_000} MB: split it into smaller files."
            )
        try:
            data["sheet"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                f"The file is not UTF-8 text (byte {error.start}): save it as CSV UTF-8."
            ) from error
    if not (data.get("sheet") or "").strip():
        raise forms.ValidationError(nothing)
    return data


def person_label(person) -> str:
    """A person named with where they work, so two people of the same name differ."""
    place = person.place
    return f"{person.full_name} — {place}" if place else person.full_name


class PersonChoice(forms.ModelChoiceField):
    """One person, named with where they work."""

    def label_from_instance(self, obj) -> str:
        return person_label(obj)


class PeopleChoice(forms.ModelMultipleChoiceField):
    """Several people, each named with where they work."""

    def label_from_instance(self, obj) -> str:
        return person_label(obj)


class NamedChoice(forms.ModelChoiceField):
    """One school, network or department, by its name alone."""

    def label_from_instance(self, obj) -> str:
        return obj.name


class NamedMultipleChoice(forms.ModelMultipleChoiceField):
    """Several schools, networks or departments, by their names alone."""

    def label_from_instance(self, obj) -> str:
        return obj.name
