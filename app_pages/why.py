"""Why gates: the plain RNN, the GRU, the LSTM and its variants on the same memory task as the sequences grow;
gradients through time; a trained model with one gate clamped; two tutorials' wrong equations, trained."""

import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core import cells
from lstm_viz.core.config import TRAINING_SLOTS
from lstm_viz.explain import why_words
from lstm_viz.io import study
from lstm_viz.ui import why
from lstm_viz.ui.lang import language, ui_words
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import (
    CLAMP_CELL,
    CLAMP_GATE,
    CLAMP_UNIT,
    CLAMP_VALUE,
    MAX_SEED,
    WHY_CELLS,
    WHY_GRAD,
    WHY_LENGTH,
    WHY_SEQ,
    WHY_TASK,
)
from lstm_viz.ui.training_status import session_id, watcher
from lstm_viz.ui.view import current
from lstm_viz.viz import why as figures

view = current()
ss = st.session_state
why.defaults()
font = view.font_size
lang = language()
w = ui_words().why
CHART = {"displayModeBar": False}


def short(cell: str) -> str:
    """A cell's name as the charts' legends write it, in the reader's language."""
    return figures.short(cell, lang)


def task_title(name: str) -> str:
    return words.task_words(lang, name)["title"]


st.title(w.TITLE)
st.caption(w.INTRO)
top = st.columns([3, 2])
task_name = top[0].radio(w.TASK, study.MEMORY_TASKS, format_func=task_title, key=WHY_TASK, horizontal=True)
length = top[1].select_slider(w.LENGTH, list(study.LENGTHS), key=WHY_LENGTH)
task = tasks.get(task_name)
metric = w.METRICS[task.metric]
blind = why.blind(task_name)

# --- 1. memory against distance ---

st.subheader(w.MEMORY)
shown = st.multiselect(w.CELLS_SHOWN, list(study.CELLS), key=WHY_CELLS, format_func=short)
st.plotly_chart(
    why.memory_figure(task_name, tuple(shown), why.live_points(task_name), font, lang),
    key="why_memory",
    config=CHART,
)
data = why.results()
points = why.points(task_name)
said = why_words.memory_words(task, points, blind, len(data["protocol"]["seeds"]), lang)
st.info(said, icon=":material/insights:")
budget = data["protocol"]["budget"]
st.caption(
    w.PROTOCOL.format(
        seeds=len(data["protocol"]["seeds"]),
        eval=data["protocol"]["eval_sequences"],
        hidden=budget["hidden_size"],
        steps=budget["steps"],
        batch=budget["batch_size"],
        lr=budget["lr"],
        open=why.sigmoid(data["protocol"]["forget_bias"]),
        bias=data["protocol"]["forget_bias"],
        command=data["command"],
        minutes=data["seconds"] / 60,
        machine=why.machine_words(data["machine"], lang),
    )
)

live = why.live()
running = live is not None and any(j.running for j in live["jobs"].values())


def start_live_runs():
    sid = session_id()
    why.start_live(task_name, length, sid, watcher(sid))


buttons = st.container(horizontal=True, wrap=True)  # sized to their labels: none cut on a projector
buttons.button(
    w.TRAIN_NOW.format(length=length),
    icon=":material/play_arrow:",
    on_click=start_live_runs,
    disabled=running,
    key="why_train_now",
    help=w.TRAIN_NOW_HELP.format(slots=TRAINING_SLOTS),
)
if running:
    buttons.button(w.STOP, icon=":material/stop:", on_click=why.stop_live, key="why_stop_now")


@st.fragment(run_every=1.0)
def live_progress():
    runs = why.live()
    if runs is None:
        return
    trained_on = tasks.get(runs["task"])
    for cell, job in runs["jobs"].items():
        job.touch()
        title = short(cell)
        point = job.last_point()
        if job.running and job.queued:
            st.caption(w.LIVE["waiting"].format(title=title))
        elif job.running:
            done = point.step if point else 0
            said = w.LIVE["step"].format(title=title, done=done, total=job.config.steps)
            st.progress(min(done / job.config.steps, 1.0), text=said)
        elif job.result is not None:
            said = w.LIVE["done"].format(
                title=title,
                metric=w.METRICS[trained_on.metric],
                value=why_words.fmt(trained_on, job.result.final_metric),
                length=runs["length"],
                reason=job.result.stop_words(lang),
            )
            st.caption(plain(said, 300))
        else:
            st.caption(plain(w.LIVE["failed"].format(title=title, error=job.say_error(lang)), 300))
    if not any(j.running for j in runs["jobs"].values()):
        st.rerun()  # the whole page: the chart shows the new points


if running:
    live_progress()
elif live is not None:
    trained_on = tasks.get(live["task"])
    for cell, job in live["jobs"].items():
        if job.result is None:
            st.caption(plain(w.LIVE["failed"].format(title=short(cell), error=job.say_error(lang)), 300))
            continue
        file_value = why.file_run(live["task"], cell, live["length"], job.config.seed)
        said = why_words.live_words(trained_on, cell, live["length"], job.result.final_metric,
                                    job.result.stop_words(lang), file_value, why.finished(job), lang)  # fmt: skip
        st.caption(plain(said, 500))

# --- 2. gradients through time ---

st.subheader(w.GRADIENTS)
g1, g2 = st.columns([1, 2])
seed = g1.number_input(w.SAMPLE, 0, MAX_SEED, step=1, key=WHY_SEQ)
kind = g2.radio(w.MODELS, why.GRAD_KINDS, format_func=w.GRAD_KINDS.get, key=WHY_GRAD, horizontal=True)
kinds = ("trained", "random") if kind == "both" else (kind,)
x, text = why.sequence(task_name, length, int(seed))
flows = why.flows(task_name, length, int(seed), kinds)
st.caption(
    w.GRADIENT_CAPTION.format(
        length=length,
        text=plain(text if len(text) <= 80 else text[:77] + "...", 90),
        shorter=why.trained_lengths_words(task_name, length, lang),
    )
)
c1, c2 = st.columns([3, 2])
with c1:
    event = st.plotly_chart(
        why.gradient_figure(task_name, length, int(seed), kinds, font, lang),
        key="why_grad_chart",
        on_select="rerun",
        selection_mode="points",
        config=CHART,
    )
with c2:
    carousel_kind = "trained" if "trained" in flows else kinds[0]
    st.plotly_chart(
        why.carousel_figure(task_name, length, int(seed), carousel_kind, font, lang), key="why_carousel", config=CHART
    )
    st.caption(w.CAROUSEL_CAPTION.format(who=w.GRAD_KINDS[carousel_kind]))
for k in kinds:
    st.info(why_words.gradient_words(flows[k], k, lang), icon=":material/south_west:")
selection = event.get("selection") if isinstance(event, dict) else None  # from the browser: anything
clicked = figures.click_to_step(selection.get("points") if isinstance(selection, dict) else None, length)
if clicked is not None:
    why.open_step(task_name, *clicked, text)
    st.switch_page("app_pages/step.py")
o1, o2, o3 = st.columns([2, 1, 1], vertical_alignment="bottom")
models = [(cell, k) for k in kinds for cell in cells.MAIN]
opened = o1.selectbox(
    w.OPEN_FOR,
    models,
    key="why_open",
    format_func=lambda m: w.OPEN_MODEL.format(title=short(m[0]), kind=w.OPEN_KINDS[m[1]]),
)
if o2.button(
    w.STEP_THROUGH,
    icon=":material/footprint:",
    key="why_open_step",
    width="stretch",
    on_click=why.open_step,
    args=(task_name, *opened, 0, text),
):
    st.switch_page("app_pages/step.py")
if o3.button(
    w.HEAT_MAPS,
    icon=":material/grid_on:",
    key="why_open_maps",
    width="stretch",
    on_click=why.open_view,
    args=(task_name, *opened, text),
):
    st.switch_page("app_pages/heatmaps.py")

# --- 3. clamp a gate ---

st.subheader(w.CLAMP)
k1, k2, k3, k4 = st.columns([1, 1, 2, 1])
clamp_cell = k1.radio(w.CLAMP_MODEL, why.CLAMP_CELLS, format_func=short, key=CLAMP_CELL)
spec = cells.spec(clamp_cell)  # why.defaults() has made the gate one of this cell's


def gate_option(g: str) -> str:
    title = words.quantity_words(lang, spec.name, g, spec[g].title, spec[g].role)[0]
    return w.GATE_OPTION.format(symbol=spec[g].symbol, title=title)


gate = k2.radio(w.GATE, list(spec.gates), format_func=gate_option, key=CLAMP_GATE)
value = k3.segmented_control(
    w.FORCED_TO, list(why.CLAMP_VALUES), format_func=w.CLAMP_VALUES.get, key=CLAMP_VALUE, required=True
)
unit = k4.selectbox(
    w.UNITS,
    list(why.CHOICES[CLAMP_UNIT]),
    key=CLAMP_UNIT,
    format_func=lambda u: w.UNIT_OPTIONS["all"] if u == "all" else w.UNIT_OPTIONS["one"].format(unit=u),
)
effect = why.clamped(task_name, clamp_cell, gate, value or "off", unit, int(seed))
m1, m2, m3 = st.columns(3)
m1.metric(w.METRIC_FREE.format(metric=metric), why_words.fmt(task, effect.free))
m2.metric(
    w.METRIC_CLAMPED.format(metric=metric),
    why_words.fmt(task, effect.clamped),
    delta=why_words.fmt(task, effect.clamped - effect.free) if value != "off" else None,
    delta_color=("normal" if task.higher_is_better else "inverse") if effect.clamped != effect.free else "off",
)
m3.metric(w.METRIC_BLIND, why_words.fmt(task, blind[why.nearest(effect.seq_len)]))
st.info(why.words_of_clamp(task_name, clamp_cell, effect, lang), icon=":material/lock:")
shown_unit = why.shown_unit(effect)
tokens = task.token_labels(effect.free_trace.x)
st.caption(
    w.CLAMP_SAMPLE.format(
        seed=int(seed),
        T=effect.seq_len,
        free=plain(task.describe_output(effect.free_answer, lang), 80),
        clamped=plain(task.describe_output(effect.clamped_answer, lang), 80),
        right=plain(why.right_answer(task, effect, lang), 80),
        unit=shown_unit,
        why=why.shown_unit_words(effect, lang),
    )
)
st.plotly_chart(
    figures.clamp_figure(spec, effect.free_trace, effect.clamped_trace, gate, shown_unit, tokens, font, lang),
    key="why_clamp",
    config=CHART,
)
st.caption(w.LESSONS)

# --- 4. the tutorials' equations, run ---

st.subheader(w.MISREAD)
st.markdown(w.MISREAD_INTRO)
columns = [st.container(), st.container()] if view.presenter else st.columns(2)  # a projector: one under another
for col, name, label in ((columns[0], "lstm", w.MISREAD_LSTM), (columns[1], "lstm_misread", w.MISREAD_CELL)):
    s = cells.spec(name)
    col.markdown(f"**{label}**")
    for q in s.quantities:
        col.latex(s.equation(q.name))
nog = cells.spec("lstm_nog")
st.markdown(w.TWO_GATES_LINE)
st.latex(nog.equation("h"))
st.caption(w.MISREAD_NOTE)
charts = st.columns(2)
for col, mt in zip(charts, study.MISREAD_TASKS):
    t = tasks.get(mt)
    col.caption(w.MISREAD_CHART.format(task=task_title(mt)))
    col.plotly_chart(
        why.memory_figure(mt, ("lstm", "lstm_misread"), (), font, lang), key=f"why_misread_{mt}", config=CHART
    )
    col.info(why_words.misread_words(t, why.points(mt), why.blind(mt), lang), icon=":material/rule:")
st.info(why_words.two_gate_words(task, points, blind, lang), icon=":material/rule:")

why.keep_and_link(view)
