"""Form styling shared by every app: design-system classes and error descriptions."""

from __future__ import annotations

from django import forms


class DesignSystemForm:
    """Mixin: give each widget its U.S. Web Design System class and link its errors and
    help text to it with ``aria-describedby`` so screen readers announce them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            kind = "usa-select" if isinstance(widget, forms.Select) else "usa-input"
            if isinstance(widget, forms.Textarea):
                kind = "usa-textarea"
            widget.attrs["class"] = kind
            bound = self[name]  # type: ignore[index]
            described = []
            if field.help_text:
                described.append(f"{bound.id_for_label}-hint")
            if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
                described.append(f"{bound.id_for_label}-error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
