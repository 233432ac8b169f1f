"""What the step-through page's stepper shows at every t, as plain data: the browser holds all of it and switches
between steps without a round trip to the server (lstm_viz/ui/stepper.py draws it).

Every number is the trace's own (the NumPy forward of the model shown) and every colour is the theme's, so the
stepper says exactly what the rest of the page says once it has caught up with the new t.
"""

from __future__ import annotations

import numpy as np

from lstm_viz import explain
from lstm_viz.viz import theme


def step_frames(task, model, trace, layer: int, unit: int, tokens: list[str], ranges: dict) -> dict:
    """The tokens, the sentence at every t ("reading <token>: <what the read-out says>") and, for the chosen unit
    of the chosen layer, every quantity of its cell at every t with its colour on the quantity's fixed range.
    JSON-ready (lists of str and float)."""
    layer_trace = trace.layers[layer]
    outputs = model.outputs(trace)
    x = trace.x
    T = len(tokens)
    quantities = []
    for q in layer_trace.spec.quantities:
        values = np.asarray(layer_trace[q.name][:, unit], dtype=float)
        lo, hi = ranges[q.name]
        scale = theme.colourscale(q)
        quantities.append(
            {
                "name": q.name,
                "symbol": q.symbol,
                "title": q.title,
                "colour": theme.COLOURS[q.name],
                "values": [round(float(v), 6) for v in values],
                "fills": [theme.colour_of(float(v), lo, hi, scale) for v in values],
                "inks": [theme.ink_on(theme.colour_of(float(v), lo, hi, scale)) for v in values],
            }
        )
    return {
        "tokens": [str(tok) for tok in tokens],
        "said": [f"reading {tokens[t]}: {explain.output_words(task, x, outputs[t], t)}." for t in range(T)],
        "unit": int(unit),
        "quantities": quantities,
        "step_colour": theme.STEP_COLOUR,
        "blank": theme.BLANK_FILL,
        "ink": theme.INK,
    }
