"""The one module that knows how the app keeps its state: the st.session_state key names, the URL's
query string (read once per session, written on every run) and the format of a sequence reference.

Pages and the other ui modules use the constants below, never a key name of their own, and
build links with `link_query`. A key that only names a widget or a chart (a button, a download,
a form field read through its return value) stays with its widget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core import cells
from lstm_viz.core.params import MAX_LAYERS
from lstm_viz.core.refusal import Refusal
from lstm_viz.ui.safe import plain

if TYPE_CHECKING:
    from lstm_viz.ui.view import View

# --- st.session_state keys ---

# The sidebar's widgets: what a view is made of.
TASK = "task"  # the task's name
SOURCE = "source"  # "sample" or "own"
SEQ = "seq"  # the sample's seed
TEXT = "text"  # the user's own sequence, as typed
MODEL = "model"  # "preset", "random", "session" or "textbook" (built by hand)
MODEL_SEED = "model_seed"  # the random initialisation's seed
PRESENTER = "presenter"  # presenter mode on or off
CELL = "cell"  # the cell's name: "lstm", "gru", "rnn", "lstm_nfg", ...
NUM_LAYERS = "num_layers"  # the random initialisation's number of layers, 1 to 3
LAYER = "layer"  # the layer the pages show, 0 (reads the input) to num_layers - 1
LANG = "lang"  # the language the app speaks: "en" or "zh" (lstm_viz.words.LANGUAGES), lang= in the URL
SIDEBAR_KEYS = (TASK, SOURCE, SEQ, TEXT, MODEL, MODEL_SEED, PRESENTER, CELL, NUM_LAYERS, LAYER, LANG)
KEPT = "_kept"  # {sidebar key: value}, put back after st.switch_page drops widget state
GOOD_TEXT = "_good_text"  # {task name: the last own sequence that parsed}
VIEW = "_view"  # the View that app.py's sidebar built in this run
LINK_READ = "_link_read"  # the URL was read (once per session)
GOTO = "goto"  # (t, unit) for the step-through page to open at (from a link or a heat-map click), as asked
FIRST_RUN_NO_TASK = "_first_run_no_task"  # the session's first run, from a link that named no task (app.py drops it)
LINK_PROBLEMS = "_link_problems"  # what read_link found wrong, shown until a run of the page completes (app.py)
PENDING = "_pending"  # {sidebar key: value} a page asks the sidebar to take on its next run (the home tour's sample)

# The step-through page.
STEP_T = "t"  # the time step shown (the slider's key)
STEP_UNIT = "unit"  # the unit shown (the selectbox's key)
STEPPER = "stepper"  # the stepper component's latest move, {"t": t, "n": n} (lstm_viz/ui/stepper.py)
STEP_MOVE = "_step_move"  # the n of the last stepper move the page applied (echoed back to it as ack)
LINK_CLAMPED = "_link_clamped"  # ((t, unit) shown, words): a link's t or unit past the view's, said while shown
UNIT_SHOWN = "_unit_shown"  # the unit the step-through page showed last (kept past its widget): the heat maps mark it
SPEED = "speed"  # the play speed's name
PLAYING = "playing"  # the Play toggle
PLAY_FROM = "_play_from"  # (t, time.monotonic()) when Play started
STOP_PLAYING = "_stop_playing"  # set at the last step: the toggle is switched off on the next run

# Models and training.
SESSION_MODELS = "session_models"  # {task name: TrainedModel} trained (or opened) in this session
SESSION_LENGTHS = "session_lengths"  # {(task name, cell): the sequence length it was trained on}, when known
JOB = "train_job"  # the TrainingJob of this session, running or done
RUNS = "train_runs"  # this session's finished and uploaded runs
RECORDED = "train_recorded"  # the id of the job whose result was last added to RUNS
RUN_LINK = "_run_link"  # the training run's id that the link named (a reloaded Train live page finds it)
FORM_KEPT = "_train_form"  # {widget key: value} of the Train live form, put back on the next visit
UPLOAD_SEEN = "upload_seen"  # the file id of the last weights file handled
UPLOAD_ERROR = "upload_error"  # why the last weights file was refused, or None

# The Why gates page (its view is in the URL too: wtask, cells, len, wseq, grad, ccell, gate, clamp, cunit).
WHY_TASK = "why_task"  # the memory task of the study: "remember_first" or "adding"
WHY_CELLS = "why_cells"  # the cells drawn on the memory chart, a list of names
WHY_LENGTH = "why_length"  # the sequence length of the gradient chart and of "train these now"
WHY_SEQ = "why_seq"  # the sample's seed for the gradient chart
WHY_GRAD = "why_grad"  # which models the gradient chart shows: "trained", "random" or "both"
CLAMP_CELL = "clamp_cell"  # the trained model whose gate is clamped: "lstm" or "gru"
CLAMP_GATE = "clamp_gate"  # the gate clamped: "f", "i", "o" (LSTM), "r", "z" (GRU)
CLAMP_VALUE = "clamp_value"  # "off", "0", "1" or "mean"
CLAMP_UNIT = "clamp_unit"  # "all", or a unit's number as a string
WHY_KEYS = (WHY_TASK, WHY_CELLS, WHY_LENGTH, WHY_SEQ, WHY_GRAD, CLAMP_CELL, CLAMP_GATE, CLAMP_VALUE, CLAMP_UNIT)
WHY_KEPT = "_why_kept"  # {key: value} of the page's choices, put back after another page dropped its widgets
WHY_LIVE = "_why_live"  # the "train these now" runs of this session: {"task", "length", "jobs": {cell: job}}
WHY_URL = {"wtask": WHY_TASK, "len": WHY_LENGTH, "wseq": WHY_SEQ, "grad": WHY_GRAD, "ccell": CLAMP_CELL,
           "gate": CLAMP_GATE, "clamp": CLAMP_VALUE, "cunit": CLAMP_UNIT}  # fmt: skip

# The Your model page (its view is in the URL too: ex, input, mlayer, mt, munit; an uploaded file cannot be).
# A model read from a file lives in this browser session only: nothing of it is written to disk or shared.
MODEL_PICK = "model_pick"  # the model shown: an example's name (lstm_viz/data/examples) or "upload"
MODEL_TEXT = "model_text"  # the input typed for it, as typed
MODEL_GOOD = "_model_good"  # {model id: the last input that parsed for that model}
MODEL_LAYER = "model_layer"  # the recurrent layer shown, 0 (reads the input) to the top one
MODEL_T = "model_t"  # the time step of the step-through view (the slider's key)
MODEL_UNIT = "model_unit"  # the unit of the step-through view (the selectbox's key)
MODEL_FILE = "_model_file"  # {"id", "name", "data"}: the file uploaded last in this session, as bytes
MODEL_OPENED = "_model_opened"  # (file id, options, ImportedModel or None, error or None): that file as read
MODEL_COMPUTED = "_model_computed"  # ((model id, input), (record, ranges, prediction)): the page's numbers
MODEL_GOOD_FILE = "_model_good_file"  # (model id, file name, ImportedModel): the last upload that opened
MODEL_RNN_ACT = "model_rnn_act"  # a state_dict's nn.RNN nonlinearity: "ask" (not an nn.RNN), "tanh" or "relu"
MODEL_READOUT_AT = "model_readout_at"  # a state_dict's read-out: "last" (fc(out[:, -1])) or "all" (fc(out))
MODEL_OUT_ACT = "model_out_act"  # a state_dict's function after the read-out: "linear", "sigmoid", ...
MODEL_KEYS = (MODEL_PICK, MODEL_TEXT, MODEL_LAYER, MODEL_T, MODEL_UNIT, MODEL_RNN_ACT, MODEL_READOUT_AT,
              MODEL_OUT_ACT)  # fmt: skip
MODEL_KEPT = "_model_kept"  # {key of MODEL_KEYS: value}, put back after another page dropped the widgets' state
MODEL_URL = {"ex": MODEL_PICK, "input": MODEL_TEXT, "mlayer": MODEL_LAYER, "mt": MODEL_T, "munit": MODEL_UNIT}
MAX_MODEL_INPUT_CHARS = 20_000  # a typed input past this is refused before it is read (200 steps of 10 numbers)

# The step-through page's exercise, predict then reveal (lstm_viz/ui/exercise.py; in the URL: exercise, exq,
# answers).
EX_ON = "ex_on"  # the Exercise toggle (exercise=1)
EX_PICK = "ex_pick"  # the quantities' multiselect (it mirrors EX_ASKED)
EX_ASKED = "_ex_asked"  # the quantities asked, as last chosen (exq=f,c or the multiselect); None: all of the cell's
EX_ANSWERS = "_ex_answers"  # the teacher's answers view, from the link only (answers=1)
EX_RECORDS = "_ex_records"  # {exercise id: {"start": t, "said": {t: {name: move}}, "checked": {t: {name: (said,
#                              the truth's move)}}}}: each exercise's predictions and score, for the session
EX_KEPT = "_ex_kept"  # {EX_ON: value}, put back after another page dropped the toggle's state
EX_FLAGS = ("0", "1")  # exercise=0/1 and answers=0/1

MAX_SEED = 10_000  # samples and initialisations are numbered 0 to MAX_SEED
MAX_LINK_INDEX = 10**9  # a link's t or unit past this is not read as a number at all


# --- a sequence: a seeded sample of the task, or the user's own text ---


@dataclass(frozen=True)
class SeqRef:
    """Which sequence a view shows. `str(ref)` is its key (in cache keys and View.seq_key), `parse` reads one."""

    kind: str  # "seed" or "text"
    value: str  # the seed, or the user's own sequence

    @classmethod
    def seed(cls, n: int) -> SeqRef:
        return cls("seed", str(int(n)))

    @classmethod
    def text(cls, text: str) -> SeqRef:
        return cls("text", text)

    @classmethod
    def parse(cls, key: str) -> SeqRef:
        kind, _, value = key.partition(":")
        if kind not in ("seed", "text"):
            raise ValueError(f"sequence key: expected 'seed:<n>' or 'text:<sequence>', got {key[:40]!r}")
        return cls(kind, value)

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


# --- the URL ---


def as_int(name: str, value: str, lo: int, hi: int, problems: list[Refusal]) -> int | None:
    """A link's whole number in lo..hi, else None and a problem named by what it is (`name`: a key of the
    catalogue's common.LINK_NAMES: "seq", "mseed", "layers", "layer", "t", "unit")."""
    try:
        n = int(value)
    except ValueError:
        problems.append(Refusal(f"link.not_whole.{name}", value=plain(value, 20)))
        return None
    if not lo <= n <= hi:
        problems.append(Refusal(f"link.outside.{name}", value=n, lo=lo, hi=hi))
        return None
    return n


def read_link() -> list[Refusal]:
    """Once per session: set the widgets' state from the query string. Returns the problems found: Refusals
    (codes link.*, in the catalogues' common.ERRORS), shown in the reader's language (`refusal.say`)."""
    ss = st.session_state
    if ss.get(LINK_READ):
        return []
    ss[LINK_READ] = True
    q = st.query_params
    problems: list[Refusal] = []
    if "task" not in q:
        ss[FIRST_RUN_NO_TASK] = True
    if "task" in q:
        if q["task"] in tasks.names():
            ss[TASK] = q["task"]
        else:
            problems.append(Refusal("link.unknown_task", value=plain(q["task"], 30)))
    if "text" in q:
        ss[SOURCE], ss[TEXT] = "own", q["text"]
    elif "seq" in q and (n := as_int("seq", q["seq"], 0, MAX_SEED, problems)) is not None:
        ss[SOURCE], ss[SEQ] = "sample", n
    if "model" in q:
        if q["model"] in ("preset", "random", "textbook"):  # textbook: built by hand, where offered (else the preset)
            ss[MODEL] = q["model"]
        elif q["model"] == "session":
            problems.append(Refusal("link.session_model"))
        else:
            problems.append(Refusal("link.unknown_model", value=plain(q["model"], 30)))
    if "mseed" in q and (n := as_int("mseed", q["mseed"], 0, MAX_SEED, problems)) is not None:
        ss[MODEL_SEED] = n
    if "cell" in q:
        if q["cell"] in cells.names():
            ss[CELL] = q["cell"]
        else:
            problems.append(Refusal("link.unknown_cell", value=plain(q["cell"], 30)))
    if "layers" in q and (n := as_int("layers", q["layers"], 1, MAX_LAYERS, problems)) is not None:
        ss[NUM_LAYERS] = n
    if "layer" in q and (n := as_int("layer", q["layer"], 0, MAX_LAYERS - 1, problems)) is not None:
        ss[LAYER] = n
    if "presenter" in q:
        if q["presenter"] in ("0", "1"):
            ss[PRESENTER] = q["presenter"] == "1"
        else:
            problems.append(Refusal("link.presenter", value=plain(q["presenter"], 20)))
    if "lang" in q and q["lang"] not in words.LANGUAGES:
        problems.append(Refusal("link.lang", value=plain(q["lang"], 20), languages=", ".join(words.LANGUAGES)))
    if "run" in q:
        if re.fullmatch(r"[0-9a-f]{12}", q["run"]):
            ss[RUN_LINK] = q["run"]
        else:
            problems.append(Refusal("link.run", value=plain(q["run"], 20)))
    read_why_link(q, problems)
    read_model_link(q, problems)
    read_exercise_link(q, problems)
    if "t" in q or "unit" in q:  # any whole number: the step page says what it shows for one past the view's
        t = as_int("t", q.get("t", "0"), -MAX_LINK_INDEX, MAX_LINK_INDEX, problems)
        unit = as_int("unit", q.get("unit", "0"), -MAX_LINK_INDEX, MAX_LINK_INDEX, problems)
        ss[GOTO] = (t or 0, unit or 0)
    return problems


def read_why_link(q, problems: list[Refusal]) -> None:
    """The Why gates page's part of a link, each value checked against what the page offers (lstm_viz.ui.why)."""
    from lstm_viz.ui.why import CHOICES  # the page's choices live with its widgets

    ss = st.session_state
    for param, key in WHY_URL.items():
        if param not in q:
            continue
        value = q[param]
        choices = CHOICES[key]
        if value in choices:
            ss[key] = int(value) if key in (WHY_LENGTH,) else value
        elif key == WHY_SEQ:
            if (n := as_int("seq", value, 0, MAX_SEED, problems)) is not None:
                ss[key] = n
        else:
            problems.append(
                Refusal("link.not_one_of", param=param, value=plain(value, 20), choices=", ".join(map(str, choices)))
            )
    if "cells" in q:
        names = [c for c in q["cells"].split(",") if c]
        bad = [c for c in names if c not in CHOICES[WHY_CELLS]]
        if bad:
            problems.append(Refusal("link.not_a_study_cell", value=plain(bad[0], 20)))
        ss[WHY_CELLS] = list(dict.fromkeys(c for c in names if c in CHOICES[WHY_CELLS]))  # each once


def read_model_link(q, problems: list[Refusal]) -> None:
    """The Your model page's part of a link: the example (an uploaded file stays in the session that uploaded
    it), the input as typed (the page checks it against the model) and the layer, t and unit (clamped there)."""
    from lstm_viz.ui.imported_view import EXAMPLES  # the page's choices live with its widgets

    ss = st.session_state
    if "ex" in q:
        if q["ex"] in EXAMPLES:
            ss[MODEL_PICK] = q["ex"]
        elif q["ex"] == "upload":
            problems.append(Refusal("link.uploaded_model"))
        else:
            problems.append(Refusal("link.unknown_example", value=plain(q["ex"], 30)))
    if "input" in q:
        ss[MODEL_TEXT] = q["input"][:MAX_MODEL_INPUT_CHARS]
    for param, key, what in (("mlayer", MODEL_LAYER, "layer"), ("mt", MODEL_T, "t"), ("munit", MODEL_UNIT, "unit")):
        if param in q and (n := as_int(what, q[param], 0, MAX_LINK_INDEX, problems)) is not None:
            ss[key] = n


def read_exercise_link(q, problems: list) -> None:
    """The step-through exercise's part of a link: exercise=1 turns it on, exq=f,c names the quantities asked (each a
    quantity some cell's exercise asks about; the page says which this cell lacks), answers=1 opens the teacher's
    answers. A bad value is named (a Refusal, in the reader's language) and ignored."""
    from lstm_viz.core.refusal import Refusal
    from lstm_viz.explain.exercise import every_quantity

    ss = st.session_state
    if "exercise" in q:
        if q["exercise"] in EX_FLAGS:
            ss[EX_ON] = q["exercise"] == "1"
        else:
            problems.append(Refusal("exercise.link_flag", name="exercise", value=plain(q["exercise"], 20)))
    if "answers" in q:
        if q["answers"] in EX_FLAGS:
            ss[EX_ANSWERS] = q["answers"] == "1"
        else:
            problems.append(Refusal("exercise.link_flag", name="answers", value=plain(q["answers"], 20)))
    if "exq" in q:
        known = every_quantity()
        names = list(dict.fromkeys(n.strip().lower() for n in q["exq"].split(",") if n.strip()))
        if bad := [n for n in names if n not in known]:
            problems.append(Refusal("exercise.link_quantity", value=plain(bad[0], 20), names=", ".join(known)))
        if good := [n for n in names if n in known]:
            ss[EX_ASKED] = good


def put_back(store: str) -> None:
    """Streamlit drops the state of a widget a run did not draw (another page, a hidden widget): put back the values
    `keep` stored under `store`, before the widgets are drawn (a value already there, from a link, wins)."""
    ss = st.session_state
    for key, value in ss.get(store, {}).items():
        ss.setdefault(key, value)


def keep(store: str, keys) -> None:
    """Store the current values of the widgets `keys` under `store`, for `put_back` on a later run."""
    ss = st.session_state
    ss.setdefault(store, {}).update({key: ss[key] for key in keys if key in ss})


def link_query(view: View, **extra: int | str) -> dict[str, str]:
    """The query string of a view (and page values such as t and unit): what `read_link` reads back."""
    seq = SeqRef.parse(view.seq_key)
    q = {"task": view.task, "cell": view.cell, "model": view.model}
    q["text" if seq.kind == "text" else "seq"] = seq.value
    if view.model == "random":
        q["mseed"] = str(view.model_seed)
        q["layers"] = str(view.num_layers)
    if view.layer:
        q["layer"] = str(view.layer)
    if view.presenter:
        q["presenter"] = "1"
    if view.lang != words.DEFAULT:
        q["lang"] = view.lang
    q.update({k: str(v) for k, v in extra.items()})
    return q


def write_link(view: View, **extra: int | str) -> None:
    """Mirror the view (and page values such as t and unit) into the query string."""
    q = link_query(view, **extra)
    if dict(st.query_params) != q:
        st.query_params.from_dict(q)
