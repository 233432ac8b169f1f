"""Home: what an LSTM is, the six equations, the cell diagram, and a guided first minute."""

import streamlit as st

from lstm_viz import explain, tasks, words
from lstm_viz.core import cells
from lstm_viz.ui import cached
from lstm_viz.ui.models import guide, model_and_id, trace_for
from lstm_viz.ui.state import CELL, FIRST_RUN_NO_TASK, GOTO, MODEL, PENDING, SEQ, SOURCE, TASK, SeqRef
from lstm_viz.ui.view import current
from lstm_viz.viz import theme

GUIDE_TASK, GUIDE_T = "remember_first", 8


view = current()
w = words.of(view.lang).home
ss = st.session_state
st.title(w.TITLE)
intro, picture = st.columns([1, 1.1])
with intro:
    st.markdown(w.INTRO)
with picture:
    model, model_id = model_and_id(GUIDE_TASK, "lstm", "preset", 0)  # the id the other pages give this preset
    unit, _, guide_seed = guide(GUIDE_TASK, model_id, model)
    if ss.pop(FIRST_RUN_NO_TASK, False):  # a first visit that named no task: the sidebar shows the tour's sample
        ss[PENDING] = {TASK: GUIDE_TASK, SOURCE: "sample", SEQ: guide_seed, MODEL: "preset", CELL: "lstm"}
        st.rerun()
    found = cached.finding(GUIDE_TASK, model_id, 0, model)  # what the unit does (the guide's batch and unit)
    seq_key = str(SeqRef.seed(guide_seed))
    trace = trace_for(GUIDE_TASK, model_id, seq_key, model)
    task = tasks.get(GUIDE_TASK)
    task_title = words.task_words(view.lang, GUIDE_TASK)["title"]
    tokens = task.token_labels(trace.x)
    st.plotly_chart(
        cached.cell_figure(
            GUIDE_TASK, model_id, seq_key, 0, GUIDE_T, unit, tokens[GUIDE_T], view.font_size, model, view.lang
        ),
        key="home_cell",
        config={"displayModeBar": False},
    )
    # The title in lower case inside the English sentence (Chinese has no case: lower() leaves it as it is).
    st.caption(w.CELL_CAPTION.format(unit=unit, task=task_title.lower(), t=GUIDE_T, scale=theme.GATE_SCALE))

LSTM = cells.spec("lstm")  # the equations as the cell declares them (lstm_viz/core/cells/lstm.py)
st.subheader(w.EQUATIONS.format(n=len(LSTM.quantities)))
eq_cols = st.columns(2)
half = (len(LSTM.quantities) + 1) // 2
for n, q in enumerate(LSTM.quantities):
    with eq_cols[n // half]:
        st.latex(LSTM.equation(q.name))
        title, role = words.quantity_words(view.lang, LSTM.name, q.name, q.title, q.role)
        st.caption(w.EQUATION_CAPTION.format(title=title, role=role))
st.caption(w.NOTATION.format(order=", ".join(LSTM.weighted)))

st.subheader(w.FIRST_MINUTE)
this_unit, other_symbol = explain.tour_words(task, found, view.lang)


def open_guide(t: int):
    ss[TASK], ss[SOURCE], ss[SEQ], ss[MODEL], ss[CELL] = GUIDE_TASK, "sample", guide_seed, "preset", "lstm"
    ss[GOTO] = (t, unit)


st.markdown(
    w.GUIDE.format(
        task=task_title,
        tokens=" ".join(tokens),
        seed=guide_seed,
        first=task.alphabet[found.cls],
        this_unit=this_unit,
        other_symbol=other_symbol,
        unit=unit,
    )
)
b1, b2, b3, _ = st.columns([1, 1, 1, 1])
if b1.button(
    w.BUTTONS["step"],
    icon=":material/skip_next:",
    on_click=open_guide,
    args=(0,),
    key="guide_step",
    type="primary",
    width="stretch",
):
    st.switch_page("app_pages/step.py")
if b2.button(
    w.BUTTONS["maps"], icon=":material/grid_on:", on_click=open_guide, args=(0,), key="guide_maps", width="stretch"
):
    st.switch_page("app_pages/heatmaps.py")
if b3.button(w.BUTTONS["why"], icon=":material/compare_arrows:", key="guide_why", width="stretch"):
    st.switch_page("app_pages/why.py")
