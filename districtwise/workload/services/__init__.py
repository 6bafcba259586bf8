"""Services of workload, one module per part of the capability."""
