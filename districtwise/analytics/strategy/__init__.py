"""The arithmetic of strategy and coherence (progress against targets, tiers, allocation):
plain functions, no Django, each tested on hand-worked examples."""
