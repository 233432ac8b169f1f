"""ImportedModel: a Keras or PyTorch model read from a file, as NumPy float64 layers ready to inspect.

    m = lstm_viz.io.load_model("model.keras")
    m.predict(x)            # what the original model's predict (Keras) or forward (PyTorch) returns
    rec = m.forward(x)      # every layer's record: rec.layers[k] is the k-th recurrent layer's Trace

The architecture, in order (the only one read; anything else is refused when the file is read)::

    texts (a Keras model that carries its vocabulary: a TextVectorization or StringLookup layer first)
                        -> token ids, exactly as that layer computes them (text_lookup)    (B, T)
    x (B, T) token ids  -> Embedding:  e_t = E[x_t]                      (B, T, D)
    or x (B, T, D)      -> used as it is (numbers, one-hot vectors)
    1 to 3 recurrent layers, each one cell (lstm, gru, rnn) with its own hidden size:
        h^(k) = cell_k(h^(k-1))                                          (B, T, H_k)
        a layer with return_sequences=False hands on its last step only  (B, H_k)
    0 or more read-out layers (Keras Dense / Activation, torch nn.Linear), on the last axis:
        y = act(W y_prev + b)                                            (B, K) or (B, T, K)

Dropout is the identity at inference and is not kept. W is stored in torch's layout (K, H): Keras'
kernel (H, K) transposed. act is linear, relu, tanh, sigmoid or softmax (over the last axis).

A model that carries its vocabulary (m.vocabulary is not None) takes text as well as token ids:

    m.vocabulary                          # the token of each id: ("", "[UNK]", "rain", ...)
    m.encode(["I do not like rain"])      # (1, T) int64 token ids
    m.predict(["I do not like rain"])     # a list of texts: a batch (B, K); one string: one sequence (K,)
    m.forward("I do not like rain")       # rec.x holds the token ids the text became
    m.text_steps                          # the steps every text becomes (output_sequence_length), or None

Refused when the model is made: an Embedding with 0 rows, and a vocabulary longer than the Embedding's rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.checks import as_array
from lstm_viz.core.params import CellParams
from lstm_viz.core.refusal import Refusal
from lstm_viz.core.stack import forward as stack_forward
from lstm_viz.core.trace import Trace
from lstm_viz.io.text_lookup import TextLookup, is_text

OUTPUT_ACTIVATIONS = ("linear", "relu", "tanh", "sigmoid", "softmax")


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


OUTPUT_FNS = {
    "linear": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "tanh": np.tanh,
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "softmax": softmax,
}


@dataclass(frozen=True, eq=False)
class Embedding:
    name: str  # the layer's name in the file ("embedding", torch's module "emb")
    weights: np.ndarray  # (V, D): row v is token v's vector


@dataclass(frozen=True, eq=False)
class Recurrent:
    name: str  # "lstm", "lstm_1", torch's "rnn.l0"
    params: CellParams  # one layer of its cell
    return_sequences: bool  # hands on every step (B, T, H), or the last (B, H)


@dataclass(frozen=True, eq=False)
class Dense:
    name: str  # "dense", torch's "fc"; an Activation layer has W and b None
    W: np.ndarray | None  # (K, H)
    b: np.ndarray | None  # (K,)
    activation: str  # one of OUTPUT_ACTIVATIONS

    def __call__(self, y: np.ndarray) -> np.ndarray:
        z = y if self.W is None else y @ self.W.T + self.b  # (..., K)
        with np.errstate(over="ignore"):  # sigmoid of z < -709: exactly 0
            return OUTPUT_FNS[self.activation](z)


@dataclass(frozen=True, eq=False)
class ModelRecord:
    """Everything one forward computed: the model's input, the recurrent stack's input (after the embedding),
    one Trace per recurrent layer, each read-out layer's output and the prediction y."""

    x: np.ndarray  # as given: (B, T) token ids or (B, T, D); text: the token ids it became
    inputs: np.ndarray  # (B, T, D) float64
    layers: tuple[Trace, ...]  # layers[k].h: (B, T, H_k)
    readout: tuple[np.ndarray, ...]  # one per read-out layer
    y: np.ndarray  # what predict returns


@dataclass(frozen=True, eq=False)
class ImportedModel:
    source: str  # "keras" or "torch"
    embedding: Embedding | None
    recurrent: tuple[Recurrent, ...]
    readout: tuple[Dense, ...] = ()
    lookup: TextLookup | None = None  # a Keras TextVectorization / StringLookup: text -> token ids

    def __post_init__(self):
        if not 1 <= len(self.recurrent) <= 3:
            raise ValueError(f"recurrent: expected 1 to 3 recurrent layers, got {len(self.recurrent)}")
        size = self.input_size
        for layer in self.recurrent:
            if layer.params.num_layers != 1 or layer.params.input_size != size:
                raise ValueError(f"{layer.name}: expected one layer reading {size} numbers a step")
            size = layer.params.hidden_size
        for layer in self.recurrent[:-1]:
            if not layer.return_sequences:
                raise ValueError(f"{layer.name}: hands on its last step only, but a recurrent layer follows it")
        for dense in self.readout:
            if dense.activation not in OUTPUT_ACTIVATIONS:
                raise ValueError(f"{dense.name}: activation {dense.activation!r} is not one of "
                                 f"{', '.join(OUTPUT_ACTIVATIONS)}")  # fmt: skip
            if dense.W is not None:
                W = as_array(f"{dense.name}.W", dense.W, (None, size))
                object.__setattr__(dense, "W", W)
                object.__setattr__(dense, "b", as_array(f"{dense.name}.b", dense.b, (W.shape[0],)))
                size = W.shape[0]
        if self.embedding is not None:
            object.__setattr__(self.embedding, "weights", as_array(self.embedding.name, self.embedding.weights,
                                                                   (None, self.input_size)))  # fmt: skip
            if self.embedding.weights.shape[0] == 0:
                raise Refusal("model.embedding_empty", name=self.embedding.name)
        if self.lookup is not None and self.embedding is None:
            raise ValueError(f"{self.lookup.name}: its token ids need an Embedding")
        if self.lookup is not None and len(self.lookup.vocabulary) > self.vocab_size:
            count, rows = f"{len(self.lookup.vocabulary):,}", f"{self.vocab_size:,}"
            raise Refusal("model.vocab_past_embedding", layer=self.lookup.name, count=count,
                          embedding=self.embedding.name, rows=rows)  # fmt: skip

    @property
    def input_size(self) -> int:
        """D: the numbers the first recurrent layer reads at a step (the embedding's width, if any)."""
        return self.recurrent[0].params.input_size

    @property
    def vocab_size(self) -> int | None:
        return None if self.embedding is None else self.embedding.weights.shape[0]

    @property
    def text_steps(self) -> int | None:
        """The steps every text becomes (a TextVectorization's output_sequence_length: cut or padded to it), None
        when a text has as many steps as tokens. The library reads up to text_lookup.MAX_SEQUENCE_LENGTH; an app
        with a shorter step limit refuses a model whose text_steps is over it when the model is loaded."""
        return None if self.lookup is None else self.lookup.output_sequence_length

    @property
    def vocabulary(self) -> tuple[str, ...] | None:
        """The token of each id when the file carries a vocabulary (TextVectorization, StringLookup), else None."""
        return None if self.lookup is None else self.lookup.vocabulary

    def encode(self, texts) -> np.ndarray:
        """Token ids (B, T) int64 of a list of texts, exactly as the model's own lookup layer computes them
        (a StringLookup's texts may be lists of tokens); ValueError for a model without a vocabulary."""
        if self.lookup is None:
            raise ValueError("texts: this model's file carries no vocabulary (no TextVectorization or StringLookup "
                             "layer), so it reads token ids, not text")  # fmt: skip
        return self.lookup.encode(texts)

    def token_ids(self, x):
        """x as token ids when it is text (one string: one sequence (T,); a list of texts: (B, T)), else x."""
        if not is_text(x):
            return x
        if isinstance(x, str):
            return self.encode([x])[0]  # (T,)
        return self.encode(list(x))  # (B, T)

    @property
    def seq2seq(self) -> bool:
        """Whether the output has a time axis (the top recurrent layer returns sequences)."""
        return self.recurrent[-1].return_sequences

    def embed(self, x) -> tuple[np.ndarray, bool]:
        """x as the recurrent stack's input (B, T, D) float64, and whether x was a batch."""
        if self.embedding is None:
            arr = np.asarray(x)
            if arr.ndim not in (2, 3) or arr.shape[-1] != self.input_size:
                raise ValueError(f"x: expected shape (B, T, {self.input_size}) or (T, {self.input_size}), "
                                 f"got {arr.shape}")  # fmt: skip
            batched = arr.ndim == 3
            xs = as_array("x", arr, (None, None, self.input_size) if batched else (None, self.input_size))
            return (xs if batched else xs[None]), batched
        ids = np.asarray(x)
        V = self.vocab_size
        if ids.ndim not in (1, 2) or ids.size == 0 or ids.dtype.kind not in "iuf":
            raise ValueError(f"x: expected token ids of shape (B, T) or (T,), got {ids.dtype} {ids.shape}")
        if ids.dtype.kind == "f" and not np.all(np.isfinite(ids) & (ids == np.round(ids))):
            raise ValueError("x: token ids must be whole numbers")
        if ids.min() < 0 or ids.max() >= V:
            raise ValueError(f"x: token ids must be 0 to {V - 1} (the embedding has {V} rows), got "
                             f"{int(ids.min())} to {int(ids.max())}")  # fmt: skip
        batched = ids.ndim == 2
        ids = ids.astype(np.int64) if batched else ids.astype(np.int64)[None]
        return self.embedding.weights[ids], batched  # (B, T, D)

    def forward(self, x) -> ModelRecord:
        """Run every layer on x and record it: the recurrent layers by lstm_viz.forward (their gates), then the
        read-out. x: token ids (B, T) for a model with an embedding, else numbers (B, T, D); (T,) / (T, D) too;
        text for a model with a vocabulary (a list of texts, or one string)."""
        x = self.token_ids(x)
        xs, batched = self.embed(x)  # (B, T, D)
        traces, h = [], (xs if batched else xs[0])  # a single sequence is traced as one: (T, D)
        for layer in self.recurrent:
            tr = stack_forward(layer.params, h)
            traces.append(tr)
            h = tr.h  # (B, T, H_k) or (T, H_k)
        y = h if self.seq2seq else h[..., -1, :]  # (B, T, H) or (B, H)
        outs = []
        for dense in self.readout:
            y = dense(y)  # on the last axis
            outs.append(y)
        return ModelRecord(np.asarray(x), xs if batched else xs[0], tuple(traces), tuple(outs), y)

    def predict(self, x) -> np.ndarray:
        """What the original model's predict / forward returns for x: (B, K), or (B, T, K) for a model whose top
        recurrent layer returns sequences (K: the last read-out's width, or H without a read-out). A model with a
        vocabulary also takes text: a list of texts (B, K), or one string (K,)."""
        return self.forward(x).y

    def describe(self) -> list[str]:
        """One line a layer, bottom first: "embedding: Embedding 20 x 4", "lstm: lstm 4 -> 8, sequences", ..."""
        lines = []
        if self.lookup is not None:
            t = self.lookup
            how = (f", {t.standardize}, split {t.split}, {t.output_sequence_length or 'any'} steps"
                   if t.layer == "TextVectorization" else "")  # fmt: skip
            lines.append(f"{t.name}: {t.layer}, {len(t.vocabulary)} tokens{how}")
        if self.embedding is not None:
            V, D = self.embedding.weights.shape
            lines.append(f"{self.embedding.name}: Embedding {V} x {D}")
        for layer in self.recurrent:
            p = layer.params
            ret = "every step" if layer.return_sequences else "last step"
            lines.append(f"{layer.name}: {p.spec.key} {p.input_size} -> {p.hidden_size}, {ret}")
        for dense in self.readout:
            size = "" if dense.W is None else f" {dense.W.shape[1]} -> {dense.W.shape[0]},"
            lines.append(f"{dense.name}: Dense{size} {dense.activation}")
        return lines
