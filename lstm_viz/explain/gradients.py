"""Gradient flow through time: how much of the last step's error reaches each earlier step.

    fl = flow(model, task, x)          # one sequence x (T, D), the loss of the answer at the last step
    fl.dh[t]                           # ‖dL/dh_t‖, the total derivative (through every later step)
    fl.dc[t]                           # ‖dL/dc_t‖ for a cell with a memory c (LSTM family), else None
    fl.keep[t]                         # per unit: the product of the keep gate from t+1 to T-1 (LSTM: f, GRU: z)
    fl.jacobian[t]                     # plain RNN: ∏_{s=t+1}^{T-1} ‖∂h_s/∂h_{s-1}‖₂, the bound on how much survives

The derivatives come from the NumPy backward (lstm_viz.backward) of the cell on screen, with dL/dh
non-zero at the last step only: dL/dh_{T-1} = W_outᵀ dL/dy. A test holds every number to torch autograd.

The keep product is the "constant error carousel" of Hochreiter & Schmidhuber (1997): along c, the error
from c_{T-1} reaches c_t multiplied by f_{t+1} ⊙ ... ⊙ f_{T-1} (plus what flows through h). Without a forget
gate (the 1997 cell) it is exactly 1. A plain RNN has no such path: its error passes through
diag(tanh'(z_s)) W_h at every step, and the product of those norms shrinks (or grows) geometrically.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.stack import backward
from lstm_viz.explain.analysis import factor_values, has_memory_equation, keep_factor
from lstm_viz.tasks import Task


@dataclass(frozen=True, eq=False)
class Flow:
    cell: str
    loss: float  # the loss of the last step's answer
    dh: np.ndarray  # (T,) ‖dL/dh_t‖ of the layer
    dc: np.ndarray | None  # (T,) ‖dL/dc_t‖, for a cell with a c
    keep: np.ndarray | None  # (T, H) ∏_{s=t+1}^{T-1} keep_s per unit; None for a cell without a keep equation
    jacobian: np.ndarray | None  # (T,) ∏_{s=t+1}^{T-1} ‖∂h_s/∂h_{s-1}‖₂, for the plain RNN

    @property
    def ratio(self) -> float:
        """‖dL/dh_0‖ / ‖dL/dh_{T-1}‖: how much of the error at the last step reaches the first."""
        return float(self.dh[0] / self.dh[-1]) if self.dh[-1] > 0 else float("nan")


def last_step_loss(task: Task, out: np.ndarray, y) -> tuple[float, np.ndarray]:
    """The training loss of one answer `out` (K,) against its target `y`, and dL/dout (K,).
    Classification: cross-entropy of the softmax; regression: (out_0 - y)²."""
    if task.kind.output == "classification":
        z = out - out.max()
        p = np.exp(z) / np.exp(z).sum()
        k = int(y)
        d = p.copy()
        d[k] -= 1.0
        return float(-np.log(p[k])), d
    err = float(out[0] - float(y))
    d = np.zeros_like(out)
    d[0] = 2.0 * err
    return err * err, d


def flow(model: TrainedModel, task: Task, x: np.ndarray, layer: int = -1) -> Flow:
    """The gradient flow of the loss at the last step back through one sequence x (T, D), in layer `layer`."""
    trace = model.trace(x)
    y = np.asarray(task.targets(x))
    y_last = y[-1] if task.kind.seq2seq else y
    out = model.outputs(trace)[-1]  # (K,): the answer at the last step
    loss, d_out = last_step_loss(task, out, y_last)
    dh = np.zeros_like(trace.h)  # (T, H)
    dh[-1] = model.W_out.T @ d_out  # dL/dh_{T-1} = W_outᵀ dL/dy
    grads = backward(model.params, trace, dh)
    n = layer % model.num_layers
    lt = trace.layers[n]
    spec = lt.spec
    per_t = grads.layers[n]
    dc = np.linalg.norm(per_t["c"], axis=-1) if "c" in per_t else None
    keep = None
    if has_memory_equation(spec):
        kf = keep_factor(spec)
        k = np.ones_like(lt["h"]) if kf is None else factor_values(lt, kf)  # (T, H); ≡ 1 without the gate
        keep = suffix_product(k)
    jac = rnn_jacobian_norms(model, lt, n) if spec.family == "rnn" else None
    return Flow(spec.name, loss, np.linalg.norm(per_t["h"], axis=-1), dc, keep,
                None if jac is None else suffix_product(jac))  # fmt: skip


def suffix_product(v: np.ndarray) -> np.ndarray:
    """out[t] = v[t+1] * ... * v[T-1] along the first axis (out[T-1] = 1)."""
    out = np.ones_like(v)
    if len(v) > 1:
        out[:-1] = np.cumprod(v[::-1][:-1], axis=0)[::-1]
    return out


def rnn_jacobian_norms(model: TrainedModel, lt, n: int) -> np.ndarray:
    """‖∂h_t/∂h_{t-1}‖₂ = ‖diag(act'(z_t)) W_h‖₂ at every step t (T,) of a plain RNN layer."""
    act = ACTIVATIONS[lt.spec.option("activation")]
    W_h = model.params.layers[n]["W_h"][0]  # (H, H)
    slopes = act.grad(lt.pre[:, 0], lt["h"])  # (T, H)
    return np.array([np.linalg.norm(s[:, None] * W_h, 2) for s in slopes])
