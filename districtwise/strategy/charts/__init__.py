"""The charts of strategy and coherence (SVG, each with a table alternative on its page),
one module per part."""
