"""Your model: open a Keras (.keras, .h5) or PyTorch (state_dict) model, or a shipped example, and see its gates on
your own input: its prediction, the heat maps of every gate and state of a layer, and one unit at one step. Its
words are lstm_viz/words/*/model.py's, in the session's language."""

import streamlit as st

from lstm_viz import explain, words
from lstm_viz.ui import imported_view as iv
from lstm_viz.ui.lang import language, ui_words
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import MODEL_LAYER, MODEL_PICK, MODEL_T, MODEL_UNIT
from lstm_viz.ui.view import current
from lstm_viz.viz import diagram, imported, theme

view = current()
font = view.font_size
lang = language()
w = ui_words().model
iv.defaults()

st.title(w.TITLE)
st.caption(w.INTRO)

chosen = iv.model_ui()
model = chosen.model
st.subheader(w.WHAT_READ)
st.dataframe(imported.summary_rows(model, lang), hide_index=True, width="stretch")
task = chosen.task
if task is not None:
    reads = (w.READS_IDS.format(last=model.vocab_size - 1) if model.vocab_size is not None else
             w.READS_ONE_HOT.format(size=model.input_size))  # fmt: skip
    st.caption(w.READS_TASK.format(reads=reads, task=words.task_words(lang, task.name)["title"]))
elif model.vocabulary is not None:
    st.caption(w.READS_TEXT.format(count=len(model.vocabulary), layer=plain(model.lookup.name, 60)))
elif model.vocab_size is not None:
    st.caption(w.READS_IDS_ONLY.format(last=model.vocab_size - 1))
else:
    st.caption(w.READS_NUMBERS.format(count=model.input_size) if model.input_size > 1 else w.READS_NUMBER)
if chosen.uploaded:
    st.caption(w.UPLOAD_STAYS.format(name=plain(chosen.label, 80)))

x, text = iv.input_ui(chosen)
tokens = iv.token_labels(x, task, model.vocabulary)
record, scales, y = iv.computed_or_stop(chosen.model_id, text, model, x)

st.subheader(w.PREDICTION)
st.caption(w.PREDICTION_NOTE)
if task is not None and task.class_names:
    st.caption(iv.class_note(task, y, lang))
st.dataframe(imported.prediction_rows(y, tokens, lang), hide_index=True, width="stretch",
             column_config={w.OUTPUT_COLUMN: st.column_config.TextColumn(width="medium")})  # fmt: skip

L = len(model.recurrent)
layer = iv.clamped(MODEL_LAYER, L)
if L > 1:
    st.columns([2, 3])[0].selectbox(w.LAYER_SHOWN, list(range(L)), key=MODEL_LAYER,
                                    format_func=iv.layer_label(model, lang))  # fmt: skip
trace, ranges = record.layers[layer].layers[0], scales[layer]
spec = trace.spec
cell = words.cell_title(lang, spec.name, spec.title)
where = w.LAYER_WHERE.format(layer=layer, name=plain(model.recurrent[layer].name, 60)) if L > 1 else ""
st.subheader(w.EVERY_GATE.format(cell=cell))
st.caption(w.EVERY_GATE_NOTE.format(where=where, steps=trace.steps, units=trace.hidden_size))
st.plotly_chart(imported.layer_heatmaps(trace, tokens, ranges, font, lang), key="model_maps",
                config={"displayModeBar": False})  # fmt: skip

st.subheader(w.ONE_UNIT)
T, H = trace.steps, trace.hidden_size
iv.clamped(MODEL_T, T)
iv.clamped(MODEL_UNIT, H)
controls = st.columns([5, 2], vertical_alignment="bottom")
if T > 1:
    controls[0].slider(w.TIME_STEP, 0, T - 1, key=MODEL_T)
controls[1].selectbox(w.UNIT, list(range(H)), key=MODEL_UNIT, format_func=lambda u: w.UNIT_OPTION.format(unit=u))
t, unit = st.session_state[MODEL_T], st.session_state[MODEL_UNIT]
st.markdown(w.UNIT_AT.format(unit=unit, t=t, token=plain(tokens[t], 20)))
st.dataframe([imported.unit_row(trace, t, unit, lang)], hide_index=True, width="stretch")
weights = model.recurrent[layer].params.layers[0]
step = trace.at(t)
eq_col, cell_col = st.columns([1, 1])
with eq_col:
    st.caption(w.EQUATIONS_NOTE.format(cell=cell, unit=unit, t=t))
    for _, line in explain.equation_lines(spec, weights, step, unit, "separated", theme.COLOURS):
        st.latex(line)
with cell_col:
    st.plotly_chart(diagram.cell_diagram(spec, step, unit, tokens[t], ranges, font_size=font + 1, layer=weights,
                                         lang=lang), key="model_cell", config={"displayModeBar": False})  # fmt: skip
st.markdown(w.ALL_UNITS.format(units=H, t=t, unit=unit))
st.plotly_chart(imported.step_bars(trace, t, unit, ranges, font, lang), key="model_bars",
                config={"displayModeBar": False})  # fmt: skip
st.markdown(w.UNIT_OVER.format(unit=unit))
st.plotly_chart(imported.unit_timeline(trace, tokens, t, unit, ranges, font, lang), key="model_timeline",
                config={"displayModeBar": False})  # fmt: skip

iv.keep_and_link(view, st.session_state[MODEL_PICK], text)
