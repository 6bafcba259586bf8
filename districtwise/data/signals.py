"""What the data app tells the rest: the district's live data changed.

Later capabilities that keep something derived from the files (the teaching roster of
teacher supports) listen here instead of the data app calling them.
"""

from django.dispatch import Signal

# Sent after an import went live or an earlier version was restored: district=, actor=.
live_data_changed = Signal()
