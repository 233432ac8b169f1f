"""Train live: train a small LSTM, GRU, plain RNN or LSTM variant (1-3 layers) in the background, watch its loss
and its gates, then inspect it."""

import json

import streamlit as st

from lstm_viz import explain, tasks, words
from lstm_viz.core import cells
from lstm_viz.core.params import MAX_LAYERS
from lstm_viz.core.refusal import say
from lstm_viz.io import weights
from lstm_viz.torch_backend import resolve_device
from lstm_viz.training import jobs  # torch: this is the one page that imports it
from lstm_viz.training.loop import EVAL_BATCH, diverged_words, validate
from lstm_viz.ui import cached
from lstm_viz.ui import runs as session_runs
from lstm_viz.ui.lang import language, ui_words
from lstm_viz.ui.models import session_model, set_session_model
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import (
    FORM_KEPT,
    JOB,
    MODEL,
    RECORDED,
    RUN_LINK,
    TASK,
    UPLOAD_ERROR,
    UPLOAD_SEEN,
    keep,
    put_back,
    write_link,
)
from lstm_viz.ui.training_status import session_id, session_is_open, watcher
from lstm_viz.ui.view import current
from lstm_viz.viz.training import training_curves

PROGRESS_EVERY_S, CURVES_EVERY_S = 1.0, 3.0  # how often the page polls its run: the bar, and the curves
LIVE_POINTS = 300  # the live curves show at most about this many points: cheap to redraw twice a second
LEARNING_RATES = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0]
ss = st.session_state
view = current()
task = tasks.get(view.task)
default = task.default_config()
lang = language()
w = ui_words().train
task_title = session_runs.task_title


def metric_words(t) -> str:
    """A task's metric in the reader's language: "accuracy", "准确率"."""
    return w.METRICS[t.metric]


def sign(t) -> str:
    return "≥" if t.higher_is_better else "≤"


st.title(w.TITLE)
device = resolve_device("auto")
st.caption(w.INTRO.format(task=plain(task_title(lang, task.name)), device=device.type.upper()))


def adopt_linked_run() -> None:
    """A reloaded page is a new browser session: it takes back the run its link names (`run=<id>`) when the tab
    that started it is gone. A run of another open tab stays with that tab."""
    linked = ss.pop(RUN_LINK, None)
    if linked is None or ss.get(JOB) is not None:
        return
    found = jobs.find(linked)
    if found is None:
        st.info(w.LINK_GONE, icon=":material/info:")
    elif found.owner != session_id() and session_is_open(found.owner):
        st.info(w.LINK_OTHER_TAB, icon=":material/info:")
    else:
        found.owner = session_id()
        found.watched = watcher(found.owner)
        found.touch()
        ss[JOB] = found


adopt_linked_run()
job = ss.get(JOB)
running = job is not None and job.running
if job is not None:
    write_link(view, run=job.id)  # a reload finds this run again
jobs.warm_up()  # the trainer's process is ready before Start is pressed
if running:  # one Stop control: the page's, not also Streamlit's own (the page reruns twice a second)
    st.html('<style>[data-testid="stStatusWidget"] { visibility: hidden; }</style>')


def option_choices(cell: str) -> dict[str, tuple[str, ...]]:
    """The Keras activation options the cell can compute, by option, the cell's own first."""
    family = cells.FAMILIES[cell]
    found = {"activation": family.ACTIVATION_CHOICES, "recurrent_activation": getattr(family, "RECURRENT_CHOICES", ())}
    return {k: v for k, v in found.items() if v}


def config_ui():
    """The hyper-parameters, each within bounds the README documents, kept per task (the keys name it).
    The cell is picked outside the form, so that the fields below fit it. Returns a TrainConfig when Start
    is pressed, else None."""
    key = f"_{task.name}"
    put_back(FORM_KEPT)  # Streamlit forgets a widget's value on another page
    names = cells.names()
    said = w.FORM
    title = lambda n: words.cell_title(lang, n, cells.spec(n).title)  # noqa: E731
    cell = st.selectbox(said["cell"], names, names.index(view.cell), format_func=title, key="cfg_cell" + key,
                        disabled=running, help=said["cell_help"])  # fmt: skip
    spec = cells.spec(cell)
    has_f = "f" in spec.weighted
    with st.form("config", border=True):
        c = st.columns(4)
        layers = c[0].number_input(said["layers"], 1, MAX_LAYERS, 1, key="cfg_layers" + key, help=said["layers_help"])
        hidden = c[1].number_input(said["hidden"], 1, 128, default.hidden_size, key="cfg_hidden" + key)
        seq_len = c[2].number_input(said["seq_len"], task.min_len, 200, default.seq_len, key="cfg_seq_len" + key)
        steps = c[3].number_input(said["steps"], 10, 20_000, default.steps, step=100, key="cfg_steps" + key)
        c = st.columns(4)
        batch = c[0].number_input(said["batch"], 1, 512, default.batch_size, key="cfg_batch" + key)
        lr = c[1].select_slider(said["lr"], LEARNING_RATES, default.lr, key="cfg_lr" + key)
        bias = c[2].number_input(said["bias"], -5.0, 5.0, default.forget_bias, 0.5, key="cfg_bias" + key,
                                 disabled=not has_f, help=said["bias_help"] if has_f else
                                 said["bias_unused"].format(cell=title(cell)))  # fmt: skip
        seed = c[3].number_input(said["seed"], 0, 10_000, 0, key="cfg_seed" + key)
        options = {}
        with st.expander(said["activations"]):
            c = st.columns(2)
            for col, (option, choices) in zip(c, option_choices(cell).items()):
                options[option] = col.selectbox(said[option], choices, key=f"cfg_{option}{key}_{cell}")
        st.markdown(w.TARGET.format(metric=metric_words(task), sign=sign(task), target=f"{task.target:g}"))
        start = st.form_submit_button(said["start"], type="primary", icon=":material/play_arrow:", disabled=running)
    form_keys = [n for n in ss if isinstance(n, str) and n.startswith("cfg_") and not n.startswith("cfg_cell")]
    keep(FORM_KEPT, form_keys)  # the cell follows the sidebar's on a later visit
    if not start:
        return None
    own = dict(spec.options)  # the cell's own functions: no option in the config
    options = {k: (None if v == own.get(k) else v) for k, v in options.items()}
    return default.replace(
        hidden_size=int(hidden), seq_len=int(seq_len), steps=int(steps), batch_size=int(batch), lr=float(lr),
        forget_bias=float(bias) if has_f else default.forget_bias, seed=int(seed), cell=cell, num_layers=int(layers),
        **options,
    )  # fmt: skip


config = config_ui()
if config is not None and not running:
    try:
        validate(config, task)
    except ValueError as err:
        st.error(w.NOT_STARTED.format(reason=plain(say(err, lang), 300)), icon=":material/error:")
    else:
        sid = session_id()
        new = jobs.TrainingJob(task.name, config, orphan_after_s=jobs.ORPHAN_AFTER_S, watched=watcher(sid))
        new.owner = sid
        ss[JOB] = new.start()
        st.rerun()  # redraw with Start disabled and the progress polling on

if job is not None:
    st.button(w.STOP, icon=":material/stop:", disabled=not job.running, on_click=job.stop, key="stop")


@st.fragment(run_every=PROGRESS_EVERY_S if running else None)
def progress_ui():
    """The running job's progress (a cheap element, once a second); records the run when it ends."""
    job = ss.get(JOB)
    if job is None:
        return
    job.touch()  # this session still watches its run
    last = job.last_point()  # not the whole list: this runs once a second
    total = job.config.steps
    done = last.step if last else 0
    elapsed = last.seconds if last else 0.0
    if job.result is not None:
        done = job.result.steps_done
    said = w.PROGRESS
    if job.running and job.queued:
        text = said["waiting"]
    elif job.running:
        text = said["stopping" if job.stopping else "training"].format(done=done, total=total, seconds=elapsed)
    elif job.result is not None:
        text = said["done_why"].format(done=done, total=total, seconds=elapsed, reason=job.result.stop_words(lang))
    else:
        text = said["done"].format(done=done, total=total, seconds=elapsed)
    st.progress(min(done / max(total, 1), 1.0), text=text)
    if job.running:
        return
    if job.orphaned:
        st.warning(w.ORPHANED.format(seconds=jobs.ORPHAN_AFTER_S), icon=":material/info:")
    if job.failure is not None:
        st.error(plain(job.say_error(lang), 300), icon=":material/error:")
    if ss.get(RECORDED) != job.id:  # the run has ended: once, a full rerun (Start enabled, no more polling)
        ss[RECORDED] = job.id
        if job.result is not None:
            session_runs.add(session_runs.from_result(job.id, job.result, len(session_runs.runs()) + 1))
        st.rerun()


@st.fragment(run_every=CURVES_EVERY_S if running else None)
def live_curves_ui():
    """The running job's loss and metric curves, redrawn every few seconds: a chart costs the browser (on the
    same cores as the training) far more than the progress bar."""
    job = ss.get(JOB)
    if job is None or not job.running:
        return
    points = job.points()
    shown = points[:: max(1, len(points) // LIVE_POINTS)] + points[-1:]
    history = [(p.step, p.loss, p.metric) for p in shown]
    live = w.LIVE.format(task=task_title(lang, job.task))
    fig = training_curves([(live, history)], task.metric, task.target, font_size=view.font_size, lang=lang)
    st.plotly_chart(fig, key="live_curve", config={"displayModeBar": False})


progress_ui()
live_curves_ui()
all_runs = session_runs.runs()
if not all_runs and job is None:
    st.info(w.EMPTY)


def maps_height(font: int) -> int:
    """Six gate maps with room for their titles, at this font size."""
    return 700 + 20 * font


def use_model(run):
    set_session_model(run.model, run.config.seq_len if run.config is not None else None)
    ss[TASK], ss[MODEL] = run.model.task, "session"


def result_ui(run):
    run_task = tasks.get(run.model.task)
    if run.diverged:
        detail = plain(diverged_words(run.stop_params, lang), 300)
        st.error(w.DIVERGED.format(detail=detail, step=run.steps_done), icon=":material/warning:")
    if run.final_metric is not None:
        said = w.SAID.format(metric=metric_words(run_task), value=run.final_metric, n=EVAL_BATCH, sign=sign(run_task),
                             target=run_task.target)  # fmt: skip
        if run.reached_target:
            st.success(w.LEARNED.format(said=said), icon=":material/check_circle:")
        else:
            st.warning(w.NOT_LEARNED.format(said=said))
        if not run.diverged:
            reason = run.stop_words(lang)
            st.caption(plain(w.STOPPED_AFTER.format(reason=reason[:1].upper() + reason[1:], seconds=run.seconds,
                                                    device=run.device)))  # fmt: skip
    seq_len = run.config.seq_len if run.config else run_task.default_config().seq_len
    st.markdown(w.ANSWERS)
    rows = explain.prediction_rows(run_task, run.model, seq_len, 5, lang=lang)
    st.dataframe(rows, hide_index=True, width="stretch")
    buttons = st.container(horizontal=True, wrap=True)
    buttons.button(w.INSPECT, on_click=use_model, args=(run,), icon=":material/visibility:", key=f"use_{run.id}",
                   type="primary")  # fmt: skip
    buttons.download_button(w.DOWNLOAD_WEIGHTS, lambda: weights.to_bytes(run.model, run.config),
                         f"lstm-viz_{run.model.task}_{run.id}.safetensors", "application/octet-stream",
                         icon=":material/download:", key=f"dl_w_{run.id}", on_click="ignore")  # fmt: skip
    buttons.download_button(w.DOWNLOAD_CONFIG, json.dumps(run.config.to_dict() if run.config else {}, indent=2),
                         f"lstm-viz_{run.model.task}_{run.id}.json", "application/json",
                         icon=":material/download:", key=f"dl_c_{run.id}", on_click="ignore")  # fmt: skip
    if ss.get(MODEL) == "session" and session_model(run.model.task, run.model.cell) is run.model:
        st.caption(w.SHOWN_NOW)
    if len(run.snapshots) > 1:
        watch_ui(run, run_task, seq_len)
    elif run.diverged:
        st.caption(w.NOTHING_TO_WATCH)


def watch_ui(run, run_task, seq_len):
    st.subheader(w.WATCH)
    steps = [step for step, _ in run.snapshots]
    step = st.select_slider(w.SNAPSHOT, steps, steps[-1], key=f"snap_{run.id}")
    params = dict(run.snapshots)[step]
    font = view.font_size
    left, right = st.columns([1, 1.3])
    curves = training_curves([(run.title(lang), run.history)], run_task.metric, run_task.target, step, font, lang=lang)
    left.plotly_chart(curves, key="snap_curve", config={"displayModeBar": False})
    maps = cached.snapshot_heatmaps(run_task.name, run.id, step, seq_len, font, maps_height(font), params, lang)
    right.plotly_chart(maps, key="snap_maps", config={"displayModeBar": False})
    right.caption(w.SNAPSHOT_SAID.format(step=step))


def compare_ui(all_runs):
    st.subheader(w.COMPARE)
    labels = [r.title(lang) for r in all_runs]
    c = st.columns(2)
    a = c[0].selectbox(w.FIRST_RUN, range(len(labels)), len(labels) - 2, format_func=labels.__getitem__, key="cmp_a")
    b = c[1].selectbox(w.SECOND_RUN, range(len(labels)), len(labels) - 1, format_func=labels.__getitem__, key="cmp_b")
    ra, rb = all_runs[a], all_runs[b]
    if ra.model.task != rb.model.task:
        st.warning(w.OTHER_TASKS)
    run_task = tasks.get(rb.model.task)
    curves = [(r.title(lang), r.history) for r in (ra, rb) if r.history]
    if curves:
        fig = training_curves(curves, run_task.metric, run_task.target, font_size=view.font_size, lang=lang)
        st.plotly_chart(fig, key="cmp_curve", config={"displayModeBar": False})
    cols = st.columns(2)
    for col, r in zip(cols, (ra, rb)):
        t = tasks.get(r.model.task)
        seq_len = r.config.seq_len if r.config else t.default_config().seq_len
        col.markdown(f"**{plain(r.title(lang), 120)}**")
        font = view.font_size
        maps = cached.snapshot_heatmaps(t.name, r.id, -1, seq_len, font, maps_height(font), r.model.params, lang)
        col.plotly_chart(maps, key=f"cmp_maps_{col is cols[1]}", config={"displayModeBar": False})


def import_ui():
    st.subheader(w.OPEN)
    st.caption(w.OPEN_SAID.format(limit=weights.MAX_BYTES))
    up = st.file_uploader(
        w.OPEN_LABEL, type=["safetensors"], key="upload", label_visibility="collapsed", max_upload_size=2
    )  # MB: a weights file is a few KB (weights.MAX_BYTES); the app allows 32
    if up is None:
        ss[UPLOAD_ERROR] = None
        return
    if ss.get(UPLOAD_SEEN) == up.file_id:
        return
    ss[UPLOAD_SEEN] = up.file_id
    try:
        if up.size > weights.MAX_BYTES:
            raise weights.too_large(up.size)
        model, config = weights.from_bytes(up.getvalue())
    except ValueError as err:
        ss[UPLOAD_ERROR] = (up.name, err)  # said in the language of the page that shows it
    else:
        ss[UPLOAD_ERROR] = None
        session_runs.add(session_runs.from_upload(model, config, up.name))
        st.rerun()


if all_runs:
    st.divider()
    st.subheader(w.RESULTS)
    labels = [r.title(lang) for r in all_runs]
    pick = st.selectbox(w.RUN, range(len(labels)), len(labels) - 1, format_func=labels.__getitem__)
    result_ui(all_runs[pick])
    if len(all_runs) >= 2:
        st.divider()
        compare_ui(all_runs)
st.divider()
import_ui()
if ss.get(UPLOAD_ERROR):
    name, err = ss[UPLOAD_ERROR]
    st.error(w.NOT_OPENED.format(name=plain(name, 100), reason=plain(say(err, lang), 300)), icon=":material/error:")
