"""Forms of workload, one module per part of the capability."""
