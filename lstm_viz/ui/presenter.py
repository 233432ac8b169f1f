"""Presenter mode: larger text for a projector (the figures grow through View.font_size).

At 1280 x 800 nothing may be cut or overflow: a button's label is a little larger but never ends in an
ellipsis (it wraps if its column is too narrow), and a row of columns that holds a chart stacks, so that
the chart gets the page's width and its larger text fits inside its boxes (the cell diagram).
"""

import streamlit as st

from lstm_viz.ui.view import View

MAIN = '[data-testid="stMain"]'
CHART_ROW = f'{MAIN} [data-testid="stHorizontalBlock"]:has([data-testid="stPlotlyChart"])'
PRESENTER_CSS = f"""
<style>
{MAIN} [data-testid="stMarkdownContainer"] p,
{MAIN} [data-testid="stMarkdownContainer"] li {{ font-size: 1.35rem !important; }}
{MAIN} [data-testid="stCaptionContainer"] p {{ font-size: 1.15rem !important; }}
[data-testid="stWidgetLabel"] p,
[data-testid="stSidebar"] [data-testid="stMarkdownContainer"] p {{ font-size: 1.2rem !important; }}
{MAIN} h1 {{ font-size: 3.6rem !important; }}
{MAIN} h2, {MAIN} h3 {{ font-size: 2.1rem !important; }}
.katex {{ font-size: 1.45em !important; }}
{MAIN} button [data-testid="stMarkdownContainer"] p {{ font-size: 1.15rem !important; }}
{MAIN} [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {{ font-size: 3rem !important; }}
button [data-testid="stMarkdownContainer"] {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
{CHART_ROW} {{ flex-wrap: wrap !important; }}
{CHART_ROW} > [data-testid="stColumn"] {{
  flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important;
}}
</style>
"""


def presenter_style(view: View) -> None:
    if view.presenter:
        st.html(PRESENTER_CSS)
