"""The lesson of the model built by hand (lstm_viz.explain.textbook), shown where that model is: the design against
what gradient descent found in the pre-trained preset, computed once per task and language and cached."""

from __future__ import annotations

import streamlit as st

from lstm_viz import tasks
from lstm_viz.explain import textbook
from lstm_viz.io import presets
from lstm_viz.ui.models import preset_model, textbook_model


@st.cache_data(show_spinner=False, max_entries=8)
def lesson(task_name: str, lang: str) -> textbook.Lesson:
    """The lesson on the task (remember_first or counting) in `lang`: both models on fresh samples, about 0.3 s."""
    task, lengths = tasks.get(task_name), presets.lengths(task_name, "lstm")
    return textbook.lesson(task, textbook_model(task_name), preset_model(task_name, "lstm"), lengths, lang)


def lesson_ui(task_name: str, lang: str) -> None:
    """The lesson in an expander (closed: the page's own view comes first)."""
    said = lesson(task_name, lang)
    with st.expander(said.title, icon=":material/handyman:"):
        st.markdown(said.intro)
        st.caption(said.equations_title)
        for line in said.equations:
            st.latex(line)
        st.markdown(said.designed)
        st.markdown(said.found)
        st.caption(said.table_title)
        st.dataframe(said.table, hide_index=True)
        st.markdown(said.contrast)
