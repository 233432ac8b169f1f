"""Gate heat maps: every gate and state of the chosen cell and layer over time for every unit, from the NumPy
cell. Click a cell to open it."""

import numpy as np
import streamlit as st

from lstm_viz import explain, words
from lstm_viz.ui import cached
from lstm_viz.ui.lang import ui_words
from lstm_viz.ui.models import model_label
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import GOTO, UNIT_SHOWN, link_query
from lstm_viz.ui.view import current, length_note
from lstm_viz.viz import heatmaps

w = ui_words().heatmaps
view = current()
lang = view.lang
shown = view.shown()
task, model, model_id, trace, tokens = shown.task, shown.model, shown.model_id, shown.trace, shown.tokens
layer = shown.layer
x = trace.x

st.title(w.TITLE)
where = w.WHERE_LAYER.format(layer=layer, layers=model.num_layers) if model.num_layers > 1 else ""
said = words.task_words(lang, view.task)
cell_title = words.cell_title(lang, shown.spec.name, shown.spec.title)
st.caption(w.CAPTION.format(task=said["title"], cell=cell_title, model=model_label(view.model, lang), where=where,
                            description=said["description"]))  # fmt: skip


if shown.spec.name == "lstm":  # the note speaks of the LSTM's own gates (f, i) and of C
    found = cached.finding(view.task, model_id, layer, model)  # computed from the model on screen
    st.info(explain.note_words(task, found, model_id.startswith("preset:"), lang), icon=":material/visibility:")


def running_signal():
    """The task's running answer (a count, a depth) when it has one per step, else None."""
    try:
        y = np.asarray(task.targets(x[None])[0], dtype=float).reshape(-1)
    except ValueError:
        return None
    return y if y.shape == (trace.steps,) and np.std(y) > 0 else None


signal = running_signal()
cols = st.columns([3, 2], vertical_alignment="bottom")
order_how = cols[0].radio(w.UNIT_ORDER, list(w.ORDERS), format_func=w.ORDERS.get, key="order", horizontal=True)
if order_how == "by correlation" and signal is None:
    cols[0].caption(w.NO_SIGNAL)
outputs = model.outputs(trace)
answer = explain.output_words(task, x, outputs[-1], trace.steps - 1, lang)
cols[1].markdown(plain(answer[0].upper() + answer[1:], 200))
if running := explain.running_words(task, x, outputs, lang):
    st.caption(plain(running, 2000))
length_note(view, trace.steps)  # a preset shown a sequence longer than it was trained on says so
if padding := explain.padding_words(tokens, lang):
    st.caption(plain(padding, 300))

ss = st.session_state
chosen = ss[GOTO][1] if GOTO in ss else ss.get(UNIT_SHOWN)  # the unit a link names, or the step page's
maps, order = cached.heatmap_figure(
    view.task, model_id, view.seq_key, layer, order_how, tuple(tokens), view.font_size, model, signal, chosen, lang
)
st.caption(w.HOW_TO_READ + (w.OUTLINED.format(unit=chosen) if chosen in order else ""))
event = st.plotly_chart(
    maps, key="heatmaps", on_select="rerun", selection_mode="points", config={"displayModeBar": False}
)
selection = event.get("selection") if isinstance(event, dict) else None  # from the browser: anything
points = selection.get("points") if isinstance(selection, dict) else None
cell = heatmaps.click_to_cell(points, np.asarray(order), trace.steps)
if cell is not None:
    t, unit = cell
    st.session_state[GOTO] = (t, unit)
    st.switch_page("app_pages/step.py", query_params=link_query(view, t=t, unit=unit))

with st.expander(w.SATURATION, expanded=False):
    st.caption(w.SATURATION_HOW)
    saturation = cached.saturation_figure(view.task, model_id, layer, view.font_size, model, lang)
    if saturation is None:
        st.caption(w.NO_GATES.format(cell=cell_title))
    else:
        st.plotly_chart(saturation, key="saturation", config={"displayModeBar": False})

st.subheader(w.DOWNLOAD)
name = f"lstm-viz_{view.task}_{model_id.replace(':', '-')}_layer{layer}"
layer_trace = shown.layer_trace
downloads = st.container(horizontal=True, wrap=True)
downloads.download_button(
    w.NPZ,
    layer_trace.to_npz_bytes(),
    f"{name}.npz",
    "application/octet-stream",
    icon=":material/download:",
    key="dl_npz",
    on_click="ignore",
)
downloads.download_button(
    w.CSV, layer_trace.to_csv(), f"{name}.csv", "text/csv", icon=":material/download:", key="dl_csv", on_click="ignore"
)
st.caption(w.DOWNLOAD_HOW)
