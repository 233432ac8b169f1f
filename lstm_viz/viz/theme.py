"""The one place for colours and value ranges: every figure, the cell diagram and the step page's
equations and words take their gate colours, colour scales and fixed ranges from here.

Fixed ranges, so that the same colour means the same number on every map: each quantity's range
comes from its cell's declaration (Quantity.range: gates 0..1, tanh-squashed values -1..1); an
unbounded one (C, anything through relu or linear) is symmetric around 0, as wide as the trace needs.
"""

from __future__ import annotations

import numpy as np
from plotly.colors import sample_colorscale

# One colour per quantity of every cell, used by every figure and equation. A GRU's gates take the
# colours of the LSTM gates whose job they share: z keeps the old state (like f), r decides what of the
# past the candidate reads (like i, what is let in), n is the candidate (like g).
COLOURS = {
    "i": "#2e7d32",  # green: what gets written
    "f": "#c62828",  # red: what gets kept or erased
    "g": "#6a1b9a",  # purple: the candidate
    "o": "#1565c0",  # blue: what gets shown
    "c": "#e65100",  # orange: the memory
    "h": "#37474f",  # slate: the output
    "r": "#00897b",  # teal: the GRU's reset gate
    "z": "#ad1457",  # crimson: the GRU's update gate
    "n": "#8e24aa",  # purple: the GRU's candidate
}
# The same colours by Streamlit's names, for st.markdown's :colour[text].
STREAMLIT_COLOURS = {"i": "green", "f": "red", "g": "violet", "o": "blue", "c": "orange", "h": "gray",
                     "r": "green", "z": "red", "n": "violet"}  # fmt: skip

# Colour scales: gates (kind "gate": 0 shut .. 1 open) on Viridis; everything else (candidates, states)
# on a signed scale, blue below 0 and red above.
GATE_SCALE = "Viridis"
SIGNED_SCALE = "RdBu_r"

# Training runs, one colour each, in order (then again from the start).
PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#e65100", "#37474f")

# Step t: the token strip's highlighted box and the marker on a timeline.
STEP_COLOUR = "#ffb300"
STEP_MARKER = "rgba(255, 179, 0, 0.6)"
TOKEN_STRIP_SCALE = [[0, "#eceff1"], [1, STEP_COLOUR]]

# Neutral ink: text, outlines, guide lines, the diagram's wires and boxes.
INK = "black"
PAPER = "white"
CHOSEN_OUTLINE = INK  # the chosen unit's bar
GUIDE_LINE = "#b0bec5"  # the saturation plot's diagonal
TARGET_LINE = "#78909c"  # a task's target on the metric curve
SNAPSHOT_LINE = "#37474f"  # the snapshot shown, on the training curves
WIRE_CASING = "#546e7a"  # under a coloured wire, so that a near-white one stays visible
EDGE = "#455a64"  # the outline of a box or an operator that belongs to no gate
BLANK_FILL = "#eceff1"  # a box without a value
BUS = "#90a4ae"  # the input bus h_{t-1}, x_t

# Axis ranges with a little room around 0..1, for gates and fractions.
UNIT_AXIS = (-0.03, 1.03)


def colourscale(quantity) -> str:
    """The colour scale of a quantity's map (a spec's Quantity): Viridis for gates, RdBu_r for the rest."""
    return GATE_SCALE if quantity.kind == "gate" else SIGNED_SCALE


def colour_range(quantity, values) -> tuple[float, float]:
    """The fixed colour and axis range of a quantity (a spec's Quantity) over `values`: its declared range when
    bounded (gates 0..1, tanh-squashed values -1..1); unbounded (C, anything through relu or linear) symmetric
    around 0 and as wide as the largest |value|, at least ±1 (so that values inside -1..1 keep the colours of
    the tanh-squashed ones)."""
    if quantity.range is not None:
        lo, hi = quantity.range
        return float(lo), float(hi)
    m = max(1.0, float(np.max(np.abs(values)))) if np.size(values) else 1.0
    return -m, m


def ranges(trace) -> dict[str, tuple[float, float]]:
    """Every quantity's range for one layer's trace (a GateTrace), by name."""
    return {q.name: colour_range(q, trace[q.name]) for q in trace.spec.quantities}


def colour_of(v: float, lo: float, hi: float, scale: str | None = None) -> str:
    """The colour of v on a map's scale over lo..hi (the scale of colourscale(quantity); without one, the gate
    scale for a range from 0 up, else the signed scale, white at 0)."""
    if scale is None:
        scale = GATE_SCALE if lo >= 0 else SIGNED_SCALE
    if scale == GATE_SCALE:
        return sample_colorscale(GATE_SCALE, [float(np.clip((v - lo) / (hi - lo), 0, 1))])[0]
    m = max(abs(lo), abs(hi))
    return sample_colorscale(SIGNED_SCALE, [float(np.clip((v / m + 1) / 2, 0, 1))])[0]
