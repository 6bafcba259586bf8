"""Pure computations of principal workload (no Django): one module per part."""
