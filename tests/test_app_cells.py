"""AppTest per cell: the step-through and heat-map pages show, for the chosen cell and layer, the numbers
of that cell's NumPy forward (lstm_viz.forward through the model), and the view is in the URL."""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import explain, tasks
from lstm_viz.ui.models import random_model

APP = "../app.py"
CASES = [("gru", 1, 0), ("rnn", 1, 0), ("lstm_cifg", 1, 0), ("lstm_ph", 1, 0), ("lstm", 2, 1), ("gru", 3, 2)]


def app(page: str, query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def layer_trace(cell, layers, layer, seq_seed=5, mseed=3):
    task = tasks.get("counting")
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seq_seed))
    model = random_model("counting", mseed, cell, layers)
    return model, model.trace(x[0]).layers[layer]


@pytest.mark.parametrize("cell,layers,layer", CASES, ids=lambda v: str(v))
def test_step_through_shows_that_cells_numbers(cell, layers, layer):
    q = {"task": "counting", "cell": cell, "seq": "5", "model": "random", "mseed": "3", "layers": str(layers),
         "layer": str(layer), "t": "4", "unit": "1"}  # fmt: skip
    at = app("app_pages/step.py", q)
    assert at.session_state["cell"] == cell and at.session_state["t"] == 4
    assert at.query_params["cell"] == cell
    _, tr = layer_trace(cell, layers, layer)
    step = tr.at(4)
    text = " ".join(e.value for e in at.latex)
    for q_ in tr.spec.quantities:
        assert explain.num(float(step[q_.name][1])) in text, f"{cell}: {q_.name}[1] at t=4 not in the equations"
    for k, name in enumerate(tr.spec.weighted):
        assert explain.num(float(step.pre[k, 1])) in text, f"{cell}: pre-activation of {name} not shown"


@pytest.mark.parametrize("cell,layers,layer", CASES[:3], ids=lambda v: str(v))
def test_heat_maps_show_every_quantity_of_that_cell(cell, layers, layer):
    q = {"task": "counting", "cell": cell, "seq": "5", "model": "random", "mseed": "3", "layers": str(layers),
         "layer": str(layer)}  # fmt: skip
    at = app("app_pages/heatmaps.py", q)
    _, tr = layer_trace(cell, layers, layer)
    figs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    maps = [t for f in figs for t in f["data"] if t.get("type") == "heatmap" and "z" in t]
    assert len(maps) >= len(tr.spec.names)
    for name, trace in zip(tr.spec.names, maps):
        z = trace["z"]
        if isinstance(z, dict):  # Plotly's typed array
            import base64

            arr = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
            z = arr.reshape([int(n) for n in str(z.get("shape", arr.size)).split(",")])
        assert np.allclose(np.asarray(z, dtype=float), tr[name].T, atol=1e-12), f"{cell}: map of {name}"


def test_a_cell_without_a_preset_offers_random_and_says_so():
    at = app("app_pages/step.py", {"task": "counting", "cell": "lstm_nfg"})
    assert at.session_state["model"] == "random"
    assert any("No pre-trained preset" in c.value for c in at.caption)


def test_an_unknown_cell_in_a_link_is_named_and_the_lstm_shown():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["task"], at.query_params["cell"] = "counting", "<b>transformer</b>"
    at.run()
    assert not at.exception and at.session_state["cell"] == "lstm"
    warning = next(w.value for w in at.warning if "unknown cell" in w.value)
    assert "<b>" not in warning  # shown escaped, never as HTML


def test_a_plain_rnn_preset_that_missed_the_target_says_so():
    from lstm_viz.io import presets

    assert not presets.reached("remember_first", "rnn")  # the shipped one did not: the page must say it
    at = app("app_pages/step.py", {"task": "remember_first", "cell": "rnn", "model": "preset"})
    assert at.session_state["model"] == "preset"
    assert any("did not reach the task's target" in w.value for w in at.warning)
    at = app("app_pages/step.py", {"task": "counting", "cell": "rnn", "model": "preset"})
    assert not any("did not reach" in w.value for w in at.warning)
