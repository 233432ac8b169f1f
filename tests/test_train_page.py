"""AppTest of the train-live page: progress and a result, Stop, divergence, uploads, per-session runs."""

import pickle
import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import explain, reference, tasks
from lstm_viz.io import weights
from lstm_viz.ui.state import JOB, RUNS
from tests.test_weights import HOSTILE, small_model


def train_page(task="counting") -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["task"] = task
    at.run()
    at.switch_page("app_pages/train.py").run()
    assert not at.exception, at.exception
    return at


def button(at, label):
    return next(b for b in at.button if b.label == label)


def start(at, **values):
    task = at.session_state["task"]
    for key, value in values.items():
        name = f"{key}_{task}"  # the form's widgets are kept per task
        if key == "cfg_lr":
            widget = at.select_slider(key=name)
        elif key == "cfg_cell":
            widget = at.selectbox(key=name)
        else:
            widget = at.number_input(key=name)
        widget.set_value(value)
    button(at, "Start training").click().run()
    assert not at.exception, at.exception


def finish(at, limit_s=60.0):
    t0 = time.monotonic()
    while at.session_state[JOB].running:
        assert time.monotonic() - t0 < limit_s, "training did not end"
        time.sleep(0.3)
        at.run()
    at.run()
    at.run()
    assert not at.exception, at.exception


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def test_a_short_training_shows_progress_then_a_result_and_predictions():
    at = train_page("counting")
    start(at, cfg_steps=400, cfg_hidden=8)
    job = at.session_state[JOB]
    assert job.config.steps == 400 and job.config.hidden_size == 8
    assert len(at.get("progress")) == 1  # the progress bar is drawn while it runs
    finish(at)
    run = at.session_state[RUNS][-1]
    assert "Learned: accuracy" in texts(at.success) or "Not learned yet" in texts(at.warning)
    assert run.history and run.history[-1][0] == run.snapshots[-1][0]
    rows = explain.prediction_rows(tasks.get("counting"), run.model, 15, 5)
    table = at.dataframe[0].value
    assert list(table["model says"]) == [r["model says"] for r in rows]  # the NumPy reference's answers
    assert [d.label for d in at.get("download_button")] == ["Weights (.safetensors)", "Config (.json)"]
    assert "done:" in at.get("progress")[0].proto.text


def test_the_trained_model_goes_to_the_step_through_page_and_no_other_session_sees_it():
    at = train_page("counting")
    start(at, cfg_steps=200)
    finish(at)
    model = at.session_state[RUNS][-1].model
    button(at, "Inspect it on the other pages").click().run()
    at.switch_page("app_pages/step.py").run()
    assert not at.exception and at.session_state["model"] == "session"
    task = tasks.get("counting")
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(0))
    tr = reference.forward(model.params, x[0])
    line = at.latex[1].value.strip("$\n")
    assert line.endswith(f"{{{explain.num(tr.f[0, 0])}}}")
    other = AppTest.from_file("../app.py", default_timeout=60).run()
    assert RUNS not in other.session_state and "session" not in other.radio(key="model").options


def test_a_gru_stack_trains_and_its_gates_are_shown_on_the_step_through_page():
    at = train_page("counting")
    start(at, cfg_cell="gru", cfg_layers=2, cfg_steps=150, cfg_hidden=6)
    assert at.session_state[JOB].config.cell == "gru" and at.session_state[JOB].config.num_layers == 2
    finish(at)
    run = at.session_state[RUNS][-1]
    assert run.model.cell == "gru" and run.model.num_layers == 2 and "gru x2" in run.label
    button(at, "Inspect it on the other pages").click().run()
    at.switch_page("app_pages/step.py").run()
    assert not at.exception and at.session_state["model"] == "session" and at.session_state["cell"] == "gru"
    task = tasks.get("counting")
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(0))
    layer = run.model.trace(x[0]).layers[0]  # the layer shown first: layer 0
    lines = [e.value for e in at.latex]
    assert lines[0].strip("$\n").endswith(f"{{{explain.num(layer['r'][0, 0])}}}")  # r_t[0] of the GRU
    assert len(lines) == len(layer.spec.names)  # r, z, n, h in the form shown (separated)


def test_a_gru_trains_and_its_result_and_snapshots_are_shown():
    at = train_page("brackets")
    at.selectbox(key="cfg_cell_brackets").set_value("gru").run()
    assert at.number_input(key="cfg_bias_brackets").disabled  # a GRU has no forget gate of its own
    assert "no forget gate" in at.number_input(key="cfg_bias_brackets").help
    start(at, cfg_steps=60, cfg_hidden=6)
    finish(at)
    run = at.session_state[RUNS][-1]
    assert run.model.cell == "gru" and run.config.cell == "gru" and ", gru, H=6" in run.label
    assert "f-bias" not in run.label
    assert "Learned: accuracy" in texts(at.success) or "Not learned yet" in texts(at.warning)
    assert at.dataframe and "Watch the gates learn" in [s.value for s in at.subheader]
    assert all(p.spec.name == "gru" for _, p in run.snapshots)
    assert at.selectbox(key="cfg_cell_brackets").value == "gru"  # the form remembers the cell
    at.selectbox(key="cfg_cell_brackets").set_value("lstm").run()
    assert not at.number_input(key="cfg_bias_brackets").disabled


def test_a_plain_rnn_offers_only_the_activations_it_can_compute_and_trains_with_relu():
    at = train_page("counting")
    at.selectbox(key="cfg_cell_counting").set_value("rnn").run()
    act = at.selectbox(key="cfg_activation_counting_rnn")
    assert act.options == ["tanh", "relu"] and not any("recurrent" in (s.key or "") for s in at.selectbox)
    act.set_value("relu")
    start(at, cfg_steps=20)
    assert at.session_state[JOB].config.activation == "relu"
    finish(at)
    run = at.session_state[RUNS][-1]
    assert run.model.params.spec.key == "rnn(activation=relu)" and "rnn(activation=relu)" in run.label


def test_the_cells_own_activation_is_no_option_in_the_config():
    at = train_page("counting")
    at.selectbox(key="cfg_cell_counting").set_value("lstm_cifg").run()
    start(at, cfg_steps=10)
    config = at.session_state[JOB].config
    assert (config.cell, config.activation, config.recurrent_activation) == ("lstm_cifg", None, None)
    finish(at)


def test_a_weights_file_of_any_cell_opens_as_a_run():
    from lstm_viz.core.params import random_params
    from lstm_viz.core.readout import TrainedModel

    at = train_page("counting")
    task = tasks.get("counting")
    p = random_params("gru", task.input_size, 4, num_layers=2, seed=3)
    model = TrainedModel("counting", p, np.ones((task.output_size, 4)), np.zeros(task.output_size))
    upload(at, "gru.safetensors", weights.to_bytes(model))
    run = at.session_state[RUNS][-1]
    assert run.label == "uploaded: gru.safetensors (counting, gru x2, H=4)" and run.model.params.allclose(p, 1e-6)
    assert not at.error and "Watch the gates learn" not in [s.value for s in at.subheader]


def test_stop_ends_the_training_early_and_keeps_the_model():
    at = train_page("remember_first")
    start(at, cfg_steps=20_000, cfg_lr=1e-4)  # far from the target: would run for minutes
    time.sleep(0.5)
    at.run()
    button(at, "Stop").click().run()
    finish(at, limit_s=20)
    run = at.session_state[RUNS][-1]
    assert run.stop_code == "stopped" and run.history[-1][0] < 20_000
    assert run.stop_words("en") == f"stopped by the user at step {run.steps_done}"
    assert "Not learned yet" in texts(at.warning)


def test_a_rerun_does_not_restart_or_duplicate_the_training():
    at = train_page("counting")
    start(at, cfg_steps=300)
    job = at.session_state[JOB]
    at.run()
    at.run()
    assert at.session_state[JOB] is job
    finish(at)
    assert len(at.session_state[RUNS]) == 1


def test_divergence_is_said_in_plain_words_and_the_last_finite_model_is_kept():
    at = train_page("adding")
    start(at, cfg_lr=10.0, cfg_steps=500)
    finish(at)
    run = at.session_state[RUNS][-1]
    errors = texts(at.error)
    assert run.diverged  # lr 10 blows the adding problem's loss up at step 2 (seed 0)
    assert "The training diverged" in errors and "smaller learning rate" in errors and "Traceback" not in errors
    assert all(np.isfinite(a).all() for a in run.model.params.arrays())
    k = run.steps_done  # every step number on the page is this one (or the step after it, that blew up)
    assert f"kept the weights after step {k}," in errors and f"The model below is the one after step {k}." in errors
    assert run.snapshots[-1][0] == k and run.snapshots[-1][1].allclose(run.model.params)
    if k > 0:  # Watch the gates learn starts at that model
        assert at.select_slider(key=f"snap_{run.id}").value == k
    else:  # lr 10 blows the first update up: the model kept is the initialisation, nothing to watch
        assert "Nothing to watch" in texts(at.caption)
    assert not at.exception


def upload(at, name, data):
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception


def test_a_good_weights_file_opens_as_a_run():
    at = train_page("counting")
    model = small_model("counting", H=5)
    upload(at, "mine.safetensors", weights.to_bytes(model))
    run = at.session_state[RUNS][-1]
    assert run.label.startswith("uploaded: mine.safetensors") and run.model.params.hidden_size == 5
    assert not at.error


@pytest.mark.parametrize("case", ["random bytes", "a pickle", "truncated", "wrong shapes", "too large"])
def test_hostile_uploads_get_a_clear_message_and_change_nothing(case):
    at = train_page("counting")
    make, match = HOSTILE[case]
    upload(at, f"{case}.safetensors", make())
    assert RUNS not in at.session_state or at.session_state[RUNS] == []
    message = texts(at.error)
    assert message.startswith("Not opened:") and "Nothing was changed" in message
    import re

    assert re.search(match, message.replace("\\", "")), message


def test_a_pickle_is_never_unpickled(monkeypatch):
    evil = HOSTILE["a pickle"][0]()
    loads, calls = pickle.loads, []

    def spy(data, *args, **kwargs):  # Streamlit's own caches unpickle their entries: let those through
        if bytes(data) == evil:
            calls.append(data)
        return loads(data, *args, **kwargs)

    monkeypatch.setattr(pickle, "loads", spy)
    at = train_page("counting")
    upload(at, "evil.safetensors", evil)
    assert not calls and "pickle" in texts(at.error)


def test_a_training_waits_its_turn_when_the_server_is_busy():
    from lstm_viz.training import jobs
    from lstm_viz.training.jobs import TrainingJob

    config = tasks.get("remember_first").default_config().replace(steps=20_000, lr=1e-4, device="cpu")
    others = [TrainingJob("remember_first", config).start() for _ in range(jobs.MAX_RUNNING)]  # other students
    try:
        time.sleep(0.3)
        at = train_page("counting")
        start(at, cfg_steps=300)
        assert "waiting" in at.get("progress")[0].proto.text
    finally:
        for j in others:
            j.stop()
    finish(at)
    assert at.session_state[RUNS][-1].history  # it trained once a slot was free
