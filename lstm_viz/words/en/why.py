"""English. The Why gates page."""

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
