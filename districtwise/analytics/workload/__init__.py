"""Principal workload arithmetic (no Django): time use, one module per part."""
