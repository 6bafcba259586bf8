"""Writes of strategy and coherence, one module per part (``services.plan`` …). Each
service takes keyword-only arguments and an ``actor``, runs in one transaction and writes
an audit-log row for every change."""
