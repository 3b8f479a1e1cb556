"""Axis ticks that never repeat a label: whole numbers for counts, as many decimals as an
amount's range needs (plotly's own choice of step with a fixed format gives `0, 0, 1, 1`)."""

from __future__ import annotations

import math

STEPS = (1, 2, 2.5, 5)


def nice_step(span: float, ticks: int = 5, whole: bool = False) -> float:
    """Return a round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks
    over span; at least 1 when `whole` (counts)."""
    if not span or span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next((s * power for s in STEPS if s * power * 1.1 >= raw), 10 * power)
    if whole:
        step = max(1.0, float(round(step)) if step >= 1 else 1.0)
        if step == 2.5:
            step = 2.0
    return step


def decimals(step: float) -> int:
    """Return how many decimals tick labels need so that steps of this size differ."""
    if step <= 0:
        return 0
    places = 0
    while abs(step * 10**places - round(step * 10**places)) > 1e-9 and places < 6:
        places += 1
    return places


def count_axis(top: float, ticks: int = 5) -> dict:
    """Return axis settings for a count (agreements, actions): whole-number ticks from 0."""
    step = nice_step(top, ticks, whole=True)
    return {"tick0": 0, "dtick": step, "tickformat": ",d", "rangemode": "tozero"}


def amount_axis(low: float, high: float, ticks: int = 5) -> dict:
    """Return axis settings for an amount in millions spanning low..high: a round step and
    the decimals it needs (4 MNOK: 0, 0,5, 1 … never 0, 1, 1)."""
    step = nice_step(max(high, 0) - min(low, 0), ticks)
    return {"tick0": 0, "dtick": step, "tickformat": f",.{decimals(step)}f"}
