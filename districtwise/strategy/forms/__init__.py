"""The forms of strategy and coherence, one module per part."""
