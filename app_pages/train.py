"""Train live: train a small LSTM, GRU, plain RNN or LSTM variant (1-3 layers) in the background, watch its loss
and its gates, then inspect it."""

import json

import streamlit as st

from lstm_viz import explain, tasks
from lstm_viz.core import cells
from lstm_viz.core.params import MAX_LAYERS
from lstm_viz.io import weights
from lstm_viz.torch_backend import resolve_device
from lstm_viz.training import jobs  # torch: this is the one page that imports it
from lstm_viz.training.loop import validate
from lstm_viz.ui import cached
from lstm_viz.ui import runs as session_runs
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


st.title("Train live")
device = resolve_device("auto")
st.caption(
    f"Task: **{plain(task.title)}** (change it in the sidebar). Training runs in the background with PyTorch on "
    f"**{device.type.upper()}**; the page stays usable, and Stop ends it after the current step."
)


def adopt_linked_run() -> None:
    """A reloaded page is a new browser session: it takes back the run its link names (`run=<id>`) when the tab
    that started it is gone. A run of another open tab stays with that tab."""
    linked = ss.pop(RUN_LINK, None)
    if linked is None or ss.get(JOB) is not None:
        return
    found = jobs.find(linked)
    if found is None:
        st.info("The link names a training run this server no longer has (the server was restarted, or the run "
                "is old).", icon=":material/info:")  # fmt: skip
    elif found.owner != session_id() and session_is_open(found.owner):
        st.info("The link names a training run of another open browser tab: it stays there.", icon=":material/info:")
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
    cell = st.selectbox("Cell", names, names.index(view.cell), format_func=lambda n: cells.spec(n).title,
                        key="cfg_cell" + key, disabled=running,
                        help="The recurrent cell to train: LSTM, GRU, plain RNN or an LSTM variant.")  # fmt: skip
    spec = cells.spec(cell)
    has_f = "f" in spec.weighted
    with st.form("config", border=True):
        c = st.columns(4)
        layers = c[0].number_input("Layers", 1, MAX_LAYERS, 1, key="cfg_layers" + key,
                                   help="A stack: layer l+1 reads layer l's h.")  # fmt: skip
        hidden = c[1].number_input("Hidden size H", 1, 128, default.hidden_size, key="cfg_hidden" + key)
        seq_len = c[2].number_input("Sequence length", task.min_len, 200, default.seq_len, key="cfg_seq_len" + key)
        steps = c[3].number_input("Steps", 10, 20_000, default.steps, step=100, key="cfg_steps" + key)
        c = st.columns(4)
        batch = c[0].number_input("Batch size", 1, 512, default.batch_size, key="cfg_batch" + key)
        lr = c[1].select_slider("Learning rate", LEARNING_RATES, default.lr, key="cfg_lr" + key)
        bias = c[2].number_input("Forget-gate bias at init", -5.0, 5.0, default.forget_bias, 0.5, key="cfg_bias" + key,
                                 disabled=not has_f,
                                 help="Added to b_f of every layer at the start." if has_f else
                                 f"Not used: the {spec.title} has no forget gate with weights of its own.")  # fmt: skip
        seed = c[3].number_input("Seed", 0, 10_000, 0, key="cfg_seed" + key)
        options = {}
        with st.expander("Activations (Keras' activation and recurrent_activation)"):
            c = st.columns(2)
            labels = {"activation": "Activation (candidate and output)", "recurrent_activation": "Gate activation"}
            for col, (option, choices) in zip(c, option_choices(cell).items()):
                options[option] = col.selectbox(labels[option], choices, key=f"cfg_{option}{key}_{cell}")
        st.markdown(f"Target: **{task.metric} {'≥' if task.higher_is_better else '≤'} {task.target:g}**")
        start = st.form_submit_button("Start training", type="primary", icon=":material/play_arrow:", disabled=running)
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
        st.error(f"Not started: {plain(str(err), 300)}", icon=":material/error:")
    else:
        sid = session_id()
        new = jobs.TrainingJob(task.name, config, orphan_after_s=jobs.ORPHAN_AFTER_S, watched=watcher(sid))
        new.owner = sid
        ss[JOB] = new.start()
        st.rerun()  # redraw with Start disabled and the progress polling on

if job is not None:
    st.button("Stop", icon=":material/stop:", disabled=not job.running, on_click=job.stop, key="stop")


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
    if job.running and job.queued:
        text = "waiting: other trainings are using this server's trainers; this one starts when one finishes"
    elif job.running:
        text = f"{'stopping' if job.stopping else 'training'}: step {done} of {total}, {elapsed:.1f} s"
    else:
        text = f"done: {done} of {total} steps in {elapsed:.1f} s" + (
            f" ({job.result.stopped_reason})" if job.result else ""
        )
    st.progress(min(done / max(total, 1), 1.0), text=text)
    if job.running:
        return
    if job.orphaned:
        st.warning("This run was stopped: no page of this browser session had looked at it for "
                   f"{jobs.ORPHAN_AFTER_S:.0f} s (its tab was closed).", icon=":material/info:")  # fmt: skip
    if job.error:
        st.error(plain(job.error, 300), icon=":material/error:")
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
    fig = training_curves([(f"{job.task}, live", history)], task.metric, task.target, font_size=view.font_size)
    st.plotly_chart(fig, key="live_curve", config={"displayModeBar": False})


progress_ui()
live_curves_ui()
all_runs = session_runs.runs()
if not all_runs and job is None:
    st.info("Pick the hyper-parameters and press **Start training**. Try the defaults first: they reach the target.")


def maps_height(font: int) -> int:
    """Six gate maps with room for their titles, at this font size."""
    return 700 + 20 * font


def use_model(run):
    set_session_model(run.model)
    ss[TASK], ss[MODEL] = run.model.task, "session"


def result_ui(run):
    run_task = tasks.get(run.model.task)
    sign = "≥" if run_task.higher_is_better else "≤"
    if run.diverged:
        st.error(
            f"The training diverged{plain(run.stopped_reason.removeprefix('diverged'), 300)}. "
            f"The model below is the one after step {run.steps_done}.",
            icon=":material/warning:",
        )
    if run.final_metric is not None:
        said = f"{run_task.metric} {run.final_metric:.4f} on 512 held-out sequences (target {sign} {run_task.target:g})"
        if run.reached_target:
            st.success(f"Learned: {said}.", icon=":material/check_circle:")
        else:
            st.warning(f"Not learned yet: {said}. More steps, another learning rate or seed may help.")
        if not run.diverged:
            st.caption(
                plain(f"{run.stopped_reason[0].upper()}{run.stopped_reason[1:]}, {run.seconds:.1f} s on {run.device}.")
            )
    seq_len = run.config.seq_len if run.config else run_task.default_config().seq_len
    st.markdown("**Its answers on five held-out sequences** (computed by the NumPy reference):")
    st.dataframe(explain.prediction_rows(run_task, run.model, seq_len, 5), hide_index=True, width="stretch")
    buttons = st.container(horizontal=True, wrap=True)
    buttons.button("Inspect it on the other pages", on_click=use_model, args=(run,),
                icon=":material/visibility:", key=f"use_{run.id}", type="primary")  # fmt: skip
    buttons.download_button("Weights (.safetensors)", lambda: weights.to_bytes(run.model, run.config),
                         f"lstm-viz_{run.model.task}_{run.id}.safetensors", "application/octet-stream",
                         icon=":material/download:", key=f"dl_w_{run.id}", on_click="ignore")  # fmt: skip
    buttons.download_button("Config (.json)", json.dumps(run.config.to_dict() if run.config else {}, indent=2),
                         f"lstm-viz_{run.model.task}_{run.id}.json", "application/json",
                         icon=":material/download:", key=f"dl_c_{run.id}", on_click="ignore")  # fmt: skip
    if ss.get(MODEL) == "session" and session_model(run.model.task, run.model.cell) is run.model:
        st.caption("This is the model the step-through and heat-map pages show now (model: trained in this session).")
    if len(run.snapshots) > 1:
        watch_ui(run, run_task, seq_len)
    elif run.diverged:
        st.caption("Nothing to watch learn: the first update already blew the loss up, so the model kept is the "
                   "initialisation.")  # fmt: skip


def watch_ui(run, run_task, seq_len):
    st.subheader("Watch the gates learn")
    steps = [step for step, _ in run.snapshots]
    step = st.select_slider("Training step (a snapshot of the weights)", steps, steps[-1], key=f"snap_{run.id}")
    params = dict(run.snapshots)[step]
    font = view.font_size
    left, right = st.columns([1, 1.3])
    left.plotly_chart(training_curves([(run.label, run.history)], run_task.metric, run_task.target, step, font),
                      key="snap_curve", config={"displayModeBar": False})  # fmt: skip
    maps = cached.snapshot_heatmaps(run_task.name, run.id, step, seq_len, font, maps_height(font), params)
    right.plotly_chart(maps, key="snap_maps", config={"displayModeBar": False})
    right.caption(f"The same example sequence through the weights of step {step}: gates 0..1, C̃ and h -1..1.")


def compare_ui(all_runs):
    st.subheader("Compare two runs")
    labels = [r.label for r in all_runs]
    c = st.columns(2)
    a = c[0].selectbox("First run", range(len(labels)), len(labels) - 2, format_func=labels.__getitem__, key="cmp_a")
    b = c[1].selectbox("Second run", range(len(labels)), len(labels) - 1, format_func=labels.__getitem__, key="cmp_b")
    ra, rb = all_runs[a], all_runs[b]
    if ra.model.task != rb.model.task:
        st.warning("These two runs are on different tasks: their curves share a chart, their maps their own sequence.")
    run_task = tasks.get(rb.model.task)
    curves = [(r.label, r.history) for r in (ra, rb) if r.history]
    if curves:
        st.plotly_chart(training_curves(curves, run_task.metric, run_task.target, font_size=view.font_size),
                        key="cmp_curve", config={"displayModeBar": False})  # fmt: skip
    cols = st.columns(2)
    for col, r in zip(cols, (ra, rb)):
        t = tasks.get(r.model.task)
        seq_len = r.config.seq_len if r.config else t.default_config().seq_len
        col.markdown(f"**{plain(r.label, 120)}**")
        font = view.font_size
        maps = cached.snapshot_heatmaps(t.name, r.id, -1, seq_len, font, maps_height(font), r.model.params)
        col.plotly_chart(maps, key=f"cmp_maps_{col is cols[1]}", config={"displayModeBar": False})


def import_ui():
    st.subheader("Open a weights file")
    st.caption(f"A .safetensors file downloaded from this page (at most {weights.MAX_BYTES:,} bytes). Other files, "
               "pickles included, are refused and never opened as code.")  # fmt: skip
    up = st.file_uploader(
        "Weights file", type=["safetensors"], key="upload", label_visibility="collapsed", max_upload_size=2
    )  # MB: a weights file is a few KB (weights.MAX_BYTES); the app allows 32
    if up is None:
        ss[UPLOAD_ERROR] = None
        return
    if ss.get(UPLOAD_SEEN) == up.file_id:
        return
    ss[UPLOAD_SEEN] = up.file_id
    try:
        if up.size > weights.MAX_BYTES:
            raise ValueError(f"file too large: {up.size:,} bytes (the limit is {weights.MAX_BYTES:,})")
        model, config = weights.from_bytes(up.getvalue())
    except ValueError as err:
        ss[UPLOAD_ERROR] = f"{up.name}: {err}"
    else:
        ss[UPLOAD_ERROR] = None
        session_runs.add(session_runs.from_upload(model, config, up.name))
        st.rerun()


if all_runs:
    st.divider()
    st.subheader("Results")
    labels = [r.label for r in all_runs]
    pick = st.selectbox("Run", range(len(labels)), len(labels) - 1, format_func=labels.__getitem__)
    result_ui(all_runs[pick])
    if len(all_runs) >= 2:
        st.divider()
        compare_ui(all_runs)
st.divider()
import_ui()
if ss.get(UPLOAD_ERROR):
    st.error(f"Not opened: {plain(ss[UPLOAD_ERROR], 300)}. Nothing was changed.", icon=":material/error:")
