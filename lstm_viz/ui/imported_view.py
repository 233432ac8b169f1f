"""The Your model page's widgets and logic: pick a shipped example or upload a Keras / PyTorch file, type an input
that fits it, and get the numbers the page draws (cached by plain ids).

A file is read by lstm_viz.io.load_model (parsed, never unpickled; every problem a ValueError naming it, a
Refusal said in the reader's language) and lives in this browser session only (state.MODEL_FILE, MODEL_OPENED,
MODEL_GOOD_FILE). The functions without `st.` (parse_input, token_labels, open_upload, ...) take plain values and
are tested directly. Every word shown is the catalogue's (lstm_viz/words/*/model.py) in this session's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core.refusal import Refusal, say
from lstm_viz.io.file_limits import MAX_FILE_BYTES
from lstm_viz.io.imported import OUTPUT_ACTIVATIONS, ImportedModel
from lstm_viz.io.model_files import load_model, sniff
from lstm_viz.tasks import Task
from lstm_viz.ui.lang import language, ui_words
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
# {name: what it is}, from each example's JSON ("about": its layers, then what it does, which the catalogue's EXAMPLES
# says in each language): the text models first; the first is shown on a first visit.
EXAMPLES = {name: _RECORDS[name]["about"] for name in sorted(_RECORDS, key=lambda n: ("task" not in _RECORDS[n], n))}
# {name: the task whose data it was trained on}, for the examples whose input is typed as that task's text (the
# negation sentences: the file holds no vocabulary, the task does)
EXAMPLE_TASKS = {name: tasks.get(record["task"]) for name, record in _RECORDS.items() if "task" in record}
UPLOAD = "upload"
FILE_TYPES = ["keras", "h5", "pt", "pth", "safetensors"]
RNN_ACTS = ("ask", "tanh", "relu")  # the nn.RNN question's options ("ask": not an nn.RNN); words: RNN_ACTS
READOUT_AT = ("last", "all")  # where the read-out looks: fc(out[:, -1]) or fc(out); words: READOUT_AT


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


def class_note(task: Task, y: np.ndarray, lang: str = "en") -> str:
    """What a text example's outputs mean, in the task's classes: one sigmoid output, or one column a class."""
    w = words.of(lang).model
    names = words.task_words(lang, task.name)["classes"]
    if np.shape(y)[-1] == 1 and len(names) == 2:
        return w.CLASS_CHANCE.format(one=names[1], zero=names[0])
    columns = w.CLASS_SEPARATOR.join(w.CLASS_COLUMN.format(k=k, name=name) for k, name in enumerate(names))
    return w.CLASS_COLUMNS.format(columns=columns)


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
        raise Refusal("model.upload_too_big", size=f"{len(data):,}", limit=f"{MAX_FILE_BYTES:,}")
    try:
        model = load_model(bytes(data), **(options if is_state_dict(data) else {}))
    except ValueError:
        raise
    except Exception as err:  # a hostile file must not show a traceback: say what failed, keep the page
        raise Refusal("model.unreadable", kind=type(err).__name__) from None
    if model.text_steps is not None and model.text_steps > tasks.MAX_CUSTOM_LEN:
        raise Refusal("model.text_too_long_for_page", layer=model.lookup.label, steps=f"{model.text_steps:,}",
                      limit=tasks.MAX_CUSTOM_LEN)  # fmt: skip
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


def example_layers(name: str) -> str:
    """An example's layers as its JSON names them: "LSTM(50, relu) -> Dense" (the same in every language)."""
    return EXAMPLES[name].split(":")[0]


def pick_label(name: str, lang: str = "en") -> str:
    if name == UPLOAD:
        return words.of(lang).model.PICK_UPLOAD
    return f"{name}: {example_layers(name)}"


def model_ui() -> Chosen:
    """The model shown: an example (the default), or the uploaded file with the options a state_dict lacks.
    A file that cannot be opened is named in an error and the last model that opened stays on the page."""
    ss = st.session_state
    w, lang = ui_words().model, language()
    pick = st.radio(w.PICK, [*EXAMPLES, UPLOAD], format_func=lambda name: pick_label(name, lang), key=MODEL_PICK,
                    on_change=_on_pick, help=w.PICK_HELP)  # fmt: skip
    if pick != UPLOAD:
        st.caption(w.EXAMPLE_SAID.format(layers=plain(example_layers(pick), 200), about=plain(w.EXAMPLES[pick], 200),
                                         path=f"`lstm_viz/data/examples/{pick}.keras`"))  # fmt: skip
        return Chosen(example_model(pick), f"example:{pick}", pick, False, example_task(pick))
    chosen = upload_ui()
    if chosen is None:
        first = next(iter(EXAMPLES))
        st.caption(w.UNTIL_OPENED.format(name=first))
        ss.setdefault(MODEL_TEXT, example_input(first))
        return Chosen(example_model(first), f"example:{first}", first, False, example_task(first))
    return chosen


def upload_ui() -> Chosen | None:
    """The file uploader and, for a state_dict, what its tensors cannot say. None until a file opens."""
    ss = st.session_state
    w, lang = ui_words().model, language()
    up = st.file_uploader(
        w.UPLOAD,
        type=FILE_TYPES,
        key="model_upload",
        max_upload_size=MAX_FILE_BYTES // 2**20,  # the reader's own limit (also .streamlit/config.toml's)
        help=w.UPLOAD_HELP.format(mb=MAX_FILE_BYTES // 2**20),
    )
    if up is not None and ss.get(MODEL_FILE, {}).get("id") != up.file_id:
        ss[MODEL_FILE] = {"id": up.file_id, "name": up.name, "data": up.getvalue()}
    stored = ss.get(MODEL_FILE)
    if stored is None:
        st.info(w.CHOOSE_FILE, icon=":material/upload_file:")
        return None
    options = options_ui(stored["data"])
    key = (stored["id"], tuple(sorted(options.items())))
    opened = ss.get(MODEL_OPENED)
    if opened is None or opened[:2] != key:
        new_model = opened is None or opened[0] != key[0] or opened[2] is None  # a new file, or the first to open
        try:
            model, error = open_upload(stored["data"], **options), None
        except ValueError as err:  # kept as it is: said in the language of the run that shows it
            model, error = None, err
        ss[MODEL_OPENED] = opened = (*key, model, error)
        if model is not None and new_model:
            ss[MODEL_TEXT] = default_input(model)  # an input that fits it (the one typed fits the model before)
    model, error = opened[2], opened[3]
    name = stored["name"]
    if model is not None:
        model_id = f"upload:{stored['id']}:{key[1]}"
        ss[MODEL_GOOD_FILE] = (model_id, name, model)
        if up is None:
            st.caption(w.SHOWING_EARLIER.format(name=plain(name, 80)))
        return Chosen(model, model_id, name, True)
    st.error(w.NOT_OPENED.format(name=plain(name, 80), why=plain(say(error, lang), 400)), icon=":material/error:")
    good = ss.get(MODEL_GOOD_FILE)
    if good is None:
        return None
    st.caption(w.STILL_SHOWING_FILE.format(name=plain(good[1], 80)))
    ss.setdefault(MODEL_TEXT, default_input(good[2]))
    return Chosen(good[2], good[0], good[1], True)


def options_ui(data: bytes) -> dict:
    """For a PyTorch state_dict: the nn.RNN's nonlinearity, where the read-out looks and the function after it
    (a state_dict holds tensors only). {} for a Keras file, which names its own architecture."""
    if not is_state_dict(data):
        return {}
    w = ui_words().model
    st.caption(w.STATE_DICT_NOTE)
    cols = st.columns(3)
    act = cols[0].selectbox(w.RNN_ACT, RNN_ACTS, format_func=w.RNN_ACTS.get, key=MODEL_RNN_ACT, help=w.RNN_ACT_HELP)
    at = cols[1].radio(w.READOUT, READOUT_AT, format_func=w.READOUT_AT.get, key=MODEL_READOUT_AT, help=w.READOUT_HELP)
    out = cols[2].selectbox(w.OUT_ACT, list(OUTPUT_ACTIVATIONS), key=MODEL_OUT_ACT, help=w.OUT_ACT_HELP)
    options = {"readout_at": at, "output_activation": out}
    if act != "ask":
        options["activation"] = act
    return options


def input_ui(chosen: Chosen) -> tuple[np.ndarray, str]:
    """The input box; returns the input shown (parsed) and its text. Bad input: an error naming the problem, and
    the last good input for this model kept (said so), else the model's default input."""
    ss = st.session_state
    w, lang = ui_words().model, language()
    model = chosen.model
    default = default_input(model) if chosen.uploaded else example_input(chosen.label)
    ss.setdefault(MODEL_TEXT, default)
    task = chosen.task
    kind = ("sentence" if task is not None else "text" if model.vocabulary is not None else "ids"
            if model.vocab_size is not None else "numbers")  # fmt: skip
    text = st.text_input(w.INPUT.format(kind=w.INPUT_KINDS[kind], limit=tasks.MAX_CUSTOM_LEN), key=MODEL_TEXT,
                         help=input_help(model, task, lang), max_chars=MAX_MODEL_INPUT_CHARS)  # fmt: skip
    if task is not None:
        st.caption(w.TYPE_HINT.format(hint=plain(words.task_words(lang, task.name)["input_hint"], 300)))
    good = ss.setdefault(MODEL_GOOD, {})
    try:
        x = parse_input(model, text, task)
        good[chosen.model_id] = text
        return x, text
    except ValueError as err:
        # 600 characters: a task's message about an unknown word lists its whole vocabulary
        st.error(w.INPUT_REFUSED.format(why=plain(say(err, lang), 600)), icon=":material/error:")
    kept = good.get(chosen.model_id, default)
    try:
        x = parse_input(model, kept, task)
    except ValueError as err:  # not even the model's own default fits what the page can show
        st.error(w.CANNOT_SHOW.format(why=plain(say(err, lang), 300)), icon=":material/error:")
        st.stop()
    st.caption(w.STILL_SHOWING_INPUT.format(text=plain(kept, 120)))
    return x, kept


def layer_label(model: ImportedModel, lang: str = "en"):
    """The Layer shown selectbox's label of recurrent layer k: its name in the file and its place in the stack."""
    w = words.of(lang).model
    top = len(model.recurrent) - 1
    places = {0: "first", top: "top"}
    return lambda k: w.LAYER_OPTION.format(k=k, name=model.recurrent[k].name,
                                           place=w.LAYER_PLACES[places.get(k, "middle")])  # fmt: skip


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
        st.error(ui_words().model.CANNOT_RUN.format(why=plain(say(err, language()), 300)), icon=":material/error:")
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
