"""Forms of supports, one module per part of the capability."""
