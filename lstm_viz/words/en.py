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

# One plain sentence per quantity of any cell, by its kind (the cell's declaration gives title and role),
# then, for a gate, what it does to the products it is a factor of (from the declaration's sum_of).
SENTENCES = {
    "gate": "The {title} {symbol} of unit {unit} is {value} ({pct} open): {role}.",
    "gate_use": " It passes {share} of {other} into the {target}: {before} becomes {after}.",
    "gate_use_complement": " Its complement 1 − {symbol} = {complement} passes {share} of {other} into the {target}: "
    "{before} becomes {after}.",
    "gate_reset": " It scales the part of the previous h that the {target} reads by {value}.",
    "candidate": "Reading {token}, the {title} proposes {value} for unit {unit}: {role}.",
    "state_moves": "The {title} of unit {unit} goes {direction}, from {before} to {value}: {role}.",
    "state_stays": "The {title} of unit {unit} stays at about {value}: {role}.",
    "state_new": "The {title} of unit {unit} is {value}: {role}.",
}
# How a factor of a product is named in a sentence: the quantity's title, at t-1, through an activation.
FACTOR_PREV = "the previous {title}"
FACTOR_FN = "{fn} of the {title}"

# Why a typed sequence is outside what the model was trained on, by lstm_viz.tasks.COVERAGE_CODES:
# n is the training length, T the typed sequence's.
COVERAGE = {
    "longer_than_training": "This sequence has {T} steps, more than the {n} the model was trained on: what it "
    "says past step {n} is outside what it was trained on.",
    "shorter_than_training": "The model was trained on sequences of {n} steps and answers at the last one; this "
    "one has {T}, so its answer is outside what it was trained on.",
    "not_a_template_sentence": "No training sentence looks like this one (they are subject, negation if any, verb, "
    "object, all in one language, with the verb agreeing): what the model says is outside what it was trained on.",
    "values_outside_training": "Some values lie outside the range of the training data: what the model says is "
    "outside what it was trained on.",
    "marks_outside_training": "In training one marked value is always in the first half and the other in the "
    "second: these marks are outside what the model was trained on.",
}
# Shown wherever the padding token appears in a sequence.
PAD_NOTE = (
    "{pad} is the padding token: the model was trained on sentences padded on the left to {n} steps, so a "
    "shorter sentence, typed or generated, starts with it."
)
