"""A unit at a step taken apart into terms, in LaTeX and in plain words; analysis over sequences.

    terms      GateTerms, StateTerms, unit_terms, state_terms, products, the LaTeX lines
    analysis   memory_unit, gate_story
    in_words   one sentence per gate, what the read-out says, the model's answers beside the truth

NumPy only (no plotting, no Streamlit). Every public name is here too:
`from lstm_viz import explain; explain.unit_terms(...)`.
"""

from lstm_viz.explain.analysis import gate_story, memory_unit
from lstm_viz.explain.in_words import answer_words, output_words, pct, prediction_rows, sentences
from lstm_viz.explain.terms import (
    ACTIVATION,
    GateTerms,
    StateTerms,
    coloured,
    factor,
    latex_cell,
    latex_concatenated,
    latex_hidden,
    latex_separated,
    num,
    products,
    signed,
    state_terms,
    unit_terms,
)

__all__ = [
    "ACTIVATION",
    "GateTerms",
    "StateTerms",
    "answer_words",
    "coloured",
    "factor",
    "gate_story",
    "latex_cell",
    "latex_concatenated",
    "latex_hidden",
    "latex_separated",
    "memory_unit",
    "num",
    "output_words",
    "pct",
    "prediction_rows",
    "products",
    "sentences",
    "signed",
    "state_terms",
    "unit_terms",
]
