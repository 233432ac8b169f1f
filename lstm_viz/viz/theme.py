"""The one place for colours and value ranges: every figure, the cell diagram and the step page's
equations and words take their gate colours, colour scales and fixed ranges from here.

Fixed ranges, so that the same colour means the same number on every map: the sigmoid gates
i, f, o run 0..1, the candidate C̃ (g) and h run -1..1, C is symmetric around 0.
"""

from __future__ import annotations

import numpy as np
from plotly.colors import sample_colorscale

from lstm_viz.core.trace import GateTrace

# One colour per gate, used by every figure and equation: i, f, g, o, then c and h.
COLOURS = {
    "i": "#2e7d32",  # green: what gets written
    "f": "#c62828",  # red: what gets kept or erased
    "g": "#6a1b9a",  # purple: the candidate
    "o": "#1565c0",  # blue: what gets shown
    "c": "#e65100",  # orange: the memory
    "h": "#37474f",  # slate: the output
}
# The same colours by Streamlit's names, for st.markdown's :colour[text].
STREAMLIT_COLOURS = {"i": "green", "f": "red", "g": "violet", "o": "blue", "c": "orange", "h": "gray"}

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


def colourscale(gate: str) -> str:
    """The colour scale of a gate's or a state's heat map."""
    return GATE_SCALE if gate in SIGMOID_GATES else SIGNED_SCALE


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
