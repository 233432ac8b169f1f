"""Plotly figure builders: data in, go.Figure out (no Streamlit).

theme      the one place for gate colours, colour scales and fixed value ranges
figures    heat maps, bar charts, the unit timeline, the token strip, saturation
diagram    the cell as a conveyor belt, coloured by the current values
training   loss and metric curves
"""

from lstm_viz.viz import diagram, figures, theme, training

__all__ = ["diagram", "figures", "theme", "training"]
