"""Pre-trained presets: one small safetensors file per task and cell (lstm, gru, rnn), in lstm_viz/data/presets/
(<task>.safetensors for the LSTM, <task>.gru.safetensors, <task>.rnn.safetensors).

    python -m lstm_viz.io.presets                          # list every preset and check it against its task's target
    python -m lstm_viz.io.presets --rebuild                # retrain the LSTM presets on the CPU and rewrite the files
    python -m lstm_viz.io.presets --rebuild --cell gru counting brackets

A preset is the task's default_config() (with the changes in PRESET_CHANGES) trained with the
first seed (0, 1, 2, ...) whose run reaches a target stricter than the task's (a quarter of the
way from the target to perfect), so that it still clears the real target on samples it has never
seen. The seed and the whole config are stored in the file. A plain RNN that misses the bar is kept
anyway and labelled so (`reached`): a plain RNN failing a memory task is a lesson. Loading a preset
needs NumPy and safetensors, not torch.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from lstm_viz import tasks
from lstm_viz.core.config import TrainConfig
from lstm_viz.core.readout import TrainedModel
from lstm_viz.io import weights

PRESET_DIR = Path(__file__).parent.parent / "data" / "presets"  # lstm_viz/data/presets
CHECK_SEED = 2026  # fresh samples for the check: neither training nor its held-out batch used this seed
CHECK_BATCH = 1024
# remember_first: sequences twice as long and a stronger forget-gate bias make the memory survive
# 29 distractors, which favours the textbook picture a class should see: a unit whose input gate
# opens on the first symbol and then mostly stays shut while its forget gate holds C.
PRESET_CHANGES = {"remember_first": dict(seq_len=30, forget_bias=3.0)}


PRESET_CELLS = ("lstm", "gru", "rnn")  # the cells that have presets, for every task
MAX_SEEDS = {"lstm": 6, "gru": 4, "rnn": 2}  # seeds tried before a preset that misses the bar is kept as it is


def path(name: str, cell: str = "lstm") -> Path:
    if cell not in PRESET_CELLS:
        raise ValueError(f"cell: no presets for {str(cell)[:40]!r}; presets exist for {', '.join(PRESET_CELLS)}")
    suffix = "" if cell == "lstm" else f".{cell}"
    return PRESET_DIR / f"{tasks.get(name).name}{suffix}.safetensors"


def available(name: str) -> list[str]:
    """The cells that have a preset file for the task, lstm first."""
    return [cell for cell in PRESET_CELLS if path(name, cell).is_file()]


def load(name: str, cell: str = "lstm") -> tuple[TrainedModel, TrainConfig | None]:
    """The task's preset model of this cell (float64 NumPy) and the config it was trained with."""
    return weights.load(path(name, cell))


def reached(name: str, cell: str = "lstm") -> bool:
    """Whether the preset reached the task's target when it was built (a plain RNN's may not: it is kept, and said)."""
    metadata = weights.read_header(path(name, cell).read_bytes(), weights.MAX_BYTES)
    return metadata.get("reached", "true") == "true"


def check(name: str, model: TrainedModel | None = None, cell: str = "lstm") -> float:
    """The model's (default: the preset's) metric on fresh held-out samples, computed by the NumPy cells."""
    task = tasks.get(name)
    model = model if model is not None else load(name, cell)[0]
    x, y = task.held_out_batch(CHECK_BATCH, task.default_config().seq_len, np.random.default_rng(CHECK_SEED))
    return task.evaluate(model.predict(x, task.kind.seq2seq), y)


def preset_bar(task):
    """The task's target moved a quarter of the way to perfect (accuracy 1, mse 0): what a preset must reach."""
    t = task.target
    return (lambda v: v >= t + (1 - t) / 4) if task.higher_is_better else (lambda v: v <= 0.75 * t)


def rebuild(names: list[str], cell: str = "lstm", log=print) -> None:
    """Train the presets of `cell` for these tasks. A gru or lstm that misses the bar for every seed stops the
    rebuild; a plain RNN's last try is kept and labelled `reached: false` (that it cannot is the lesson)."""
    from lstm_viz.training import train  # torch only for rebuilding

    PRESET_DIR.mkdir(parents=True, exist_ok=True)
    for name in names:
        task = tasks.get(name)
        config = task.default_config().replace(device="cpu", steps=2 * task.default_config().steps, cell=cell)
        config = config.replace(**PRESET_CHANGES.get(name, {}))
        for seed in range(MAX_SEEDS[cell]):
            t0 = time.perf_counter()
            result = train(tasks.Retargeted(task, preset_bar(task)), config.replace(seed=seed))
            metric = check(name, result.model)
            log(
                f"{name:<20} seed {seed}: {result.history[-1][0] if result.history else 0:>5} steps, "
                f"{time.perf_counter() - t0:5.1f}s, held-out {task.metric} {result.final_metric:.4f}, "
                f"fresh {metric:.4f} ({'ok' if task.reached(metric) else 'short'})"
            )
            if result.reached_target and task.reached(metric):
                weights.save(path(name, cell), result.model, result.config, reached="true")
                break
        else:
            if cell != "rnn":
                raise SystemExit(f"{name}: no {cell} seed reached the preset bar; preset left unchanged")
            weights.save(path(name, cell), result.model, result.config, reached=str(task.reached(metric)).lower())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m lstm_viz.io.presets", description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="retrain and rewrite the preset files")
    ap.add_argument("--cell", choices=PRESET_CELLS, help="only this cell (default: list all; rebuild: lstm)")
    ap.add_argument("tasks", nargs="*", default=tasks.names(), help="task names (default: all)")
    args = ap.parse_args(argv)
    if args.rebuild:
        rebuild(args.tasks, args.cell or "lstm")
    for name in args.tasks:
        task = tasks.get(name)
        for cell in [args.cell] if args.cell else available(name):
            model, config = load(name, cell)
            metric = check(name, model)
            sign = ">=" if task.higher_is_better else "<="
            label = "" if reached(name, cell) else " (kept, labelled: did not reach the target)"
            print(
                f"{name:<20} {cell:<4} {path(name, cell).stat().st_size:>6,} bytes  H={model.params.hidden_size:<3} "
                f"seed {config.seed if config else '?'}  {task.metric} {metric:.4f} (target {sign} {task.target:g}): "
                f"{'reached' if task.reached(metric) else 'NOT REACHED'}{label}"
            )


if __name__ == "__main__":
    main()
