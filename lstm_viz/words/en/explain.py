"""English. What a model does, in words: a unit at a step, a sequence outside training, a model's memory."""

# One plain sentence per quantity of any cell, by its kind (the cell's declaration gives title and role),
# then, for a gate, what it does to the products it is a factor of (from the declaration's sum_of).
SENTENCES = {
    "gate": "The {title} {symbol} of unit {unit} is {value} ({pct} open): {role}.",
    "gate_use": " It passes {share} of {other} into the {target}: {before} becomes {after}.",
    "gate_use_complement": " Its complement 1 − {symbol} = {complement} passes {share} of {other} into the {target}: "
    "{before} becomes {after}.",
    "gate_reset": " It scales the part of the previous h that the {target} reads by {value}.",
    "candidate": "Reading {token!r}, the {title} proposes {value} for unit {unit}: {role}.",
    "state_moves": "The {title} of unit {unit} goes {direction}, from {before} to {value}: {role}.",
    "state_stays": "The {title} of unit {unit} stays at about {value}: {role}.",
    "state_new": "The {title} of unit {unit} is {value}: {role}.",
}

# How a factor of a product is named in a sentence: the quantity's title, at t-1, through an activation.
FACTOR = "the {title}"
FACTOR_PREV = "the previous {title}"
FACTOR_FN = "{fn} of the {title}"
FACTOR_JOIN = " × "
# Which way a state moved ("state_moves"'s {direction}).
DIRECTIONS = {"up": "up", "down": "down"}

# What the model's read-out says at step t ({said}: the task's describe_output; {right}: RIGHT, or "" when the task
# does not know the answer): a sequence-to-sequence task's output at every step, a sequence-to-one task's read-out
# before the last step (it does not count) and its answer at the last step.
OUTPUT = {
    "seq2seq": "the model's output at t = {t}: {said}{right}",
    "before_last": "the read-out at t = {t} would say {said}; only the last step's output counts for this task",
    "last": "the model's answer at the last step: {said}{right}",
}
RIGHT = " (the answer: {answer})"
# A sequence-to-sequence task's answers and outputs at every step, in one line ({rounded}: ROUNDED or "").
RUNNING = "At every step, the answer: {truth}; the model{rounded}: {said}"
ROUNDED = " (rounded)"
CLASS_JOIN = ", "  # between class names in a list of answers (numbers are joined by a space)
# The columns of the table of a model's answers beside the truth (explain.prediction_rows).
PREDICTION_COLUMNS = {"sequence": "sequence", "answer": "answer", "said": "model says"}
# The columns of the table of every product in a dot product (explain.products), and its rows' inputs.
PRODUCT_COLUMNS = {"input": "input", "value": "value", "weight": "weight", "product": "product"}
PRODUCT_H = "h_prev[{j}]"
PRODUCT_X = "x[{j}] ({label})"

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

# What a model does on fresh samples of its task (lstm_viz.explain.behaviour): one template per code, filled with
# the finding's numbers. {mem}, {keep}, {write}, {cand} are the cell's symbols (C, f, i, C̃); {n}: how many samples.
MEMORY_FINDING = {
    "integrator": "In this model, unit {unit} carries the answer {answer}: when the answer is {answer}, its {mem} "
    "moves by about {step:+.2f} at every step after t = 0 and ends near {end:+.1f} (near {end_other:+.1f} otherwise). "
    "That is an integrator, not a latch: {mem} is not written once and then held, it keeps adding up.",
    "latch": "In this model, unit {unit} latches the answer {answer}: when the answer is {answer}, its {mem} is "
    "{start:+.2f} after t = 0 and then moves by only about {step:+.2f} a step, ending near {end:+.1f} (near "
    "{end_other:+.1f} otherwise): written once, then held.",
    "none": "In this model, no unit's {mem} tells the answers apart: the best, unit {unit}, ends near {end:+.1f} when "
    "the answer is {answer} and near {end_other:+.1f} otherwise, and the two overlap.",
}

MEMORY_SWITCH = {
    "write": " The answer sets its input gate: {write} = {write_same:.2f} after t = 0 when the answer is {answer}, "
    "{write_other:.2f} otherwise ({write0:.2f} at t = 0 itself); its forget gate is {keep} = {keep_same:.2f} "
    "and {keep_other:.2f}.",
    "keep": " The answer sets its forget gate: {keep} = {keep_same:.2f} after t = 0 when the answer is {answer}, "
    "{keep_other:.2f} otherwise; its input gate is {write} = {write_same:.2f} and {write_other:.2f}.",
    "neither": " Its gates are about the same whatever the answer: {write} = {write_same:.2f} and {write_other:.2f}, "
    "{keep} = {keep_same:.2f} and {keep_other:.2f} after t = 0.",
}

SIGNAL_FINDING = {
    "follows": "In this model, unit {unit}'s {mem} gives the answer at each step: a straight line through it alone "
    "is right at {right:.0%} of the steps of {n} fresh samples (r = {r:+.2f}). It moves by {moves}.",
    "none": "In this model, no unit's {mem} gives the answer at each step: a straight line through the best, unit "
    "{unit}, is right at only {right:.0%} of the steps of {n} fresh samples, although it correlates with the answer "
    "at r = {r:+.2f}. It moves by {moves}.",
}

SIGNAL_HOW = {
    "candidate": " Its input gate is about as open on every symbol ({writes}): the symbol changes what is written "
    "({cand} = {cands}), not whether it is written.",
    "write": " Its input gate is open more on some symbols than on others ({writes}): the symbol chooses whether to "
    "write ({cand} = {cands}).",
    "both": " Its input gate is open more on some symbols than on others ({writes}), and the symbol also changes "
    "what is written ({cand} = {cands}).",
}

LIST_JOIN = ", "  # between the per-symbol parts of a finding ({moves}, {writes}, {cands})
SIGNAL_MOVE = "{move} at every {symbol}"
SIGNAL_FLAT = "{move} at every {symbol} (flat)"
PER_SYMBOL = "{value} on {symbol}"
GATE_PER_SYMBOL = "{value} on {symbol}"
# The heat-map page: the task's note speaks of the pre-trained preset; beside another model it is labelled so.
PRESET_NOTE = "The pre-trained preset, for comparison: {note}"
