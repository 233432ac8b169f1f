"""Step through: one timestep at a time, every equation of the chosen cell with its NumPy numbers in place."""

import time

import numpy as np
import streamlit as st

from lstm_viz import explain, words
from lstm_viz.ui import cached
from lstm_viz.ui.exercise import exercise_ui
from lstm_viz.ui.models import model_label
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import (
    GOTO,
    LINK_CLAMPED,
    PLAY_FROM,
    PLAYING,
    SPEED,
    STEP_MOVE,
    STEP_T,
    STEP_UNIT,
    STEPPER,
    STOP_PLAYING,
    UNIT_SHOWN,
    write_link,
)
from lstm_viz.ui.stepper import new_move, stepper
from lstm_viz.ui.textbook import lesson_ui
from lstm_viz.ui.view import current, length_note
from lstm_viz.viz import theme

SPEEDS = {"slow": 1.5, "normal": 0.8, "fast": 0.35}  # seconds a step while playing

view = current()
w = words.of(view.lang).step
shown = view.shown()
task, model, model_id, trace, tokens = shown.task, shown.model, shown.model_id, shown.trace, shown.tokens
spec, layer, layer_trace, layer_params = shown.spec, shown.layer, shown.layer_trace, shown.layer_params
x = trace.x
T, H = trace.steps, trace.hidden_size
ss = st.session_state


def open_at(asked_t: int, asked_unit: int) -> None:
    """Show the step and unit a link or a heat-map click asks for; one past the view's is clamped and said (kept
    as LINK_PAST's codes and numbers, said in the language of the page that shows it)."""
    opened, past = [], []
    for name, asked, n in (("t", asked_t, T), ("unit", asked_unit, H)):
        opened.append(min(max(asked, 0), n - 1))
        if opened[-1] != asked:
            past.append((name, dict(asked=plain(str(asked), 20), last=n - 1, shown=opened[-1])))
    ss[STEP_T], ss[STEP_UNIT] = opened
    ss[LINK_CLAMPED] = (tuple(opened), tuple(past)) if past else None


if GOTO in ss:  # from a heat-map click or a link
    open_at(*ss.pop(GOTO))
ss[STEP_T] = int(np.clip(ss.get(STEP_T, 0), 0, T - 1))
ss[STEP_UNIT] = int(np.clip(ss.get(STEP_UNIT, 0), 0, H - 1))
ss.setdefault(SPEED, "normal")
if ss.pop(STOP_PLAYING, False):
    ss[PLAYING] = False


def on_play():
    if ss.get(PLAYING):
        if ss[STEP_T] >= T - 1:
            ss[STEP_T] = 0
        ss[PLAY_FROM] = (ss[STEP_T], time.monotonic())


st.title(w.TITLE)
where = w.WHERE.format(layer=layer, layers=model.num_layers) if model.num_layers > 1 else ""
task_title = words.task_words(view.lang, view.task)["title"]
cell_title = words.cell_title(view.lang, spec.name, spec.title)
st.caption(w.CAPTION.format(task=task_title, cell=cell_title, model=model_label(view.model, view.lang), where=where,
                            T=T, H=H, family=spec.family))  # fmt: skip
if view.model == "textbook":  # built by hand: the design against what training found (lstm_viz.ui.textbook)
    lesson_ui(view.task, view.lang)

top = st.columns([1, 2, 4], vertical_alignment="center")
top[0].toggle(w.PLAY, key=PLAYING, on_change=on_play, help=w.PLAY_HELP)
top[1].select_slider(w.PLAY_SPEED, list(SPEEDS), key=SPEED, format_func=w.SPEEDS.get)
playing = bool(ss.get(PLAYING))


@st.fragment(run_every=SPEEDS[ss[SPEED]] if playing else None)
def step_view():
    if ss.get(PLAYING):
        t0, started = ss.get(PLAY_FROM, (ss[STEP_T], time.monotonic()))
        ss[STEP_T] = min(T - 1, t0 + int((time.monotonic() - started) / SPEEDS[ss[SPEED]]))
    if move := new_move(STEPPER, ss.get(STEP_MOVE, 0)):  # Prev, Next, an arrow key or a token, in the browser
        ss[STEP_MOVE] = move[1]
        ss[STEP_T] = int(np.clip(move[0], 0, T - 1))
        if ss.get(PLAYING):  # Play goes on from the step the user chose
            ss[PLAY_FROM] = (ss[STEP_T], time.monotonic())
    controls = st.columns([5, 2], vertical_alignment="bottom")
    if T > 1:
        controls[0].slider(w.TIME_STEP, 0, T - 1, key=STEP_T)
    controls[1].selectbox(w.UNIT, list(range(H)), key=STEP_UNIT, format_func=lambda u: w.UNIT_OPTION.format(unit=u))
    t, unit = ss[STEP_T], ss[STEP_UNIT]
    ss[UNIT_SHOWN] = unit
    if clamped := ss.get(LINK_CLAMPED):  # said while the page shows what it says it shows
        if clamped[0] == (t, unit):
            said = w.LINK_JOIN.join(w.LINK_PAST[name].format(**numbers) for name, numbers in clamped[1])
            st.warning(w.FROM_LINK.format(said=said), icon=":material/link_off:")
        else:
            ss[LINK_CLAMPED] = None
    write_link(view, t=t, unit=unit)
    predicting = exercise_ui(view, shown, t, unit)  # predict, then reveal (lstm_viz.ui.exercise); its link too
    font = view.font_size

    frames = cached.step_frames(view.task, model_id, view.seq_key, layer, unit, model, lang=view.lang)
    stepper(frames, f"{view.task}|{model_id}|{view.seq_key}|{layer}|{unit}", t, ss.get(STEP_MOVE, 0),
            font + 2, key=STEPPER)  # fmt: skip
    if padding := explain.padding_words(tokens, view.lang):
        st.caption(plain(padding, 300))
    step = layer_trace.at(t)
    if running := explain.running_words(task, x, outputs, view.lang):
        st.caption(plain(running, 2000))
    length_note(view, T)  # a preset shown a sequence longer than it was trained on says so, measured

    terms = explain.unit_terms(spec, layer_params, step, unit)
    # One form at a time (each equation typeset is a tenth of a second of the browser's time on every step).
    form = st.segmented_control(w.FORM, list(w.FORMS), format_func=w.FORMS.get, key="eq_form",
                                default="separated", label_visibility="collapsed") or "separated"  # fmt: skip
    for _, line in explain.equation_lines(spec, layer_params, step, unit, form, theme.COLOURS):
        st.latex(line)
    in_words, picture = st.columns([1, 1.25])
    with in_words:
        st.subheader(w.IN_WORDS.format(unit=unit, t=t))
        for gate, sentence in explain.sentences(spec, step, unit, tokens[t], view.lang).items():
            st.markdown(f":{theme.STREAMLIT_COLOURS[gate]}[**{spec[gate].symbol}**]  {plain(sentence, 300)}")
    with picture:
        st.plotly_chart(
            cached.cell_figure(view.task, model_id, view.seq_key, layer, t, unit, tokens[t], font, model, view.lang),
            key="cell_diagram",
            config={"displayModeBar": False},
        )
    st.subheader(w.OVER_SEQUENCE.format(unit=unit))
    if predicting:  # the unit over the whole sequence would give the answers away
        st.caption(w.TIMELINE_HIDDEN)
    else:
        st.plotly_chart(
            cached.timeline_figure(
                view.task, model_id, view.seq_key, layer, t, unit, tuple(tokens), font, model, view.lang
            ),
            key="timeline",
            config={"displayModeBar": False},
        )
    st.subheader(w.ALL_UNITS.format(H=H, t=t))
    st.plotly_chart(
        cached.bars_figure(view.task, model_id, view.seq_key, layer, t, unit, font, model, view.lang),
        key="bars",
        config={"displayModeBar": False},
    )
    if st.toggle(w.PRODUCTS.format(unit=unit, t=t), key="show_products", help=w.PRODUCTS_HELP):
        gate = st.radio(w.GATE, list(spec.weighted), horizontal=True, key="products_gate",
                        format_func=lambda g: spec[g].symbol)  # fmt: skip
        labels = input_labels(task) if layer == 0 else [w.LOWER_H.format(j=j, layer=layer - 1) for j in range(H)]
        rows = explain.products(spec, layer_params, step, unit, gate, labels, view.lang)
        st.dataframe(rows, hide_index=True, width="stretch")
        g = terms[gate]
        reset = w.SUM_RESET.format(r=g.reset, b_hn=g.recurrent_bias) if g.reset is not None else ""
        peep = w.SUM_PEEP.format(peep=g.peep) if g.peep else ""
        st.caption(w.SUM.format(sum=g.x_part + g.h_dot, bias=g.bias, reset=reset, peep=peep, pre=g.pre))
    if ss.get(PLAYING) and t >= T - 1:
        ss[STOP_PLAYING] = True  # the Play toggle is set back before it is drawn again
        st.rerun()


def input_labels(task) -> list[str]:
    D = task.input_size
    alphabet = getattr(task, "alphabet", None)
    if alphabet:
        return [w.INPUT_IS.format(token=ch) for ch in alphabet]
    vocab = getattr(task, "vocab", None)
    if vocab:
        return [w.INPUT_IS.format(token=word) for word in vocab]
    return [w.INPUTS["value"], w.INPUTS["marker"]][:D] if D <= 2 else [str(d) for d in range(D)]


outputs = model.outputs(trace)  # the read-out at every step (the step view's reruns reuse it)
step_view()
