"""The arithmetic of teacher supports: plain functions, no Django, each tested on
hand-worked examples."""
