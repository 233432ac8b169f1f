"""AppTest: every page runs without an exception and shows the numbers it claims, from the code path it claims."""

import json
import subprocess
import sys

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import explain, reference, tasks
from lstm_viz.io import presets
from lstm_viz.ui.models import random_model
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import SESSION_MODELS, STEPPER
from lstm_viz.viz import theme

APP = "../app.py"


def app(page: str | None = None, query: dict | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def charts(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def plotly_array(value):
    """A figure's array from its JSON: a plain list, or Plotly's typed-array {dtype, bdata, shape}."""
    import base64

    if isinstance(value, dict):
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return arr.reshape([int(n) for n in str(value.get("shape", arr.size)).split(",")])
    return np.array(value, dtype=float)


def latex(at) -> list[str]:
    return [e.value.strip("$\n") for e in at.latex]


# --- home ---


def test_home_shows_the_equations_the_cell_diagram_and_the_guide():
    at = app()
    assert at.title[0].value.startswith("Inside an LSTM")
    eqs = latex(at)
    assert len(eqs) == 6 and eqs[1].startswith("f_t = ") and eqs[4].startswith("c_t = f_t")
    assert len(charts(at)) == 1  # the cell diagram
    guide = " ".join(m.value for m in at.markdown)
    assert "forget gate" in guide and "Remember the first symbol" in guide
    at.button(key="guide_step").click().run()
    assert not at.exception
    assert at.title[0].value == "Step through"
    assert at.session_state["task"] == "remember_first" and at.session_state["t"] == 0
    model = presets.load("remember_first")[0]
    task = tasks.get("remember_first")
    x, y = task.make_batch(256, 15, np.random.default_rng([0, 4]))
    tr = reference.forward(model.params, x)
    unit, _, _ = explain.memory_unit(tr, y)
    story = explain.gate_story(tr, y, unit)
    assert at.session_state["unit"] == unit
    assert f"i = {story['i_same']:.2f}" in guide and f"f = {story['f_same']:.2f}" in guide
    first = task.make_batch(1, 15, np.random.default_rng(at.session_state["seq"]))[1][0]
    assert first == story["cls"]  # the tour opens on a sample that starts with the symbol the unit carries


# --- step through ---


def view_numbers(at, task_name, model, seq_seed):
    task = tasks.get(task_name)
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seq_seed))
    return model.trace(x[0]).layers[0]  # the readable NumPy cell, as the pages run it


def test_step_equations_show_the_reference_numbers_for_that_step_and_unit():
    at = app(
        "app_pages/step.py",
        query={"task": "counting", "seq": "5", "model": "random", "mseed": "3", "t": "4", "unit": "2"},
    )
    assert at.session_state["t"] == 4 and at.session_state["unit"] == 2
    model = random_model("counting", 3)
    tr = view_numbers(at, "counting", model, 5)
    separated = latex(at)
    assert len(separated) == 6  # six equations, in the form chosen (separated first)
    at.session_state["eq_form"] = "concatenated"
    at.run()
    eqs = separated + latex(at)
    assert len(eqs) == 12 and eqs[6] != eqs[0]
    for n, gate in enumerate("ifgo"):
        z, value = tr.z[4, n, 2], getattr(tr, gate)[4, 2]
        x_part = model.params.layers[0]["W_x"][n, 2] @ tr.x[4]
        for line in (eqs[n], eqs[6 + n]):
            assert line.startswith(rf"\color{{{theme.COLOURS[gate]}}}{{{gate}_{{t}}[2]}}")
            assert f"({explain.num(z)})" in line and line.endswith(f"{{{explain.num(value)}}}")
        assert explain.num(x_part) in eqs[n]
    assert explain.num(tr.c[4, 2]) in eqs[4] and explain.num(tr.h[4, 2]) in eqs[5]
    assert any(f"{tr.f[4, 2]:.0%}" in m.value for m in at.markdown)  # "the forget gate keeps 93% ..."


def stepper(at) -> dict:
    """The stepper component's arguments (what the browser steps through without the server)."""
    found = [e for e in at.main if getattr(e, "type", None) == "component_instance"]
    assert len(found) == 1 and found[0].proto.component_name.endswith("lstm_viz_stepper")
    return json.loads(found[0].proto.json_args)


def move(at, t: int, n: int):
    """What the stepper sends when Prev, Next, an arrow key or a token moves it to t (its n-th move)."""
    at.session_state[STEPPER] = {"t": t, "n": n}
    return at.run()


def test_the_steppers_moves_set_t_and_the_numbers_with_it_once_each():
    at = app("app_pages/step.py", query={"task": "brackets", "seq": "1", "model": "preset"})
    model, _ = presets.load("brackets")
    tr = view_numbers(at, "brackets", model, 1)
    assert at.session_state["t"] == 0 and stepper(at)["t"] == 0 and stepper(at)["ack"] == 0
    move(at, 1, 1)
    move(at, 2, 2)  # Next, Next
    assert at.session_state["t"] == 2 and stepper(at)["t"] == 2 and stepper(at)["ack"] == 2
    assert latex(at)[1].endswith(f"{{{explain.num(tr.f[2, 0])}}}")
    move(at, 1, 3)  # Prev
    assert at.session_state["t"] == 1 and not at.exception
    assert at.query_params["t"] == "1"
    at.slider(key="t").set_value(7).run()  # the slider moves t; the stepper's last move is not applied again
    assert at.session_state["t"] == 7 and stepper(at)["t"] == 7 and stepper(at)["ack"] == 3
    move(at, 99, 4)  # a move past the end is clamped
    assert at.session_state["t"] == len(tr.h) - 1


def test_the_model_output_at_t_comes_from_the_trace():
    at = app("app_pages/step.py", query={"task": "counting", "seq": "0", "model": "preset", "t": "6"})
    model, _ = presets.load("counting")
    tr = view_numbers(at, "counting", model, 0)
    out = model.outputs(tr)[6, 0]
    assert f"the model's output at t = 6: {out:.3f}" in stepper(at)["data"]["said"][6]


def test_a_link_restores_the_view():
    q = {"task": "brackets", "seq": "7", "model": "random", "mseed": "2", "t": "4", "unit": "3"}
    at = app("app_pages/step.py", query=q)
    ss = at.session_state
    assert (ss["task"], ss["seq"], ss["model"], ss["model_seed"], ss["t"], ss["unit"]) == (
        "brackets",
        7,
        "random",
        2,
        4,
        3,
    )
    assert {k: at.query_params[k] for k in q} == q


def test_a_bad_link_is_named_and_ignored():
    at = app(query={"task": "<b>nope</b>", "seq": "-4", "model": "zzz"})
    warnings = " ".join(w.value for w in at.warning)
    assert "unknown task" in warnings and "outside 0 to" in warnings and "unknown model" in warnings
    assert "<b>" not in warnings  # escaped, never HTML
    assert at.session_state["task"] == tasks.names()[0]


def test_a_session_trained_model_is_offered_and_shown():
    model = random_model("counting", 11)  # stands in for a model trained on the train-live page
    at = app("app_pages/step.py", state={SESSION_MODELS: {("counting", "lstm"): model}}, query={"task": "counting"})
    at.radio(key="model").set_value("session").run()
    assert not at.exception
    tr = view_numbers(at, "counting", model, 0)
    assert latex(at)[1].endswith(f"{{{explain.num(tr.f[0, 0])}}}")


# --- bad input ---

BAD = {
    "unknown symbols": ("remember_first", "ABXZ", "unknown symbols"),
    "empty": ("counting", "   ", "the sequence is empty"),
    "too long": ("counting", "ab" * 101, "too long: 202 steps"),
    "100,000 characters": ("counting", "a" * 100_000, "too long: 100,000 characters"),
    "HTML and script": ("counting", "<script>alert('x')</script><b>hi</b>", "unknown symbols"),
    "not a number": ("sine", "0.1 0.2 [link](javascript:alert(1))", "is not a number"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_custom_sequences_are_named_and_the_last_good_view_stays(case):
    task_name, text, problem = BAD[case]
    good = tasks.get(task_name).example
    at = app("app_pages/heatmaps.py", query={"task": task_name, "text": good})
    before = plotly_array(charts(at)[0]["data"][0]["z"])
    at.text_input(key="text").set_value(text).run()
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1 and plain(problem) in errors[0]
    assert "<script>" not in errors[0] and "<b>" not in errors[0] and "](" not in errors[0]
    assert np.array_equal(plotly_array(charts(at)[0]["data"][0]["z"]), before)  # the last good view is kept
    assert at.query_params["text"] == good


# --- heat maps ---


def test_heatmaps_show_the_reference_trace_with_fixed_ranges_and_a_click_layer():
    at = app("app_pages/heatmaps.py", query={"task": "counting", "seq": "5", "model": "random", "mseed": "3"})
    spec = charts(at)[0]
    maps = [t for t in spec["data"] if t["type"] == "heatmap"]
    assert [t["name"] for t in maps] == ["i", "f", "g", "o", "c", "h"]
    assert sum(t["type"] == "scattergl" for t in spec["data"]) == 6  # the cells that answer clicks
    tr = view_numbers(at, "counting", random_model("counting", 3), 5)
    assert np.allclose(plotly_array(maps[1]["z"]), tr.f.T, atol=1e-12)
    assert (maps[0]["zmin"], maps[0]["zmax"], maps[2]["zmin"], maps[2]["zmax"]) == (0, 1, -1, 1)
    assert maps[4]["zmin"] == -maps[4]["zmax"]
    task = tasks.get("counting")
    assert spec["layout"]["xaxis6"]["ticktext"] == task.token_labels(tr.x)
    assert [b.label for b in at.get("download_button")] == ["NumPy .npz", "CSV"]


def test_heatmaps_sort_units_by_correlation_with_the_count():
    at = app("app_pages/heatmaps.py", query={"task": "counting", "seq": "2", "model": "preset"})
    at.radio(key="order").set_value("by correlation").run()
    maps = [t for t in charts(at)[0]["data"] if t["type"] == "heatmap"]
    c = plotly_array(maps[4]["z"])  # (H, T), rows in the new order
    count = tasks.get("counting").targets(view_numbers(at, "counting", presets.load("counting")[0], 2).x[None])[0]
    corr = [abs(np.corrcoef(row, count)[0, 1]) for row in c]
    assert corr[0] == pytest.approx(max(corr)) and corr[0] > 0.9


def test_saturation_view_is_there():
    at = app("app_pages/heatmaps.py")
    assert any(t.get("name", "") == "" and t["type"] == "scatter" for t in charts(at)[1]["data"])
    assert len(charts(at)[1]["data"]) == 3  # i, f, o


def test_pages_that_do_not_train_never_import_torch():
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=60).run()\n"
        "for page in ('app_pages/step.py', 'app_pages/heatmaps.py', 'app_pages/home.py'):\n"
        "    at.switch_page(page).run()\n"
        "    assert not at.exception, at.exception\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=".", timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_play_moves_through_the_steps_on_its_own():
    import time

    at = app("app_pages/step.py", query={"task": "counting", "seq": "0", "model": "preset"})
    at.select_slider(key="speed").set_value("fast")
    at.toggle(key="playing").set_value(True).run()
    assert at.session_state["t"] == 0
    time.sleep(0.8)  # two steps at 0.35 s a step
    at.run()
    assert not at.exception and at.session_state["t"] >= 2


def test_play_stops_at_the_last_step():
    import time

    at = app("app_pages/step.py", query={"task": "counting", "text": "abab", "model": "preset"})
    at.select_slider(key="speed").set_value("fast")
    at.toggle(key="playing").set_value(True).run()
    time.sleep(1.5)  # more than the 3 steps left
    at.run()
    assert not at.exception and at.session_state["t"] == 3 and not at.session_state["playing"]


def test_the_unit_timeline_shows_that_units_reference_values_over_the_sequence():
    at = app(
        "app_pages/step.py",
        query={"task": "counting", "seq": "5", "model": "random", "mseed": "3", "t": "4", "unit": "2"},
    )
    tr = view_numbers(at, "counting", random_model("counting", 3), 5)
    timeline = next(c for c in charts(at) if c["layout"].get("yaxis", {}).get("title", {}).get("text") == "gates")
    lines = {d["meta"]: plotly_array(d["y"]) for d in timeline["data"]}
    assert set(lines) == {"i", "f", "g", "o", "c", "h"}
    assert timeline["layout"]["yaxis3"]["title"]["text"] == "C"  # C on its own axis, C̃ and h on -1..1
    assert timeline["layout"]["yaxis2"]["range"] == [-1.05, 1.05]
    assert np.allclose(lines["f"], tr.f[:, 2], atol=1e-12) and np.allclose(lines["c"], tr.c[:, 2], atol=1e-12)
    assert timeline["layout"]["shapes"][0]["x0"] == 4  # step t marked
