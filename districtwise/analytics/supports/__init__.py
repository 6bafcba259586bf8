"""The arithmetic of teacher supports (coverage: who really receives each support): plain
functions on an engine connection and Arrow tables, no Django, tested on hand-worked
examples."""
