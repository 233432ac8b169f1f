"""The one place for colours and value ranges: every figure, the cell diagram and the step page's
equations and words take their gate colours, colour scales and fixed ranges from here.

Fixed ranges, so that the same colour means the same number on every map: each quantity's range
comes from its cell's declaration (Quantity.range: gates 0..1, tanh-squashed values -1..1); an
unbounded one (C, anything through relu or linear) is symmetric around 0 and fixed per model, not per
sample: model_ranges runs 64 samples of the model's task at its default length through the NumPy
forward, once, and rounds the largest |value| of each quantity of each layer up to a nice number.

    rs = theme.model_ranges(model)        # [layer] -> {"i": (0.0, 1.0), ..., "c": (-15.0, 15.0), ...}
    heatmaps.gate_heatmaps(trace, tokens, ranges=rs[0])

A longer sequence may go past its model's range: colours clip at the ends (hover gives the number),
axes widen to show every point (fitted).
"""

from __future__ import annotations

import numpy as np
from plotly.colors import sample_colorscale

from lstm_viz import tasks

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

# One colour per cell where cells are compared (the Why gates page): the three main cells strong, the LSTM's
# variants lighter relatives of the LSTM's blue, the misread cell grey.
CELL_COLOURS = {
    "lstm": "#1565c0",
    "gru": "#2e7d32",
    "rnn": "#c62828",
    "lstm_nfg": "#64b5f6",
    "lstm_cifg": "#00838f",
    "lstm_nog": "#7e57c2",
    "lstm_ph": "#0d47a1",
    "lstm_nig": "#4fc3f7",
    "lstm_niaf": "#5c6bc0",
    "lstm_noaf": "#26a69a",
    "lstm_misread": "#757575",
}
BLIND_LINE = "#9e9e9e"  # what a blind guess scores

# Training runs, one colour each, in order (then again from the start).
PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#e65100", "#37474f")

# Step t: the stepper's highlighted token (its other tokens on BLANK_FILL) and the marker on a timeline.
STEP_COLOUR = "#ffb300"
STEP_MARKER = "rgba(255, 179, 0, 0.6)"

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


# What an unbounded range is rounded up to (× a power of 10): a colour bar with round ends.
NICE = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice(x: float) -> float:
    """The smallest NICE number (× a power of 10) that is at least x > 0: 4.29 -> 5, 12.75 -> 15."""
    power = 10.0 ** float(np.floor(np.log10(x)))
    return next(float(round(m * power, 10)) for m in NICE if m * power >= x * (1 - 1e-12))


def colour_range(quantity, values) -> tuple[float, float]:
    """The fixed colour and axis range of a quantity (a spec's Quantity) over `values`: its declared range when
    bounded (gates 0..1, tanh-squashed values -1..1); unbounded (C, anything through relu or linear) symmetric
    around 0, the largest |value| rounded up to a nice number, at least ±1 (so that values inside -1..1 keep
    the colours of the tanh-squashed ones). Give it many samples' values (model_ranges), not one sequence's."""
    if quantity.range is not None:
        lo, hi = quantity.range
        return float(lo), float(hi)
    m = nice(max(1.0, float(np.max(np.abs(values))))) if np.size(values) else 1.0
    return -m, m


def ranges(trace) -> dict[str, tuple[float, float]]:
    """Every quantity's range for one layer's trace (a GateTrace, one sequence or a batch), by name."""
    return {q.name: colour_range(q, trace[q.name]) for q in trace.spec.quantities}


def model_ranges(model, n: int = 64, seed: int = 0) -> list[dict[str, tuple[float, float]]]:
    """Every layer's ranges for a model (a TrainedModel), fixed once for the model: over n samples of its task at
    the task's default length, through the NumPy forward. The same for every sequence the model is shown on."""
    task = tasks.get(model.task)
    x, _ = task.make_batch(n, task.default_config().seq_len, np.random.default_rng([seed, 5]))  # (n, T, D)
    return [ranges(layer) for layer in model.trace(x).layers]


def fitted(lo: float, hi: float, values) -> tuple[float, float]:
    """An axis on a fixed range lo..hi, widened (symmetric, nice) only where `values` go past it: an axis shows
    every point, where a colour clips."""
    v = np.asarray(values, dtype=float)
    if v.size == 0 or (lo <= v.min() and v.max() <= hi):
        return lo, hi
    m = nice(max(float(np.abs(v).max()), abs(lo), abs(hi)))
    return -m, m


def colour_of(v: float, lo: float, hi: float, scale: str | None = None) -> str:
    """The colour of v on a map's scale over lo..hi (the scale of colourscale(quantity); without one, the gate
    scale for a range from 0 up, else the signed scale, white at 0)."""
    if scale is None:
        scale = GATE_SCALE if lo >= 0 else SIGNED_SCALE
    if scale == GATE_SCALE:
        return sample_colorscale(GATE_SCALE, [float(np.clip((v - lo) / (hi - lo), 0, 1))])[0]
    m = max(abs(lo), abs(hi))
    return sample_colorscale(SIGNED_SCALE, [float(np.clip((v / m + 1) / 2, 0, 1))])[0]


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on a fill given as "rgb(r, g, b)" or "#rrggbb" (relative luminance)."""
    if fill.startswith("#"):
        rgb = [int(fill[k : k + 2], 16) for k in (1, 3, 5)]
    else:
        rgb = [float(v) for v in fill[fill.index("(") + 1 : fill.index(")")].split(",")[:3]]
    lin = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return INK if luminance > 0.18 else PAPER


SAMPLED_NUMBERS = 4_000_000  # at most about this many numbers traced to fix an imported model's ranges (32 MB)


def imported_ranges(model, x, n: int = 32, seed: int = 0) -> list[dict[str, tuple[float, float]]]:
    """Every recurrent layer's ranges for a model read from a file (lstm_viz.io.ImportedModel), which has no task
    to sample: over the input shown, x ((T,) token ids or (T, D) numbers), and n fixed random inputs of its length
    (fewer for a big model: at most SAMPLED_NUMBERS numbers traced)
    (token ids uniform over the vocabulary; numbers uniform over the span of x's numbers, at least -1..1).
    The same input always gives the same ranges; bounded quantities keep their declared ones."""
    x = np.asarray(x)
    rng = np.random.default_rng([seed, 12])
    per_sample = len(x) * sum(r.params.hidden_size for r in model.recurrent) * 8  # numbers one sample's trace holds
    n = int(np.clip(SAMPLED_NUMBERS // max(per_sample, 1), 1, n))  # a big model: fewer samples, bounded memory
    if model.vocab_size is not None:
        batch = rng.integers(0, model.vocab_size, size=(n, *x.shape))  # (n, T)
    else:
        m = max(1.0, float(np.max(np.abs(x)))) if x.size else 1.0
        batch = rng.uniform(-m, m, size=(n, *x.shape))  # (n, T, D)
    shown, sampled = model.forward(x).layers, model.forward(batch).layers
    out = []
    for one, many in zip(shown, sampled):
        one, many = one.layers[0], many.layers[0]
        out.append(
            {
                q.name: colour_range(q, np.concatenate([one[q.name].ravel(), many[q.name].ravel()]))
                for q in one.spec.quantities
            }
        )
    return out
