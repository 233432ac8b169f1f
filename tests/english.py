"""Finds English a reader of the Chinese app would see: every text of a page run under AppTest (markdown, captions,
alerts, widget labels, options and help, buttons, metrics, expanders, tabs, tables, and the Plotly figures' titles,
axis and legend labels, annotations and hover templates), less what is not English prose: LaTeX, numbers, the
allow-list below (names of things: cells, libraries, file formats, activations; symbols), the task's own tokens."""

from __future__ import annotations

import json
import re

from google.protobuf.json_format import MessageToDict

from lstm_viz import tasks

# Names that stay as they are in a Chinese text: the cells' and the variants' short names, libraries, formats,
# activations, units of measure, and the language's own name in the language choice.
ALLOWED = {
    "lstm", "gru", "rnn", "nfg", "nig", "nog", "cifg", "ph", "niaf", "noaf",
    "numpy", "pytorch", "torch", "keras", "tensorflow", "plotly", "streamlit", "safetensors", "cpu", "gpu", "cuda",
    "tanh", "sigmoid", "softmax", "relu", "linear", "hard", "mse", "adam", "sgd", "bce", "ce", "dropout", "dense",
    "embedding", "simplernn", "textvectorization", "stringlookup", "greff", "hochreiter", "schmidhuber", "et", "al",
    "english", "language", "pt", "pth", "h5", "json", "csv", "txt", "url", "ms", "kb", "mb", "mib",
    "nan", "inf", "id", "ok", "vs", "max", "min", "log", "exp", "argmax", "dl", "dh", "dc", "dy", "lr", "npz",
    "karpathy", "johnson", "fei", "box", "jenkins", "pickle", "viz", "nn", "viridis", "python",
}  # fmt: skip
IDENTIFIER = re.compile(r"\b[\w.]*_[\w.]*\b")  # x_t, b_hn, W_xi, lstm_viz.io.study: names from equations and code
# Code in backticks (a command, a file's path, `np.load`) and Streamlit's colour markup (:blue[...]: the word
# "blue" is markup, what is inside the brackets is text).
CODE = re.compile(r"`[^`]*`|:(?:red|blue|green|orange|violet|gray|grey|rainbow|primary)(?=\[)")
PATH = re.compile(r"\b[\w.-]+(?:/[\w.-]+)+/?")  # a file's path: lstm_viz/data/examples/sine_stacked.keras
LATEX = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# A proto's fields that a reader sees as text (a text input's value is what the user typed: not the app's words).
TEXT_FIELDS = {"body", "label", "options", "help", "placeholder", "caption", "text", "title", "formattedValue",
               "delta", "displayValue"}  # fmt: skip
FIGURE_KEYS = {"text", "name", "hovertemplate", "title", "ticktext", "texttemplate"}


def _strings(value, keys: set[str], found: list[str], key: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _strings(v, keys, found, k)
    elif isinstance(value, list):
        for v in value:
            _strings(v, keys, found, key)
    elif isinstance(value, str) and key in keys:
        found.append(value)


def _figure_texts(spec: str, found: list[str]) -> None:
    fig = json.loads(spec)
    _strings(fig.get("layout", {}), FIGURE_KEYS, found)
    for trace in fig.get("data", []):
        _strings({k: v for k, v in trace.items() if k in FIGURE_KEYS or k == "marker"}, FIGURE_KEYS, found)


def texts(at) -> list[str]:
    """Every text the page shows (but LaTeX and code blocks, which are formulas). `at` is an AppTest, or a part of
    one: `at.main` (the page without the sidebar), `at.sidebar`."""
    found: list[str] = []

    def walk(node):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is not None and kind not in ("code",):
            if kind == "plotly_chart":
                _figure_texts(proto.spec, found)
            elif kind in ("arrow_data_frame", "dataframe", "table"):
                try:
                    df = node.value
                    found.extend(str(c) for c in df.columns)
                    found.extend(str(v) for v in df.to_numpy().ravel() if isinstance(v, str))
                except Exception:
                    pass
            else:
                _strings(MessageToDict(proto), TEXT_FIELDS, found)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(getattr(at, "_tree", at))
    return found


def english_words(at, allowed: set[str] | frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(word, the text it is in) for every English word on the page (or `at.main`, `at.sidebar`) outside the
    allow-lists and the tasks' tokens."""
    ok = ALLOWED | {w.lower() for w in allowed} | task_tokens()
    out = []
    for text in texts(at):
        plain = re.sub(r"\\([^A-Za-z])", r"\1", text)  # markdown escapes (safe.plain's state\_dict)
        plain = re.sub(r"<sub>.*?</sub>", " ", plain)  # subscripts: W<sub>hn</sub>
        plain = IDENTIFIER.sub(" ", CODE.sub(" ", LATEX.sub(" ", plain)))
        plain = re.sub(r"https?://\S+|\b[\w.-]+\.(keras|h5|pt|pth|safetensors|json|csv)\b", " ", plain)
        plain = PATH.sub(" ", plain)
        plain = re.sub(r"\\[A-Za-z]+|\{[^{}]*\}|<[^>]+>|%\{[^}]*\}", " ", plain)  # LaTeX commands, HTML, hover fields
        for word in WORD.findall(plain):
            if word.lower().strip("'") not in ok:
                out.append((word, text[:120]))
    return out


def task_tokens() -> set[str]:
    """The tokens of every task's vocabulary (the sentences' English words are data, not the app's words)."""
    out = set()
    for name in tasks.names():
        task = tasks.get(name)
        for token in getattr(task, "vocab", ()) or ():
            out.update(w.lower() for w in WORD.findall(str(token)))
    return out
