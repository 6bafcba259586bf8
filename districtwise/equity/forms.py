"""The form of the district's audit settings (validated again by the service)."""

from __future__ import annotations

from django import forms

from districtwise.equity.models import SETTING_NAMES, EquitySettings


class EquitySettingsForm(forms.ModelForm):
    """Every setting of ``AuditSettings`` but ``extra``; pass ``form.cleaned_data`` to
    ``services.equity_settings_update`` and show its ``ValidationError`` on the form."""

    class Meta:
        model = EquitySettings
        fields = [name for name in SETTING_NAMES if name != "extra"]
        help_texts = {
            "risk_ratio_threshold": "Ratios at or above this are flagged (34 CFR 300.647).",
            "minimum_cell_size": "Smallest numerator for a risk ratio.",
            "minimum_n_size": "Smallest denominator for a risk ratio.",
            "minimum_display_n": "Figures over fewer students are hidden from users "
            "without student-record rights.",
            "gap_points": "Gaps of at least this many percentage points are listed.",
        }
