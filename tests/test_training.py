"""The training engine: every task learns, divergence is caught, stop works, runs are reproducible."""

import numpy as np
import pytest
import torch

from lstm_viz import reference, tasks
from lstm_viz.core import cells
from lstm_viz.torch_backend import build_model
from lstm_viz.training import snapshot_steps, train


@pytest.mark.parametrize("name", tasks.names())
def test_each_task_learns_its_default_config(name):
    task = tasks.get(name)
    result = train(task, task.default_config())
    assert result.reached_target, f"{name}: {result.task} ended at {result.final_metric} ({result.stopped_reason})"
    assert task.reached(result.final_metric)
    assert "reached the target" in result.stopped_reason and result.stop_code == "target"
    assert result.device == "cpu" or result.device.startswith("cuda")


def test_history_snapshots_and_progress():
    task = tasks.get("brackets")
    seen = []
    result = train(task, task.default_config().replace(steps=60, seq_len=10), on_progress=seen.append)
    assert [h[0] for h in result.history] == list(range(1, len(result.history) + 1))
    steps = [s for s, _ in result.snapshots]
    assert steps[0] == 0 and steps == sorted(steps) and steps[-1] == len(result.history)
    assert seen and seen[-1].step == len(result.history)
    assert snapshot_steps(10_000)[:3] == [0, 1, 2] and len(snapshot_steps(10_000)) == 20


def test_same_seed_same_history_on_cpu():
    task = tasks.get("adding")
    config = task.default_config().replace(steps=40, device="cpu")
    a, b = train(task, config), train(task, config)
    assert a.history == b.history
    assert a.params.allclose(b.params)
    c = train(task, config.replace(seed=1))
    assert c.history != a.history


def test_divergence_stops_at_once_and_keeps_finite_weights():
    task = tasks.get("sine")
    result = train(task, task.default_config().replace(lr=1e4, steps=200))
    assert result.stop_code == "diverged" and result.stopped_reason.startswith("diverged"), result.stopped_reason
    assert len(result.history) < 200
    assert all(np.all(np.isfinite(a)) for a in result.params.arrays())
    assert not result.reached_target


def test_after_a_divergence_the_model_is_the_last_with_a_finite_loss_and_every_step_number_agrees():
    task = tasks.get("adding")
    config = task.default_config().replace(lr=10.0, steps=500, device="cpu")
    result = train(task, config)
    assert result.diverged and result.stopped_reason.startswith("diverged")
    k = result.steps_done
    assert f"kept the weights after step {k}," in result.stopped_reason
    assert f"the weights after step {k + 1} gave" in result.stopped_reason
    assert (result.stop_params["step"], result.stop_params["kept"]) == (k + 1, k)
    assert f"保留了第 {k} 步之后的权重" in result.stop_words("zh") and result.stop_words("zh").startswith("发散")
    assert result.snapshots[-1][0] == k and all(step <= k for step, _ in result.snapshots)
    assert result.snapshots[-1][1].allclose(result.params)
    again = train(task, config.replace(steps=k))  # the same seed, stopped after k updates: the same weights
    assert again.params.allclose(result.params, atol=1e-6)
    x, y = task.make_batch(64, config.seq_len, np.random.default_rng(5))
    assert np.isfinite(task.evaluate(result.model.predict(x, task.kind.seq2seq), y))


@pytest.mark.parametrize("lr", [float("nan"), -1.0, 0.0, float("inf")])
def test_bad_learning_rate_never_raises(lr):
    task = tasks.get("counting")
    result = train(task, task.default_config().replace(lr=lr, steps=5))
    assert "learning rate" in result.stopped_reason and result.history == [] and result.stop_code == "lr"
    assert result.stop_words("zh").startswith(f"学习率 {lr!r} 不是正数")


def test_stop_flag_is_checked_every_step():
    task = tasks.get("counting")
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) > 7

    result = train(task, task.default_config().replace(steps=500), should_stop=should_stop)
    assert len(result.history) == 7 and result.stopped_reason == "stopped by the user at step 7"
    assert result.stop_code == "stopped" and result.stopped_on_request and not result.diverged
    assert result.stop_words("zh") == "在第 7 步被用户停止"


def test_threads_are_capped_during_the_run_and_restored():
    task = tasks.get("counting")
    before = torch.get_num_threads()
    seen = []
    train(
        task,
        task.default_config().replace(steps=3, threads=1, device="cpu"),
        should_stop=lambda: seen.append(torch.get_num_threads()),
    )
    assert set(seen) == {1} and torch.get_num_threads() == before


def test_trained_weights_give_the_same_hidden_states_in_numpy_and_torch():
    task = tasks.get("brackets")
    result = train(task, task.default_config().replace(steps=50))
    x, _ = task.make_batch(4, 12, np.random.default_rng(9))
    model = build_model(result.params, *result.head, seq2seq=True, device="cpu", dtype=torch.float64)
    with torch.no_grad():
        hs, _ = model.rnn(torch.tensor(x))
        out = model(torch.tensor(x)).numpy()
    tr = reference.forward(result.params, x)
    assert np.max(np.abs(hs.numpy() - tr.h)) <= 1e-12
    assert np.max(np.abs(result.model.outputs(tr) - out)) <= 1e-12


@pytest.mark.parametrize("cell", ["lstm_cifg", "gru(activation=relu)", "lstm(recurrent_activation=hard_sigmoid)"])
def test_a_cell_torch_has_no_module_for_trains_in_float32_like_the_others(cell):
    """Variants and options run as the explicit CellStack; it trains like nn.LSTM, and its weights come back."""
    from lstm_viz.core import cells

    spec = cells.from_key(cell)
    task = tasks.get("brackets")
    options = dict(spec.options) if "(" in cell else {}
    result = train(task, task.default_config().replace(cell=spec.name, steps=30, num_layers=2, **options))
    assert result.model.params.spec == spec and result.model.num_layers == 2
    assert len(result.history) == 30 and all(np.isfinite(row[1]) for row in result.history)


@pytest.mark.parametrize(
    "changes,message",
    [
        (dict(cell="transformer"), "cell: unknown cell 'transformer'"),
        (dict(cell=None), "cell: unknown cell 'None'"),
        (dict(num_layers=4), "num_layers: expected a whole number from 1 to 3, got 4"),
        (dict(num_layers=0), "num_layers: expected a whole number from 1 to 3, got 0"),
        (dict(activation="softplus"), "activation: 'softplus' cannot be computed here"),
        (dict(cell="rnn", activation="linear"), "activation: 'linear' cannot be computed here"),
        (dict(cell="rnn", recurrent_activation="sigmoid"), "recurrent_activation: not an option of cell rnn"),
        (dict(cell="gru", recurrent_activation="relu"), "recurrent_activation: 'relu' cannot be computed here"),
        (dict(seed=-1), "seed: expected a whole number from 0 to 9,223,372,036,854,775,807, got -1"),
    ],
)
def test_unknown_cells_layers_and_activations_are_refused_by_name_before_anything_is_built(
    changes, message, monkeypatch
):
    from lstm_viz.training import loop

    def no_model(*args, **kwargs):
        raise AssertionError("a model was built for a bad config")

    monkeypatch.setattr(loop, "SequenceModel", no_model)
    task = tasks.get("counting")
    with pytest.raises(ValueError, match=message):
        train(task, task.default_config().replace(**changes))


@pytest.mark.parametrize("name", tasks.names())
def test_a_gru_reaches_the_target_with_the_default_config(name):
    """The GRU learns every task with the LSTM's default config (its presets: tests/test_weights.py)."""
    task = tasks.get(name)
    result = train(task, task.default_config().replace(cell="gru", device="cpu"))
    assert result.reached_target, f"{name}: gru {task.metric} {result.final_metric:.4f} (target {task.target})"
    assert result.model.cell == "gru" and "reached the target" in result.stopped_reason


def test_a_run_is_a_cell_params_model_with_cell_params_snapshots():
    task = tasks.get("adding")
    result = train(task, task.default_config().replace(cell="gru", num_layers=2, steps=20, hidden_size=6))
    assert all(p.spec.name == "gru" and p.num_layers == 2 for _, p in result.snapshots)
    assert result.snapshots[-1][1].allclose(result.model.params, atol=0)
    assert result.model.params.hidden_size == 6 and result.model.W_out.shape == (task.output_size, 6)


def test_training_leaves_torchs_generator_where_it_was():
    task = tasks.get("counting")
    torch.manual_seed(11)
    want = torch.rand(4)
    torch.manual_seed(11)
    train(task, task.default_config().replace(steps=3, cell="gru", seed=5))
    assert torch.equal(torch.rand(4), want)


def test_the_forget_bias_only_reaches_cells_with_a_weighted_forget_gate():
    task = tasks.get("counting")
    zero = task.default_config().replace(steps=0, forget_bias=0.0)
    for cell in ("lstm", "lstm_ph", "gru", "lstm_cifg"):
        a = train(task, zero.replace(cell=cell)).params.layers[0]["b"]
        b = train(task, zero.replace(cell=cell, forget_bias=4.0)).params.layers[0]["b"]
        spec = cells.spec(cell)
        expected = np.zeros_like(a)
        if "f" in spec.weighted:
            expected[spec.weighted.index("f")] = 4.0
        assert np.allclose(b - a, expected, atol=1e-6), cell


@pytest.mark.parametrize(
    "field,value",
    [("seed", -1), ("hidden_size", 10**9), ("batch_size", 10**9), ("seq_len", 10**7), ("threads", 10**6),
     ("steps", -5), ("num_layers", 0), ("hidden_size", 2.5), ("seed", "abc"), ("hidden_size", True),
     ("forget_bias", float("nan")), ("grad_clip", 0.0), ("lr", "fast")],
)  # fmt: skip
def test_train_refuses_an_out_of_range_config_by_name_before_allocating(field, value):
    task = tasks.get("counting")
    with pytest.raises(ValueError, match=rf"^{field}: expected"):
        train(task, task.default_config().replace(**{field: value}, device="cpu"))


def test_a_batch_of_too_many_steps_is_refused_by_name():
    task = tasks.get("counting")
    with pytest.raises(ValueError, match=r"^batch_size x seq_len: at most 1,000,000"):
        train(task, task.default_config().replace(batch_size=4096, seq_len=10_000, device="cpu"))
