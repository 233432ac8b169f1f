"""What the step-through page's stepper shows at every t, as plain data: the browser holds all of it and switches
between steps without a round trip to the server (lstm_viz/ui/stepper.py draws it).

Every number is the trace's own (the NumPy forward of the model shown) and every colour is the theme's, so the
stepper says exactly what the rest of the page says once it has caught up with the new t.
"""

from __future__ import annotations

import numpy as np

from lstm_viz import explain, words
from lstm_viz.viz import theme


def step_frames(task, model, trace, layer: int, unit: int, tokens: list[str], ranges: dict, lang: str = "en") -> dict:
    """The tokens, the sentence at every t ("reading <token>: <what the read-out says>") and, for the chosen unit
    of the chosen layer, every quantity of its cell at every t with its colour on the quantity's fixed range; its
    words in `lang`. JSON-ready (lists of str and float)."""
    w = words.of(lang).step
    layer_trace = trace.layers[layer]
    spec = layer_trace.spec
    outputs = model.outputs(trace)
    x = trace.x
    quantities = []
    for q in spec.quantities:
        values = np.asarray(layer_trace[q.name][:, unit], dtype=float)
        lo, hi = ranges[q.name]
        scale = theme.colourscale(q)
        fills = [theme.colour_of(float(v), lo, hi, scale) if np.isfinite(v) else theme.BLANK_FILL for v in values]
        quantities.append(
            {
                "name": q.name,
                "symbol": q.symbol,
                "title": words.quantity_words(lang, spec.name, q.name, q.title, q.role)[0],
                "colour": theme.COLOURS[q.name],
                "values": [round(float(v), 6) if np.isfinite(v) else None for v in values],  # JSON has no NaN
                "fills": fills,
                "inks": [theme.ink_on(fill) for fill in fills],
            }
        )
    return {
        "tokens": [str(tok) for tok in tokens],
        "said": [
            w.STEP_SAID.format(token=tok, answer=explain.output_words(task, x, outputs[t], t, lang))
            for t, tok in enumerate(tokens)
        ],
        "labels": w.STEPPER_LABELS,
        "lang": lang,  # the page's language, for the browser's choice of fonts
        "unit": int(unit),
        "quantities": quantities,
        "step_colour": theme.STEP_COLOUR,
        "blank": theme.BLANK_FILL,
        "ink": theme.INK,
    }
