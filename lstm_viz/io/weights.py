"""Weights files: a TrainedModel and its TrainConfig as safetensors, never a pickle.

A file ("lstm-viz/2") holds float32 tensors, one per parameter block of each layer of the cell
("l0.W_x", "l0.W_h", "l0.b", a GRU's "l0.b_hn", ...) and the read-out W_out (K, H), b_out (K,), and
string metadata: the format tag, the task's name, the cell's key (spec.key: "gru",
"lstm(activation=relu)"), the number of layers and the config as JSON. Files of the first format
("lstm-viz/1": W_x (4, H, D), W_h (4, H, H), b (4, H), W_out, b_out) open as a one-layer LSTM.
`from_bytes` is written for files from strangers (uploads): it checks the size, how many brackets the
header's JSON holds and how deep they nest (before it is parsed), every metadata field's type and range
(the config's fields included: a file with a bad one is refused, naming the field), then every tensor's
name, dtype and shape as the header declares them against the declared cell, layers and task before any
array is built, then that every number is finite, and answers a bad file with a Refusal (a ValueError with a
code: lstm_viz/words/*/train.py ERRORS) that names the problem. No number a file declares is used to allocate
before it is bounded. A well-formed config that describes other weights than the file's (another cell, layers or
hidden size) is dropped, not trusted.
Nothing here can execute code from a file.
"""

from __future__ import annotations

import json
import math
import re
import struct
from dataclasses import fields
from pathlib import Path

import numpy as np

from lstm_viz import tasks
from lstm_viz.core import cells
from lstm_viz.core.config import INT_BOUNDS, MAX_ABS_FLOAT, MAX_BATCH_STEPS, TrainConfig
from lstm_viz.core.params import MAX_LAYERS, CellParams
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.refusal import Refusal
from lstm_viz.tasks.base import MAX_CUSTOM_LEN

FORMAT = "lstm-viz/2"
FORMAT_V1 = "lstm-viz/1"
MAX_BYTES = 2_000_000  # an upload larger than this is refused before it is read (H = 256 is about 1.1 MB)
MAX_HIDDEN = 256
FLOAT_DTYPES = ("F16", "F32", "F64")  # safetensors' names
# A lstm-viz header: {name: {dtype, shape: [...], data_offsets: [...]}} for at most about 20 tensors, and the
# metadata's config, one flat JSON object in a string. JSON past these bounds is refused before it is parsed.
MAX_JSON_ITEMS = 2_000  # brackets and strings in the header (about 10 a tensor)
MAX_DEPTH = 4  # nesting of the header (3); the config is one flat object
MAX_CONFIG_CHARS = 4_000
MAX_METADATA = 16  # metadata fields


def to_bytes(model: TrainedModel, config: TrainConfig | None = None, extra: dict[str, str] | None = None) -> bytes:
    from safetensors.numpy import save

    p = model.params
    arrays = {f"l{n}.{k}": v for n, layer in enumerate(p.layers) for k, v in layer.items()}
    arrays |= {"W_out": model.W_out, "b_out": model.b_out}
    tensors = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
    metadata = {"format": FORMAT, "task": model.task, "cell": p.spec.key, "num_layers": str(p.num_layers),
                "config": json.dumps(config.to_dict() if config else {})} | (extra or {})  # fmt: skip
    return save(tensors, metadata=metadata)


def save(path: str | Path, model: TrainedModel, config: TrainConfig | None = None, **extra: str) -> None:
    Path(path).write_bytes(to_bytes(model, config, extra))


def load(path: str | Path) -> tuple[TrainedModel, TrainConfig | None]:
    return from_bytes(Path(path).read_bytes())


def from_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> tuple[TrainedModel, TrainConfig | None]:
    """The model (float64 NumPy) and its config (None if the file has none) from a weights file's bytes.

    Everything the header declares (the task, the cell, the layers, every tensor's name, dtype and shape)
    is checked before a single array is built; then every number must be finite."""
    declared, metadata = parse_header(data, max_bytes)
    task = task_of(metadata)
    spec, num_layers = cell_of(metadata)
    config = config_of(metadata, task)  # every field's type and range, before anything is built
    if metadata.get("format") == FORMAT_V1:  # one LSTM layer, blocks without a layer prefix
        declared = {(f"l0.{k}" if k in ("W_x", "W_h", "b") else k): v for k, v in declared.items()}
    shapes = declared_shapes(declared)
    want = expected_shapes(shapes, spec, num_layers, task)
    missing = [k for k in want if k not in shapes]
    if missing:
        raise Refusal("train.missing", missing=", ".join(missing), cell=spec.key, layers=num_layers,
                      want=", ".join(want))  # fmt: skip
    extra = sorted(set(shapes) - set(want))
    if extra:
        raise Refusal("train.extra", name=extra[0], cell=spec.key, layers=num_layers)
    for name, shape in want.items():
        dtype = declared[name].get("dtype")
        if dtype not in FLOAT_DTYPES:
            raise Refusal("train.dtype", name=name, dtype=str(dtype)[:10])
        if shapes[name] != shape:
            raise Refusal("train.shape", name=name, want=str(shape), cell=spec.key, task=task.name,
                          got=str(shapes[name]))  # fmt: skip
    need, have = data_needed(declared), len(data) - 8 - struct.unpack("<Q", bytes(data[:8]))[0]
    if need is not None and need != have:  # a truncated file, or one with bytes nobody declared
        raise Refusal("train.data_size", need=f"{need:,}", have=f"{have:,}")
    from safetensors.numpy import load as load_tensors

    try:
        arrays = load_tensors(bytes(data))
    except Exception as err:  # the Rust reader's errors: truncated data, bad offsets
        raise Refusal("train.unreadable", reason=str(err)) from None
    if metadata.get("format") == FORMAT_V1:
        arrays = {(f"l0.{k}" if k in ("W_x", "W_h", "b") else k): v for k, v in arrays.items()}
    for name, shape in want.items():
        if arrays[name].shape != shape or arrays[name].dtype.kind != "f":  # the reader agrees with the header
            raise Refusal("train.data_header", name=name)
        if not np.all(np.isfinite(arrays[name])):
            raise Refusal("train.not_finite", name=name)
    layers = tuple(
        {b.name: arrays[f"l{n}.{b.name}"].astype(np.float64) for b in spec.blocks} for n in range(num_layers)
    )
    model = TrainedModel(task.name, CellParams(spec, layers), arrays["W_out"].astype(np.float64),
                         arrays["b_out"].astype(np.float64))  # fmt: skip
    return model, (config if fits(config, model.params) else None)


def data_needed(declared: dict) -> int | None:
    """The bytes after the header that the tensors' data_offsets cover (None when an entry has none that reads:
    the safetensors reader then says what is wrong)."""
    offsets = [entry.get("data_offsets") for entry in declared.values()]
    if not all(isinstance(o, list) and len(o) == 2 and all(type(n) is int for n in o) for o in offsets):
        return None
    return max((o[1] for o in offsets), default=0)


def cell_of(metadata: dict[str, str]):
    """The cell's spec and the number of layers a file declares (a first-format file: one LSTM layer)."""
    if metadata.get("format") == FORMAT_V1:
        return cells.spec("lstm"), 1
    spec = cells.from_key(str(metadata.get("cell", ""))[:100])
    raw = metadata.get("num_layers", "")
    if not re.fullmatch(r"[0-9]{1,3}", raw):
        raise Refusal("train.layers_text", raw=repr(raw[:20]))
    num_layers = int(raw)
    if not 1 <= num_layers <= MAX_LAYERS:
        raise Refusal("train.layers_range", most=MAX_LAYERS, layers=num_layers)
    return spec, num_layers


def declared_shapes(declared: dict) -> dict[str, tuple[int, ...]]:
    """Each tensor's shape as the header declares it; ValueError names an entry that is not a plain shape."""
    shapes = {}
    for name, entry in declared.items():
        shape = entry.get("shape") if isinstance(entry, dict) else None
        ok = isinstance(shape, list) and len(shape) <= 4
        if not ok or not all(type(n) is int and 0 <= n <= MAX_BYTES for n in shape):
            raise Refusal("train.no_shape", name=str(name)[:40])
        shapes[str(name)] = tuple(shape)
    return shapes


def expected_shapes(shapes: dict[str, tuple[int, ...]], spec, num_layers: int, task) -> dict[str, tuple[int, ...]]:
    """Every tensor's shape for this cell, these layers and this task; H is read from l0.W_h (bounded first)."""
    W_h = shapes.get("l0.W_h")
    if W_h is None or len(W_h) != 3 or W_h[1] != W_h[2]:
        raise Refusal("train.recurrent_shape", gates=len(spec.weighted), cell=spec.key, got=str(W_h))
    H, D, K = W_h[1], task.input_size, task.output_size
    if not 1 <= H <= MAX_HIDDEN:
        raise Refusal("train.hidden", hidden=H, most=MAX_HIDDEN)
    want = {}
    for n in range(num_layers):
        want |= {f"l{n}.{k}": shape for k, shape in spec.shapes(D if n == 0 else H, H).items()}
    return want | {"W_out": (K, H), "b_out": (K,)}


def read_header(data: bytes, max_bytes: int) -> dict[str, str]:
    """The metadata of a lstm-viz safetensors file, after checks that name what is wrong with it."""
    return parse_header(data, max_bytes)[1]


def parse_header(data: bytes, max_bytes: int) -> tuple[dict, dict[str, str]]:
    """The tensors a safetensors file declares ({name: {dtype, shape, data_offsets}}) and its metadata, after
    checks that name what is wrong with it; no tensor is read."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise Refusal("train.not_bytes")
    n = len(data)
    if n > max_bytes:
        raise too_large(n, max_bytes)
    if n < 8:
        raise Refusal("train.too_short", size=n)
    (size,) = struct.unpack("<Q", bytes(data[:8]))
    try:
        if size > n - 8:
            raise ValueError
        text = bytes(data[8 : 8 + size]).decode("utf-8")
    except ValueError:  # also UnicodeDecodeError
        raise diagnose(bytes(data[:9]), size, n) from None
    if not text.startswith("{"):
        raise diagnose(bytes(data[:9]), size, n)
    header = bounded_json(text, HEADER, MAX_DEPTH)
    if not isinstance(header, dict):
        raise Refusal("train.header_not_object")
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or metadata.get("format") not in (FORMAT, FORMAT_V1):
        raise Refusal("train.not_ours", tag=repr(FORMAT))
    check_metadata(metadata)
    return header, metadata


def too_large(size: int, limit: int = MAX_BYTES) -> Refusal:
    """A file refused for its size alone (an upload is, before it is read)."""
    return Refusal("train.too_large", size=f"{size:,}", limit=f"{limit:,}")


HEADER = "the header"  # bounded_json's `what` for a safetensors header: its refusals have their own words
_TOKEN = re.compile(r'[\[\]{}"]')  # what the scan stops at: a bracket or the start of a string
_REST_OF_STRING = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # brackets in a string do not nest


def bounded_json(text: str, what: str, max_depth: int, max_items: int = MAX_JSON_ITEMS):
    """json.loads(text) after a scan, linear in the text, that bounds how deep its brackets nest and how many
    brackets and strings it holds (json.loads recurses once a level: 1,900,000 "[" are a RecursionError).
    A Refusal names `what` (a name: config, config.json; HEADER, a safetensors header) and the bound."""
    header = what == HEADER
    depth = items = pos = 0
    while token := _TOKEN.search(text, pos):
        pos = token.end()
        items += 1
        if items > max_items:
            if header:
                raise Refusal("train.header_items", limit=f"{max_items:,}")
            raise Refusal("train.json_items", what=what, limit=f"{max_items:,}")
        if token.group() == '"':
            rest = _REST_OF_STRING.match(text, pos)
            if rest is None:
                break  # an unterminated string: json.loads says so
            pos = rest.end()
        elif token.group() in "[{":
            depth += 1
            if depth > max_depth:
                if header:
                    raise Refusal("train.header_deep", depth=max_depth)
                raise Refusal("train.json_deep", what=what, depth=max_depth)
        else:
            depth -= 1
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise (Refusal("train.header_json") if header else Refusal("train.json_invalid", what=what)) from None


def check_metadata(metadata: dict) -> None:
    """Every metadata field is text, and a bounded one (the config is read by config_of)."""
    if len(metadata) > MAX_METADATA:
        raise Refusal("train.metadata_fields", count=len(metadata), limit=MAX_METADATA)
    for key, value in metadata.items():
        if not isinstance(value, str):
            raise Refusal("train.metadata_text", key=str(key)[:40], kind=type(value).__name__)
        limit = MAX_CONFIG_CHARS if key == "config" else 200
        if len(value) > limit:
            raise Refusal("train.metadata_long", key=str(key)[:40], length=f"{len(value):,}", limit=f"{limit:,}")


def diagnose(head: bytes, size: int, n: int) -> Refusal:
    """Why the bytes are not a safetensors file."""
    if head[8:9] == b"{" and size > n - 8:
        return Refusal("train.truncated")
    if (head[:1] == b"\x80" and 1 <= head[1] <= 5) or head[:2] == b"PK":
        return Refusal("train.pickle")  # a pickle can run code: it is never opened
    return Refusal("train.not_safetensors")


def task_of(metadata: dict[str, str]):
    name = metadata.get("task", "")
    if name not in tasks.names():
        raise Refusal("train.task", task=repr(str(name)[:40]), tasks=", ".join(tasks.names()))
    return tasks.get(name)


# bounds on what a file's config may say: the page reuses seq_len (and shows the rest), so a stranger's
# file must not make it build a sequence of a billion steps
INT_LIMITS = INT_BOUNDS | {"hidden_size": (1, MAX_HIDDEN), "seq_len": (1, MAX_CUSTOM_LEN), "seed": (0, 2**32 - 1)}


def config_of(metadata: dict[str, str], task=None) -> TrainConfig | None:
    """The file's TrainConfig, or None when it has none; ValueError names a field of the wrong type or out of
    range (then the file is refused)."""
    raw = bounded_json(metadata.get("config") or "{}", "config", max_depth=2)  # one flat object (2: a field's
    # value of the wrong type, a list, is named by the field)
    if not isinstance(raw, dict):
        raise Refusal("train.config_object", kind=type(raw).__name__)
    if not raw:
        return None
    defaults = TrainConfig()
    values = {name: config_value(name, raw[name], getattr(defaults, name), task) for name in
              (f.name for f in fields(TrainConfig)) if name in raw}  # fmt: skip
    config = TrainConfig(**values)
    if config.batch_size * config.seq_len > MAX_BATCH_STEPS:
        raise Refusal("train.config_batch", limit=f"{MAX_BATCH_STEPS:,}", batch=f"{config.batch_size:,}",
                      seq_len=f"{config.seq_len:,}")  # fmt: skip
    try:
        config_spec(config)
    except ValueError as err:  # the cells' words (core.cells), after the field's place: "config.activation: ..."
        raise Refusal("train.config_cell", reason=err) from None  # a Refusal said in the reader's language
    return config


def config_spec(config: TrainConfig):
    options = {k: v for k in ("activation", "recurrent_activation") if (v := getattr(config, k)) is not None}
    return cells.spec(config.cell, **options)


def fits(config: TrainConfig | None, params: CellParams) -> bool:
    """Whether a (checked) config describes these weights: their cell, layers and hidden size. One that does not
    is dropped: the weights still open."""
    if config is None:
        return False
    return (config_spec(config), config.num_layers, config.hidden_size) == (
        params.spec, params.num_layers, params.hidden_size)  # fmt: skip


def config_value(name: str, value, default, task):
    """One field of a file's config, checked by the type of its default and the bounds; ValueError names it."""
    got = json.dumps(value)[:40]
    if type(default) is int:
        lo, hi = INT_LIMITS.get(name, (0, 10**6))
        if name == "seq_len" and task is not None:
            lo = max(lo, task.min_len)
        if type(value) is not int or not lo <= value <= hi:
            raise Refusal("train.config_whole", name=name, lo=f"{lo:,}", hi=f"{hi:,}", value=got)
        return value
    if type(default) is float:
        limit = MAX_ABS_FLOAT.get(name, math.inf)
        ok = type(value) in (int, float) and math.isfinite(value) and abs(value) <= limit
        positive = name in ("grad_clip", "lr")
        if ok and not (positive and value <= 0):
            return float(value)
        if positive and math.isfinite(limit):
            raise Refusal("train.config_positive_to", name=name, limit=f"{limit:g}", value=got)
        if positive:
            raise Refusal("train.config_positive", name=name, value=got)
        if math.isfinite(limit):
            raise Refusal("train.config_finite", name=name, low=f"{-limit:g}", limit=f"{limit:g}", value=got)
        raise Refusal("train.config_number", name=name, value=got)
    if value is None and default is None:  # activation, recurrent_activation: the cell's own
        return None
    if name == "device":
        if not isinstance(value, str) or not re.fullmatch(r"auto|cpu|cuda(:[0-9]{1,2})?|mps", value):
            raise Refusal("train.config_device", value=got)
        return value
    if not isinstance(value, str) or not re.fullmatch(r"[a-z_0-9]{1,40}", value):
        raise Refusal("train.config_name", name=name, value=got)
    return value
