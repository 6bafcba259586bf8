"""Improvement-network arithmetic (no Django): one module per part."""
