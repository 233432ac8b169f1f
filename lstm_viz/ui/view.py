"""The shared sidebar and the URL: what identifies a view (task, cell, sequence, model, layer, t, unit, presenter mode).

`sidebar()` draws the widgets in app.py on every run and returns a plain `View`. The view is
mirrored into the query string (?task=counting&cell=gru&seq=3&model=preset&t=5&unit=2), and a link
opened in a new session restores it: `state.read_link()` runs once per session, before any widget,
and checks every value it takes from the URL (a bad one is named in a warning and ignored).
The session keys and the URL's format belong to `lstm_viz.ui.state`.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core import cells, refusal
from lstm_viz.core.params import MAX_LAYERS
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.spec import CellSpec
from lstm_viz.core.trace import GateTrace, Trace
from lstm_viz.explain.lengths import longer_words
from lstm_viz.tasks import Task
from lstm_viz.ui.lang import language
from lstm_viz.ui.models import (
    model_and_id,
    model_label,
    preset_by_length,
    preset_cells,
    preset_reached,
    sequence,
    session_cells,
    textbook_offered,
    trace_for,
    trained_len,
    trained_lengths,
)
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import (
    CELL,
    GOOD_TEXT,
    KEPT,
    LANG,
    LAYER,
    LINK_PROBLEMS,
    MAX_SEED,
    MODEL,
    MODEL_SEED,
    NUM_LAYERS,
    PENDING,
    PRESENTER,
    SEQ,
    SIDEBAR_KEYS,
    SOURCE,
    TASK,
    TEXT,
    VIEW,
    SeqRef,
    keep,
    put_back,
    read_link,
    write_link,
)


@dataclass(frozen=True)
class View:
    task: str
    seq_key: str  # str(state.SeqRef): a sample's seed or the user's own sequence (the last good one)
    model: str  # "preset", "random", "session" or "textbook" (built by hand)
    model_seed: int
    presenter: bool
    cell: str = "lstm"
    num_layers: int = 1  # of a random initialisation (a preset or a session model has its own)
    layer: int = 0  # the layer shown
    lang: str = "en"  # the language the pages speak (lstm_viz.words.LANGUAGES)

    @property
    def font_size(self) -> int:
        return 18 if self.presenter else 12

    def shown(self) -> Shown:
        """The task, the model and the NumPy trace this view shows (the trace cached by ids)."""
        model, model_id = model_and_id(self.task, self.cell, self.model, self.model_seed, self.num_layers)
        task = tasks.get(self.task)
        trace = trace_for(self.task, model_id, self.seq_key, model)
        layer = min(self.layer, model.num_layers - 1)
        return Shown(task, model, model_id, trace, task.token_labels(trace.x), layer)


@dataclass(frozen=True, eq=False)
class Shown:
    task: Task
    model: TrainedModel
    model_id: str
    trace: Trace  # every layer; trace.x is the sequence
    tokens: list[str]
    layer: int = 0  # the layer the pages show

    @property
    def spec(self) -> CellSpec:
        return self.model.params.spec

    @property
    def layer_trace(self) -> GateTrace:
        return self.trace.layers[self.layer]

    @property
    def layer_params(self) -> dict:
        return self.model.params.layers[self.layer]


def current() -> View:
    """The view that app.py's sidebar built in this run (app.py draws it before it runs the page)."""
    return st.session_state[VIEW]


def _on_task_change():
    st.session_state[SOURCE] = "sample"  # a typed sequence belongs to the task it was typed for


def _on_source_change():
    ss = st.session_state
    if ss.get(SOURCE) == "own" and not ss.get(TEXT):
        ss[TEXT] = tasks.get(ss[TASK]).example


def sidebar(page: str = "") -> View:
    """The sidebar's widgets and the View they make, on the page whose url path is `page`. On Train live the
    sequence, the model and the layer shown do nothing, and on Why gates (which picks its own task, cells and
    sequences) and on Your model (which shows a model read from a file) neither do the task and the cell: they are
    not drawn there, and their values are kept (KEPT), so the view and the link stay the same and the other pages
    find them again."""
    ss = st.session_state
    if problems := read_link():
        ss[LINK_PROBLEMS] = problems  # shown until a run completes (the home page may rerun once first)
    problems = ss.get(LINK_PROBLEMS, [])
    put_back(KEPT)  # what a page switch or the train page's hidden widgets dropped
    ss.update(ss.pop(PENDING, {}))  # before the widgets are drawn: a page's request (the home tour's sample)
    ss.setdefault(TASK, tasks.names()[0])
    ss.setdefault(SOURCE, "sample")
    ss.setdefault(SEQ, 0)
    ss.setdefault(TEXT, "")
    ss.setdefault(MODEL, "preset")
    ss.setdefault(MODEL_SEED, 0)
    ss.setdefault(PRESENTER, False)
    ss.setdefault(CELL, "lstm")
    ss.setdefault(NUM_LAYERS, 1)
    ss.setdefault(LAYER, 0)
    lang = language()
    shows_a_view = page not in ("train", "why", "model")
    picks_a_model = page not in ("why", "model")
    w = words.of(lang).common
    with st.sidebar:
        st.selectbox(w.LANGUAGE, words.LANGUAGES, format_func=words.NAMES.get, key=LANG)
        for p in problems:  # Refusals (state.read_link), in the reader's language
            st.warning(w.FROM_LINK.format(problem=refusal.say(p, lang)), icon=":material/link_off:")
        if picks_a_model:
            name = st.selectbox(w.TASK, tasks.names(), format_func=lambda n: words.task_words(lang, n)["title"],
                                key=TASK, on_change=_on_task_change)  # fmt: skip
        else:
            name = ss[TASK] if ss[TASK] in tasks.names() else tasks.names()[0]
            st.caption(w.OWN_PICKS["model" if page == "model" else "why"])
        task = tasks.get(name)
        seq_key = sequence_ui(task, lang) if shows_a_view else sequence_key(task, ss[TEXT])
        if picks_a_model:
            cell = st.selectbox(w.CELL, cells.names(), format_func=lambda n: cell_label(n, lang), key=CELL,
                                help=w.CELL_HELP)  # fmt: skip
        else:
            cell = ss[CELL] if ss[CELL] in cells.names() else "lstm"
        kinds = ["preset"] if cell in preset_cells(name) else []
        kinds += ["textbook"] if textbook_offered(name, cell) else []  # an LSTM built by hand, beside the preset
        kinds += ["random"]
        kinds += ["session"] if cell in session_cells(name) else []
        if ss[MODEL] not in kinds:
            ss[MODEL] = kinds[0]
        kind = model_ui(task, cell, kinds, lang) if shows_a_view else ss[MODEL]
        model, _ = model_and_id(name, cell, kind, int(ss[MODEL_SEED]), int(ss[NUM_LAYERS]))
        if model.num_layers > 1:
            ss[LAYER] = min(int(ss[LAYER]), model.num_layers - 1)
        if shows_a_view:
            coverage_note(task, seq_key, trained_len(name, cell, kind), lang)
            if model.num_layers > 1:
                st.selectbox(w.LAYER_SHOWN, list(range(model.num_layers)), key=LAYER,
                             format_func=layer_label(model, lang))  # fmt: skip
        st.toggle(w.PRESENTER, key=PRESENTER, help=w.PRESENTER_HELP)
    layer = int(ss[LAYER]) if model.num_layers > 1 else 0
    view = View(name, seq_key, kind, int(ss[MODEL_SEED]), bool(ss[PRESENTER]), cell, int(ss[NUM_LAYERS]), layer, lang)
    keep(KEPT, SIDEBAR_KEYS)
    ss[VIEW] = view
    write_link(view)
    return view


def sequence_ui(task, lang: str = "en") -> str:
    """The Sequence widgets: a sample's number, or the user's own sequence. Returns the sequence's key."""
    ss = st.session_state
    w = words.of(lang).common
    source = st.radio(
        w.SEQUENCE,
        list(w.SOURCES),
        format_func=w.SOURCES.get,
        key=SOURCE,
        horizontal=True,
        on_change=_on_source_change,
    )
    if source == "sample":
        st.number_input(w.SAMPLE_NUMBER, 0, MAX_SEED, step=1, key=SEQ)
        return str(SeqRef.seed(ss[SEQ]))
    return own_sequence(task, lang)


def model_ui(task, cell: str, kinds: list[str], lang: str = "en") -> str:
    """The Model widgets: the preset, a random initialisation (its seed and layers) or this session's model."""
    w = words.of(lang)
    kind = st.radio(w.common.MODEL, kinds, format_func=lambda k: model_label(k, lang), key=MODEL)
    if "preset" not in kinds:
        st.caption(w.common.NO_PRESET)
    elif kind == "preset" and not preset_reached(task.name, cell):
        said = w.common.PRESET_MISSED.format(cell=cell_label(cell, lang), metric=w.tasks.METRICS[task.metric],
                                             target=f"{task.target:g}")  # fmt: skip
        st.warning(said, icon=":material/info:")
    if kind == "textbook":
        st.caption(w.textbook.SIDEBAR_NOTE)
    if kind == "random":
        st.number_input(w.common.INIT_SEED, 0, MAX_SEED, step=1, key=MODEL_SEED)
        st.number_input(w.common.LAYERS, 1, MAX_LAYERS, step=1, key=NUM_LAYERS)
    return kind


def cell_label(name: str, lang: str = "en") -> str:
    spec = cells.spec(name)
    return words.cell_title(lang, name, spec.title)


def layer_label(model: TrainedModel, lang: str = "en"):
    w = words.of(lang).common
    roles = {0: w.LAYER_ROLES["first"], model.num_layers - 1: w.LAYER_ROLES["top"]}
    return lambda n: w.LAYER_ROLE.format(n=n, role=roles[n]) if n in roles else w.LAYER.format(n=n)


def coverage_note(task, seq_key: str, seq_len: int | None, lang: str = "en") -> None:
    """Say so when the user's own sequence is outside what the model was trained on (task.coverage)."""
    ref = SeqRef.parse(seq_key)
    if ref.kind != "text" or seq_len is None:
        return
    x = sequence(task.name, seq_key)
    code = task.coverage(x, seq_len)
    if code is not None:
        said = words.of(lang).explain.COVERAGE[code].format(n=seq_len, T=len(x))
        st.info(plain(said, 300), icon=":material/travel_explore:")


def length_note(view: View, steps: int) -> None:
    """Beside the answers (step-through, heat maps): a preset shown a sequence longer than the longest it was trained
    on says so, with what was measured at both lengths (lstm_viz.explain.lengths). A model trained on nothing says
    nothing; the sidebar's coverage note stays."""
    if view.model != "preset" or view.cell not in preset_cells(view.task):
        return
    longest = trained_lengths(view.task, view.cell, "preset")[1]
    if steps <= longest:
        return
    measured = {n: v for n in (steps, longest) if (v := preset_by_length(view.task, view.cell, n)) is not None}
    said = longer_words(tasks.get(view.task), longest, steps, measured, view.lang)
    st.info(plain(said, 400), icon=":material/straighten:")


def sequence_key(task, text: str) -> str:
    """The key of the sequence shown: the own sequence `text` if it parses (then remembered as the last good one),
    else the last good one, else the sample. Raises nothing: `own_sequence` says what was wrong."""
    ss = st.session_state
    good = ss.setdefault(GOOD_TEXT, {})
    if ss[SOURCE] != "own":
        return str(SeqRef.seed(ss[SEQ]))
    try:
        sequence(task.name, str(SeqRef.text(text)))
        good[task.name] = text
    except ValueError:
        pass
    return str(SeqRef.text(good[task.name]) if task.name in good else SeqRef.seed(ss[SEQ]))


def own_sequence(task, lang: str = "en") -> str:
    """The typed sequence's key if it parses; otherwise an error naming the problem (in `lang`: the task's
    refusal, lstm_viz.core.refusal) and the last good one."""
    ss = st.session_state
    w = words.of(lang).common
    text = st.text_input(
        w.OWN_SEQUENCE.format(limit=tasks.MAX_CUSTOM_LEN),
        key=TEXT,
        help=w.OWN_HELP.format(hint=words.task_words(lang, task.name)["input_hint"]),
        placeholder=task.example,
    )
    try:
        sequence(task.name, str(SeqRef.text(text)))
    except ValueError as err:
        st.error(w.CANNOT_USE.format(problem=plain(refusal.say(err, lang), 160)), icon=":material/error:")
        good = ss.get(GOOD_TEXT, {})
        if task.name in good:
            st.caption(w.STILL_GOOD.format(text=plain(good[task.name], 60)))
        else:
            st.caption(w.STILL_SAMPLE.format(n=int(ss[SEQ])))
    return sequence_key(task, text)
