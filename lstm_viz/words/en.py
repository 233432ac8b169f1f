"""English: the words and formulas shared by the pages (no Streamlit here, so tests can read them)."""

INTRO = """
A **Long Short-Term Memory** network (LSTM) reads a sequence one step at a time and carries
two vectors along: a **cell state C**, its long-term memory, and a **hidden state h**, what it
shows to the outside at each step. Four **gates**, each a small layer looking at the current
input x_t and the previous h, decide what to do with the memory:

- the **forget gate f** chooses how much of each memory unit to keep (1 = keep all, 0 = erase);
- the **input gate i** chooses how much of the new candidate to write;
- the **candidate C̃ (g)** is what could be written, a value between -1 and 1;
- the **output gate o** chooses how much of the memory to show as h.

Every number in this app comes from a NumPy implementation of exactly these equations,
checked against PyTorch to 12 decimal places.
"""

# (label, LaTeX), gate order i, f, g, o, then c and h.
EQUATIONS_LATEX = [
    ("input gate", r"i_t = \sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i)"),
    ("forget gate", r"f_t = \sigma(W_{xf} x_t + W_{hf} h_{t-1} + b_f)"),
    ("candidate cell state C̃ (g)", r"g_t = \tanh(W_{xg} x_t + W_{hg} h_{t-1} + b_g)"),
    ("output gate", r"o_t = \sigma(W_{xo} x_t + W_{ho} h_{t-1} + b_o)"),
    ("cell state C", r"c_t = f_t \odot c_{t-1} + i_t \odot g_t"),
    ("hidden state", r"h_t = o_t \odot \tanh(c_t)"),
]

# One plain sentence per quantity of any cell, by its kind (the cell's declaration gives title and role).
SENTENCES = {
    "gate": "The {title} {symbol} of unit {unit} is {value} ({pct} open): {role}.",
    "candidate": "Reading {token}, the {title} proposes {value} for unit {unit}: {role}.",
    "state_moves": "The {title} of unit {unit} goes {direction}, from {before} to {value}: {role}.",
    "state_stays": "The {title} of unit {unit} stays at about {value}: {role}.",
    "state_new": "The {title} of unit {unit} is {value}: {role}.",
}
