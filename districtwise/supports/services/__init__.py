"""Services of teacher supports, one module per part of the capability."""
