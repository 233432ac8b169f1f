"""The Your model page's widgets and logic: pick a shipped example or upload a Keras / PyTorch file, type an input
that fits it, and get the numbers the page draws (cached by plain ids).

A file is read by lstm_viz.io.load_model (parsed, never unpickled; every problem a ValueError naming it) and
lives in this browser session only (state.MODEL_FILE, MODEL_OPENED, MODEL_GOOD_FILE). The functions without
`st.` (parse_input, token_labels, open_upload, ...) take plain values and are tested directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st

from lstm_viz import tasks
from lstm_viz.io.file_limits import MAX_FILE_BYTES
from lstm_viz.io.imported import OUTPUT_ACTIVATIONS, ImportedModel
from lstm_viz.io.model_files import load_model, sniff
from lstm_viz.tasks import Task
from lstm_viz.ui.model_input import (  # noqa: F401 (the page and the tests call them through this module)
    as_one_hot,
    default_input,
    format_input,
    input_help,
    parse_input,
    token_labels,
)
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import (
    MAX_MODEL_INPUT_CHARS,
    MODEL_COMPUTED,
    MODEL_FILE,
    MODEL_GOOD,
    MODEL_GOOD_FILE,
    MODEL_KEPT,
    MODEL_KEYS,
    MODEL_LAYER,
    MODEL_OPENED,
    MODEL_OUT_ACT,
    MODEL_PICK,
    MODEL_READOUT_AT,
    MODEL_RNN_ACT,
    MODEL_T,
    MODEL_TEXT,
    MODEL_UNIT,
    MODEL_URL,
    keep,
    put_back,
    write_link,
)
from lstm_viz.viz import theme

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "examples"
_RECORDS = {
    p.stem: json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in EXAMPLES_DIR.glob("*.keras")
}
# {name: what it is}, from each example's JSON ("about"): the text models first; the first is shown on a first visit.
EXAMPLES = {name: _RECORDS[name]["about"] for name in sorted(_RECORDS, key=lambda n: ("task" not in _RECORDS[n], n))}
# {name: the task whose data it was trained on}, for the examples whose input is typed as that task's text (the
# negation sentences: the file holds no vocabulary, the task does)
EXAMPLE_TASKS = {name: tasks.get(record["task"]) for name, record in _RECORDS.items() if "task" in record}
UPLOAD = "upload"
FILE_TYPES = ["keras", "h5", "pt", "pth", "safetensors"]
RNN_ACTS = {"ask": "not an nn.RNN", "tanh": "tanh", "relu": "relu"}
READOUT_AT = {"last": "the last step: fc(out[:, -1])", "all": "every step: fc(out)"}


# --- plain functions: no Streamlit ---


def example_path(name: str) -> Path:
    if name not in EXAMPLES:
        raise ValueError(f"example: {name[:40]!r} is not one of {', '.join(EXAMPLES)}")
    return EXAMPLES_DIR / f"{name}.keras"


def example_task(name: str) -> Task | None:
    """The task whose text an example reads (its words encoded as in training), or None: ids or numbers."""
    return EXAMPLE_TASKS.get(name)


def example_input(name: str) -> str:
    """The first sample input of an example's JSON, as the input box reads it: a sentence for a text example."""
    x = np.asarray(_RECORDS[name]["x"][0])
    task = example_task(name)
    if task is not None:
        return " ".join(task.words(as_one_hot(task, x)))
    return format_input(x)


def class_note(task: Task, y: np.ndarray) -> str:
    """What a text example's outputs mean, in the task's classes: one sigmoid output, or one column a class."""
    names = task.class_names
    if np.shape(y)[-1] == 1 and len(names) == 2:
        return f"y[0] is the chance of class 1, {names[1]} (class 0 is {names[0]})."
    return "One column a class: " + ", ".join(f"y[{k}] {name}" for k, name in enumerate(names)) + "."


def is_state_dict(data: bytes) -> bool:
    """Whether a file is a PyTorch state_dict (.pt / .pth / .safetensors), whose architecture is partly asked for."""
    try:
        return sniff(data) in ("pt", "safetensors")
    except ValueError:
        return False


def open_upload(data: bytes, **options) -> ImportedModel:
    """The model in an uploaded file's bytes (lstm_viz.io.load_model); options only for a state_dict. Any
    problem is a ValueError naming it: a reader's own, or (should a reader ever fail otherwise) a plain one."""
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{len(data):,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    try:
        model = load_model(bytes(data), **(options if is_state_dict(data) else {}))
    except ValueError:
        raise
    except Exception as err:  # a hostile file must not show a traceback: say what failed, keep the page
        raise ValueError(f"not readable as a model file ({type(err).__name__})") from None
    if model.text_steps is not None and model.text_steps > tasks.MAX_CUSTOM_LEN:
        raise ValueError(f"its {model.lookup.label} turns every text into {model.text_steps:,} steps; this page shows "
                         f"at most {tasks.MAX_CUSTOM_LEN}")  # fmt: skip
    return model


# --- the widgets ---


@dataclass(frozen=True, eq=False)
class Chosen:
    model: ImportedModel
    model_id: str  # "example:<name>" or "upload:<file id>:<options>": the caches' key
    label: str  # the example's name or the uploaded file's name
    uploaded: bool
    task: Task | None = None  # the task whose sentences an example reads (example_task), else None


@st.cache_resource(show_spinner=False)
def example_model(name: str) -> ImportedModel:
    """A shipped example, read once per server (read-only, shared)."""
    return load_model(example_path(name))


def defaults() -> None:
    """The page's widget state on a first visit, and put back after another page dropped it."""
    ss = st.session_state
    put_back(MODEL_KEPT)
    if ss.get(MODEL_PICK) not in (*EXAMPLES, UPLOAD):
        ss[MODEL_PICK] = next(iter(EXAMPLES))
    if MODEL_TEXT not in ss and ss[MODEL_PICK] != UPLOAD:
        ss[MODEL_TEXT] = example_input(ss[MODEL_PICK])
    ss.setdefault(MODEL_RNN_ACT, "ask")
    ss.setdefault(MODEL_READOUT_AT, "last")
    ss.setdefault(MODEL_OUT_ACT, "linear")
    for key in (MODEL_LAYER, MODEL_T, MODEL_UNIT):
        ss.setdefault(key, 0)


def _on_pick():
    ss = st.session_state
    pick = ss[MODEL_PICK]
    if pick == UPLOAD:
        ss.pop(MODEL_TEXT, None)  # the uploaded model's own default is typed in once it is open
    else:
        ss[MODEL_TEXT] = example_input(pick)
    for key in (MODEL_LAYER, MODEL_T, MODEL_UNIT):
        ss[key] = 0


def pick_label(name: str) -> str:
    if name == UPLOAD:
        return "a file of my own"
    return f"{name}: {EXAMPLES[name].split(':')[0]}"


def model_ui() -> Chosen:
    """The model shown: an example (the default), or the uploaded file with the options a state_dict lacks.
    A file that cannot be opened is named in an error and the last model that opened stays on the page."""
    ss = st.session_state
    pick = st.radio("Model", [*EXAMPLES, UPLOAD], format_func=pick_label, key=MODEL_PICK, on_change=_on_pick,
                    help="One of the example models shipped with lstm-viz (built with Keras 3), or a file of "
                    "yours.")  # fmt: skip
    if pick != UPLOAD:
        st.caption(f"{plain(EXAMPLES[pick], 200)} (lstm_viz/data/examples/{pick}.keras)")
        return Chosen(example_model(pick), f"example:{pick}", pick, False, example_task(pick))
    chosen = upload_ui()
    if chosen is None:
        first = next(iter(EXAMPLES))
        st.caption(f"Until a file opens, this page shows the example {first}.")
        ss.setdefault(MODEL_TEXT, example_input(first))
        return Chosen(example_model(first), f"example:{first}", first, False, example_task(first))
    return chosen


def upload_ui() -> Chosen | None:
    """The file uploader and, for a state_dict, what its tensors cannot say. None until a file opens."""
    ss = st.session_state
    up = st.file_uploader(
        "Model file (.keras, .h5, .pt, .pth, .safetensors)",
        type=FILE_TYPES,
        key="model_upload",
        max_upload_size=MAX_FILE_BYTES // 2**20,  # the reader's own limit (also .streamlit/config.toml's)
        help=f"A Keras model (.keras or .h5) or a PyTorch state_dict (.pt, .pth or .safetensors), at most "
        f"{MAX_FILE_BYTES // 2**20} MB. The file is parsed, never unpickled, and is kept in this browser session "
        "only: a link to this page cannot carry it.",
    )
    if up is not None and ss.get(MODEL_FILE, {}).get("id") != up.file_id:
        ss[MODEL_FILE] = {"id": up.file_id, "name": up.name, "data": up.getvalue()}
    stored = ss.get(MODEL_FILE)
    if stored is None:
        st.info("Choose a Keras or PyTorch model file above.", icon=":material/upload_file:")
        return None
    options = options_ui(stored["data"])
    key = (stored["id"], tuple(sorted(options.items())))
    opened = ss.get(MODEL_OPENED)
    if opened is None or opened[:2] != key:
        new_model = opened is None or opened[0] != key[0] or opened[2] is None  # a new file, or the first to open
        try:
            model, error = open_upload(stored["data"], **options), None
        except ValueError as err:
            model, error = None, str(err)
        ss[MODEL_OPENED] = opened = (*key, model, error)
        if model is not None and new_model:
            ss[MODEL_TEXT] = default_input(model)  # an input that fits it (the one typed fits the model before)
    model, error = opened[2], opened[3]
    name = stored["name"]
    if model is not None:
        model_id = f"upload:{stored['id']}:{key[1]}"
        ss[MODEL_GOOD_FILE] = (model_id, name, model)
        if up is None:
            st.caption(f"Showing {plain(name, 80)}, uploaded earlier in this session.")
        return Chosen(model, model_id, name, True)
    st.error(f"Not opened: {plain(name, 80)}: {plain(error, 400)}.", icon=":material/error:")
    good = ss.get(MODEL_GOOD_FILE)
    if good is None:
        return None
    st.caption(f"Still showing {plain(good[1], 80)}, the last file that opened.")
    ss.setdefault(MODEL_TEXT, default_input(good[2]))
    return Chosen(good[2], good[0], good[1], True)


def options_ui(data: bytes) -> dict:
    """For a PyTorch state_dict: the nn.RNN's nonlinearity, where the read-out looks and the function after it
    (a state_dict holds tensors only). {} for a Keras file, which names its own architecture."""
    if not is_state_dict(data):
        return {}
    st.caption("A PyTorch state_dict holds tensors only: the cell, its sizes and its layers are read from their "
               "shapes; say what they cannot tell.")  # fmt: skip
    cols = st.columns(3)
    act = cols[0].selectbox("Nonlinearity of an nn.RNN", list(RNN_ACTS), format_func=RNN_ACTS.get,
                            key=MODEL_RNN_ACT, help="nn.RNN(nonlinearity=...): not in the file. An LSTM or a GRU "
                            "computes tanh.")  # fmt: skip
    at = cols[1].radio("Read-out at", list(READOUT_AT), format_func=READOUT_AT.get, key=MODEL_READOUT_AT,
                       help="Where the model's forward applies its nn.Linear.")  # fmt: skip
    out = cols[2].selectbox("Output activation", list(OUTPUT_ACTIVATIONS), key=MODEL_OUT_ACT,
                            help="The function after the read-out (sigmoid for a yes/no answer, softmax for "
                            "classes).")  # fmt: skip
    options = {"readout_at": at, "output_activation": out}
    if act != "ask":
        options["activation"] = act
    return options


def input_ui(chosen: Chosen) -> tuple[np.ndarray, str]:
    """The input box; returns the input shown (parsed) and its text. Bad input: an error naming the problem, and
    the last good input for this model kept (said so), else the model's default input."""
    ss = st.session_state
    model = chosen.model
    default = default_input(model) if chosen.uploaded else example_input(chosen.label)
    ss.setdefault(MODEL_TEXT, default)
    task = chosen.task
    kind = ("a sentence" if task is not None else "text" if model.vocabulary is not None else "token ids"
            if model.vocab_size is not None else "numbers")  # fmt: skip
    text = st.text_input(f"Input ({kind}, at most {tasks.MAX_CUSTOM_LEN} steps)", key=MODEL_TEXT,
                         help=input_help(model, task), max_chars=MAX_MODEL_INPUT_CHARS)  # fmt: skip
    if task is not None:
        st.caption(f"Type {plain(task.input_hint, 300)}.")
    good = ss.setdefault(MODEL_GOOD, {})
    try:
        x = parse_input(model, text, task)
        good[chosen.model_id] = text
        return x, text
    except ValueError as err:
        # 600 characters: a task's message about an unknown word lists its whole vocabulary
        st.error(f"This input cannot be used: {plain(str(err), 600)}.", icon=":material/error:")
    kept = good.get(chosen.model_id, default)
    try:
        x = parse_input(model, kept, task)
    except ValueError as err:  # not even the model's own default fits what the page can show
        st.error(f"This model cannot be shown here: {plain(str(err), 300)}.", icon=":material/error:")
        st.stop()
    st.caption(f"Still showing the last good input: {plain(kept, 120)}")
    return x, kept


def layer_label(model: ImportedModel):
    """The Layer shown selectbox's label of recurrent layer k: its name in the file and its place in the stack."""
    top = len(model.recurrent) - 1
    places = {0: "reads the input", top: "feeds the read-out"}
    return lambda k: f"layer {k}: {model.recurrent[k].name} ({places.get(k, 'in the middle')})"


def clamped(key: str, n: int) -> int:
    """A widget's value (a link's, another model's) clamped to 0..n-1 before the widget is drawn."""
    ss = st.session_state
    ss[key] = int(np.clip(int(ss.get(key, 0)), 0, n - 1))
    return ss[key]


def keep_and_link(view, pick: str, text: str) -> None:
    """Remember the page's choices across pages and mirror its view into the link (not an uploaded file)."""
    ss = st.session_state
    keep(MODEL_KEPT, MODEL_KEYS)
    values = {MODEL_PICK: pick, MODEL_TEXT: text}
    query = {param: str(values.get(key, ss.get(key, 0))) for param, key in MODEL_URL.items()}
    if pick == UPLOAD:  # what was typed for a file of one's own stays in this session, out of the link
        query = {param: value for param, value in query.items() if MODEL_URL[param] != MODEL_TEXT}
    write_link(view, **query)


# --- the numbers, kept in the session (an upload's must not outlive it in a server-wide cache) ---


def computed_or_stop(model_id: str, text: str, model: ImportedModel, x: np.ndarray) -> tuple:
    """`computed`, or an error naming what the model cannot compute on this input (the page stops there)."""
    try:
        return computed(model_id, text, model, x)
    except ValueError as err:
        st.error(f"This model cannot be run on this input: {plain(str(err), 300)}.", icon=":material/error:")
        st.stop()


def computed(model_id: str, text: str, model: ImportedModel, x: np.ndarray) -> tuple:
    """(the forward's record, every layer's ranges, the prediction) of the model on the input `text` reads as, x;
    kept in this session for the next rerun (a slider move) and recomputed when the model or the input changes."""
    ss = st.session_state
    kept = ss.get(MODEL_COMPUTED)
    if kept is None or kept[0] != (model_id, text):
        record = model.forward(x)
        scales = theme.imported_ranges(model, x)
        ss[MODEL_COMPUTED] = kept = ((model_id, text), (record, scales, np.asarray(record.y)))
    return kept[1]
