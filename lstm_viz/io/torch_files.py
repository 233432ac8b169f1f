"""PyTorch state_dicts, from .safetensors (parsed here) or .pt / .pth (torch.load(weights_only=True) only),
as an ImportedModel whose predict is the forward of a module of this form::

    class Net(nn.Module):                      # any attribute names; batch_first or not
        emb = nn.Embedding(V, D)               # optional: without it x is numbers (B, T, D)
        rnn = nn.LSTM(D, H, num_layers=L)      # or nn.GRU, nn.RNN; L = 1..3; unidirectional, no proj_size
        fc = nn.Linear(H, K)                   # optional
        def forward(self, x):                  # x (B, T) token ids
            out, _ = self.rnn(self.emb(x))     # (B, T, H)
            return act(self.fc(out[:, -1]))    # readout_at="last"; "all": act(self.fc(out)), (B, T, K)

A state_dict holds only tensors, so what its shapes say is inferred and the rest is asked for:
the cell (weight_hh_l0 is (G·H, H): G = 4 LSTM, 3 GRU, 1 RNN), the hidden size H, num_layers and the
embedding's and read-out's sizes are read from the shapes (and, when given, checked against them); an
nn.RNN's nonlinearity is not in the file and must be named (activation="tanh" or "relu"); where the read-out
looks (readout_at) and the function after it (output_activation) are the caller's, with the defaults above.
Which module is the embedding and which the read-out: a bias makes an nn.Linear, the read-out; a weight alone
is told by its width (D: an embedding, H: a bias-free read-out) and, when D == H, by its place in the
state_dict (its tensors before the recurrent module's: the embedding; after: the read-out). A .safetensors file
sorts its tensors by name, so there the other module must tell, or the tensor is refused by name. A Linear with
a bias whose tensors come before the recurrent module's and whose output it could read is an input layer, and
refused. A tensor that does not fit this form is refused by name. torch is imported only to read a .pt file.
"""

from __future__ import annotations

import io
import re
import struct

import numpy as np

from lstm_viz.core import cells
from lstm_viz.core.params import CellParams
from lstm_viz.io.file_limits import (
    MAX_HIDDEN,
    MAX_NUMBERS,
    MAX_TENSORS,
    Phrase,
    Refusal,
    check_numbers,
    file_part,
    finite,
    json_within,
    open_zip,
)
from lstm_viz.io.imported import OUTPUT_ACTIVATIONS, Dense, Embedding, ImportedModel, Recurrent

CELLS = {4: "lstm", 3: "gru", 1: "rnn"}  # G, the rows of the gate axis -> torch's cell
SAFETENSORS_DTYPES = {"F16": 2, "F32": 4, "F64": 8}
_PARAM = re.compile(r"(weight_ih|weight_hh|bias_ih|bias_hh)_l([0-9])")


def read_pt(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a torch.save'd state_dict (a zip), by torch.load(weights_only=True): a pickle of any
    other object is refused by torch itself. The zip's sizes are checked first, every tensor's after."""
    what = file_part(".pt")
    zf = open_zip(data, what)
    if not any(name.endswith("data.pkl") for name in zf.namelist()):
        raise Refusal("model.pt_no_pickle", what=what)
    import torch

    try:
        obj = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except Exception as err:  # weights_only's UnpicklingError, a damaged zip, a bad storage
        raise why_refused(err, what) from None
    if isinstance(obj, dict):
        for key in ("state_dict", "model_state_dict", "model"):
            if isinstance(obj.get(key), dict):
                obj = obj[key]  # a checkpoint {"model_state_dict": ..., "epoch": ...}
                break
    if not isinstance(obj, dict) or not obj:
        raise Refusal("model.pt_not_dict", what=what, kind=type(obj).__name__)
    if len(obj) > MAX_TENSORS:
        raise Refusal("model.too_many_tensors", what=what, count=len(obj), limit=MAX_TENSORS)
    budget = [MAX_NUMBERS]
    out = {}
    for name, t in obj.items():
        label = Phrase("tensor", name=str(name)[:80])
        if not isinstance(name, str) or not isinstance(t, torch.Tensor):
            raise Refusal("model.not_tensor", what=label, kind=type(t).__name__)
        if not t.is_floating_point() or t.dtype == torch.bfloat16:
            raise Refusal("model.tensor_dtype", what=label, dtype=str(t.dtype)[6:])
        check_numbers(label, tuple(t.shape), t.element_size(), budget)  # before a view is copied out
        out[name] = finite(label, t.detach().to(torch.float64).numpy())
    return out


def why_refused(err: Exception, what) -> Refusal:
    """The refusal of a file torch.load refused, with its reason in one plain line: the global a pickle asked for
    ("Unsupported global: GLOBAL builtins.open"), else the error's first line, without terminal colour codes."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(err).splitlines()]
    for line in lines:
        if "Unsupported" in line:
            return Refusal("model.pt_not_tensors", what=what, detail=line[:160])
    first = next((line[:160] for line in lines if line), type(err).__name__)
    return Refusal("model.pt_refused", what=what, detail=first)


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file; the header's dtypes, shapes and offsets are checked before any is read."""
    what = file_part(".safetensors")
    if len(data) < 9:
        raise Refusal("model.st_short", what=what, size=len(data))
    (size,) = struct.unpack("<Q", data[:8])
    if size > len(data) - 8 or data[8:9] != b"{":
        raise Refusal("model.st_truncated", what=what)
    try:
        text = data[8 : 8 + size].decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal("model.st_header_utf8", what=what) from None
    header = json_within(text, Phrase("header", kind=".safetensors"), 4, 20 * MAX_TENSORS)
    if not isinstance(header, dict):
        raise Refusal("model.st_header_object", what=what)
    metadata = header.pop("__metadata__", None)
    if isinstance(metadata, dict) and str(metadata.get("format", "")).startswith("lstm-viz"):
        raise Refusal("model.st_lstm_viz", what=what)
    if len(header) > MAX_TENSORS:
        raise Refusal("model.too_many_tensors", what=what, count=len(header), limit=MAX_TENSORS)
    budget, body = [MAX_NUMBERS], len(data) - 8 - size
    for name, entry in header.items():
        label = Phrase("tensor", name=name[:80])
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("shape"), list)
            and isinstance(entry.get("data_offsets"), list)
        )
        if not ok or not all(type(n) is int for n in entry["shape"] + entry["data_offsets"]):
            raise Refusal("model.st_entry", what=label)
        dtype = entry.get("dtype")
        if dtype not in SAFETENSORS_DTYPES:
            raise Refusal("model.st_dtype", what=label, dtype=str(dtype)[:10])
        check_numbers(label, tuple(entry["shape"]), SAFETENSORS_DTYPES[dtype], budget)
        start, end = (entry["data_offsets"] + [0, 0])[:2]
        if not 0 <= start <= end <= body or end - start != int(np.prod(entry["shape"])) * SAFETENSORS_DTYPES[dtype]:
            raise Refusal("model.st_offsets", what=label)
    from safetensors.numpy import load

    try:
        arrays = load(bytes(data))
    except Exception as err:  # the Rust reader's own checks
        raise Refusal("model.st_unreadable", what=what, why=str(err)[:80]) from None
    return {name: finite(Phrase("tensor", name=name[:80]), a) for name, a in arrays.items()}


def state_dict_model(
    tensors: dict[str, np.ndarray],
    cell: str | None = None,
    num_layers: int | None = None,
    hidden_size: int | None = None,
    activation: str | None = None,
    readout_at: str = "last",
    output_activation: str = "linear",
    ordered: bool = True,
) -> ImportedModel:
    """The model a state_dict of the form above holds (see the module's docstring for what is inferred).
    ordered: whether the tensors are in the order the module made them (torch.save keeps it; a .safetensors
    file sorts them), which tells an embedding (before the recurrent module) from a read-out (after it)."""
    if readout_at not in ("last", "all"):
        raise ValueError(f"readout_at: expected 'last' (fc(out[:, -1])) or 'all' (fc(out)), got {readout_at!r}")
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(f"output_activation: expected one of {', '.join(OUTPUT_ACTIVATIONS)}, got "
                         f"{output_activation!r}")  # fmt: skip
    modules: dict[str, dict[str, np.ndarray]] = {}
    for key, value in tensors.items():
        prefix, _, param = key.rpartition(".")
        modules.setdefault(prefix, {})[param] = value
    rnns = [m for m, params in modules.items() if any(p.startswith("weight_ih_l") for p in params)]
    if not rnns:
        raise Refusal("model.sd_no_recurrent")
    if len(rnns) > 1:
        raise Refusal("model.sd_many_recurrent", modules=", ".join(rnns))
    name = rnns[0]
    first = {}  # each module's first tensor's place in the state_dict (.pt: the order the modules were made in)
    for k, key in enumerate(tensors):
        first.setdefault(key.rpartition(".")[0], k)
    spec, layers, D, H = recurrent(name, modules.pop(name), cell, num_layers, hidden_size, activation)
    roles = {
        m: role(m, params, name, D, H, first[m] < first[name] if ordered else None) for m, params in modules.items()
    }
    for module, found in roles.items():
        if found is None:  # fits both, and the file keeps no order: the other module may tell
            others = {r for m, r in roles.items() if m != module}
            found = "embedding" if "readout" in others else "readout" if "embedding" in others else None
        if found is None:
            W = modules[module]["weight"]
            raise Refusal("model.sd_ambiguous", module=module, shape=W.shape, rnn=name, width=D, hidden=H)
        roles[module] = found
    embedding, readout = None, []
    for module, params in modules.items():
        if (roles[module] == "embedding" and embedding is not None) or (roles[module] == "readout" and readout):
            raise Refusal(f"model.sd_second_{roles[module]}", what=module_part(module), rnn=name)
        if roles[module] == "embedding":
            embedding = Embedding(module, params["weight"])
        else:
            W = params["weight"]
            b = params["bias"] if "bias" in params else np.zeros(W.shape[0])  # nn.Linear(bias=False)
            readout.append(Dense(module, W, b, output_activation))
    if not readout and output_activation != "linear":
        readout.append(Dense("output", None, None, output_activation))
    rec = tuple(
        Recurrent(f"{name}.l{k}", CellParams(spec, (layer,)), k < len(layers) - 1 or readout_at == "all")
        for k, layer in enumerate(layers)
    )
    return ImportedModel("torch", embedding, rec, tuple(readout))


def role(module: str, params: dict, rnn: str, D: int, H: int, before: bool | None) -> str | None:
    """ "embedding" or "readout": what a module beside the recurrent one `rnn` (reading D, giving H) is. A bias
    makes it an nn.Linear read-out; a weight alone (V, D) is an nn.Embedding, (K, H) a bias-free read-out, and
    when D == H fits both, its place decides (before: the tensors come before rnn's in the state_dict; None: the
    file keeps no order, and the caller decides from the other modules). A Linear with a bias before rnn whose
    output rnn could read is an input layer, not read, and refused."""
    label = module_part(module)
    W = params.get("weight")
    if set(params) not in ({"weight"}, {"weight", "bias"}) or W.ndim != 2:
        raise Refusal("model.sd_not_module", what=label, names=", ".join(sorted(params))[:80], rnn=rnn)
    if "bias" in params:
        b = params["bias"]
        if W.shape[1] != H or b.shape != (W.shape[0],):
            raise Refusal("model.sd_readout_shape", what=label, weight=W.shape, bias=b.shape, hidden=H)
        if before and W.shape[0] == D:
            raise Refusal("model.sd_input_layer", module=module, inputs=W.shape[1], outputs=W.shape[0], rnn=rnn)
        return "readout"
    fits_embedding, fits_readout = W.shape[1] == D, W.shape[1] == H
    if fits_embedding and fits_readout:
        return None if before is None else "embedding" if before else "readout"
    if fits_embedding or fits_readout:
        return "embedding" if fits_embedding else "readout"
    raise Refusal("model.sd_width", what=label, width=W.shape[1], rnn=rnn, size=D, hidden=H)


def module_part(module: str) -> Phrase:
    """A module of a state_dict as a refusal names it: "module fc", "module (top)" for the state_dict's own."""
    return Phrase("module", name=module or Phrase("top"))


def recurrent(name: str, params: dict, cell, num_layers, hidden_size, activation):
    """(spec, one block dict per layer, D, H) of a torch recurrent module's tensors, checked."""
    for param in params:
        if param.endswith("_reverse"):
            raise Refusal("model.sd_bidirectional", tensor=f"{name}.{param}")
        if param.startswith("weight_hr"):
            raise Refusal("model.sd_proj", tensor=f"{name}.{param}")
        if not _PARAM.fullmatch(param):
            raise Refusal("model.sd_param", tensor=f"{name}.{param}")
    W_hh = params.get("weight_hh_l0")
    if W_hh is None or W_hh.ndim != 2 or W_hh.shape[1] < 1 or W_hh.shape[0] % W_hh.shape[1]:
        raise Refusal("model.sd_hh_shape", tensor=f"{name}.weight_hh_l0", shape=None if W_hh is None else W_hh.shape)
    H, G = W_hh.shape[1], W_hh.shape[0] // W_hh.shape[1]
    if G not in CELLS or H > MAX_HIDDEN:
        raise Refusal("model.sd_cell_shape", tensor=f"{name}.weight_hh_l0", shape=W_hh.shape, limit=MAX_HIDDEN)
    found = CELLS[G]
    if cell is not None and cell != found:
        raise ValueError(f"cell: {cell!r} named, but {name}.weight_hh_l0 {W_hh.shape} is an {found.upper()}'s")
    if hidden_size is not None and hidden_size != H:
        raise ValueError(f"hidden_size: {hidden_size} named, but {name}.weight_hh_l0 {W_hh.shape} says {H}")
    if found == "rnn" and activation is None:
        raise Refusal("model.sd_rnn_activation", name=name)
    if found != "rnn" and activation not in (None, "tanh"):
        raise Refusal("model.sd_tanh_only", cell=found.upper(), activation=repr(activation))
    spec = cells.spec(found, activation=activation) if found == "rnn" else cells.spec(found)
    L = 1 + max(int(_PARAM.fullmatch(p).group(2)) for p in params)
    if num_layers is not None and num_layers != L:
        raise ValueError(f"num_layers: {num_layers} named, but {name} holds {L} layer(s)")
    if L > 3:
        raise Refusal("model.sd_layers", name=name, count=L)
    layers, D = [], None
    for k in range(L):
        t = {p: params.get(f"{p}_l{k}") for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
        W_ih = t["weight_ih"]
        if W_ih is None or W_ih.ndim != 2 or W_ih.shape[0] != G * H or (k > 0 and W_ih.shape[1] != H):
            want = f"({G * H}, {'D' if k == 0 else H})"
            shape = None if W_ih is None else W_ih.shape
            raise Refusal("model.sd_shape", tensor=f"{name}.weight_ih_l{k}", expected=want, shape=shape)
        D = W_ih.shape[1] if k == 0 else D
        for p, shape in (("weight_hh", (G * H, H)), ("bias_ih", (G * H,)), ("bias_hh", (G * H,))):
            if (t[p] is None and p == "weight_hh") or (t[p] is not None and t[p].shape != shape):
                got = None if t[p] is None else t[p].shape
                raise Refusal("model.sd_shape", tensor=f"{name}.{p}_l{k}", expected=shape, shape=got)
        if (t["bias_ih"] is None) != (t["bias_hh"] is None):
            raise Refusal("model.sd_bias_pair", name=name, k=k)
        layers.append(spec.from_torch(spec, t))
    return spec, layers, D, H
