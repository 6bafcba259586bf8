"""The equity audit's metrics (shared/spec/equity-metrics.md), over the analytics engine."""
