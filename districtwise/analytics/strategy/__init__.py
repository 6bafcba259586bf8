"""Strategy and coherence arithmetic: need-weighted allocation (no Django)."""
