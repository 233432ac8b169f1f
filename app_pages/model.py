"""Your model: open a Keras (.keras, .h5) or PyTorch (state_dict) model, or a shipped example, and see its gates on
your own input: its prediction, the heat maps of every gate and state of a layer, and one unit at one step."""

import streamlit as st

from lstm_viz import explain
from lstm_viz.ui import imported_view as iv
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import MODEL_LAYER, MODEL_PICK, MODEL_T, MODEL_UNIT
from lstm_viz.ui.view import current
from lstm_viz.viz import diagram, imported, theme

view = current()
font = view.font_size
iv.defaults()

st.title("Your model")
st.caption(
    "A Keras model (.keras, .h5) or a PyTorch state_dict (.pt, .pth, .safetensors) with an Embedding or numbers as "
    "input, 1 to 3 LSTM, GRU or RNN layers and Dense read-outs. Every number below is computed by lstm-viz's NumPy "
    "cells from the file's weights (lstm_viz.io.load_model), without Keras or PyTorch."
)

chosen = iv.model_ui()
model = chosen.model
st.subheader("What was read")
st.dataframe(imported.summary_rows(model), hide_index=True, width="stretch")
task = chosen.task
if task is not None:
    reads = (f"token ids 0 to {model.vocab_size - 1}" if model.vocab_size is not None else
             f"one-hot word vectors of {model.input_size} numbers")  # fmt: skip
    st.caption(f"It reads {reads}. The file itself carries no vocabulary: this example's words come from the "
               f"repository's sentences of the task {task.title}, on which it was trained, so a sentence is "
               "typed as words and encoded as that training data was.")  # fmt: skip
elif model.vocabulary is not None:
    st.caption(f"It reads text: the file carries its own vocabulary of {len(model.vocabulary):,} tokens in its "
               f"{plain(model.lookup.name, 60)} layer, which turns the words typed into token ids exactly as Keras "
               "does.")  # fmt: skip
elif model.vocab_size is not None:
    st.caption(f"It reads token ids 0 to {model.vocab_size - 1}. The file carries no vocabulary (no words for the "
               "ids), so the input is typed as ids.")  # fmt: skip
else:
    st.caption(f"It reads {model.input_size} number{'s' if model.input_size > 1 else ''} a step.")
if chosen.uploaded:
    st.caption(f"{plain(chosen.label, 80)} stays in this browser session: a link to this page opens an example.")

x, text = iv.input_ui(chosen)
tokens = iv.token_labels(x, task, model.vocabulary)
record, scales, y = iv.computed_or_stop(chosen.model_id, text, model, x)

st.subheader("Its prediction")
st.caption("ImportedModel.predict on this input: what the original model's predict (Keras) or forward (PyTorch) "
           "returns, computed by lstm-viz.")  # fmt: skip
if task is not None and task.class_names:
    st.caption(iv.class_note(task, y))
st.dataframe(imported.prediction_rows(y, tokens), hide_index=True, width="stretch",
             column_config={"output": st.column_config.TextColumn(width="medium")})  # fmt: skip

L = len(model.recurrent)
layer = iv.clamped(MODEL_LAYER, L)
if L > 1:
    st.columns([2, 3])[0].selectbox("Layer shown", list(range(L)), key=MODEL_LAYER, format_func=iv.layer_label(model))
trace, ranges = record.layers[layer].layers[0], scales[layer]
spec = trace.spec
where = f"layer {layer} ({plain(model.recurrent[layer].name, 60)}) · " if L > 1 else ""
st.subheader(f"Every gate and state of the {spec.title}")
st.caption(f"{where}{trace.steps} steps, {trace.hidden_size} units. Fixed colour ranges over this input and 32 "
           "random inputs of its length; hover a cell for its number.")  # fmt: skip
st.plotly_chart(imported.layer_heatmaps(trace, tokens, ranges, font), key="model_maps",
                config={"displayModeBar": False})  # fmt: skip

st.subheader("One unit, one step")
T, H = trace.steps, trace.hidden_size
iv.clamped(MODEL_T, T)
iv.clamped(MODEL_UNIT, H)
controls = st.columns([5, 2], vertical_alignment="bottom")
if T > 1:
    controls[0].slider("Time step t", 0, T - 1, key=MODEL_T)
controls[1].selectbox("Unit", list(range(H)), key=MODEL_UNIT, format_func=lambda u: f"unit {u}")
t, unit = st.session_state[MODEL_T], st.session_state[MODEL_UNIT]
st.markdown(f"**Unit {unit} at t = {t}** (input {plain(tokens[t], 20)}): every gate and state")
st.dataframe([imported.unit_row(trace, t, unit)], hide_index=True, width="stretch")
weights = model.recurrent[layer].params.layers[0]
step = trace.at(t)
eq_col, cell_col = st.columns([1, 1])
with eq_col:
    st.caption(f"The {spec.title}'s equations for unit {unit} at t = {t}, with this file's weights and numbers "
               "(the step-through page's view).")  # fmt: skip
    for _, line in explain.equation_lines(spec, weights, step, unit, "separated", theme.COLOURS):
        st.latex(line)
with cell_col:
    st.plotly_chart(diagram.cell_diagram(spec, step, unit, tokens[t], ranges, font_size=font + 1, layer=weights),
                    key="model_cell", config={"displayModeBar": False})  # fmt: skip
st.markdown(f"**All {H} units at t = {t}**, unit {unit} outlined")
st.plotly_chart(imported.step_bars(trace, t, unit, ranges, font), key="model_bars", config={"displayModeBar": False})
st.markdown(f"**Unit {unit} over the whole input**")
st.plotly_chart(imported.unit_timeline(trace, tokens, t, unit, ranges, font), key="model_timeline",
                config={"displayModeBar": False})  # fmt: skip

iv.keep_and_link(view, st.session_state[MODEL_PICK], text)
