"""Template filters of principal workload."""
