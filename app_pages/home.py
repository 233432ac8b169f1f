"""Home: what an LSTM is, the six equations, the cell diagram, and a guided first minute."""

import streamlit as st

from lstm_viz import explain, tasks
from lstm_viz.core import cells
from lstm_viz.ui import cached
from lstm_viz.ui.models import guide, model_and_id, trace_for
from lstm_viz.ui.state import CELL, FIRST_RUN_NO_TASK, GOTO, MODEL, PENDING, SEQ, SOURCE, TASK, SeqRef
from lstm_viz.ui.view import current
from lstm_viz.viz import theme
from lstm_viz.words.en.home import INTRO

GUIDE_TASK, GUIDE_T = "remember_first", 8


view = current()
ss = st.session_state
st.title("Inside an LSTM, one gate at a time")
intro, picture = st.columns([1, 1.1])
with intro:
    st.markdown(INTRO)
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
    tokens = task.token_labels(trace.x)
    st.plotly_chart(
        cached.cell_figure(GUIDE_TASK, model_id, seq_key, 0, GUIDE_T, unit, tokens[GUIDE_T], view.font_size, model),
        key="home_cell",
        config={"displayModeBar": False},
    )
    st.caption(
        f"The cell as a conveyor belt: the memory C runs along the top, the four gates sit below it. This is "
        f"unit {unit} of the pre-trained {task.title.lower()} model at t = {GUIDE_T}; colours and numbers are "
        f"its real values (hover for more). Gates run from 0 (shut) to 1 (open) on the {theme.GATE_SCALE} scale; "
        "C̃, C and h are blue below 0 and red above."
    )

LSTM = cells.spec("lstm")  # the equations as the cell declares them (lstm_viz/core/cells/lstm.py)
st.subheader(f"The {len(LSTM.quantities)} equations")
eq_cols = st.columns(2)
half = (len(LSTM.quantities) + 1) // 2
for n, q in enumerate(LSTM.quantities):
    with eq_cols[n // half]:
        st.latex(LSTM.equation(q.name))
        st.caption(f"{q.title}: {q.role}")
st.caption(
    "σ is the logistic sigmoid, ⊙ multiplies element by element. Gate order everywhere: "
    f"{', '.join(LSTM.weighted)} (as in PyTorch)."
)

st.subheader("Your first minute")
this_unit, other_symbol = explain.tour_words(task, found)


def open_guide(t: int):
    ss[TASK], ss[SOURCE], ss[SEQ], ss[MODEL], ss[CELL] = GUIDE_TASK, "sample", guide_seed, "preset", "lstm"
    ss[GOTO] = (t, unit)


st.markdown(
    f"""
1. **Pick a task.** *{task.title}*: the network reads a string of symbols such as
   `{" ".join(tokens)}` and must say, at the very end, which symbol came first.
2. **Step through it.** Open the step-through page on sample {guide_seed}, which starts with
   {task.alphabet[found.cls]}, and press **Next**. {this_unit}
3. **Now another first symbol.** Change the sample number in the sidebar until the sequence starts with
   another letter: {other_symbol} The heat-map page shows it at a glance, in the i and C rows of unit {unit}.
4. **Why gates?** The Why gates page trains a plain RNN, a GRU and this LSTM on the same task as the sequences
   grow, follows the gradient back through time, and lets you force a gate of the trained model open or shut.
"""
)
b1, b2, b3, _ = st.columns([1, 1, 1, 1])
if b1.button(
    "Step through it",
    icon=":material/skip_next:",
    on_click=open_guide,
    args=(0,),
    key="guide_step",
    type="primary",
    width="stretch",
):
    st.switch_page("app_pages/step.py")
if b2.button(
    "See the heat maps", icon=":material/grid_on:", on_click=open_guide, args=(0,), key="guide_maps", width="stretch"
):
    st.switch_page("app_pages/heatmaps.py")
if b3.button("Why gates?", icon=":material/compare_arrows:", key="guide_why", width="stretch"):
    st.switch_page("app_pages/why.py")
