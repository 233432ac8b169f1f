"""Streamlit helpers shared by the pages (the only part of lstm_viz that imports streamlit)."""
