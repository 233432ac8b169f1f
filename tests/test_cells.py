"""Every cell and stack against torch: nn.GRU, nn.RNN and nn.LSTM (1 to 3 layers), and every LSTM
variant and activation option against a torch autograd cell written from DESIGN.md, plus central
finite differences. float64, every torch bias non-zero, non-zero initial states; a failure names
the cell and what differs."""

import numpy as np
import pytest
import torch

import lstm_viz as lv
from lstm_viz.core import cells
from lstm_viz.core.params import CellParams, random_params
from lstm_viz.core.stack import backward, forward

FWD_TOL, GRAD_TOL = 1e-12, 1e-10
TORCH = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}


def close(what, got, want, tol, scale_by_size=True):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    err = float(np.max(np.abs(got - want))) if got.size else 0.0
    scale = max(1.0, float(np.max(np.abs(want)))) if scale_by_size and want.size else 1.0
    assert err <= tol * scale, f"{what} differs by {err:.3e}"


def torch_module(cell, D, H, L, seed, nonlinearity="tanh"):
    torch.manual_seed(seed)
    kw = {"nonlinearity": nonlinearity} if cell == "rnn" else {}
    m = TORCH[cell](D, H, num_layers=L, **kw).double()  # time-major, torch's default
    with torch.no_grad():
        for name, w in m.named_parameters():
            if name.startswith("bias"):
                w.uniform_(-1.0, 1.0)
    assert all(w.abs().min() > 0 for n, w in m.named_parameters() if n.startswith("bias"))
    return m


def torch_layer_grads(m, L):
    out = []
    for n in range(L):
        out.append({k: getattr(m, f"{k}_l{n}").grad.numpy() for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")})
    return out


@pytest.mark.parametrize("cell,nonlin", [("lstm", "tanh"), ("gru", "tanh"), ("rnn", "tanh"), ("rnn", "relu")])
@pytest.mark.parametrize("L", [1, 2, 3])
@pytest.mark.parametrize("B", [None, 3])
def test_stack_matches_torch_module_forward_and_gradients(cell, nonlin, L, B):
    D, H, T = 3, 5, 9
    m = torch_module(cell, D, H, L, seed=10 * L + (B or 0), nonlinearity=nonlin)
    p = lv.from_torch(m)
    assert (p.cell, p.num_layers, p.hidden_size, p.input_size) == (cell, L, H, D)
    name = f"{cell}({nonlin}) x{L}, B={B}"
    rng = np.random.default_rng(L)
    xs = rng.normal(size=(T, D) if B is None else (B, T, D))
    sshape = (L, H) if B is None else (L, B, H)
    state0 = {s: rng.uniform(-0.9, 0.9, size=sshape) for s in p.spec.states}
    dh = rng.normal(size=xs.shape[:-1] + (H,))

    tr = forward(p, xs, state0)
    x = torch.tensor(xs if B is None else xs.transpose(1, 0, 2), requires_grad=True)  # (T, B, D) time-major
    st = {s: torch.tensor(v, requires_grad=True) for s, v in state0.items()}
    args = (st["h"], st["c"]) if cell == "lstm" else st["h"]
    out, last = m(x, args)
    h_n = last[0] if cell == "lstm" else last
    want_h = out.detach().numpy() if B is None else out.detach().numpy().transpose(1, 0, 2)
    close(f"{name}: top layer h_t", tr.h, want_h, FWD_TOL)
    for n in range(L):
        close(f"{name}: layer {n} h_T", tr.layers[n]["h"][..., -1, :], h_n[n].detach().numpy(), FWD_TOL)
        if cell == "lstm":
            close(f"{name}: layer {n} c_T", tr.layers[n]["c"][..., -1, :], last[1][n].detach().numpy(), FWD_TOL)

    dh_t = torch.tensor(dh if B is None else dh.transpose(1, 0, 2))
    (out * dh_t).sum().backward()
    gr = backward(p, tr, dh)
    want = torch_layer_grads(m, L)
    for n in range(L):
        g = p.spec.to_torch(p.spec, gr.params.layers[n])
        close(f"{name}: layer {n} dL/dweight_ih", g["weight_ih"], want[n]["weight_ih"], GRAD_TOL)
        close(f"{name}: layer {n} dL/dweight_hh", g["weight_hh"], want[n]["weight_hh"], GRAD_TOL)
        close(f"{name}: layer {n} dL/dbias_ih", g["bias_ih"], want[n]["bias_ih"], GRAD_TOL)
        H3 = 2 * H
        if cell == "gru":  # the r, z rows of bias_hh get db; the n row gets db_hn
            close(f"{name}: layer {n} dL/dbias_hh[r,z]", g["bias_ih"][:H3], want[n]["bias_hh"][:H3], GRAD_TOL)
            close(f"{name}: layer {n} dL/db_hn", gr.params.layers[n]["b_hn"], want[n]["bias_hh"][H3:], GRAD_TOL)
        else:
            close(f"{name}: layer {n} dL/dbias_hh", g["bias_ih"], want[n]["bias_hh"], GRAD_TOL)
        for s in p.spec.states:
            close(f"{name}: layer {n} dL/d{s}0", gr.layers[n][f"{s}0"], st[s].grad.numpy()[n], GRAD_TOL)
    want_dx = x.grad.numpy() if B is None else x.grad.numpy().transpose(1, 0, 2)
    close(f"{name}: dL/dx", gr.x, want_dx, GRAD_TOL)


# --- every LSTM variant and activation option against torch autograd, written from DESIGN.md ---

TORCH_ACT = {
    "sigmoid": torch.sigmoid,
    # Keras 3's definition, relu6(z + 3) / 6. (torch's own hardsigmoid is the same function, but its float64
    # backward multiplies by a float32 1/6 and is off by 3e-8 relative.)
    "hard_sigmoid": lambda z: torch.nn.functional.relu6(z + 3.0) / 6.0,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "linear": lambda z: z,
}


def torch_lstm_variant(spec, layer, x, h, c):
    """DESIGN.md's LSTM with the variant's one change, in torch, keeping every h_t and c_t for its gradient."""
    gate = TORCH_ACT[spec.option("recurrent_activation")]
    act = TORCH_ACT[spec.option("activation")]
    cand = TORCH_ACT["linear"] if spec.name == "lstm_niaf" else act
    squash = TORCH_ACT["linear"] if spec.name == "lstm_noaf" else act
    row = {n: k for k, n in enumerate(spec.weighted)}
    W_x, W_h, b = layer["W_x"], layer["W_h"], layer["b"]
    hs, cs = [], []
    for t in range(x.shape[1]):

        def pre(n, h=h, t=t):
            return x[:, t] @ W_x[row[n]].T + h @ W_h[row[n]].T + b[row[n]]

        zi = pre("i") if "i" in row else None
        zf = pre("f") if "f" in row else None
        if spec.name == "lstm_ph":
            zi = zi + layer["w_c"][0] * c
            zf = zf + layer["w_c"][1] * c
        i = gate(zi) if zi is not None else 1.0
        f = gate(zf) if zf is not None else (1.0 - i if spec.name == "lstm_cifg" else 1.0)
        g = cand(pre("g"))
        c = f * c + i * g
        zo = pre("o") if "o" in row else None
        if spec.name == "lstm_ph":
            zo = zo + layer["w_c"][2] * c
        o = gate(zo) if zo is not None else 1.0
        h = o * squash(c)
        h.retain_grad()
        c.retain_grad()
        hs.append(h)
        cs.append(c)
    return hs, cs


def torch_gru_options(spec, layer, x, h):
    gate, act = TORCH_ACT[spec.option("recurrent_activation")], TORCH_ACT[spec.option("activation")]
    W_x, W_h, b, b_hn = layer["W_x"], layer["W_h"], layer["b"], layer["b_hn"]
    hs = []
    for t in range(x.shape[1]):
        r = gate(x[:, t] @ W_x[0].T + b[0] + h @ W_h[0].T)
        z = gate(x[:, t] @ W_x[1].T + b[1] + h @ W_h[1].T)
        n = act(x[:, t] @ W_x[2].T + b[2] + r * (h @ W_h[2].T + b_hn))
        h = (1 - z) * n + z * h
        h.retain_grad()
        hs.append(h)
    return hs, []


VARIANT_CASES = (
    [(name, "tanh", "sigmoid") for name in cells.lstm.VARIANTS]
    + [
        ("lstm", act, ract)
        for act in ("tanh", "relu", "linear")
        for ract in ("sigmoid", "hard_sigmoid", "tanh")
        if (act, ract) != ("tanh", "sigmoid")
    ]
    + [("gru", act, ract) for act in ("tanh", "relu", "linear") for ract in ("sigmoid", "hard_sigmoid", "tanh")]
)


@pytest.mark.parametrize("cell,act,ract", VARIANT_CASES, ids=lambda v: str(v))
def test_variants_and_options_match_torch_autograd(cell, act, ract):
    D, H, T, B = 3, 4, 8, 2
    p = random_params(cell, D, H, seed=5, activation=act, recurrent_activation=ract)
    spec = p.spec
    name = spec.key
    rng = np.random.default_rng(6)
    xs = rng.normal(size=(B, T, D)) * 2.0  # large enough that hard_sigmoid and relu hit their flat parts
    state0 = {s: rng.uniform(-0.9, 0.9, size=(1, B, H)) for s in spec.states}
    dh = rng.normal(size=(B, T, H))
    tr = forward(p, xs, state0)
    gr = backward(p, tr, dh)

    layer = {k: torch.tensor(v, requires_grad=True) for k, v in p.layers[0].items()}
    x = torch.tensor(xs, requires_grad=True)
    st = {s: torch.tensor(v[0], requires_grad=True) for s, v in state0.items()}
    if spec.family == "lstm":
        hs, cs = torch_lstm_variant(spec, layer, x, st["h"], st["c"])
    else:
        hs, cs = torch_gru_options(spec, layer, x, st["h"])
    close(f"{name}: h_t", tr.h, torch.stack(hs, 1).detach().numpy(), FWD_TOL)
    if cs:
        close(f"{name}: c_t", tr["c"], torch.stack(cs, 1).detach().numpy(), FWD_TOL)
    (torch.stack(hs, 1) * torch.tensor(dh)).sum().backward()
    for k, v in layer.items():
        close(f"{name}: dL/d{k}", gr.params.layers[0][k], v.grad.numpy(), GRAD_TOL)
    close(f"{name}: dL/dx", gr.x, x.grad.numpy(), GRAD_TOL)
    for s in spec.states:
        close(f"{name}: dL/d{s}0", gr.layers[0][f"{s}0"], st[s].grad.numpy(), GRAD_TOL)
    close(f"{name}: total dL/dh_t", gr.layers[0]["h"], np.stack([h.grad.numpy() for h in hs], 1), GRAD_TOL)
    if cs:
        close(f"{name}: total dL/dc_t", gr.layers[0]["c"], np.stack([c.grad.numpy() for c in cs], 1), GRAD_TOL)


FD_CELLS = [*cells.lstm.VARIANTS, "gru", "rnn"]


@pytest.mark.parametrize("cell", FD_CELLS)
def test_backward_matches_central_finite_differences(cell):
    """Every parameter of a 2-layer stack, the input and the initial state, by (L(θ+ε) - L(θ-ε)) / 2ε."""
    D, H, T, eps = 2, 3, 5, 1e-6
    p = random_params(cell, D, H, num_layers=2, seed=7)
    rng = np.random.default_rng(8)
    xs = rng.normal(size=(T, D))
    state0 = {s: rng.uniform(-0.5, 0.5, size=(2, H)) for s in p.spec.states}
    dh = rng.normal(size=(T, H))

    def loss(params, x, s0):
        return float(np.sum(forward(params, x, s0).h * dh))

    gr = backward(p, forward(p, xs, state0), dh)
    for n, layer in enumerate(p.layers):
        for k, value in layer.items():
            numeric = np.zeros(value.shape)
            for idx in np.ndindex(value.shape):
                for sign in (1, -1):
                    layers = [dict(lay) for lay in p.layers]
                    a = value.copy()
                    a[idx] += sign * eps
                    layers[n][k] = a
                    numeric[idx] += sign * loss(CellParams(p.spec, tuple(layers)), xs, state0) / (2 * eps)
            close(f"{cell}: layer {n} dL/d{k} (finite differences)", gr.params.layers[n][k], numeric, 1e-6)
    numeric = np.zeros(xs.shape)
    for idx in np.ndindex(xs.shape):
        for sign in (1, -1):
            a = xs.copy()
            a[idx] += sign * eps
            numeric[idx] += sign * loss(p, a, state0) / (2 * eps)
    close(f"{cell}: dL/dx (finite differences)", gr.x, numeric, 1e-6)


# --- the torch side: traced forward on any device, to_torch / from_torch for every cell ---

CUDA = torch.cuda.is_available()
DEVICES = [
    pytest.param("cpu", id="cpu-float64"),
    pytest.param("cuda", id="cuda-float32", marks=pytest.mark.skipif(not CUDA, reason="torch sees no CUDA GPU")),
]
ALL_CELLS = [*cells.lstm.VARIANTS, "gru", "rnn"]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("cell", ALL_CELLS)
def test_traced_forward_matches_numpy_for_every_cell(cell, device):
    from lstm_viz.torch_backend.cells import traced_forward

    dtype, tol = (torch.float64, FWD_TOL) if device == "cpu" else (torch.float32, 1e-5)
    p = random_params(cell, 3, 4, num_layers=2, seed=11)
    rng = np.random.default_rng(12)
    xs = rng.normal(size=(2, 7, 3))
    state0 = {s: rng.uniform(-0.9, 0.9, size=(2, 2, 4)) for s in p.spec.states}
    ref = forward(p, xs, state0)
    got = traced_forward(p, xs, state0, device=device, dtype=dtype)
    for n in range(2):
        close(f"{cell} layer {n}: pre-activations", got.layers[n].pre, ref.layers[n].pre, tol)
        for name in p.spec.names:
            close(f"{cell} layer {n}: {name} (traced torch)", got.layers[n][name], ref.layers[n][name], tol)


@pytest.mark.parametrize("cell", [*ALL_CELLS, "gru(activation=relu)", "rnn(activation=relu)"])
def test_to_torch_is_time_major_and_round_trips(cell):
    from lstm_viz.torch_backend.cells import CellStack, from_torch, to_torch

    name, _, opt = cell.partition("(")
    options = dict([opt.rstrip(")").split("=")]) if opt else {}
    p = random_params(name, 3, 4, num_layers=2, seed=13, **options)
    m = to_torch(p)
    assert getattr(m, "batch_first", False) is False
    if p.spec.torch_class:
        assert type(m).__name__ == p.spec.torch_class
    else:
        assert isinstance(m, CellStack)
    assert from_torch(m).allclose(p, atol=0.0)
    xs = np.random.default_rng(14).normal(size=(6, 1, 3))  # (T, B=1, D): time-major, as the module expects
    x = torch.tensor(xs, requires_grad=True)
    out, _ = m(x)
    want = forward(p, xs[:, 0])
    close(f"{cell}: to_torch module output", out.detach().numpy()[:, 0], want.h, FWD_TOL)
    dh = np.random.default_rng(15).normal(size=(6, 4))
    (out[:, 0] * torch.tensor(dh)).sum().backward()
    gr = backward(p, want, dh)
    close(f"{cell}: dL/dx through the torch module", x.grad.numpy()[:, 0], gr.x, GRAD_TOL)


def test_from_torch_refuses_what_it_cannot_compute_by_name():
    from lstm_viz.torch_backend.cells import from_torch

    with pytest.raises(ValueError, match="bidirectional"):
        from_torch(torch.nn.GRU(2, 3, bidirectional=True))
    with pytest.raises(ValueError, match="proj_size"):
        from_torch(torch.nn.LSTM(2, 3, proj_size=2))
    with pytest.raises(ValueError, match="num_layers=4"):
        from_torch(torch.nn.RNN(2, 3, num_layers=4))
    with pytest.raises(ValueError, match="Linear"):
        from_torch(torch.nn.Linear(2, 3))


@pytest.mark.parametrize("kind", [torch.nn.LSTM, torch.nn.GRU, torch.nn.RNN])
def test_bias_false_modules_load_with_zero_biases(kind):
    from lstm_viz.torch_backend.cells import from_torch

    m = kind(2, 3, num_layers=2, bias=False).double()
    p = from_torch(m)
    for layer in p.layers:
        assert not np.any(layer["b"]) and not np.any(layer.get("b_hn", 0.0))
    xs = np.random.default_rng(0).normal(size=(5, 2))
    with torch.no_grad():
        out, _ = m(torch.tensor(xs))
    close(f"{kind.__name__}(bias=False)", forward(p, xs).h, out.numpy(), FWD_TOL)


@pytest.mark.parametrize("kind", [torch.nn.LSTMCell, torch.nn.GRUCell, torch.nn.RNNCell])
def test_single_cells_load(kind):
    from lstm_viz.torch_backend.cells import from_torch

    torch.manual_seed(0)
    m = kind(2, 3).double()
    p = from_torch(m)
    x = np.random.default_rng(1).normal(size=(4, 2))
    h = torch.zeros(1, 3, dtype=torch.float64)
    c = torch.zeros(1, 3, dtype=torch.float64)
    with torch.no_grad():
        for t in range(4):
            out = m(torch.tensor(x[t : t + 1]), (h, c) if kind is torch.nn.LSTMCell else h)
            h, c = out if isinstance(out, tuple) else (out, c)
    close(f"{kind.__name__}: h_T", forward(p, x).h[-1], h.numpy()[0], FWD_TOL)


# --- the declaration agrees with the code ---


def evaluate_sum_of(spec, step, name):
    """A derived quantity's value from its declaration (sum of products of factors) at one step."""
    from lstm_viz.core.activations import ACTIVATIONS

    total = 0.0
    for term in spec[name].sum_of:
        prod = 1.0
        for f in term:
            v = step.prev[f.name] if f.prev else step[f.name]
            v = ACTIVATIONS[f.fn].fn(v) if f.fn else v
            prod = prod * ((1.0 - v) if f.one_minus else v)
        total = total + prod
    return total


@pytest.mark.parametrize("cell", [*ALL_CELLS, "lstm(activation=relu)", "gru(recurrent_activation=hard_sigmoid)"])
def test_every_declared_equation_reproduces_the_trace(cell):
    """What the views print (sum_of, activations, rows of the gate axis) is what the NumPy cell computed."""
    from lstm_viz.core.activations import ACTIVATIONS

    name, _, opt = cell.partition("(")
    options = dict([opt.rstrip(")").split("=")]) if opt else {}
    p = random_params(name, 3, 4, seed=16, **options)
    spec = p.spec
    xs = np.random.default_rng(17).normal(size=(6, 3))
    layer = forward(p, xs, {s: np.full((1, 4), 0.3) for s in spec.states}).layers[0]
    w = p.layers[0]
    for t in range(layer.steps):
        step = layer.at(t)
        for k, q in enumerate(spec.weighted):
            quantity = spec[q]
            x_part = w["W_x"][k] @ step.x
            h_part = w["W_h"][k] @ step.prev["h"]
            if quantity.reset_by:
                h_part = step[quantity.reset_by] * (h_part + w[quantity.recurrent_bias])
            peep = 0.0
            if quantity.peephole:
                c = step.prev["c"] if quantity.peephole == "prev" else step["c"]
                peep = w["w_c"][quantity.peephole_row] * c
            close(f"{spec.key} t={t}: pre-activation of {q}", x_part + h_part + peep + w["b"][k], step.pre[k], 1e-12)
            act = ACTIVATIONS[quantity.activation]
            close(f"{spec.key} t={t}: {q} = act(pre)", act.fn(step.pre[k]), step[q], 1e-12)
        for q in spec.quantities:
            if q.sum_of:
                close(f"{spec.key} t={t}: {q.name} from its declaration", evaluate_sum_of(spec, step, q.name),
                      step[q.name], 1e-12)  # fmt: skip
        assert len(spec.equations()) == len(spec.quantities)


def test_generic_lstm_equals_the_fast_reference():
    """The readable LSTM of core/cells/lstm.py and the allocation-free loop of reference.forward agree."""
    p = lv.LSTMParams.random(3, 5, seed=3, forget_bias=1.0)
    rng = np.random.default_rng(4)
    xs, h0, c0 = rng.normal(size=(2, 9, 3)), rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    fast = lv.reference.forward(p, xs, h0, c0)
    slow = forward(p, xs, {"h": h0[None], "c": c0[None]}).layers[0]
    close("pre-activations", slow.pre, fast.z, 1e-14)
    for name in ("i", "f", "g", "o", "c", "h"):
        close(f"lstm {name}: readable vs fast", slow[name], getattr(fast, name), 1e-14)
    dh = rng.normal(size=(2, 9, 5))
    gf = lv.reference.backward(p, fast, dh)
    gs = backward(p, forward(p, xs, {"h": h0[None], "c": c0[None]}), dh)
    close("dW_x", gs.params.layers[0]["W_x"], gf.params.W_x, 1e-13)
    close("dx", gs.x, gf.x, 1e-13)


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: cells.spec("lstmm"), "cell: unknown cell 'lstmm'"),
        (lambda: cells.spec("lstm", activation="softplus"), "activation: 'softplus'"),
        (lambda: cells.spec("gru", recurrent_activation="relu"), "recurrent_activation: 'relu'"),
        (lambda: cells.spec("rnn", recurrent_activation="sigmoid"), "recurrent_activation: not an option of cell rnn"),
        (lambda: random_params("gru", 2, 3, num_layers=0), "num_layers"),
        (lambda: random_params("gru", 2, 3, num_layers=4), "num_layers: expected 1 to 3, got 4"),
        (lambda: random_params("gru", 2, 0), "hidden_size"),
        (lambda: random_params("gru", 2, 3, forget_bias=1.0), "forget_bias: cell gru has no forget gate"),
        (lambda: forward(random_params("rnn", 2, 3), np.ones((4, 3))), "xs: expected shape"),
        (lambda: forward(random_params("rnn", 2, 3), np.full((4, 2), np.nan)), "xs: contains NaN"),
        (lambda: forward(random_params("rnn", 2, 3), np.ones((4, 2)), {"c": np.ones((1, 3))}), "state0"),
    ],
)
def test_bad_input_is_a_value_error_naming_it(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
def test_keras_layouts_round_trip(cell):
    """Each cell's Keras layout (LSTM: i, f, c, o; GRU reset_after=True: z, r, n with a (2, 3H) bias; SimpleRNN)
    goes out and back unchanged. (Parity with Keras itself is the model-import issue's.)"""
    p = random_params(cell, 3, 4, seed=21)
    spec, layer = p.spec, p.layers[0]
    back = spec.from_keras(spec, *spec.to_keras(spec, layer))
    for k, v in layer.items():
        close(f"{cell}: {k} through the Keras layout", back[k], v, 0.0)
    if cell == "gru":
        kernel, _, bias = spec.to_keras(spec, layer)
        close("gru: Keras' first kernel block is z", kernel[:, :4].T, layer["W_x"][1], 0.0)
        close("gru: Keras' recurrent bias of n is b_hn", bias[1, 8:], layer["b_hn"], 0.0)
