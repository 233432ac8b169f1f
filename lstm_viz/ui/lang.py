"""The language the app speaks in this session: the sidebar's choice (state.LANG), first read from the link's
`lang=zh`, kept across pages. Pages read their words with `w = ui_words()` and pass `lang` to the library."""

from __future__ import annotations

from types import ModuleType

import streamlit as st

from lstm_viz import words
from lstm_viz.ui.state import KEPT, LANG


def language() -> str:
    """The language of this run: "en" or "zh": the sidebar's choice, kept across page switches (state.KEPT: a
    switch drops the widget's state before the sidebar puts it back, and app.py needs the language first, for the
    navigation's titles); on a session's first run the link's (a bad one is named by state.read_link)."""
    ss = st.session_state
    if ss.get(LANG) not in words.LANGUAGES:  # a page switch dropped the widget's value: the kept one, else the link's
        kept = ss.get(KEPT, {}).get(LANG)
        asked = kept if kept in words.LANGUAGES else st.query_params.get("lang")
        ss[LANG] = asked if asked in words.LANGUAGES else words.DEFAULT
    return ss[LANG]


def ui_words() -> ModuleType:
    """The catalogue of this run's language (lstm_viz.words.en or .zh)."""
    return words.of(language())
