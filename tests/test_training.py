"""The training engine: every task learns, divergence is caught, stop works, runs are reproducible."""

import numpy as np
import pytest
import torch

from lstm_viz import reference, tasks
from lstm_viz.torch_backend import build_model
from lstm_viz.training import snapshot_steps, train


@pytest.mark.parametrize("name", tasks.names())
def test_each_task_learns_its_default_config(name):
    task = tasks.get(name)
    result = train(task, task.default_config())
    assert result.reached_target, f"{name}: {result.task} ended at {result.final_metric} ({result.stopped_reason})"
    assert task.reached(result.final_metric)
    assert "reached the target" in result.stopped_reason
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
    assert result.stopped_reason.startswith("diverged"), result.stopped_reason
    assert len(result.history) < 200
    assert all(np.all(np.isfinite(a)) for a in result.params.arrays())
    assert not result.reached_target


@pytest.mark.parametrize("lr", [float("nan"), -1.0, 0.0, float("inf")])
def test_bad_learning_rate_never_raises(lr):
    task = tasks.get("counting")
    result = train(task, task.default_config().replace(lr=lr, steps=5))
    assert "learning rate" in result.stopped_reason and result.history == []


def test_stop_flag_is_checked_every_step():
    task = tasks.get("counting")
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) > 7

    result = train(task, task.default_config().replace(steps=500), should_stop=should_stop)
    assert len(result.history) == 7 and result.stopped_reason == "stopped by the user at step 7"


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


@pytest.mark.parametrize("cell", ["lstm_cifg", "gru(activation=relu)"])
def test_a_cell_torch_has_no_module_for_trains_in_float32_like_the_others(cell):
    """Variants and options run as the explicit CellStack; it trains like nn.LSTM, and its weights come back."""
    from lstm_viz.core import cells

    spec = cells.from_key(cell)
    task = tasks.get("brackets")
    result = train(task, task.default_config().replace(cell=spec.name, steps=30, num_layers=2))
    assert result.model.params.spec.name == spec.name and result.model.num_layers == 2
    assert len(result.history) == 30 and all(np.isfinite(row[1]) for row in result.history)


def test_unknown_cells_and_layers_are_refused_by_name():
    task = tasks.get("counting")
    with pytest.raises(ValueError, match="cell: unknown cell 'transformer'"):
        train(task, task.default_config().replace(cell="transformer"))
    with pytest.raises(ValueError, match="num_layers: expected 1 to 3, got 4"):
        train(task, task.default_config().replace(num_layers=4))


@pytest.mark.parametrize("name", ["counting", "brackets", "negation_sentiment"])
def test_a_gru_reaches_the_target_with_the_default_config(name):
    """The GRU learns these tasks with the LSTM's default config (all seven: its presets, tests/test_weights.py)."""
    task = tasks.get(name)
    result = train(task, task.default_config().replace(cell="gru", device="cpu"))
    assert result.reached_target, f"{name}: gru {task.metric} {result.final_metric:.4f} (target {task.target})"
    assert result.model.cell == "gru"
