"""A unit at a step taken apart into terms, in LaTeX and in plain words; analysis over sequences.

    terms      GateTerms, unit_terms, products, the LaTeX lines of every equation of any cell
    analysis   memory_unit, gate_story
    in_words   one sentence per quantity of any cell, what the read-out says, the model's answers beside the truth
               (every step of a sequence-to-sequence task), the padding token
    behaviour  what a model does on fresh samples of its task, as codes and numbers (finding, memory_finding,
               signal_finding); behaviour_words says it (finding_words, note_words, tour_words)

Every function that builds sentences takes `lang` ("en" by default, or "zh"): its templates are the catalogue's
(lstm_viz.words), the numbers the same in every language. NumPy only (no plotting, no Streamlit). Every public
name is here too:
`from lstm_viz import explain; explain.unit_terms(...)`.
"""

from lstm_viz.explain.analysis import gate_story, memory_unit
from lstm_viz.explain.behaviour import MemoryFinding, SignalFinding, finding, memory_finding, signal_finding
from lstm_viz.explain.behaviour_words import finding_words, note_words, tour_words
from lstm_viz.explain.in_words import (
    answer_words,
    output_words,
    padding_words,
    pct,
    prediction_rows,
    running_words,
    sentences,
    step_answers,
)
from lstm_viz.explain.terms import (
    GateTerms,
    coloured,
    equation_lines,
    factor,
    latex_concatenated,
    latex_derived,
    latex_separated,
    num,
    products,
    signed,
    unit_terms,
)

__all__ = [
    "GateTerms",
    "MemoryFinding",
    "SignalFinding",
    "answer_words",
    "coloured",
    "equation_lines",
    "factor",
    "finding",
    "finding_words",
    "gate_story",
    "latex_concatenated",
    "latex_derived",
    "latex_separated",
    "memory_finding",
    "memory_unit",
    "note_words",
    "num",
    "output_words",
    "padding_words",
    "pct",
    "prediction_rows",
    "products",
    "running_words",
    "sentences",
    "signal_finding",
    "signed",
    "step_answers",
    "tour_words",
    "unit_terms",
]
