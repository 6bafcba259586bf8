"""Pure computations of strategy and coherence (no Django): support-tier scoring."""
