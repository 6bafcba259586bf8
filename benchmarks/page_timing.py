"""What the page benchmarks share: one page asked for again and again, timed."""

from __future__ import annotations

import statistics
import time


def page_time(client, url: str, repeats: int, name: str) -> str:
    """Median and p95 milliseconds of ``repeats`` GETs of ``url`` (after one that warms
    up), as printed in the tables; a page that does not answer 200 stops the benchmark."""
    times = []
    for i in range(repeats + 1):
        began = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise RuntimeError(f"{name} answered {response.status_code}.")
        if i:
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return f"{statistics.median(times):.0f} ms (p95 {p95:.0f} ms)"
