"""A Keras model's own vocabulary: its leading TextVectorization or StringLookup layer, read and computed in plain
Python so that text typed by a student becomes the token ids the model was trained on. No TensorFlow.

    m = lstm_viz.io.load_model("sentiment.keras")      # Input(string) -> TextVectorization -> Embedding -> LSTM ...
    m.vocabulary                                        # ("", "[UNK]", "rain", "love", ...): token of each id
    m.encode(["I do not like rain"])                    # (1, T) int64, exactly what the Keras layer computes
    m.predict(["I do not like rain", "They love music!"])

Where Keras 3 keeps the vocabulary in a .keras zip: a vocabulary passed to the layer's constructor is in the
layer's config ("vocabulary": [...]); one learnt by adapt() is the asset file
assets/layers/<key>/vocabulary.txt (a TextVectorization also writes assets/layers/<key>/_lookup_layer/
vocabulary.txt, the copy Keras loads last), one token a line, the special tokens first. Keras reads it back with
str.splitlines() and sets it as a vocabulary passed in; so does lstm-viz (a legacy .h5 file holds no assets).

What is computed, exactly as Keras 3 with TensorFlow does (a test holds it to Keras' own ids)::

    TextVectorization (output_mode="int"; its lookup has mask "" at id 0 and one OOV token "[UNK]" at id 1)
        standardize   "lower_and_strip_punctuation" | "lower" | "strip_punctuation" | None
                      lower: ASCII letters only (tf.strings.lower); strip: the 32 ASCII punctuation marks
        split         "whitespace": on runs of ASCII whitespace " \\t\\n\\v\\f\\r" (tf.strings.split; a
                      no-break space is not one) | None: the whole text is one token
        lookup        "" -> 0, a token of the vocabulary -> its id, any other -> 1
        length        output_sequence_length L: cut to L tokens, padded with 0 at the end; None: padded with 0
                      to the longest text of the batch
    StringLookup (output_mode="int") on tokens already split, (B, T)
        mask_token None or "" (mask "" -> id 0), num_oov_indices 1 (an unknown token -> the OOV id) or 0
        (an unknown token is an error, as in Keras); a text given as one string is split on ASCII whitespace
        by lstm-viz (the layer itself splits nothing)

Refused by name (ValueError naming the layer and the option): ngrams, a custom standardize or split (a
callable), split="character", output modes other than "int" (one_hot, multi_hot, count, tf_idf), invert=True,
sparse or ragged output, an encoding other than utf-8, num_oov_indices over 1, another mask token, idf_weights,
and a vocabulary that is a file path (outside the archive). A vocabulary over MAX_VOCABULARY tokens or
MAX_VOCABULARY_BYTES bytes is refused before it is split into tokens.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

import numpy as np

from lstm_viz.io.file_limits import Refusal, refuse_unread_options

MAX_VOCABULARY = 100_000  # tokens in a vocabulary (special tokens included)
MAX_VOCABULARY_BYTES = 4 * 2**20  # a vocabulary.txt asset, UTF-8
MAX_TOKEN_CHARS = 1_000  # one token of a vocabulary
MAX_TEXT_CHARS = 100_000  # all the texts of one encode together
MAX_SEQUENCE_LENGTH = 10_000  # output_sequence_length, and the tokens of an encoded text

CLASSES = ("TextVectorization", "StringLookup")
STANDARDIZE = ("lower_and_strip_punctuation", "lower", "strip_punctuation", None)
SPLIT = ("whitespace", None)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # tf.strings.lower without encoding
NO_PUNCTUATION = str.maketrans("", "", string.punctuation)  # Keras' regex [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']
ASCII_WHITESPACE = re.compile(r"[ \t\n\v\f\r]+")  # absl::ascii_isspace, as tf.strings.split(sep=None) splits

# options of the two layers' configs and what each must be; every other option must be off (null, false, 0)
# (vocabulary_size and pad_to_max_tokens matter to the other output modes only: Keras ignores them for "int")
INERT = {"name", "trainable", "dtype", "max_tokens", "pad_to_max_tokens", "vocabulary_size", "oov_method", "salt",
         "vocabulary_dtype", "has_input_vocabulary"}  # fmt: skip


@dataclass(frozen=True, eq=False)
class TextLookup:
    """A TextVectorization or StringLookup layer of output_mode "int": text (or tokens) in, token ids out."""

    layer: str  # "TextVectorization" or "StringLookup"
    name: str  # the layer's name in the file
    vocabulary: tuple[str, ...]  # the token of each id, special tokens included ("" the mask, "[UNK]" the OOV)
    mask_token: str | None = None  # "" (TextVectorization's) or None
    num_oov_indices: int = 1  # 1 or 0
    standardize: str | None = None  # TextVectorization only
    split: str | None = None  # TextVectorization only
    output_sequence_length: int | None = None  # TextVectorization only
    ids: dict = field(init=False, repr=False)  # token -> id, derived from vocabulary

    def __post_init__(self):
        oov_start = 0 if self.mask_token is None else 1
        start = oov_start + self.num_oov_indices
        ids = {token: n for n, token in enumerate(self.vocabulary[start:], start)}
        if len(ids) != len(self.vocabulary) - start:
            raise ValueError(f"{self.layer} {self.name!r}: the vocabulary repeats a token")
        object.__setattr__(self, "ids", ids)

    @property
    def label(self) -> str:
        return f"{self.layer} {self.name!r}"

    def tokens(self, text) -> list[str]:
        """One text as the tokens the layer looks up: standardized and split (TextVectorization), or as given
        (StringLookup: a list of tokens; a string is split on ASCII whitespace)."""
        if self.layer == "StringLookup":
            if isinstance(text, str):
                return [t for t in ASCII_WHITESPACE.split(text) if t]
            return list(text)
        if self.standardize in ("lower", "lower_and_strip_punctuation"):
            text = text.translate(ASCII_LOWER)
        if self.standardize in ("strip_punctuation", "lower_and_strip_punctuation"):
            text = text.translate(NO_PUNCTUATION)
        if self.split == "whitespace":
            return [t for t in ASCII_WHITESPACE.split(text) if t]
        return [text]

    def lookup(self, token: str) -> int:
        """A token's id: the mask -> 0, a known token -> its id, any other -> the OOV id (or an error)."""
        if self.mask_token is not None and token == self.mask_token:
            return 0
        n = self.ids.get(token)
        if n is not None:
            return n
        if self.num_oov_indices == 0:
            raise Refusal("model.token_unknown", token=repr(token[:40]), layer=self.label)
        return 0 if self.mask_token is None else 1

    def encode(self, texts) -> np.ndarray:
        """Token ids (B, T) int64 of a batch of texts, exactly as the Keras layer computes them: a list of
        strings (TextVectorization), or of token lists or strings (StringLookup)."""
        texts = check_texts(texts, self.layer)
        rows = [[self.lookup(t) for t in self.tokens(text)] for text in texts]
        if self.layer == "StringLookup":
            if len({len(r) for r in rows}) != 1:
                raise ValueError(f"texts: {self.label} reads a (B, T) array of tokens, but these texts have "
                                 f"{', '.join(str(len(r)) for r in rows[:5])} tokens")  # fmt: skip
            T = len(rows[0])
        else:
            T = self.output_sequence_length
            if T is None:
                T = max(len(r) for r in rows)
        if T == 0:
            raise Refusal("model.no_tokens")
        if T > MAX_SEQUENCE_LENGTH:
            raise Refusal("model.texts_too_long", count=f"{T:,}", limit=f"{MAX_SEQUENCE_LENGTH:,}")
        ids = np.zeros((len(rows), T), dtype=np.int64)  # (B, T), padded with 0 at the end
        for b, row in enumerate(rows):
            row = row[:T]
            ids[b, : len(row)] = row
        return ids


def check_texts(texts, layer: str) -> list:
    """texts as a list of str (or of token lists for a StringLookup), within MAX_TEXT_CHARS."""
    if isinstance(texts, str) or not isinstance(texts, list | tuple | np.ndarray) or len(texts) == 0:
        raise ValueError(f"texts: expected a non-empty list of texts, got {type(texts).__name__}")
    total = 0
    out = []
    for text in texts:
        if isinstance(text, np.ndarray | list | tuple) and layer == "StringLookup":
            if not all(isinstance(t, str) for t in text):
                raise ValueError("texts: a list of tokens holds something other than strings")
            total += sum(len(t) for t in text)
            out.append(list(text))
        elif isinstance(text, str):
            total += len(text)
            out.append(text)
        else:
            want = "strings or lists of tokens" if layer == "StringLookup" else "strings"
            raise ValueError(f"texts: expected {want}, got a {type(text).__name__}")
        if total > MAX_TEXT_CHARS:
            raise ValueError(f"texts: over the limit of {MAX_TEXT_CHARS:,} characters")
    return out


def is_text(x) -> bool:
    """Whether a model input is text (a string, a list of strings or of token lists) rather than numbers."""
    if isinstance(x, str):
        return True
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "UO" and x.size > 0 and isinstance(x.flat[0], str)
    if isinstance(x, list | tuple) and x:
        first = x[0]
        return isinstance(first, str) or (isinstance(first, list | tuple) and bool(first) and isinstance(first[0], str))
    return False


def vocabulary_lines(data: bytes, label: str) -> list[str]:
    """An asset vocabulary.txt as Keras' load_assets reads it: UTF-8, str.splitlines(), trailing empty lines
    dropped (at most MAX_VOCABULARY_BYTES; build refuses more than MAX_VOCABULARY lines)."""
    if len(data) > MAX_VOCABULARY_BYTES:
        raise Refusal("model.vocab_file_too_big", layer=label, size=f"{len(data):,}", limit=f"{MAX_VOCABULARY_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal("model.vocab_not_utf8", layer=label) from None
    lines = text.splitlines()
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def read_options(cls: str, c: dict, label: str, input_shape) -> dict:
    """The options of a TextVectorization / StringLookup config that lstm-viz computes; refuses every other by
    name. input_shape: the model's InputLayer batch_shape, or None."""
    if c.get("output_mode", "int") != "int":
        raise Refusal("model.output_mode", layer=label, value=str(c.get("output_mode"))[:40])
    for option in ("invert", "sparse", "ragged"):
        if c.get(option):
            raise Refusal("model.lookup_option", layer=label, option=option)
    if c.get("encoding", "utf-8") not in ("utf-8", "UTF-8"):
        raise Refusal("model.encoding", layer=label, value=str(c.get("encoding"))[:40])
    if c.get("idf_weights") is not None:
        raise Refusal("model.idf_weights", layer=label)
    if c.get("vocabulary_dtype", "string") != "string":
        raise Refusal("model.vocabulary_dtype", layer=label, value=str(c.get("vocabulary_dtype"))[:40])
    handled = {"output_mode", "invert", "sparse", "ragged", "encoding", "idf_weights", "vocabulary"}
    if cls == "TextVectorization":
        standardize, split = c.get("standardize"), c.get("split")
        if standardize not in STANDARDIZE:
            raise Refusal("model.standardize", layer=label, value=str(standardize)[:60],
                          choices=", ".join(map(str, STANDARDIZE)))  # fmt: skip
        if split not in SPLIT:
            code = "model.split_character" if split == "character" else "model.split_custom"
            raise Refusal(code, layer=label, value=str(split)[:60])
        if c.get("ngrams") is not None:
            raise Refusal("model.ngrams", layer=label, value=str(c.get("ngrams"))[:40])
        length = c.get("output_sequence_length")
        if length is not None and (type(length) is not int or not 1 <= length <= MAX_SEQUENCE_LENGTH):
            raise Refusal(
                "model.sequence_length", layer=label, value=str(length)[:20], limit=f"{MAX_SEQUENCE_LENGTH:,}"
            )
        if split is None and input_shape is not None and list(input_shape)[1:] != [1]:
            raise Refusal("model.split_none_shape", layer=label, shape=str(input_shape)[:40])
        handled |= {"standardize", "split", "ngrams", "output_sequence_length"}
        options = {"mask_token": "", "num_oov_indices": 1, "oov_token": "[UNK]", "standardize": standardize,
                   "split": split, "output_sequence_length": length}  # fmt: skip
    else:
        mask, oov, n = c.get("mask_token"), c.get("oov_token", "[UNK]"), c.get("num_oov_indices", 1)
        if mask not in (None, ""):
            raise Refusal("model.mask_token", layer=label, value=repr(str(mask)[:40]))
        if n not in (0, 1) or type(n) is not int:
            raise Refusal("model.num_oov", layer=label, value=str(n)[:20])
        if not isinstance(oov, str):
            raise Refusal("model.oov_token", layer=label, value=str(oov)[:40])
        handled |= {"mask_token", "oov_token", "num_oov_indices"}
        options = {"mask_token": mask, "num_oov_indices": n, "oov_token": oov}
    refuse_unread_options(c, handled | INERT, label)
    vocabulary = c.get("vocabulary")
    if isinstance(vocabulary, str):
        raise Refusal("model.vocabulary_path", layer=label, value=repr(vocabulary[:60]))
    if vocabulary is not None:
        if not isinstance(vocabulary, list) or not all(isinstance(t, str) for t in vocabulary):
            raise Refusal("model.vocabulary_not_strings", layer=label)
        if len(vocabulary) > MAX_VOCABULARY:
            raise Refusal(
                "model.vocabulary_too_big", layer=label, count=f"{len(vocabulary):,}", limit=f"{MAX_VOCABULARY:,}"
            )
    options["vocabulary"] = vocabulary
    options["max_tokens"] = c.get("max_tokens")
    return options


def build(cls: str, name: str, options: dict, lines: list[str] | None) -> TextLookup:
    """The TextLookup of a layer's checked options and its vocabulary: the config's list, else the asset's
    lines. Keras' set_vocabulary: the special tokens, when the vocabulary starts with them, are dropped and put
    back first; a repeated token, the mask among the tokens, or more tokens than max_tokens is refused."""
    label = f"{cls} {name!r}"
    vocabulary = options["vocabulary"] if options["vocabulary"] is not None else lines
    if vocabulary is None:
        raise Refusal("model.no_vocabulary", layer=label)
    if not vocabulary:
        raise Refusal("model.empty_vocabulary", layer=label)
    if len(vocabulary) > MAX_VOCABULARY:
        raise Refusal(
            "model.vocabulary_too_big", layer=label, count=f"{len(vocabulary):,}", limit=f"{MAX_VOCABULARY:,}"
        )
    if any(len(t) > MAX_TOKEN_CHARS for t in vocabulary):
        raise Refusal("model.token_too_long", layer=label, limit=f"{MAX_TOKEN_CHARS:,}")
    mask, n = options["mask_token"], options["num_oov_indices"]
    special = ([mask] if mask is not None else []) + [options["oov_token"]] * n
    tokens = vocabulary[len(special) :] if vocabulary[: len(special)] == special else vocabulary
    if len(set(tokens)) != len(tokens):
        raise Refusal("model.vocab_repeats", layer=label)
    if mask is not None and mask in tokens:
        raise Refusal("model.vocab_mask", layer=label, mask=repr(mask))
    full = (*special, *tokens)
    max_tokens = options["max_tokens"]
    if max_tokens is not None and (type(max_tokens) is not int or len(full) > max_tokens):
        raise Refusal("model.max_tokens", layer=label, count=f"{len(full):,}", limit=max_tokens)
    return TextLookup(cls, name, full, mask, n, options.get("standardize"), options.get("split"),
                      options.get("output_sequence_length"))  # fmt: skip
