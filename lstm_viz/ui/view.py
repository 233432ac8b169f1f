"""The shared sidebar and the URL: what identifies a view (task, sequence, model, t, unit).

`sidebar()` draws the widgets in app.py on every run and returns a plain `View`. The view is
mirrored into the query string (?task=counting&seq=3&model=preset&t=5&unit=2), and a link
opened in a new session restores it: `read_link()` runs once per session, before any widget,
and checks every value it takes from the URL (a bad one is named in a warning and ignored).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lstm_viz import tasks
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.trace import GateTrace
from lstm_viz.tasks import Task
from lstm_viz.ui.models import MODEL_LABELS, model_and_id, sequence, session_model, trace_for
from lstm_viz.ui.safe import plain

MAX_SEED = 10_000
SOURCES = {"sample": "a sample", "own": "my own"}
GOTO = "goto"  # st.session_state key: (t, unit) for the step-through page to open at


@dataclass(frozen=True)
class View:
    task: str
    seq_key: str  # "seed:<n>" or "text:<the user's own sequence, last good one>"
    model: str  # "preset", "random" or "session"
    model_seed: int
    presenter: bool

    @property
    def font_size(self) -> int:
        return 18 if self.presenter else 12

    def shown(self) -> Shown:
        """The task, the model and the NumPy reference trace this view shows (the trace cached by ids)."""
        model, model_id = model_and_id(self.task, self.model, self.model_seed)
        task = tasks.get(self.task)
        trace = trace_for(self.task, model_id, self.seq_key, model)
        return Shown(task, model, model_id, trace, task.token_labels(trace.x))


@dataclass(frozen=True, eq=False)
class Shown:
    task: Task
    model: TrainedModel
    model_id: str
    trace: GateTrace  # trace.x is the sequence
    tokens: list[str]


def current() -> View:
    """The view that app.py's sidebar built in this run (app.py draws it before it runs the page)."""
    return st.session_state["_view"]


def as_int(name: str, value: str, lo: int, hi: int, problems: list[str]) -> int | None:
    try:
        n = int(value)
    except ValueError:
        problems.append(f"{name} {plain(value, 20)} is not a whole number")
        return None
    if not lo <= n <= hi:
        problems.append(f"{name} {n} is outside {lo} to {hi}")
        return None
    return n


def read_link() -> list[str]:
    """Once per session: set the widgets' state from the query string. Returns the problems found."""
    ss = st.session_state
    if ss.get("_link_read"):
        return []
    ss["_link_read"] = True
    q = st.query_params
    problems: list[str] = []
    if "task" in q:
        if q["task"] in tasks.names():
            ss["task"] = q["task"]
        else:
            problems.append(f"unknown task {plain(q['task'], 30)}")
    if "text" in q:
        ss["source"], ss["text"] = "own", q["text"]
    elif "seq" in q and (n := as_int("sample", q["seq"], 0, MAX_SEED, problems)) is not None:
        ss["source"], ss["seq"] = "sample", n
    if "model" in q:
        if q["model"] in ("preset", "random"):
            ss["model"] = q["model"]
        elif q["model"] == "session":
            problems.append("the link's model was trained in another browser session; showing the preset")
        else:
            problems.append(f"unknown model {plain(q['model'], 30)}")
    if "mseed" in q and (n := as_int("initialisation seed", q["mseed"], 0, MAX_SEED, problems)) is not None:
        ss["model_seed"] = n
    if "t" in q or "unit" in q:
        t = as_int("t", q.get("t", "0"), 0, tasks.MAX_CUSTOM_LEN, problems)
        unit = as_int("unit", q.get("unit", "0"), 0, 1023, problems)
        ss[GOTO] = (t or 0, unit or 0)
    return problems


def _on_task_change():
    st.session_state["source"] = "sample"  # a typed sequence belongs to the task it was typed for


def _on_source_change():
    ss = st.session_state
    if ss.get("source") == "own" and not ss.get("text"):
        ss["text"] = tasks.get(ss["task"]).example


SIDEBAR_KEYS = ("task", "source", "seq", "text", "model", "model_seed", "presenter")


def sidebar() -> View:
    ss = st.session_state
    problems = read_link()
    kept = ss.setdefault("_kept", {})
    for key in SIDEBAR_KEYS:  # Streamlit drops widget state when a run ends in st.switch_page: put it back
        if key not in ss and key in kept:
            ss[key] = kept[key]
    ss.setdefault("task", tasks.names()[0])
    ss.setdefault("source", "sample")
    ss.setdefault("seq", 0)
    ss.setdefault("text", "")
    ss.setdefault("model", "preset")
    ss.setdefault("model_seed", 0)
    ss.setdefault("presenter", False)
    with st.sidebar:
        for p in problems:
            st.warning(f"From the link: {p}.", icon=":material/link_off:")
        name = st.selectbox(
            "Task", tasks.names(), format_func=lambda n: tasks.get(n).title, key="task", on_change=_on_task_change
        )
        task = tasks.get(name)
        source = st.radio(
            "Sequence",
            list(SOURCES),
            format_func=SOURCES.get,
            key="source",
            horizontal=True,
            on_change=_on_source_change,
        )
        if source == "sample":
            st.number_input("Sample number (a seed: same number, same sequence)", 0, MAX_SEED, step=1, key="seq")
            seq_key = f"seed:{int(ss['seq'])}"
        else:
            seq_key = own_sequence(task)
        kinds = ["preset", "random"] + (["session"] if session_model(name) is not None else [])
        if ss["model"] not in kinds:
            ss["model"] = "preset"
        kind = st.radio("Model", kinds, format_func=MODEL_LABELS.get, key="model")
        if kind == "random":
            st.number_input("Initialisation seed", 0, MAX_SEED, step=1, key="model_seed")
        st.toggle("Presenter mode", key="presenter", help="Larger text and figures, for a projector.")
    view = View(name, seq_key, kind, int(ss["model_seed"]), bool(ss["presenter"]))
    kept.update({key: ss[key] for key in SIDEBAR_KEYS if key in ss})
    ss["_view"] = view
    write_link(view)
    return view


def own_sequence(task) -> str:
    """The typed sequence's key if it parses; otherwise an error naming the problem and the last good one."""
    ss = st.session_state
    text = st.text_input(
        f"Your sequence (at most {tasks.MAX_CUSTOM_LEN} steps)",
        key="text",
        help=f"Type {task.input_hint}.",
        placeholder=task.example,
    )
    good = ss.setdefault("_good_text", {})
    try:
        sequence(task.name, f"text:{text}")
        good[task.name] = text
    except ValueError as err:
        st.error(f"This sequence cannot be used: {plain(str(err), 160)}.", icon=":material/error:")
        if task.name in good:
            st.caption(f"Still showing your last good sequence: {plain(good[task.name], 60)}")
        else:
            st.caption(f"Still showing sample {int(ss['seq'])}.")
    return f"text:{good[task.name]}" if task.name in good else f"seed:{int(ss['seq'])}"


def write_link(view: View, **extra: int) -> None:
    """Mirror the view (and page values such as t and unit) into the query string."""
    kind, _, value = view.seq_key.partition(":")
    q = {"task": view.task, "model": view.model}
    q["text" if kind == "text" else "seq"] = value
    if view.model == "random":
        q["mseed"] = str(view.model_seed)
    q.update({k: str(v) for k, v in extra.items()})
    if dict(st.query_params) != q:
        st.query_params.from_dict(q)
