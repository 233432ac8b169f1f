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
}
SIGNAL_MOVE = "{move:+.2f} at every {symbol}"
SIGNAL_FLAT = "{move:+.2f} at every {symbol} (flat)"
PER_SYMBOL = "{value:+.2f} on {symbol}"
GATE_PER_SYMBOL = "{value:.2f} on {symbol}"
# The heat-map page: the task's note speaks of the pre-trained preset; beside another model it is labelled so.
PRESET_NOTE = "The pre-trained preset, for comparison: {note}"

# The home page's first minute: what the guide's unit does (explain.memory_finding of the remember-first preset).
TOUR_STEP = {
    "integrator": "Watch unit {unit}. At t = 0 its input gate is {write0:.2f}; after a first {answer} it opens "
    "(on average i = {write_same:.2f} after t = 0), its forget gate is f = {keep_same:.2f}, and C moves by about "
    "{step:+.2f} at every step, to about {end:+.1f} by the end. Gradient descent found an integrator, not a latch: "
    "C is not written once and then held, it keeps adding up.",
    "latch": "Watch unit {unit}. After a first {answer} its C is {start:+.2f} at t = 0 and then held: it moves by "
    "only about {step:+.2f} a step (i = {write_same:.2f}, f = {keep_same:.2f} after t = 0). That is a latch.",
    "none": "Watch unit {unit}. In this model no unit holds the first symbol clearly: its C ends near {end:+.1f} "
    "after a first {answer} and near {end_other:+.1f} otherwise (i = {write_same:.2f}, f = {keep_same:.2f}).",
}
TOUR_OTHER = {
    "write": "the same unit's input gate then stays at i = {write_other:.2f} and its C stays near {end_other:+.1f}, "
    "while the forget gate is f = {keep_other:.2f}: it is the input gate, not the forget gate, that the first "
    "symbol sets.",
    "keep": "the same unit's forget gate is then f = {keep_other:.2f} (i = {write_other:.2f}) and its C ends near "
    "{end_other:+.1f}: it is the forget gate that the first symbol sets.",
    "neither": "the same unit's gates look much the same (i = {write_other:.2f}, f = {keep_other:.2f}) and its C "
    "ends near {end_other:+.1f}.",
}

# A link's t or unit past the view's (the step-through page): the value asked, the range and what is shown instead.
LINK_PAST = {
    "t": "t = {asked} is outside this sequence's steps (0 to {last}): showing t = {shown}",
    "unit": "unit {asked} is outside this model's units (0 to {last}): showing unit {shown}",
}

# The stepper (lstm_viz/ui/stepper): its sentence at t, and the labels its page fills in ({t}, {last}, {unit}).
STEP_SAID = "reading {token}: {answer}."
STEPPER_LABELS = {
    "prev": "‹ Prev",
    "next": "Next ›",
    "prev_title": "Previous step (←)",
    "next_title": "Next step (→)",
    "where": "step {t} of {last} · unit {unit}",
    "t": "t = {t}",
    "tokens": "input tokens",
    "values": "the chosen unit at step t",
}

# --- the Why gates page (lstm_viz/explain/why_words.py fills these in; the choice of template is a code) ---

WHY_MEMORY = {  # the memory study of one task: how each main cell does as the sequences grow
    "falls": "The plain RNN falls to the level of a blind guess ({blind}) by length {length}: its median {metric} "
    "there is {rnn}. ",
    "holds": "The plain RNN stays above a blind guess ({blind}) at every length, down to a median {metric} of "
    "{rnn} at length {longest}. ",
}
WHY_MEMORY_CELLS = "At length {longest}, the median {metric} over {seeds} seeds is {cells}."
WHY_MEMORY_CELL = "{value} for the {title}"
WHY_MEMORY_GATED_LOST = (
    " Within this budget neither the LSTM nor the GRU learned the task at length {longest} from most seeds: gates "
    "make a long memory possible, not free, and a longer sequence needs more training."
)
WHY_MEMORY_RNN_BEST = (
    " At length {longest} the plain RNN does better than both gated cells: with this budget, on this task, the "
    "gates did not help there."
)
WHY_GRADIENT = "{who}: back from the last step to t = 0 on this sequence, ‖dL/dh‖ changes by a factor of {ratios}. "
WHY_GRADIENT_WHO = {"trained": "The trained presets", "random": "A fresh random initialisation"}
WHY_GRADIENT_RATIO = "{ratio} in the {title}"
WHY_GRADIENT_C = " (‖dL/dC‖: {ratio})"
WHY_CAROUSEL = {
    "kept": "Along the LSTM's C, the product of the forget gates from t = 1 to the end is {mean} on average over "
    "its units and {best} in unit {unit}: that much of an error at C_(T-1) reaches C_0 directly, without passing "
    "through any weight matrix.",
    "none": "The LSTM's forget gates multiply to {mean} on average over its units from t = 1 to the end ({best} "
    "at most, in unit {unit}): along C too, almost nothing of the last step's error reaches t = 0.",
}
WHY_JACOBIAN = {
    "bound": "The plain RNN's error passes through diag(tanh′) W_h at every step: the product of those norms from "
    "t = 1 to the end is {product}, a bound on what can reach t = 0.",
    "loose": "The plain RNN's error passes through diag(tanh′) W_h at every step: the product of those norms from "
    "t = 1 to the end is {product}, at least 1, so it bounds nothing here (its steps can amplify as well as "
    "shrink); the ratio above is what arrives.",
}
WHY_CLAMP = {
    "breaks": "With {what} forced to {value}, the {metric} over {n} fresh samples of {T} steps falls from {free} "
    "to {clamped} (a blind guess: {blind}).",
    "worse": "With {what} forced to {value}, the {metric} over {n} fresh samples of {T} steps gets worse, from "
    "{free} to {clamped} (a blind guess: {blind}).",
    "same": "With {what} forced to {value}, the {metric} over {n} fresh samples of {T} steps barely changes: "
    "{free} before, {clamped} after. This gate is not what the model relies on here.",
    "better": "With {what} forced to {value}, the {metric} over {n} fresh samples of {T} steps is {clamped}, "
    "better than the unclamped {free}.",
}
WHY_UNCLAMPED = (
    "As trained, nothing clamped: the {metric} over {n} fresh samples of {T} steps is {free} (a blind guess: "
    "{blind}). Pick a value to clamp a gate to."
)
WHY_CLAMP_WHAT = {"all": "the {title} {symbol} of every unit", "one": "the {title} {symbol} of unit {unit}"}
WHY_CLAMP_VALUE = {"0": "0", "1": "1", "mean": "its own mean over the sequence"}
WHY_MISREAD = {  # "loses": every LSTM seed beats every seed of the other cell at some length
    "loses": "The tutorial's cell loses where the LSTM holds: at length {length} on {task}, every LSTM seed "
    "({lstm}) beats every run of the misread cell ({other}; a blind guess: {blind}). The runs refute the claim "
    "that c_t = σ(W_cx x_t + W_cc c_(t-1) + W_ch h_(t-1) + b_c) is how an LSTM keeps long-term information: that "
    "cell recomputes C through a sigmoid at every step, as a plain RNN recomputes h.",
    "same": "On {task} these runs do not tell the misread cell from the LSTM: at no length does every LSTM "
    "seed beat every seed of the misread cell (at length {length}: {other} against {lstm}).",
}
WHY_TWO_GATES = {
    "loses": "The two-gate cell (input and forget gates only: the LSTM without its output gate, NOG) loses to the "
    "full LSTM on {task}: at length {length} every LSTM seed ({lstm}) beats every two-gate seed ({other}). It is a "
    "different cell, and a worse one here: the output gate is the LSTM's third gate.",
    "same": "These runs do not tell the two-gate cell (input and forget gates only: the LSTM without its "
    "output gate, NOG) from the full LSTM on {task}: at no length does every LSTM seed beat every two-gate seed "
    "(at length {length}: {other} against {lstm}). Either way the tutorial's two-gate cell is not the LSTM: it is the "
    "NOG variant of Greff et al. (2017).",
}
WHY_LIVE_DONE = "Trained now, {title}: {metric} {value} at length {length} on {task} ({reason})."
WHY_LIVE_AGAIN = {  # a live run against the file's run with the same seed
    "same": " The results file's run with the same seed (one of the runs behind the chart's point) reached {file}: "
    "the same run, redone.",
    "differs": " The results file's run with the same seed reached {file}: this server computes differently from "
    "the one that built the file (another torch build or device).",
    "stopped": " It did not finish its budget, so it is not drawn on the chart.",
}
