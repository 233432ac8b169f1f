"""The live-training loop: a stack of any cell (nn.LSTM / nn.GRU / nn.RNN or CellStack) with Adam,
reporting through callbacks.

    result = train(task, config, on_progress=callback, should_stop=lambda: stop_flag)

Knows nothing of the UI: `on_progress(Progress)` is called at least every 0.25 s of
training, and `should_stop()` is checked every step. A non-finite loss or gradient stops
training at once and keeps the last finite weights. A bad learning rate never raises.

Why it stopped is a code with parameters (`result.stop_code`: "target", "steps", "lr", "stopped", "orphaned",
"diverged"; `result.stop_params`), said in a language by `result.stop_words(lang)`; `result.stopped_reason` is the
English sentence.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from lstm_viz import words
from lstm_viz.core import cells
from lstm_viz.core.config import INT_BOUNDS, MAX_ABS_FLOAT, MAX_BATCH_STEPS, TrainConfig
from lstm_viz.core.params import CellParams
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.refusal import Refusal
from lstm_viz.core.spec import CellSpec
from lstm_viz.tasks import Task
from lstm_viz.torch_backend import SequenceModel, resolve_device

PROGRESS_EVERY_S = 0.1
EVAL_EVERY = 25  # steps between held-out checks of the target
EVAL_BATCH = 512
EXPLODED = 1e4  # a loss this many times the first step's counts as diverged, finite or not


@dataclass(frozen=True)
class Progress:
    step: int  # steps done
    total: int
    loss: float
    metric: float
    seconds: float


@dataclass(frozen=True, eq=False)
class TrainResult:
    task: str
    config: TrainConfig
    history: list[tuple[int, float, float]]  # (step, loss, metric on the training batch)
    final_metric: float  # on a held-out batch
    reached_target: bool
    model: TrainedModel  # the trained stack and read-out, NumPy (CellParams)
    snapshots: list[tuple[int, CellParams]] = field(repr=False)  # log-spaced, the first at step 0
    seconds: float
    device: str
    stop_code: str  # why it stopped: a key of the catalogues' train.STOPS ("target", "steps", "diverged", ...)
    stop_params: dict  # the numbers its words take (stop_words)
    steps_done: int = 0  # the updates in `model`: after a divergence, those of the last weights with a finite loss

    @property
    def stopped_reason(self) -> str:
        """Why it stopped, in English: "reached the target (accuracy 0.95) at step 350", "diverged: ..."."""
        return self.stop_words("en")

    def stop_words(self, lang: str = "en") -> str:
        """Why it stopped, in `lang`."""
        return stop_words(self.stop_code, self.stop_params, lang)

    @property
    def diverged(self) -> bool:
        return self.stop_code == "diverged"

    @property
    def stopped_on_request(self) -> bool:
        """should_stop() said so (a user's Stop, or a job that nobody watched)."""
        return self.stop_code in ("stopped", "orphaned")

    @property
    def params(self) -> CellParams:
        return self.model.params

    @property
    def head(self) -> tuple[np.ndarray, np.ndarray]:
        return self.model.W_out, self.model.b_out


def snapshot_steps(total: int, count: int = 20) -> list[int]:
    """About `count` log-spaced steps in [0, total], the first 0 and the last `total`."""
    if total <= 0:
        return [0]
    grid = np.unique(np.rint(np.geomspace(1, total, count - 1)).astype(int))
    return [0, *grid.tolist()]


def cell_spec(config: TrainConfig) -> CellSpec:
    """The spec of the config's cell with its options; ValueError names the field (cell, activation, ...)."""
    if not isinstance(config.cell, str) or config.cell not in cells.known():
        raise Refusal("train.cell", cell=repr(str(config.cell)[:40]), cells=", ".join(cells.known()))
    options = {"activation": config.activation, "recurrent_activation": config.recurrent_activation}
    return cells.spec(config.cell, **{k: v for k, v in options.items() if v is not None})


def validate(config: TrainConfig, task: Task) -> CellSpec:
    """Every field checked before anything is allocated (the bounds: core.config.INT_BOUNDS); ValueError names the
    first bad one and what it accepts. Returns the cell's spec. A bad learning rate is not an error: the run
    then changes nothing and says so."""
    spec = cell_spec(config)
    for name, (lo, hi) in INT_BOUNDS.items():
        value = getattr(config, name)
        if name == "seq_len":
            lo = max(lo, task.min_len)
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise Refusal("train.whole_number", name=name, lo=f"{lo:,}", hi=f"{hi:,}", value=f"{value!r:.40}")
    if config.batch_size * config.seq_len > MAX_BATCH_STEPS:
        raise Refusal("train.batch_steps", limit=f"{MAX_BATCH_STEPS:,}", batch=f"{config.batch_size:,}",
                      seq_len=f"{config.seq_len:,}")  # fmt: skip
    for name, limit in MAX_ABS_FLOAT.items():
        value = getattr(config, name)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if not ok or abs(value) > limit or (name == "grad_clip" and value <= 0):
            if name == "grad_clip":
                raise Refusal("train.positive", name=name, limit=f"{limit:g}", value=f"{value!r:.40}")
            raise Refusal("train.finite", name=name, low=f"{-limit:g}", limit=f"{limit:g}", value=f"{value!r:.40}")
    if not isinstance(config.lr, int | float) or isinstance(config.lr, bool):
        raise Refusal("train.lr", value=f"{config.lr!r:.40}")
    return spec


def build(task: Task, config: TrainConfig, device: torch.device) -> SequenceModel:
    """The model of the config's cell and stack, its initial weights drawn from config.seed alone (the same
    weights torch.manual_seed(seed) gives, without touching the process's generator)."""
    spec = cell_spec(config)
    model = SequenceModel(spec, task.input_size, config.hidden_size, task.output_size, config.num_layers,
                          task.kind.seq2seq, seed=config.seed)  # fmt: skip
    model.add_forget_bias(config.forget_bias)  # b_f of every layer, where the cell has a weighted forget gate
    return model.to(device)


def loss_fn(task: Task) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    if task.kind.output == "classification":
        ce = nn.CrossEntropyLoss()
        return lambda out, y: ce(out.reshape(-1, out.shape[-1]), y.reshape(-1))
    return lambda out, y: torch.mean((out[..., 0] - y) ** 2)


def to_model(net: SequenceModel, task: Task) -> TrainedModel:
    W_out, b_out = net.head_weights()
    return TrainedModel(task.name, net.recurrent_params(), W_out, b_out)


def train(
    task: Task,
    config: TrainConfig,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    validate(config, task)
    device = resolve_device(config.device)
    threads = torch.get_num_threads()
    if device.type == "cpu":
        torch.set_num_threads(config.threads)
    try:
        return _train(task, config, device, on_progress, should_stop)
    finally:
        torch.set_num_threads(threads)


def _train(task, config, device, on_progress, should_stop) -> TrainResult:
    rng = np.random.default_rng(config.seed)
    held_out = task.held_out_batch(EVAL_BATCH, config.seq_len, np.random.default_rng([config.seed, 1]))
    y_dtype = torch.long if task.kind.output == "classification" else torch.float32
    net = build(task, config, device)
    lr = config.lr if math.isfinite(config.lr) and config.lr > 0 else 0.0
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    criterion = loss_fn(task)
    params = list(net.parameters())
    last_good = [p.detach().clone() for p in params]
    due = set(snapshot_steps(config.steps))
    snapshots = [(0, net.recurrent_params())]
    history: list[tuple[int, float, float]] = []
    stop_code, stop_params = "steps", {"steps": config.steps}
    if lr == 0.0:
        stop_code, stop_params = "lr", {"lr": repr(config.lr)}
    reached = diverged = False
    first_loss = math.nan
    t0 = last_report = time.perf_counter()

    def held_out_metric() -> float:
        return evaluate(net, task, held_out, device)

    step = 0
    while step < config.steps and lr > 0:
        if should_stop is not None and should_stop():
            stop_code, stop_params = "stopped", {"step": step}
            break
        x, y = task.make_batch(config.batch_size, config.seq_len, rng)
        x_t = torch.as_tensor(x, dtype=torch.float32, device=device)
        y_t = torch.as_tensor(y, dtype=y_dtype, device=device)
        out = net(x_t)
        loss = criterion(out, y_t)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        loss_value = loss.item()
        grad_norm = float(nn.utils.clip_grad_norm_(params, config.grad_clip))  # NaN or inf if any gradient is
        if step == 0:
            first_loss = loss_value
        exploded = loss_value > EXPLODED * first_loss > 0
        if exploded or not (math.isfinite(loss_value) and math.isfinite(grad_norm)):
            diverged = True
            bad_loss = exploded or not math.isfinite(loss_value)
            kept_step = max(step - 1, 0) if bad_loss else step  # a NaN gradient at a finite loss: keep these
            cause = "exploded" if exploded else "loss" if bad_loss else "gradient"
            stop_code = "diverged"
            stop_params = {"cause": cause, "step": step, "kept": kept_step, "loss": loss_value,
                           "first_loss": first_loss, "factor": EXPLODED}  # fmt: skip
            break
        with torch.no_grad():
            torch._foreach_copy_(last_good, params)  # weights that gave a finite loss, kept in case the next do not
        opt.step()
        step += 1
        metric = task.evaluate(out.detach().cpu().numpy(), y)
        history.append((step, loss_value, metric))
        if step in due:
            snapshots.append((step, net.recurrent_params()))
        now = time.perf_counter()
        if on_progress is not None and now - last_report >= PROGRESS_EVERY_S:
            on_progress(Progress(step, config.steps, loss_value, metric, now - t0))
            last_report = now
        if step % EVAL_EVERY == 0 and task.reached(metric) and task.reached(held_out_metric()):
            reached = True
            stop_code, stop_params = "target", {"metric": task.metric, "target": task.target, "step": step}
            break
    if diverged:
        if kept_step < step:
            with torch.no_grad():
                for good, p in zip(last_good, params):
                    p.copy_(good)
        step = kept_step
        snapshots = [(k, snap) for k, snap in snapshots if k <= step]  # none of the weights that blew up
    if snapshots[-1][0] != step:
        snapshots.append((step, net.recurrent_params()))
    final_metric = held_out_metric()
    reached = reached or task.reached(final_metric)
    seconds = time.perf_counter() - t0
    if on_progress is not None:
        last = history[step - 1] if history and step > 0 else (step, float("nan"), final_metric)
        on_progress(Progress(step, config.steps, last[1], last[2], seconds))
    return TrainResult(
        task=task.name,
        config=config,
        history=history,
        final_metric=final_metric,
        reached_target=reached,
        model=to_model(net, task),
        snapshots=snapshots,
        seconds=seconds,
        device=str(device),
        stop_code=stop_code,
        stop_params=stop_params,
        steps_done=step,
    )


def stop_words(code: str, params: dict, lang: str = "en") -> str:
    """Why a training stopped (TrainResult.stop_code and stop_params), in `lang`: "finished all 500 steps"."""
    w = words.of(lang).train
    if code == "diverged":
        return w.STOPS[code].format(detail=diverged_words(params, lang))
    if "metric" in params:
        params = params | {"metric": w.METRICS.get(params["metric"], params["metric"])}
    return w.STOPS[code].format(**params)


def diverged_words(params: dict, lang: str = "en") -> str:
    """Which weights gave what, and which were kept, every step number the same kind: "after step k" is the
    weights after k updates. The initial weights with a bad loss leave nothing trained."""
    w = words.of(lang).train
    step = params["step"]
    weights = w.DIVERGED_WEIGHTS["initial" if step == 0 else "after"].format(step=step)
    cause = w.DIVERGED_CAUSE[params["cause"]].format(**(params | {"weights": weights}))
    kept = "nothing" if step == 0 and params["cause"] != "gradient" else "kept"
    return w.DIVERGED_KEPT[kept].format(cause=cause, kept=params["kept"])


def evaluate(net: SequenceModel, task: Task, batch: tuple[np.ndarray, np.ndarray], device) -> float:
    x, y = batch
    with torch.no_grad():
        out = net(torch.as_tensor(x, dtype=torch.float32, device=device))
    return task.evaluate(out.cpu().numpy(), y)
