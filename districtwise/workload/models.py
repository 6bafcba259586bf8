"""Principal role clarity: the task audit and its redistribution, time use, and the
registry of data requests sent to schools."""

from __future__ import annotations
