"""Home: what an LSTM is, the six equations, the cell diagram, and a guided first minute."""

import streamlit as st

from lstm_viz import tasks
from lstm_viz.text import EQUATIONS_LATEX, INTRO
from lstm_viz.ui import cached
from lstm_viz.ui.models import memory_unit, preset_model, trace_for
from lstm_viz.ui.view import GOTO, current

GUIDE_TASK, GUIDE_SEED, GUIDE_T = "remember_first", 0, 8

view = current()
st.title("Inside an LSTM, one gate at a time")
intro, picture = st.columns([1, 1.1])
with intro:
    st.markdown(INTRO)
with picture:
    model = preset_model(GUIDE_TASK)
    unit, keep = memory_unit(GUIDE_TASK, "preset", model)
    seq_key = f"seed:{GUIDE_SEED}"
    trace = trace_for(GUIDE_TASK, "preset", seq_key, model)
    task = tasks.get(GUIDE_TASK)
    tokens = task.token_labels(trace.x)
    st.plotly_chart(
        cached.cell_figure(GUIDE_TASK, "preset", seq_key, GUIDE_T, unit, tokens[GUIDE_T], view.font_size, model),
        key="home_cell",
        config={"displayModeBar": False},
    )
    st.caption(
        f"The cell as a conveyor belt: the memory C runs along the top, the four gates sit below it. This is "
        f"unit {unit} of the pre-trained {task.title.lower()} model at t = {GUIDE_T}; colours and numbers are "
        "its real values (hover for more). Gates run from 0 (shut) to 1 (open) on the Viridis scale; C̃, C and "
        "h are blue below 0 and red above."
    )

st.subheader("The six equations")
eq_cols = st.columns(2)
for n, (label, latex) in enumerate(EQUATIONS_LATEX):
    with eq_cols[n // 3]:
        st.latex(latex)
        st.caption(label)
st.caption(
    "σ is the logistic sigmoid, ⊙ multiplies element by element. Gate order everywhere: i, f, g, o (as in PyTorch)."
)

st.subheader("Your first minute")


def open_guide(t: int):
    ss = st.session_state
    ss["task"], ss["source"], ss["seq"], ss["model"] = GUIDE_TASK, "sample", GUIDE_SEED, "preset"
    ss[GOTO] = (t, unit)


st.markdown(
    f"""
1. **Pick a task.** *{task.title}*: the network reads a string of symbols such as
   `{" ".join(tokens)}` and must say, at the very end, which symbol came first.
2. **Step through it.** Open the step-through page at the first step and press **Next**. Watch unit {unit}:
   its input gate lets the first symbol into the memory C, and from then on its **forget gate** stays high
   (on average f = {keep:.2f} after the first step), so C keeps carrying what it saw first.
3. **See the whole sequence at once.** On the heat-map page the f row of unit {unit} stays bright from left
   to right, and the C row takes a sign that depends on the first symbol and keeps it. Change the sample number in the
   sidebar: a different first symbol, a different sign.
"""
)
b1, b2, _ = st.columns([1, 1, 2])
if b1.button(
    "Step through it",
    icon=":material/skip_next:",
    on_click=open_guide,
    args=(0,),
    key="guide_step",
    type="primary",
    width="stretch",
):
    st.switch_page("pages/step.py")
if b2.button(
    "See the heat maps", icon=":material/grid_on:", on_click=open_guide, args=(0,), key="guide_maps", width="stretch"
):
    st.switch_page("pages/heatmaps.py")
