"""lstm-viz: `streamlit run app.py`. Builds the navigation; every page lives in pages/."""

import streamlit as st

st.set_page_config(page_title="lstm-viz", page_icon=":material/memory:", layout="wide")

nav = st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/heatmaps.py", title="Gate heat maps", icon=":material/grid_on:"),
    ]
)
nav.run()
