"""Presenter mode: larger text for a projector (the figures grow through View.font_size)."""

import streamlit as st

from lstm_viz.ui.view import View

PRESENTER_CSS = """
<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.35rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 1.15rem !important; }
[data-testid="stWidgetLabel"] p,
[data-testid="stSidebar"] [data-testid="stMarkdownContainer"] p { font-size: 1.2rem !important; }
[data-testid="stMain"] h1 { font-size: 3.6rem !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.1rem !important; }
.katex { font-size: 1.45em !important; }
</style>
"""


def presenter_style(view: View) -> None:
    if view.presenter:
        st.html(PRESENTER_CSS)
