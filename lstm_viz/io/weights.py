"""Weights files: a TrainedModel and its TrainConfig as safetensors, never a pickle.

A file holds five float32 tensors, W_x (4, H, D), W_h (4, H, H), b (4, H), W_out (K, H) and
b_out (K,), and string metadata: the format tag, the task's name and the config as JSON.
`from_bytes` is written for files from strangers (uploads): it checks the size, the header,
the names, dtypes and shapes against the task, and that every number is finite, and answers a
bad file with a ValueError that names the problem. Nothing here can execute code from a file.
"""

from __future__ import annotations

import json
import struct
from dataclasses import fields
from pathlib import Path

import numpy as np

from lstm_viz import tasks
from lstm_viz.core.config import TrainConfig
from lstm_viz.core.params import LSTMParams
from lstm_viz.core.readout import TrainedModel

FORMAT = "lstm-viz/1"
MAX_BYTES = 2_000_000  # an upload larger than this is refused before it is read (H = 256 is about 1.1 MB)
MAX_HIDDEN = 256
TENSORS = ("W_x", "W_h", "b", "W_out", "b_out")


def to_bytes(model: TrainedModel, config: TrainConfig | None = None) -> bytes:
    from safetensors.numpy import save

    p = model.params
    arrays = dict(zip(TENSORS, (p.W_x, p.W_h, p.b, model.W_out, model.b_out)))
    tensors = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
    metadata = {"format": FORMAT, "task": model.task, "config": json.dumps(config.to_dict() if config else {})}
    return save(tensors, metadata=metadata)


def save(path: str | Path, model: TrainedModel, config: TrainConfig | None = None) -> None:
    Path(path).write_bytes(to_bytes(model, config))


def load(path: str | Path) -> tuple[TrainedModel, TrainConfig | None]:
    return from_bytes(Path(path).read_bytes())


def from_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> tuple[TrainedModel, TrainConfig | None]:
    """The model (float64 NumPy) and its config (None if the file has none) from a weights file's bytes."""
    metadata = read_header(data, max_bytes)
    task = task_of(metadata)
    from safetensors.numpy import load as load_tensors

    try:
        arrays = load_tensors(bytes(data))
    except Exception as err:  # the Rust reader's errors: truncated data, bad offsets, unknown dtypes
        raise ValueError(f"not a readable safetensors file ({err})") from None
    missing = [k for k in TENSORS if k not in arrays]
    if missing:
        raise ValueError(f"missing tensors {', '.join(missing)}: expected {', '.join(TENSORS)}")
    for name in TENSORS:
        if arrays[name].dtype.kind != "f":
            raise ValueError(f"{name}: expected floating-point numbers, got {arrays[name].dtype}")
        if not np.all(np.isfinite(arrays[name])):
            raise ValueError(f"{name}: contains NaN or infinite values")
    check_shapes(arrays, task)
    params = LSTMParams(*(arrays[k].astype(np.float64) for k in ("W_x", "W_h", "b")))
    model = TrainedModel(task.name, params, arrays["W_out"].astype(np.float64), arrays["b_out"].astype(np.float64))
    return model, config_of(metadata)


def read_header(data: bytes, max_bytes: int) -> dict[str, str]:
    """The metadata of a safetensors file, after checks that name what is wrong with it."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValueError("expected the bytes of a .safetensors file")
    n = len(data)
    if n > max_bytes:
        raise ValueError(f"file too large: {n:,} bytes (the limit is {max_bytes:,})")
    if n < 8:
        raise ValueError(f"not a safetensors file: only {n} bytes")
    (size,) = struct.unpack("<Q", bytes(data[:8]))
    try:
        if size > n - 8:
            raise ValueError
        header = json.loads(bytes(data[8 : 8 + size]).decode("utf-8"))
    except ValueError:  # also UnicodeDecodeError and JSONDecodeError
        raise ValueError(diagnose(bytes(data[:9]), size, n)) from None
    if not isinstance(header, dict):
        raise ValueError("not a safetensors file: its header is not a JSON object")
    metadata = header.get("__metadata__") or {}
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ValueError(f"a safetensors file, but not one written by lstm-viz (no format tag {FORMAT!r})")
    return metadata


def diagnose(head: bytes, size: int, n: int) -> str:
    """Why the bytes are not a safetensors file, in words."""
    if head[8:9] == b"{" and size > n - 8:
        return "a truncated safetensors file: the header runs past the end of the file"
    if (head[:1] == b"\x80" and 1 <= head[1] <= 5) or head[:2] == b"PK":
        return (
            "this looks like a pickle or a torch .pt/.pth file; only .safetensors files are read "
            "(a pickle can run code, so it is never opened)"
        )
    return "not a safetensors file: it does not start with a safetensors header"


def task_of(metadata: dict[str, str]):
    name = metadata.get("task", "")
    if name not in tasks.names():
        raise ValueError(f"unknown task {str(name)[:40]!r}: expected one of {', '.join(tasks.names())}")
    return tasks.get(name)


def check_shapes(arrays: dict[str, np.ndarray], task) -> None:
    W_h = arrays["W_h"]
    if W_h.ndim != 3 or W_h.shape[0] != 4 or W_h.shape[1] != W_h.shape[2]:
        raise ValueError(f"W_h: expected shape (4, H, H), got {W_h.shape}")
    H, D, K = W_h.shape[1], task.input_size, task.output_size
    if not 1 <= H <= MAX_HIDDEN:
        raise ValueError(f"hidden size {H}: expected 1 to {MAX_HIDDEN}")
    want = {"W_x": (4, H, D), "b": (4, H), "W_out": (K, H), "b_out": (K,)}
    for name, shape in want.items():
        if arrays[name].shape != shape:
            raise ValueError(
                f"{name}: expected shape {shape} for task {task.name} with hidden size {H}, got {arrays[name].shape}"
            )


def config_of(metadata: dict[str, str]) -> TrainConfig | None:
    try:
        raw = json.loads(metadata.get("config") or "{}")
    except json.JSONDecodeError:
        return None
    known = {f.name for f in fields(TrainConfig)}
    if not isinstance(raw, dict) or not raw:
        return None
    try:
        return TrainConfig(**{k: v for k, v in raw.items() if k in known})
    except TypeError:
        return None
