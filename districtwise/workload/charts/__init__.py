"""The charts of principal workload (SVG, each with a table alternative on its page)."""
