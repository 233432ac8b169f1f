"""Every cell in torch: one step function per family, an explicit module for any cell and stack, a traced
forward on any device, and the conversions between torch modules and CellParams.

    p = from_torch(nn.GRU(3, 8, num_layers=2))      # nn.LSTM / nn.GRU / nn.RNN (1-3 layers) or their Cells
    m = to_torch(p)                                 # nn.LSTM / nn.GRU / nn.RNN where torch has the cell,
                                                    # else CellStack; time-major (batch_first=False), float64
    tr = traced_forward(p, xs, device="cuda")       # every quantity of every layer, NumPy back

The step functions are the equations of DESIGN.md once more, in torch; the parity tests hold them
to the NumPy cells under lstm_viz/core/cells/.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lstm_viz.core import cells
from lstm_viz.core.checks import check_xs
from lstm_viz.core.params import MAX_LAYERS, CellParams, as_cell_params, random_params
from lstm_viz.core.spec import CellSpec
from lstm_viz.core.stack import initial_states
from lstm_viz.core.trace import GateTrace, Trace
from lstm_viz.torch_backend.devices import resolve_device

ACT = {
    "sigmoid": torch.sigmoid,
    "hard_sigmoid": lambda z: nn.functional.relu6(z + 3.0) / 6.0,  # Keras 3's definition
    "tanh": torch.tanh,
    "relu": torch.relu,
    "linear": lambda z: z,
}


def lstm_step(spec: CellSpec, w: dict, x, state: dict):
    """One LSTM-family step: (pre (B, G, H), {quantity: (B, H)}, new state)."""
    gate = ACT[spec.option("recurrent_activation")]
    cand = ACT[spec["g"].activation]
    squash = ACT["linear" if spec.name == "lstm_noaf" else spec.option("activation")]
    row = {n: k for k, n in enumerate(spec.weighted)}
    h, c = state["h"], state["c"]
    G, H = w["b"].shape
    z = x @ w["W_x"].reshape(G * H, -1).T + h @ w["W_h"].reshape(G * H, H).T + w["b"].reshape(-1)
    z = list(z.reshape(-1, G, H).unbind(1))
    if "w_c" in w:
        z[row["i"]] = z[row["i"]] + w["w_c"][0] * c
        z[row["f"]] = z[row["f"]] + w["w_c"][1] * c
    one = torch.ones_like(h)
    i = gate(z[row["i"]]) if "i" in row else one
    f = gate(z[row["f"]]) if "f" in row else (1.0 - i if spec.name == "lstm_cifg" else one)
    g = cand(z[row["g"]])
    c = f * c + i * g
    if "w_c" in w:
        z[row["o"]] = z[row["o"]] + w["w_c"][2] * c
    o = gate(z[row["o"]]) if "o" in row else one
    h = o * squash(c)
    values = {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}
    return torch.stack(z, 1), {k: values[k] for k in spec.names}, {"h": h, "c": c}


def gru_step(spec: CellSpec, w: dict, x, state: dict):
    gate, act = ACT[spec.option("recurrent_activation")], ACT[spec.option("activation")]
    h = state["h"]
    H = w["b"].shape[1]
    zx = (x @ w["W_x"].reshape(3 * H, -1).T + w["b"].reshape(-1)).reshape(-1, 3, H)
    zh = (h @ w["W_h"].reshape(3 * H, H).T).reshape(-1, 3, H)
    pre_r, pre_z = zx[:, 0] + zh[:, 0], zx[:, 1] + zh[:, 1]
    r, z = gate(pre_r), gate(pre_z)
    pre_n = zx[:, 2] + r * (zh[:, 2] + w["b_hn"])
    n = act(pre_n)
    h = (1.0 - z) * n + z * h
    return torch.stack([pre_r, pre_z, pre_n], 1), {"r": r, "z": z, "n": n, "h": h}, {"h": h}


def rnn_step(spec: CellSpec, w: dict, x, state: dict):
    pre = x @ w["W_x"][0].T + state["h"] @ w["W_h"][0].T + w["b"][0]
    h = ACT[spec.option("activation")](pre)
    return pre[:, None], {"h": h}, {"h": h}


def misread_step(spec: CellSpec, w: dict, x, state: dict):
    """The misread LSTM (lstm_viz/core/cells/misread.py): c_t = σ(W_xc x_t + W_hc h_{t-1} + W_cc c_{t-1} + b_c)."""
    h, c = state["h"], state["c"]
    H = w["b"].shape[1]
    z = (x @ w["W_x"].reshape(2 * H, -1).T + h @ w["W_h"].reshape(2 * H, H).T + w["b"].reshape(-1)).reshape(-1, 2, H)
    pre_c = z[:, 0] + c @ w["W_cc"].T
    c = torch.sigmoid(pre_c)
    o = torch.sigmoid(z[:, 1])
    h = o * torch.tanh(c)
    return torch.stack([pre_c, z[:, 1]], 1), {"c": c, "o": o, "h": h}, {"h": h, "c": c}


STEPS = {"lstm": lstm_step, "gru": gru_step, "rnn": rnn_step, "misread": misread_step}


class CellStack(nn.Module):
    """Any cell, 1 to 3 layers, as an explicit torch module, called like nn.LSTM:
    forward(x (T, B, D) or (T, D), state) -> (h of the top layer at every step, final state), where a state
    is h_n (L, B, H), or (h_n, c_n) for the LSTM family. batch_first=True takes and gives (B, T, ...)."""

    def __init__(self, spec: CellSpec, input_size: int, hidden_size: int, num_layers: int = 1,
                 batch_first: bool = False, seed: int = 0):  # fmt: skip
        super().__init__()
        self.spec, self.batch_first = spec, batch_first
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        p = random_params(spec, input_size, hidden_size, num_layers=num_layers, seed=seed)
        self.layers = nn.ModuleList(
            nn.ParameterDict(
                {k: nn.Parameter(torch.tensor(np.array(v), dtype=torch.get_default_dtype())) for k, v in layer.items()}
            )
            for layer in p.layers
        )

    def forward(self, x, state=None):
        batched = x.dim() == 3
        if not batched:
            x = x[:, None] if not self.batch_first else x[None]
        if self.batch_first:
            x = x.transpose(0, 1)  # (T, B, D)
        T, B, _ = x.shape
        names = self.spec.states
        if state is None:
            zeros = x.new_zeros(self.num_layers, B, self.hidden_size)
            state = {s: zeros for s in names}
        else:
            state = dict(zip(names, state if isinstance(state, tuple) else (state,)))
            if not batched:
                state = {k: v[:, None] for k, v in state.items()}
        step = STEPS[self.spec.family]
        finals = {s: [] for s in names}
        for n, w in enumerate(self.layers):
            s = {k: v[n] for k, v in state.items()}
            hs = []
            for t in range(T):
                _, _, s = step(self.spec, w, x[t], s)
                hs.append(s["h"])
            x = torch.stack(hs)  # (T, B, H): the next layer's input
            for k in names:
                finals[k].append(s[k])
        out = x.transpose(0, 1) if self.batch_first else x
        final = tuple(torch.stack(finals[k]) for k in names)
        if not batched:
            out = out[:, 0] if not self.batch_first else out[0]
            final = tuple(f[:, 0] for f in final)
        return out, final if len(final) > 1 else final[0]


# --- conversions ---

MODULES = {nn.LSTM: "lstm", nn.GRU: "gru", nn.RNN: "rnn"}
CELL_MODULES = {nn.LSTMCell: "lstm", nn.GRUCell: "gru", nn.RNNCell: "rnn"}
TORCH_CLASSES = {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}


def _np(t):
    return None if t is None else t.detach().cpu().double().numpy()


def from_torch(module) -> CellParams:
    """CellParams of nn.LSTM / nn.GRU / nn.RNN (1 to 3 layers, time-major or batch-first, with or without
    biases), nn.LSTMCell / nn.GRUCell / nn.RNNCell, or a CellStack. Anything else is a ValueError naming it."""
    kind = type(module)
    if isinstance(module, CellStack):
        layers = [{k: _np(v) for k, v in w.items()} for w in module.layers]
        return CellParams(module.spec, tuple(layers))
    if kind in MODULES:
        cell = MODULES[kind]
        problems = []
        if module.bidirectional:
            problems.append("bidirectional=True (only one direction is supported)")
        if getattr(module, "proj_size", 0):
            problems.append(f"proj_size={module.proj_size} (only 0 is supported)")
        if not 1 <= module.num_layers <= MAX_LAYERS:
            problems.append(f"num_layers={module.num_layers} (1 to {MAX_LAYERS} are supported)")
        if problems:
            raise ValueError(f"module: unsupported nn.{kind.__name__}: " + ", ".join(problems))
        suffixes = [f"_l{n}" for n in range(module.num_layers)]
    elif kind in CELL_MODULES:
        cell, suffixes = CELL_MODULES[kind], [""]
    else:
        raise ValueError(
            f"module: expected nn.LSTM, nn.GRU, nn.RNN, their Cell versions or a CellStack, got {kind.__name__}"
        )
    spec = cells.spec(cell, **({"activation": module.nonlinearity} if cell == "rnn" else {}))
    layers = []
    for s in suffixes:
        tensors = {k: _np(getattr(module, f"{k}{s}", None)) for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
        layers.append(spec.from_torch(spec, tensors))
    return CellParams(spec, tuple(layers))


def to_torch(p, dtype=torch.float64, batch_first: bool = False) -> nn.Module:
    """A torch module computing exactly what p computes: nn.LSTM / nn.GRU / nn.RNN where torch has the cell
    (with these options), else a CellStack. Time-major (batch_first=False) unless asked otherwise."""
    p = as_cell_params(p)
    spec = p.spec
    if not spec.torch_class:
        module = CellStack(spec, p.input_size, p.hidden_size, p.num_layers, batch_first=batch_first).to(dtype)
        load_into(module, p)  # after .to(dtype): the weights are copied in at full precision
        return module
    kw = {"nonlinearity": spec.option("activation")} if spec.family == "rnn" else {}
    module = TORCH_CLASSES[spec.torch_class](p.input_size, p.hidden_size, num_layers=p.num_layers,
                                             batch_first=batch_first, **kw).to(dtype)  # fmt: skip
    load_into(module, p)
    return module


def load_into(module: nn.Module, p) -> None:
    """Copy p's weights into a module of the same cell and sizes, in place."""
    p = as_cell_params(p)
    if isinstance(module, CellStack):
        if (module.spec, module.input_size, module.hidden_size, module.num_layers) != (
            p.spec, p.input_size, p.hidden_size, p.num_layers):  # fmt: skip
            raise ValueError(f"params: {p.spec.key} D={p.input_size} H={p.hidden_size} x{p.num_layers} do not fit "
                             "this module")  # fmt: skip
        with torch.no_grad():
            for w, layer in zip(module.layers, p.layers):
                for k, v in layer.items():
                    w[k].copy_(torch.as_tensor(np.array(v), dtype=w[k].dtype, device=w[k].device))
        return
    sizes = (module.input_size, module.hidden_size, module.num_layers)
    if sizes != (p.input_size, p.hidden_size, p.num_layers) or MODULES.get(type(module)) != p.spec.family:
        raise ValueError(f"params: {p.spec.key} D={p.input_size} H={p.hidden_size} x{p.num_layers} do not fit "
                         f"nn.{type(module).__name__}{sizes}")  # fmt: skip
    with torch.no_grad():
        for n, layer in enumerate(p.layers):
            for k, v in p.spec.to_torch(p.spec, layer).items():
                target = getattr(module, f"{k}_l{n}", None)
                if target is not None:
                    target.copy_(torch.as_tensor(np.array(v), dtype=target.dtype, device=target.device))


def traced_forward(p, xs, state0=None, device=None, dtype=torch.float64) -> Trace:
    """The cell's equations in torch, on any device, recording every quantity of every layer; NumPy back.
    Arguments as lstm_viz.forward."""
    p = as_cell_params(p)
    spec = p.spec
    device = resolve_device(device)
    xb, batched = check_xs(xs, p.input_size)  # (B, T, D)
    B = xb.shape[0]
    starts = initial_states(spec, state0, p.num_layers, B, p.hidden_size, batched)
    step = STEPS[spec.family]
    x = torch.tensor(xb, device=device, dtype=dtype)
    layers = []
    with torch.no_grad():
        for layer, start in zip(p.layers, starts):
            w = {k: torch.tensor(np.array(v), device=device, dtype=dtype) for k, v in layer.items()}
            s = {k: torch.tensor(np.array(v), device=device, dtype=dtype) for k, v in start.items()}
            pres, rec = [], {k: [] for k in spec.names}
            for t in range(x.shape[1]):
                pre, values, s = step(spec, w, x[:, t], s)
                pres.append(pre)
                for k in spec.names:
                    rec[k].append(values[k])
            pre = torch.stack(pres, 1).cpu().double().numpy()
            values = {k: torch.stack(v, 1).cpu().double().numpy() for k, v in rec.items()}
            x_np = x.cpu().double().numpy() if layers else xb
            if batched:
                lt = GateTrace(spec, x_np, {k: np.array(v) for k, v in start.items()}, pre, values)
            else:
                lt = GateTrace(spec, x_np[0], {k: v[0] for k, v in start.items()}, pre[0],
                                {k: v[0] for k, v in values.items()})  # fmt: skip
            layers.append(lt)
            x = torch.stack(rec["h"], 1)
    return Trace(tuple(layers))
