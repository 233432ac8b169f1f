"""TrainConfig: the hyper-parameters of one training run. Plain data, no torch, no logic."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


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
    threads: int = 2  # torch's CPU threads during the run, so one training cannot starve a server

    def replace(self, **changes) -> TrainConfig:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)
