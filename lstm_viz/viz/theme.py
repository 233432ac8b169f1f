"""The one place for colours and value ranges: every figure, the cell diagram and the step page's
equations and words take their gate colours, colour scales and fixed ranges from here.

Fixed ranges, so that the same colour means the same number on every map: each quantity's range
comes from its cell's declaration (Quantity.range: gates 0..1, tanh-squashed values -1..1); an
unbounded one (C, anything through relu or linear) is symmetric around 0, as wide as the trace needs.
"""

from __future__ import annotations

import numpy as np
from plotly.colors import sample_colorscale

from lstm_viz.core.trace import GateTrace

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

# Colour scales: gates 0 (shut) .. 1 (open); signed values (C̃, C, h) blue below 0, red above.
GATE_SCALE = "Viridis"
SIGNED_SCALE = "RdBu_r"
SIGMOID_GATES = ("i", "f", "o")

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


def colourscale(gate: str, spec=None) -> str:
    """The colour scale of a quantity's heat map: gates (0..1) on Viridis, everything else signed."""
    if spec is not None:
        return GATE_SCALE if spec[gate].kind == "gate" else SIGNED_SCALE
    return GATE_SCALE if gate in SIGMOID_GATES else SIGNED_SCALE


def quantity_range(q, values) -> tuple[float, float]:
    """The fixed colour and axis range of a quantity (a spec's Quantity): its declared range, or, unbounded,
    symmetric around 0 and at least ±1, as wide as the largest |value|."""
    if q.range is not None:
        return q.range
    m = max(1.0, float(np.max(np.abs(values)))) if np.size(values) else 1.0
    return -m, m


def ranges(trace) -> dict[str, tuple[float, float]]:
    """Every quantity's range for one layer's trace (a GateTrace)."""
    return {q.name: quantity_range(q, trace[q.name]) for q in trace.spec.quantities}


def colour_of(v: float, lo: float, hi: float) -> str:
    """The colour of v on the maps' scale for the range lo..hi: the gate scale for 0..1, else the signed one."""
    if lo >= 0:
        return sample_colorscale(GATE_SCALE, [float(np.clip((v - lo) / (hi - lo), 0, 1))])[0]
    return sample_colorscale(SIGNED_SCALE, [float(np.clip((v / hi + 1) / 2, 0, 1))])[0]


def c_limit(trace: GateTrace) -> float:
    """The C maps' range is ±this: at least 1, else the largest |C| of the trace."""
    return max(1.0, float(np.max(np.abs(trace.c))))


def value_range(gate: str, c_max: float) -> tuple[float, float]:
    """The fixed range of a gate or state: 0..1 for i, f, o; ±c_max for c; -1..1 for g and h."""
    if gate in SIGMOID_GATES:
        return 0.0, 1.0
    if gate == "c":
        return -c_max, c_max
    return -1.0, 1.0


def colour_range(gate: str, trace: GateTrace) -> tuple[float, float]:
    """The fixed colour range of a gate's or a state's map for this trace."""
    return value_range(gate, c_limit(trace) if gate == "c" else 1.0)


def value_colour(v: float, signed: bool, c_max: float = 1.0) -> str:
    """The colour of a value on the maps' scales: signed values over ±c_max, gates over 0..1."""
    if signed:
        return sample_colorscale(SIGNED_SCALE, [float(np.clip((v / c_max + 1) / 2, 0, 1))])[0]
    return sample_colorscale(GATE_SCALE, [float(np.clip(v, 0, 1))])[0]
