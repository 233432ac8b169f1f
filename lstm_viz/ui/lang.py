"""The language the app speaks in this session: the sidebar's choice (state.LANG), first read from the link's
`lang=zh`, kept across pages. Pages read their words with `w = ui_words()` and pass `lang` to the library."""

from __future__ import annotations

from types import ModuleType

import streamlit as st

from lstm_viz import words
from lstm_viz.ui.state import LANG


def language() -> str:
    """The language of this run: "en" or "zh" (the link's on a session's first run; a bad one is named by
    state.read_link, and English shown)."""
    ss = st.session_state
    if ss.get(LANG) not in words.LANGUAGES:
        asked = st.query_params.get("lang")
        ss[LANG] = asked if asked in words.LANGUAGES else words.DEFAULT
    return ss[LANG]


def ui_words() -> ModuleType:
    """The catalogue of this run's language (lstm_viz.words.en or .zh)."""
    return words.of(language())
