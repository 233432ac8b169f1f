"""AppTest of the Why gates page: its numbers are those of the NumPy computations and the results file, its clamp
control changes the trace, its view is in the link, and a bad link value is named."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import tasks
from lstm_viz.core.clamp import Clamp
from lstm_viz.explain import why_words
from lstm_viz.explain.clamping import clamp_effect
from lstm_viz.explain.gradients import flow
from lstm_viz.io import presets, study
from lstm_viz.ui.models import random_model
from lstm_viz.ui.state import CLAMP_GATE, CLAMP_UNIT, CLAMP_VALUE, WHY_CELLS, WHY_LENGTH, WHY_LIVE, WHY_TASK
from lstm_viz.ui.why import DEFAULT_TASK
from lstm_viz.viz.why import click_to_step, short
from tests.test_app import APP, app, charts, plotly_array

WHY = "app_pages/why.py"


def why_page(query=None):
    """The page as a link opens it: the link's query read on the session's first run, on this page."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in {"task": "remember_first", **(query or {})}.items():
        at.query_params[k] = v
    at.switch_page(WHY).run()
    assert not at.exception, at.exception
    return at


def chart(at, key_part: str) -> dict:
    """The figure of the chart whose legend names `key_part` in one of its traces."""
    for fig in charts(at):
        if any(key_part in str(tr.get("name", "")) for tr in fig["data"]):
            return fig
    raise AssertionError(f"no chart with a trace named like {key_part!r}")


def test_the_page_opens_from_the_home_tour_as_its_last_step():
    at = app()
    assert "Why gates" in at.markdown[-1].value or any("Why gates" in m.value for m in at.markdown)
    at.button(key="guide_why").click().run()
    assert not at.exception
    assert at.title[0].value == "Why gates"


def test_memory_chart_is_the_results_files_medians_and_spread():
    at = why_page({"wtask": "adding", "cells": "rnn,gru,lstm,lstm_nfg"})
    fig = chart(at, "blind guess")
    points = study.summarise(study.read(), "adding")
    lines = {tr["name"]: tr for tr in fig["data"]}
    assert set(lines) == {"blind guess", "plain RNN", "GRU", "LSTM", "LSTM NFG"}
    for cell in ("rnn", "gru", "lstm", "lstm_nfg"):
        tr = lines[short(cell)]
        mine = sorted((p for p in points if p.cell == cell), key=lambda p: p.length)
        assert list(plotly_array(tr["x"])) == list(study.LENGTHS)
        assert np.allclose(plotly_array(tr["y"]), [p.median for p in mine])
        assert np.allclose(plotly_array(tr["error_y"]["array"]), [p.high - p.median for p in mine])
    blind = study.read()["blind"]["adding"]
    assert np.allclose(plotly_array(lines["blind guess"]["y"]), [blind[str(n)] for n in study.LENGTHS])
    assert fig["layout"]["yaxis"]["type"] == "log"  # an MSE: lower is better, on a log axis


@pytest.mark.parametrize("task_name", study.MEMORY_TASKS)
def test_gradient_chart_is_the_numpy_backward_of_each_model(task_name):
    at = why_page({"wtask": task_name, "len": "50", "wseq": "4", "grad": "both"})
    fig = chart(at, "‖dL/dh‖")
    t = tasks.get(task_name)
    x, _ = t.make_batch(1, 50, np.random.default_rng(4))
    x = t.parse(t.text_of(x[0]))
    lines = {tr["name"]: tr for tr in fig["data"]}
    for cell in ("lstm", "gru", "rnn"):
        for kind, model in (
            ("trained", presets.load(task_name, cell)[0]),
            ("random init", random_model(task_name, 0, cell)),
        ):
            fl = flow(model, t, x)
            assert np.allclose(plotly_array(lines[f"‖dL/dh‖ {short(cell)} ({kind})"]["y"]), fl.dh, rtol=1e-12)
            if cell == "lstm":
                assert np.allclose(plotly_array(lines[f"‖dL/dC‖ {short(cell)} ({kind})"]["y"]), fl.dc, rtol=1e-12)
    said = " ".join(i.value for i in at.info)
    lstm = flow(presets.load(task_name, "lstm")[0], t, x)
    assert f"{lstm.ratio:.1e}" in said or f"{lstm.ratio:.2f}" in said


def test_clamp_numbers_are_the_numpy_clamped_forward_and_the_control_changes_the_trace():
    at = why_page({"wtask": "remember_first", "wseq": "3", "ccell": "lstm", "gate": "f", "clamp": "off"})
    before = chart(at, "clamped")
    free_line = next(tr for tr in before["data"] if tr["name"] == "as trained")
    clamped_line = next(tr for tr in before["data"] if tr["name"] == "clamped")
    assert np.allclose(plotly_array(free_line["y"]), plotly_array(clamped_line["y"]))  # nothing clamped
    at.session_state[CLAMP_VALUE] = "0"
    at.run()
    assert not at.exception
    after = chart(at, "clamped")
    f_clamped = next(tr for tr in after["data"] if tr["name"] == "clamped")
    assert np.all(plotly_array(f_clamped["y"]) == 0.0)  # the first panel: f, forced to 0
    model, config = presets.load("remember_first", "lstm")
    t = tasks.get("remember_first")
    x, _ = t.make_batch(1, config.seq_len, np.random.default_rng(3))
    effect = clamp_effect(model, t, Clamp("f", 0.0), t.parse(t.text_of(x[0])), config.seq_len)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["accuracy as trained"] == f"{effect.free:.0%}"
    assert metrics["accuracy clamped"] == f"{effect.clamped:.0%}"
    assert effect.clamped < 0.4 < 0.9 < effect.free  # the memory wiped at every step: about chance
    assert any(f"goes from {effect.free:.0%} to {effect.clamped:.0%}, about the level of a blind guess" in i.value
               for i in at.info)  # fmt: skip


def test_the_view_is_in_the_link():
    at = why_page()
    at.radio(key=WHY_TASK).set_value("adding").run()
    at.session_state[WHY_LENGTH] = 50
    at.session_state[CLAMP_GATE] = "o"
    at.session_state[CLAMP_VALUE] = "1"
    at.session_state[CLAMP_UNIT] = "3"
    at.session_state[WHY_CELLS] = ["gru", "lstm_ph"]
    at.run()
    assert not at.exception
    q = at.query_params
    assert q["wtask"] == "adding" and q["len"] == "50" and q["gate"] == "o" and q["clamp"] == "1"
    assert q["cunit"] == "3" and q["cells"] == "gru,lstm_ph"
    again = why_page(dict(q))
    assert again.session_state[CLAMP_UNIT] == "3" and again.session_state[WHY_LENGTH] == 50
    assert {tr["name"] for tr in chart(again, "blind guess")["data"]} == {"blind guess", "GRU", "LSTM PH"}


def test_bad_link_values_are_named_in_a_warning_and_the_defaults_shown():
    at = why_page({"wtask": "nope", "len": "7", "gate": "<b>x</b>", "cells": "lstm,bogus", "wseq": "-3"})
    said = " ".join(w.value for w in at.sidebar.warning)
    assert "wtask nope is not one of remember_first, adding" in said
    assert "len 7 is not one of 5, 10, 20, 50, 100" in said
    assert "gate" in said and "cells: bogus is not a cell of the study" in said and "sample -3 is outside" in said
    assert at.session_state[WHY_TASK] == DEFAULT_TASK and at.session_state[WHY_LENGTH] == 20
    assert at.session_state[WHY_CELLS] == ["lstm"]


def test_a_gate_the_cell_lacks_falls_back_to_one_it_has():
    at = why_page({"ccell": "gru", "gate": "f"})
    assert at.session_state[CLAMP_GATE] in ("r", "z")


def test_a_click_on_the_gradient_chart_is_read_safely():
    assert click_to_step([{"customdata": ["gru", "trained"], "x": 4}], 20) == ("gru", "trained", 4)
    for bad in (
        None,
        [],
        ["x"],
        [{"customdata": ["gru", "trained"], "x": 20}],
        [{"customdata": ["evil", "x"], "x": 1}],
        [{"customdata": ["gru", "trained"], "x": True}],
        [{"customdata": "gru", "x": 1}],
    ):
        assert click_to_step(bad, 20) is None


def test_train_now_runs_the_three_main_cells_and_draws_them_on_the_chart():
    """The button trains rnn, gru and lstm at the chosen length in the background (two slots: the third waits);
    once done, each run is a diamond at its held-out metric and is said to redo the file's seed-0 run."""
    at = why_page({"wtask": "adding", "len": "5"})
    at.button(key="why_train_now").click().run()
    assert not at.exception
    runs = at.session_state[WHY_LIVE]
    assert runs["task"] == "adding" and runs["length"] == 5 and set(runs["jobs"]) == {"rnn", "gru", "lstm"}
    for job in runs["jobs"].values():
        assert job.config == study.config(job.config.cell, 5, 0)
        assert job.wait(timeout=240), "a live run did not finish"
    at.run()
    diamonds = {tr["name"]: tr for tr in chart(at, "blind guess")["data"] if "trained now" in tr["name"]}
    for cell, job in runs["jobs"].items():
        y = plotly_array(diamonds[f"{short(cell)}, trained now"]["y"])
        assert np.allclose(y, [job.result.final_metric])
    said = [c.value for c in at.caption if c.value.startswith("Trained now")]
    assert len(said) == 3 and all("the same run, redone" in s for s in said), said


def test_live_words_compare_with_the_files_run():
    t = tasks.get("adding")
    assert "the same run, redone" in why_words.live_words(t, "gru", 10, 0.0027801, "done", 0.00278)
    assert "computes differently" in why_words.live_words(t, "gru", 10, 0.0031, "done", 0.00278)
    assert "results file" not in why_words.live_words(t, "gru", 10, 0.0031, "done", None)


def test_the_pages_choices_survive_a_visit_to_another_page():
    at = why_page({"wtask": "remember_first", "len": "50", "gate": "o", "clamp": "1", "cunit": "4"})
    at.switch_page("app_pages/step.py").run()
    assert not at.exception
    at.switch_page(WHY).run()
    assert not at.exception
    ss = at.session_state
    assert (ss[WHY_TASK], ss[WHY_LENGTH], ss[CLAMP_GATE], ss[CLAMP_VALUE], ss[CLAMP_UNIT]) == (
        "remember_first", 50, "o", "1", "4")  # fmt: skip


def test_a_cell_named_twice_in_the_link_is_drawn_once():
    at = why_page({"cells": "lstm,lstm,gru"})
    assert at.session_state[WHY_CELLS] == ["lstm", "gru"]
