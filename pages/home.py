"""Home: what an LSTM is, the six equations, and where to go next."""

import streamlit as st

from lstm_viz.text import EQUATIONS_LATEX, INTRO

st.title("Inside an LSTM, one gate at a time")
st.markdown(INTRO)
st.subheader("The six equations")
for label, latex in EQUATIONS_LATEX:
    st.latex(latex)
    st.caption(label)
