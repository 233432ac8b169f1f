"""lstm-viz: `streamlit run app.py`. The navigation and the shared sidebar; every page lives in app_pages/."""

# Imported before any page runs, by the statement that waits for a module another session's thread is still
# importing: Plotly looks pandas up lazily, and two sessions starting at once could see it half imported.
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st

from lstm_viz.ui.lang import ui_words
from lstm_viz.ui.presenter import presenter_style
from lstm_viz.ui.state import FIRST_RUN_NO_TASK, LINK_PROBLEMS
from lstm_viz.ui.training_status import training_status
from lstm_viz.ui.view import sidebar

st.set_page_config(page_title="lstm-viz", page_icon=":material/memory:", layout="wide")

PAGES = ui_words().common.PAGES  # the page titles in the session's language (the link's lang= on its first run)
nav = st.navigation(
    [
        st.Page("app_pages/home.py", title=PAGES["home"], icon=":material/home:", default=True),
        st.Page("app_pages/step.py", title=PAGES["step"], icon=":material/footprint:", url_path="step"),
        st.Page("app_pages/heatmaps.py", title=PAGES["heatmaps"], icon=":material/grid_on:", url_path="heatmaps"),
        st.Page("app_pages/train.py", title=PAGES["train"], icon=":material/model_training:", url_path="train"),
        st.Page("app_pages/why.py", title=PAGES["why"], icon=":material/compare_arrows:", url_path="why"),
        st.Page("app_pages/model.py", title=PAGES["model"], icon=":material/upload_file:", url_path="model"),
    ]
)
view = sidebar(page=nav.url_path)
presenter_style(view)
training_status(on_train_page=nav.url_path == "train")
nav.run()
for first_run_only in (FIRST_RUN_NO_TASK, LINK_PROBLEMS):  # the home page may rerun once before a run completes
    st.session_state.pop(first_run_only, None)
