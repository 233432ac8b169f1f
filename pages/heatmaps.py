"""Gate heat maps: i, f, g, o, c, h over time for every unit, from the NumPy reference."""

import streamlit as st

from lstm_viz import figures, tasks
from lstm_viz.ui.models import MODEL_KINDS, example, model_for, trace_for

st.title("Gate heat maps")

with st.sidebar:
    task_name = st.selectbox("Task", tasks.names(), format_func=lambda n: tasks.get(n).title, key="task")
    seq_seed = st.number_input("Example sequence (seed)", min_value=0, max_value=10_000, value=0, step=1, key="seq")
    model_kind = st.radio("Model", MODEL_KINDS, key="model")
    model_seed = (
        st.number_input("Initialisation seed", 0, 10_000, 0, 1, key="model_seed") if model_kind == MODEL_KINDS[1] else 0
    )
    order_how = st.radio("Unit order", ["as is", "by variance", "by correlation"], key="order", horizontal=True)

task = tasks.get(task_name)
st.caption(task.description)
st.info(task.teaching_note, icon=":material/visibility:")

trace = trace_for(task_name, model_kind, int(model_seed), int(seq_seed))
x = example(task_name, int(seq_seed))
tokens = task.token_labels(x)
try:
    signal = task.targets(x)
except ValueError:
    signal = None  # tasks whose answer is the next value have no running signal to sort by
if order_how == "by correlation" and (signal is None or getattr(signal, "ndim", 0) != 1):
    st.caption("This task has no running signal (such as a count or a depth) to correlate with: units as is.")
order = figures.unit_order(trace, order_how, signal if getattr(signal, "ndim", 0) == 1 else None)

model = model_for(task_name, model_kind, int(model_seed))
out = model.outputs(trace)[-1]
st.markdown(f"**Model output at the last step:** {task.describe_output(out)}")
st.plotly_chart(figures.gate_heatmaps(trace, tokens, order), width="stretch", key="heatmaps")
