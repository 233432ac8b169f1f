"""TrainConfig: the hyper-parameters of one training run. Plain data, no torch, no logic."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from lstm_viz.core.params import MAX_LAYERS

# What `training.train` accepts, checked before anything is allocated (the Train live form is narrower; a
# weights file's config narrower still where the page reuses a value). Each integer field's (low, high).
INT_BOUNDS = {
    "num_layers": (1, MAX_LAYERS),
    "hidden_size": (1, 1024),
    "seq_len": (1, 10_000),  # and at least the task's minimum
    "batch_size": (1, 4096),
    "steps": (0, 1_000_000),
    "seed": (0, 2**63 - 1),
    "threads": (1, 64),
}
MAX_BATCH_STEPS = 1_000_000  # batch_size x seq_len: the steps of one batch (its input is that times D floats)
TRAINING_SLOTS = 2  # trainings that run at once on one server (lstm_viz.training.jobs); the others wait their turn
MAX_ABS_FLOAT = {"forget_bias": 100.0, "grad_clip": 1e6}  # finite, |value| at most this (grad_clip above 0)


@dataclass(frozen=True)
class TrainConfig:
    cell: str = "lstm"  # any name of lstm_viz.core.cells.names(): "lstm", "gru", "rnn", "lstm_nfg", ...
    num_layers: int = 1  # 1 to 3: a stack, layer l+1 reads layer l's h
    activation: str | None = None  # the candidate's and h's squashing (Keras' activation); None: the cell's own
    recurrent_activation: str | None = None  # the gates' function (Keras' recurrent_activation); None: sigmoid
    hidden_size: int = 16
    seq_len: int = 20
    batch_size: int = 64
    steps: int = 1000
    lr: float = 1e-2
    grad_clip: float = 1.0
    forget_bias: float = 1.0
    seed: int = 0
    device: str = "auto"  # "auto" (CUDA when torch sees one), "cpu" or "cuda"
    threads: int = 1  # torch's CPU threads during the run: 1 is 3 to 5x faster than 2 beside another busy process
    # (benchmarks/bench_threads.py), and a training server always has one: another training, the pages

    def replace(self, **changes) -> TrainConfig:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)
