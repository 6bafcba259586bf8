"""Charts of teacher supports, drawn as SVG (each page gives the same figures as a table)."""
