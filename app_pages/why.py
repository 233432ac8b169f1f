"""Why gates: the plain RNN, the GRU, the LSTM and its variants on the same memory task as the sequences grow;
gradients through time; a trained model with one gate clamped; two tutorials' wrong equations, trained."""

import streamlit as st

from lstm_viz import tasks
from lstm_viz.core import cells
from lstm_viz.core.config import TRAINING_SLOTS
from lstm_viz.explain import why_words
from lstm_viz.io import study
from lstm_viz.ui import why
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
CHART = {"displayModeBar": False}

st.title("Why gates")
st.caption(
    "Every tutorial says that a plain RNN cannot keep information over many steps and that the LSTM's gates fix "
    "this. Is it so? Here are the numbers, computed here: the cells trained side by side as the sequences grow, "
    "the gradient on its way back through time, and a trained model with one of its gates forced open or shut. "
    "The sentences under each chart say what its numbers show, whichever way they go."
)
top = st.columns([3, 2])
task_name = top[0].radio(
    "Memory task", study.MEMORY_TASKS, format_func=lambda n: tasks.get(n).title, key=WHY_TASK, horizontal=True
)
length = top[1].select_slider("Sequence length (the gradients, and training now)", list(study.LENGTHS), key=WHY_LENGTH)
task = tasks.get(task_name)
blind = why.blind(task_name)

# --- 1. memory against distance ---

st.subheader("1. Memory against distance")
shown = st.multiselect("Cells on the chart", list(study.CELLS), key=WHY_CELLS, format_func=figures.short)
st.plotly_chart(
    why.memory_figure(task_name, tuple(shown), why.live_points(task_name), font), key="why_memory", config=CHART
)
data = why.results()
points = why.points(task_name)
st.info(why_words.memory_words(task, points, blind, len(data["protocol"]["seeds"])), icon=":material/insights:")
budget = data["protocol"]["budget"]
st.caption(
    f"Each point: {len(data['protocol']['seeds'])} training runs (seeds), the median and a bar from the lowest to "
    f"the highest, each measured on {data['protocol']['eval_sequences']} held-out sequences. Every cell gets the same "
    f"budget: {budget['hidden_size']} hidden units, at most {budget['steps']:,} steps of {budget['batch_size']} "
    f"sequences, Adam at learning rate {budget['lr']:g}, stopping early once the task's target is reached; a cell "
    f"with a forget gate of its own starts with it about {why.sigmoid(data['protocol']['forget_bias']):.0%} open "
    f"(bias +{data['protocol']['forget_bias']:g}). "
    f"Rebuilt by `{data['command']}` ({data['seconds'] / 60:.0f} minutes on {data['machine']})."
)

live = why.live()
running = live is not None and any(j.running for j in live["jobs"].values())


def start_live_runs():
    sid = session_id()
    why.start_live(task_name, length, sid, watcher(sid))


buttons = st.container(horizontal=True, wrap=True)  # sized to their labels: none cut on a projector
buttons.button(
    f"Train the plain RNN, the GRU and the LSTM now at length {length}",
    icon=":material/play_arrow:",
    on_click=start_live_runs,
    disabled=running,
    key="why_train_now",
    help=f"The same budget as the chart's points, seed 0, in the background; at most {TRAINING_SLOTS} trainings "
    "run at once on this server, the others wait their turn.",
)
if running:
    buttons.button("Stop", icon=":material/stop:", on_click=why.stop_live, key="why_stop_now")


@st.fragment(run_every=1.0)
def live_progress():
    runs = why.live()
    if runs is None:
        return
    trained_on = tasks.get(runs["task"])
    for cell, job in runs["jobs"].items():
        job.touch()
        title = figures.short(cell)
        point = job.last_point()
        if job.running and job.queued:
            st.caption(f"{title}: waiting for a free trainer on this server.")
        elif job.running:
            done = point.step if point else 0
            st.progress(min(done / job.config.steps, 1.0), text=f"{title}: step {done} of {job.config.steps}")
        elif job.result is not None:
            st.caption(
                plain(
                    f"{title}: {trained_on.metric} {why_words.fmt(trained_on, job.result.final_metric)} on held-out "
                    f"sequences of {runs['length']} steps ({job.result.stopped_reason}).",
                    300,
                )
            )
        else:
            st.caption(plain(f"{title}: {job.error}", 300))
    if not any(j.running for j in runs["jobs"].values()):
        st.rerun()  # the whole page: the chart shows the new points


if running:
    live_progress()
elif live is not None:
    trained_on = tasks.get(live["task"])
    for cell, job in live["jobs"].items():
        if job.result is None:
            st.caption(plain(f"{figures.short(cell)}: {job.error}", 300))
            continue
        file_value = why.file_run(live["task"], cell, live["length"], job.config.seed)
        said = why_words.live_words(trained_on, cell, live["length"], job.result.final_metric,
                                    job.result.stopped_reason, file_value, why.finished(job))  # fmt: skip
        st.caption(plain(said, 500))

# --- 2. gradients through time ---

st.subheader("2. Gradients through time")
g1, g2 = st.columns([1, 2])
seed = g1.number_input("Sample number", 0, MAX_SEED, step=1, key=WHY_SEQ)
kind = g2.radio("Models", list(why.GRAD_KINDS), format_func=why.GRAD_KINDS.get, key=WHY_GRAD, horizontal=True)
kinds = ("trained", "random") if kind == "both" else (kind,)
x, text = why.sequence(task_name, length, int(seed))
flows = why.flows(task_name, length, int(seed), kinds)
st.caption(
    f"One sequence of {length} steps ({plain(text if len(text) <= 80 else text[:77] + '...', 90)}). The loss is that "
    "of the answer at the last step; each line is the size of its derivative with respect to h_t (and, for the "
    "LSTM, C_t) at every earlier t, from the NumPy backward pass of the model on screen. Click a point to open "
    f"that cell at that t on the step-through page. {why.trained_lengths_words(task_name, length)}"
)
c1, c2 = st.columns([3, 2])
with c1:
    event = st.plotly_chart(
        why.gradient_figure(task_name, length, int(seed), kinds, font),
        key="why_grad_chart",
        on_select="rerun",
        selection_mode="points",
        config=CHART,
    )
with c2:
    carousel_kind = "trained" if "trained" in flows else kinds[0]
    st.plotly_chart(
        why.carousel_figure(task_name, length, int(seed), carousel_kind, font), key="why_carousel", config=CHART
    )
    st.caption(
        f"What multiplies the error on its way back, in {why.GRAD_KINDS[carousel_kind]}: the product of the keep "
        "gate (the LSTM's f, the GRU's z) from t+1 to the last step, and for the plain RNN the product of the norms "
        "of its step Jacobians."
    )
for k in kinds:
    st.info(why_words.gradient_words(flows[k], k), icon=":material/south_west:")
selection = event.get("selection") if isinstance(event, dict) else None  # from the browser: anything
clicked = figures.click_to_step(selection.get("points") if isinstance(selection, dict) else None, length)
if clicked is not None:
    why.open_step(task_name, *clicked, text)
    st.switch_page("app_pages/step.py")
o1, o2, o3 = st.columns([2, 1, 1], vertical_alignment="bottom")
models = [(cell, k) for k in kinds for cell in cells.MAIN]
opened = o1.selectbox(
    "Open this sequence in another page, for",
    models,
    key="why_open",
    format_func=lambda m: f"{figures.short(m[0])} ({why.GRAD_KINDS[m[1]].removeprefix('the ')})",
)
if o2.button(
    "Step through it",
    icon=":material/footprint:",
    key="why_open_step",
    width="stretch",
    on_click=why.open_step,
    args=(task_name, *opened, 0, text),
):
    st.switch_page("app_pages/step.py")
if o3.button(
    "Its heat maps",
    icon=":material/grid_on:",
    key="why_open_maps",
    width="stretch",
    on_click=why.open_view,
    args=(task_name, *opened, text),
):
    st.switch_page("app_pages/heatmaps.py")

# --- 3. clamp a gate ---

st.subheader("3. Clamp a gate")
k1, k2, k3, k4 = st.columns([1, 1, 2, 1])
clamp_cell = k1.radio("Trained model", why.CLAMP_CELLS, format_func=figures.short, key=CLAMP_CELL)
spec = cells.spec(clamp_cell)  # why.defaults() has made the gate one of this cell's
gate = k2.radio("Gate", list(spec.gates), format_func=lambda g: f"{spec[g].symbol}: {spec[g].title}", key=CLAMP_GATE)
value = k3.segmented_control(
    "Forced to", list(why.CLAMP_VALUES), format_func=why.CLAMP_VALUES.get, key=CLAMP_VALUE, required=True
)
unit = k4.selectbox(
    "Units",
    list(why.CHOICES[CLAMP_UNIT]),
    key=CLAMP_UNIT,
    format_func=lambda u: "all units" if u == "all" else f"unit {u}",
)
effect = why.clamped(task_name, clamp_cell, gate, value or "off", unit, int(seed))
m1, m2, m3 = st.columns(3)
m1.metric(f"{task.metric} as trained", why_words.fmt(task, effect.free))
m2.metric(
    f"{task.metric} clamped",
    why_words.fmt(task, effect.clamped),
    delta=why_words.fmt(task, effect.clamped - effect.free) if value != "off" else None,
    delta_color=("normal" if task.higher_is_better else "inverse") if effect.clamped != effect.free else "off",
)
m3.metric("a blind guess", why_words.fmt(task, blind[why.nearest(effect.seq_len)]))
st.info(why.words_of_clamp(task_name, clamp_cell, effect), icon=":material/lock:")
shown_unit = why.shown_unit(effect)
tokens = task.token_labels(effect.free_trace.x)
st.caption(
    f"On sample {int(seed)} at the {effect.seq_len} steps the preset was trained on, the model answers "
    f"{plain(task.describe_output(effect.free_answer), 80)} as trained and "
    f"{plain(task.describe_output(effect.clamped_answer), 80)} clamped (the right answer: "
    f"{plain(why.right_answer(task, effect), 80)}). Unit {shown_unit} is drawn" + why.shown_unit_words(effect)
)
st.plotly_chart(
    figures.clamp_figure(spec, effect.free_trace, effect.clamped_trace, gate, shown_unit, tokens, font),
    key="why_clamp",
    config=CHART,
)
st.caption(
    "Lessons to try on remember the first symbol: force the LSTM's forget gate to 0 (the memory is wiped at every "
    "step), its input gate to 1 (every symbol is written), its output gate to 1 (the memory is always shown). Say "
    "first what each will do to the accuracy, then look."
)

# --- 4. the tutorials' equations, run ---

st.subheader("4. Two tutorials' equations, trained")
st.markdown(
    "Two of the documents this app is built from state the LSTM wrongly. One says an LSTM unit has only two gates, "
    "an input and a forget gate: that is the LSTM without its output gate (NOG). Another gives the cell update "
    "below and calls the core of an LSTM a GRU. Both were trained here like every other cell."
)
columns = [st.container(), st.container()] if view.presenter else st.columns(2)  # a projector: one under another
for col, name, label in ((columns[0], "lstm", "The LSTM"), (columns[1], "lstm_misread", "The tutorial's cell update")):
    s = cells.spec(name)
    col.markdown(f"**{label}**")
    for q in s.quantities:
        col.latex(s.equation(q.name))
nog = cells.spec("lstm_nog")
st.markdown("**Two gates only**: the LSTM without its output gate (NOG), whose h shows all of its memory:")
st.latex(nog.equation("h"))
st.caption(
    "As the tutorial writes it, c_t = σ(W_cx x_t + W_cc c_(t-1) + W_ch h_(t-1) + b_c): C is recomputed through a "
    "sigmoid at every step and stays between 0 and 1, and an input or forget gate would have nothing to multiply "
    "(lstm_viz/core/cells/misread.py; the tutorial's W_cx, W_ch are W_xc, W_hc above)."
)
charts = st.columns(2)
for col, mt in zip(charts, study.MISREAD_TASKS):
    t = tasks.get(mt)
    col.caption(f"{t.title}: the LSTM and the tutorial's cell, trained the same way.")
    col.plotly_chart(why.memory_figure(mt, ("lstm", "lstm_misread"), (), font), key=f"why_misread_{mt}", config=CHART)
    col.info(why_words.misread_words(t, why.points(mt), why.blind(mt)), icon=":material/rule:")
st.info(why_words.two_gate_words(task, points, blind), icon=":material/rule:")

why.keep_and_link(view)
