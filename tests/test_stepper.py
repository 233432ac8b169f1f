"""The stepper's frames: every number is the trace's, every sentence the page's, every colour the theme's."""

import dataclasses
import json

import numpy as np
import pytest

from lstm_viz import explain, tasks
from lstm_viz.core.trace import Trace
from lstm_viz.io import presets
from lstm_viz.viz import theme
from lstm_viz.viz.stepper import step_frames


@pytest.mark.parametrize("task_name,cell", [("counting", "lstm"), ("remember_first", "gru"), ("sine", "rnn")])
def test_the_frames_hold_the_traces_own_numbers_at_every_step(task_name, cell):
    task = tasks.get(task_name)
    model, _ = presets.load(task_name, cell)
    x, _ = task.make_batch(1, 12, np.random.default_rng(3))
    trace = model.trace(x[0])
    tokens = task.token_labels(x[0])
    ranges = theme.model_ranges(model)[0]
    unit = 2
    frames = step_frames(task, model, trace, 0, unit, tokens, ranges)
    json.dumps(frames)  # plain data for the browser
    assert frames["tokens"] == tokens and frames["unit"] == unit
    spec = trace.layers[0].spec
    assert [q["name"] for q in frames["quantities"]] == [q.name for q in spec.quantities]
    outputs = model.outputs(trace)
    for t in (0, 5, 11):
        assert frames["said"][t] == f"reading {tokens[t]}: {explain.output_words(task, x[0], outputs[t], t)}."
        for q, shown in zip(spec.quantities, frames["quantities"]):
            value = trace.layers[0][q.name][t, unit]
            assert shown["values"][t] == pytest.approx(value, abs=1e-6)
            lo, hi = ranges[q.name]
            assert shown["fills"][t] == theme.colour_of(value, lo, hi, theme.colourscale(q))
            assert shown["colour"] == theme.COLOURS[q.name]


def test_ink_reads_on_dark_and_light_fills():
    assert theme.ink_on("rgb(68, 1, 84)") == theme.PAPER  # viridis at 0
    assert theme.ink_on("rgb(253, 231, 37)") == theme.INK  # viridis at 1
    assert theme.ink_on("#ffffff") == theme.INK and theme.ink_on("#000000") == theme.PAPER


def test_a_value_that_is_not_finite_goes_to_the_browser_as_null_on_a_blank_fill():
    task = tasks.get("counting")
    model, _ = presets.load("counting")
    x, _ = task.make_batch(1, 8, np.random.default_rng(0))
    trace = model.trace(x[0])
    layer = trace.layers[0]
    c = np.array(layer["c"])
    c[3, 1] = np.inf  # as a relu cell with large weights could give
    broken = Trace((dataclasses.replace(layer, values={**layer.values, "c": c}),))
    frames = step_frames(task, model, broken, 0, 1, task.token_labels(x[0]), theme.model_ranges(model)[0])
    c = next(q for q in frames["quantities"] if q["name"] == "c")
    assert c["values"][3] is None and c["fills"][3] == theme.BLANK_FILL
    json.dumps(frames, allow_nan=False)  # what the browser's JSON.parse accepts
