"""Summaries of repeated measurements."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def seconds_since(start: float) -> float:
    return time.perf_counter() - start


def ms_since(start: float) -> float:
    return seconds_since(start) * 1000


def seconds_of(action: Callable[[], object]) -> float:
    """Wall seconds of one call of `action`."""
    start = time.perf_counter()
    action()
    return seconds_since(start)


@dataclass(frozen=True)
class Spread:
    """The median of a few repeated measurements and their whole range.

    With three to five runs on a shared machine a percentile would just be the minimum or maximum,
    so the range is given as it is.
    """

    median: float
    low: float
    high: float
    samples: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            raise ValueError("no measurements")
        return cls(statistics.median(values), min(values), max(values), len(values))

    def text(self, digits: int = 2, scale: float = 1.0) -> str:
        """"median (low–high)", each multiplied by `scale`; only the median for a single measurement."""
        median = f"{self.median * scale:,.{digits}f}"
        if self.samples == 1:
            return median
        return f"{median} ({self.low * scale:,.{digits}f}–{self.high * scale:,.{digits}f})"
