"""The warning, before saving, for text that may name students, shared by every voice form
whose text travels beyond its writer (raising a need, a need raised from a meeting, a
dilemma and its record). See ``voice/student_names.py`` for what is flagged.

A flagged text is held back: each field gets its message, the form a summary, and a
``names_checked`` box appears; ticking it saves the text as written. Nothing typed is lost.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms

from districtwise.voice.student_names import KnownNames, find_student_names


class StudentNamesCheck:
    """Mix in before ``forms.Form``; call ``check_student_names`` from ``clean``. The view
    passes the district's ``known`` names (``district_known_names``)."""

    names_fields: tuple[str, ...] = ()
    names_summary = (
        "What you wrote may name students: {shown}. Nothing was saved. Remove the names, or "
        "tick the box below if these are not students' names."
    )
    names_checked_label = "Save anyway: I checked and there are no students' names in it"

    def __init__(self, *args: Any, known: KnownNames | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.known = known
        self.name_hints: list[str] = []
        cast(forms.Form, self).fields["names_checked"] = forms.BooleanField(
            label=self.names_checked_label,
            required=False,
            widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
        )

    def check_student_names(
        self, data: dict[str, Any], fields: tuple[str, ...] | None = None
    ) -> None:
        """Find what may be names in ``fields`` (``names_fields`` unless given); unless the
        writer confirmed, put a message next to each field and a summary above."""
        form = cast(forms.Form, self)
        by_field = {
            name: find_student_names(str(data.get(name) or ""), known=self.known)
            for name in (self.names_fields if fields is None else fields)
        }
        self.name_hints = list(dict.fromkeys(h for hints in by_field.values() for h in hints))
        if not self.name_hints or data.get("names_checked"):
            return
        for name, hints in by_field.items():
            if hints:
                message = (
                    f"This may name a student: {_quoted(hints)}. Write about students with "
                    "numbers and situations, not names."
                )
                form.add_error(name, message)
        summary = self.names_summary.format(shown=_quoted(self.name_hints[:6]))
        form.add_error(None, forms.ValidationError(summary, code="student_names"))

    @property
    def warned_about_names(self) -> bool:
        return bool(self.name_hints)


def _quoted(hints: list[str]) -> str:
    return ", ".join(f"“{hint}”" for hint in hints)
