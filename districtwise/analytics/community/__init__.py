"""Partners and community: the needs map (which school needs partners meet)."""
