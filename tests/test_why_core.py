"""The Why gates page's numbers, below the page: clamped forwards, gradient flow (held to torch autograd),
the misread cell (held to torch), the study's protocol and results file."""

import numpy as np
import pytest
import torch

import lstm_viz as lv
from lstm_viz import tasks
from lstm_viz.core.clamp import Clamp, clamped_forward
from lstm_viz.core.params import random_params
from lstm_viz.core.readout import TrainedModel
from lstm_viz.explain.gradients import flow, suffix_product
from lstm_viz.io import presets, study
from lstm_viz.torch_backend.cells import STEPS, to_torch

GATED = ["lstm", "gru", "lstm_cifg", "lstm_nig", "lstm_nfg", "lstm_nog", "lstm_ph", "lstm_misread"]


def _x(T=9, D=3, B=None, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(T, D) if B is None else (B, T, D))


@pytest.mark.parametrize("cell", GATED)
@pytest.mark.parametrize("batched", [False, True])
def test_clamping_a_gate_to_the_values_it_had_changes_nothing(cell, batched):
    p = random_params(cell, 3, 4, num_layers=2, seed=3)
    x = _x(B=2 if batched else None)
    free = lv.forward(p, x)
    for layer in (0, 1):
        for gate in p.spec.gates:
            same = clamped_forward(p, x, Clamp(gate, free.layers[layer][gate], layer=layer))
            for n in (0, 1):
                for q in p.spec.names:
                    assert np.array_equal(same.layers[n][q], free.layers[n][q]), (cell, gate, layer, n, q)


@pytest.mark.parametrize("cell", GATED)
def test_clamping_each_gate_to_zero_sets_it_and_changes_what_follows(cell):
    p = random_params(cell, 3, 4, seed=3)
    x = _x()
    free = lv.forward(p, x).layers[0]
    for gate in p.spec.gates:
        for unit in (None, 2):
            tr = clamped_forward(p, x, Clamp(gate, 0.0, unit=unit)).layers[0]
            shown = tr[gate] if unit is None else tr[gate][:, unit]
            assert np.all(shown == 0.0), (cell, gate, unit)
            assert not np.allclose(tr["h"], free["h"]), (cell, gate, unit)  # h follows from the clamped gate


def test_a_clamped_forget_gate_follows_through_the_cell_equations():
    p = random_params("lstm", 3, 4, seed=1)
    x = _x()
    tr = clamped_forward(p, x, Clamp("f", 0.0)).layers[0]
    assert np.all(tr["f"] == 0.0)
    assert np.allclose(tr["c"], tr["i"] * tr["g"])  # c_t = 0 ⊙ c_{t-1} + i_t ⊙ g_t: the memory is wiped each step
    assert np.allclose(tr["h"], tr["o"] * np.tanh(tr["c"]))
    one = clamped_forward(p, x, Clamp("f", 1.0, unit=2)).layers[0]
    free = lv.forward(p, x).layers[0]
    assert np.all(one["f"][:, 2] == 1.0)
    assert np.array_equal(one["f"][0, [0, 1, 3]], free["f"][0, [0, 1, 3]])  # the other units at t = 0: as computed
    assert np.allclose(one["c"][:, 2], np.cumsum(one["i"][:, 2] * one["g"][:, 2]))  # f ≡ 1: C only adds up


def test_mean_clamp_holds_each_unit_at_its_own_mean():
    p = random_params("gru", 3, 4, seed=2)
    x = _x(B=3)
    free = lv.forward(p, x).layers[0]["z"]
    held = clamped_forward(p, x, Clamp("z", "mean")).layers[0]["z"]
    assert np.allclose(held, free.mean(axis=1, keepdims=True))


@pytest.mark.parametrize(
    "cell,clamp,message",
    [
        ("rnn", Clamp("h", 0.0), "gate: the plain RNN has no gate to clamp"),
        ("lstm", Clamp("g", 0.0), "gate: the LSTM has no gate 'g'"),
        ("lstm_nfg", Clamp("f", 0.0), "has no gate 'f'"),
        ("lstm", Clamp("f", 1.5), "value: a gate f takes values from 0 to 1"),
        ("lstm", Clamp("f", "half"), "value: expected a number, 'mean' or an array"),
        ("lstm", Clamp("f", 0.0, unit=4), "unit: expected a unit from 0 to 3"),
        ("lstm", Clamp("f", 0.0, layer=1), "layer: expected a layer from 0 to 0"),
        ("lstm", Clamp("f", np.zeros((2, 4))), "value: expected a number or an array of shape (9, 4)"),
    ],
)
def test_bad_clamps_are_value_errors_naming_the_field(cell, clamp, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        clamped_forward(random_params(cell, 3, 4, seed=0), _x(), clamp)


# --- gradient flow, checked against torch autograd ---


def _autograd_flow(model: TrainedModel, task, x):
    """‖dL/dh_t‖ and ‖dL/dc_t‖ from torch autograd: the cell's torch step in a loop, retain_grad on every state."""
    spec = model.params.spec
    step = STEPS[spec.family]
    layer = model.params.layers[0]
    w = {k: torch.tensor(np.array(v), dtype=torch.float64, requires_grad=True) for k, v in layer.items()}
    H = model.params.hidden_size
    s = {k: torch.zeros(1, H, dtype=torch.float64) for k in spec.states}
    xs = torch.tensor(x, dtype=torch.float64)
    kept = []
    for t in range(len(x)):
        _, _, s = step(spec, w, xs[t : t + 1], s)
        for v in s.values():
            v.retain_grad()
        kept.append(s)
    out = kept[-1]["h"] @ torch.tensor(model.W_out).T + torch.tensor(model.b_out)  # (1, K)
    y = np.asarray(task.targets(x))
    y_last = y[-1] if task.kind.seq2seq else y
    if task.kind.output == "classification":
        loss = torch.nn.functional.cross_entropy(out, torch.tensor([int(y_last)]))
    else:
        loss = (out[0, 0] - float(y_last)) ** 2
    loss.backward()
    norms = {k: np.array([float(s[k].grad.norm()) for s in kept]) for k in spec.states}
    return float(loss.detach()), norms


def _models():
    for task in ("remember_first", "adding", "counting"):
        for cell in presets.available(task):
            yield task, f"preset:{cell}", presets.load(task, cell)[0]
        for cell in ("lstm", "gru", "rnn", "lstm_nfg", "lstm_misread"):
            t = tasks.get(task)
            p = random_params(cell, t.input_size, 8, seed=5)
            rng = np.random.default_rng(6)
            yield task, f"random:{cell}", TrainedModel(task, p, rng.normal(size=(t.output_size, 8)),
                                                       rng.normal(size=t.output_size))  # fmt: skip


@pytest.mark.parametrize("task_name,label,model", list(_models()), ids=lambda v: v if isinstance(v, str) else "")
def test_gradient_flow_equals_torch_autograd(task_name, label, model):
    task = tasks.get(task_name)
    x, _ = task.make_batch(1, 25, np.random.default_rng(11))
    fl = flow(model, task, x[0])
    loss, norms = _autograd_flow(model, task, x[0])
    assert fl.loss == pytest.approx(loss, rel=1e-10)
    assert np.allclose(fl.dh, norms["h"], rtol=1e-8, atol=1e-14), label
    if "c" in norms:
        assert np.allclose(fl.dc, norms["c"], rtol=1e-8, atol=1e-14), label
    else:
        assert fl.dc is None


def test_the_keep_product_and_the_rnn_jacobian_bound():
    assert np.array_equal(suffix_product(np.array([2.0, 3.0, 4.0])), [12.0, 4.0, 1.0])
    task = tasks.get("remember_first")
    x, _ = task.make_batch(1, 30, np.random.default_rng(0))
    lstm = presets.load("remember_first", "lstm")[0]
    fl = flow(lstm, task, x[0])
    f = lstm.trace(x[0]).f  # (T, H)
    assert np.allclose(fl.keep[0], np.prod(f[1:], axis=0))
    assert np.all(fl.keep[-1] == 1.0) and fl.jacobian is None
    nfg = TrainedModel("remember_first", random_params("lstm_nfg", 4, 8, seed=0), np.ones((4, 8)), np.zeros(4))
    assert np.all(flow(nfg, task, x[0]).keep == 1.0)  # no forget gate: the carousel keeps everything
    rnn = presets.load("remember_first", "rnn")[0]
    fr = flow(rnn, task, x[0])
    assert fr.keep is None and fr.dc is None
    # the bound: ‖dL/dh_t‖ <= ‖dL/dh_{T-1}‖ · ∏ ‖J_s‖
    assert np.all(fr.dh <= fr.dh[-1] * fr.jacobian * (1 + 1e-9))


# --- the misread cell, held to torch like every other cell ---


def test_misread_cell_matches_torch_forward_and_autograd():
    p = random_params("lstm_misread", 3, 5, num_layers=2, seed=4)
    x = _x(T=7, B=2)
    tr = lv.forward(p, x)
    traced = lv.torch_backend.traced_forward(p, x)
    for n in range(2):
        for q in p.spec.names:
            assert np.allclose(tr.layers[n][q], traced.layers[n][q], atol=1e-12), (n, q)
    assert np.all((tr.layers[0]["c"] > 0) & (tr.layers[0]["c"] < 1))  # a sigmoid: C can never leave (0, 1)
    dh = np.random.default_rng(1).normal(size=tr.h.shape)
    gr = lv.backward(p, tr, dh)
    module = to_torch(p, batch_first=True)
    xt = torch.tensor(x, requires_grad=True)
    out, _ = module(xt)
    (out * torch.tensor(dh)).sum().backward()
    assert np.allclose(gr.x, xt.grad.numpy(), atol=1e-10)
    for n, layer in enumerate(module.layers):
        for k, v in layer.items():
            assert np.allclose(gr.params.layers[n][k], v.grad.numpy(), atol=1e-10), (n, k)


def test_misread_equation_is_written_as_the_tutorial_gives_it():
    spec = lv.cells.spec("lstm_misread")
    assert spec.equation("c") == r"c_t = \sigma(W_{xc} x_t + W_{hc} h_{t-1} + W_{cc} c_{t-1} + b_c)"
    assert spec.gates == ("o",) and "lstm_misread" not in lv.cells.names()  # studied, not in the sidebar


# --- the study ---


def test_study_protocol_is_the_same_budget_for_every_cell():
    configs = [study.config(c, 20, 0) for c in (*study.CELLS, "lstm_misread")]
    assert len({(c.hidden_size, c.batch_size, c.steps, c.lr, c.grad_clip) for c in configs}) == 1
    assert study.config("lstm", 20, 0).forget_bias == study.FORGET_BIAS
    assert study.config("gru", 20, 0).forget_bias == 0.0 == study.config("lstm_nfg", 20, 0).forget_bias
    plan = study.plan()
    assert len(plan) == len(set(plan)) == (2 * 7 + 2 * 2 - 1) * 5 * 3  # remember_first's lstm runs serve both


def test_the_shipped_results_cover_the_protocol():
    data = study.read()
    done = {(r["task"], r["cell"], r["length"], r["seed"]) for r in data["runs"]}
    assert done == set(study.plan())
    assert data["command"] == "python -m lstm_viz.io.study"
    for task in ("remember_first", "adding", "counting"):
        for p in study.summarise(data, task):
            assert p.low <= p.median <= p.high and len(p.values) == len(study.SEEDS)


def test_a_broken_results_file_is_named(tmp_path):
    bad = tmp_path / "r.json"
    bad.write_text('{"runs": [{"task": "adding", "cell": "lstm", "length": 5, "seed": 0}]}')
    with pytest.raises(ValueError, match="run 0 has no 'metric'"):
        study.read(bad)
    bad.write_text('{"runs": [{"task": "adding", "cell": "lstm", "length": 5, "seed": 0, "metric": NaN}]}')
    with pytest.raises(ValueError, match="not a finite number"):
        study.read(bad)
