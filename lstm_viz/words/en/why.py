"""English. The Why gates page: its widgets and captions (app_pages/why.py), its figures (lstm_viz/viz/why.py) and
its sentences built from numbers (lstm_viz/explain/why_words.py, WHY_*)."""

# --- the page (app_pages/why.py, lstm_viz/ui/why.py) ---
TITLE = "Why gates"
INTRO = (
    "Every tutorial says that a plain RNN cannot keep information over many steps and that the LSTM's gates fix "
    "this. Is it so? Here are the numbers, computed here: the cells trained side by side as the sequences grow, "
    "the gradient on its way back through time, and a trained model with one of its gates forced open or shut. "
    "The sentences under each chart say what its numbers show, whichever way they go."
)
TASK = "Memory task"
LENGTH = "Sequence length (the gradients, and training now)"
METRICS = {"accuracy": "accuracy", "mse": "mse"}  # a task's metric in a sentence (Task.metric)
LIST_SEP = ", "  # between the items of a list in a sentence
SENTENCE_SEP = " "  # between two sentences

MEMORY = "1. Memory against distance"
CELLS_SHOWN = "Cells on the chart"
PROTOCOL = (
    "Each point: {seeds} training runs (seeds), the median and a bar from the lowest to the highest, each measured "
    "on {eval} held-out sequences. Every cell gets the same budget: {hidden} hidden units, at most {steps:,} steps "
    "of {batch} sequences, Adam at learning rate {lr:g}, stopping early once the task's target is reached; a cell "
    "with a forget gate of its own starts with it about {open:.0%} open (bias +{bias:g}). Rebuilt by `{command}` "
    "({minutes:.0f} minutes on {machine})."
)
MACHINE = "{arch}, {cores} CPU cores, Python {python}"  # as lstm_viz/io/study.py writes it into the results file
TRAIN_NOW = "Train the plain RNN, the GRU and the LSTM now at length {length}"
TRAIN_NOW_HELP = (
    "The same budget as the chart's points, seed 0, in the background; at most {slots} trainings run at once on "
    "this server, the others wait their turn."
)
STOP = "Stop"
LIVE = {  # a live run, by its state
    "waiting": "{title}: waiting for a free trainer on this server.",
    "step": "{title}: step {done} of {total}",
    "done": "{title}: {metric} {value} on held-out sequences of {length} steps ({reason}).",
    "failed": "{title}: {error}",
}

GRADIENTS = "2. Gradients through time"
SAMPLE = "Sample number"
MODELS = "Models"
GRAD_KINDS = {"trained": "the trained presets", "random": "a fresh random initialisation", "both": "both"}
GRADIENT_CAPTION = (
    "One sequence of {length} steps ({text}). The loss is that of the answer at the last step; each line is the "
    "size of its derivative with respect to h_t (and, for the LSTM, C_t) at every earlier t, from the NumPy "
    "backward pass of the model on screen. Click a point to open that cell at that t on the step-through page. "
    "{shorter}"
)
TRAINED_SHORTER = "The presets were trained on shorter sequences ({which} steps) than this one."
TRAINED_ON = "the {title} on {length}"
CAROUSEL_CAPTION = (
    "What multiplies the error on its way back, in {who}: the product of the keep gate (the LSTM's f, the GRU's z) "
    "from t+1 to the last step, and for the plain RNN the product of the norms of its step Jacobians."
)
OPEN_FOR = "Open this sequence in another page, for"
OPEN_MODEL = "{title} ({kind})"
OPEN_KINDS = {"trained": "trained presets", "random": "a fresh random initialisation"}
STEP_THROUGH = "Step through it"
HEAT_MAPS = "Its heat maps"

CLAMP = "3. Clamp a gate"
CLAMP_MODEL = "Trained model"
GATE = "Gate"
GATE_OPTION = "{symbol}: {title}"
FORCED_TO = "Forced to"
CLAMP_VALUES = {"off": "not clamped", "0": "0", "1": "1", "mean": "its mean"}
UNITS = "Units"
UNIT_OPTIONS = {"all": "all units", "one": "unit {unit}"}
METRIC_FREE = "{metric} as trained"
METRIC_CLAMPED = "{metric} clamped"
METRIC_BLIND = "a blind guess"
CLAMP_SAMPLE = (
    "On sample {seed} at the {T} steps the preset was trained on, the model answers {free} as trained and "
    "{clamped} clamped (the right answer: {right}). Unit {unit} is drawn{why}"
)
SHOWN_UNIT = {  # why the clamp figure draws that unit
    "largest": ": the one with the largest memory at the end.",
    "clamped": ", the unit clamped.",
    "moved": ": the one whose memory the clamp moves most.",
}
LESSONS = (
    "Lessons to try on remember the first symbol: force the LSTM's forget gate to 0 (the memory is wiped at every "
    "step), its input gate to 1 (every symbol is written), its output gate to 1 (the memory is always shown). Say "
    "first what each will do to the accuracy, then look."
)

MISREAD = "4. Two tutorials' equations, trained"
MISREAD_INTRO = (
    "Two of the documents this app is built from state the LSTM wrongly. One says an LSTM unit has only two gates, "
    "an input and a forget gate: that is the LSTM without its output gate (NOG). Another gives the cell update "
    "below and calls the core of an LSTM a GRU. Both were trained here like every other cell."
)
MISREAD_LSTM = "The LSTM"
MISREAD_CELL = "The tutorial's cell update"
TWO_GATES_LINE = "**Two gates only**: the LSTM without its output gate (NOG), whose h shows all of its memory:"
MISREAD_NOTE = (
    "As the tutorial writes it, c_t = σ(W_cx x_t + W_cc c_(t-1) + W_ch h_(t-1) + b_c): C is recomputed through a "
    "sigmoid at every step and stays between 0 and 1, and an input or forget gate would have nothing to multiply "
    "(lstm_viz/core/cells/misread.py; the tutorial's W_cx, W_ch are W_xc, W_hc above)."
)
MISREAD_CHART = "{task}: the LSTM and the tutorial's cell, trained the same way."

# --- the figures (lstm_viz/viz/why.py). Plotly's own fields (%{x}, %{y}, ...) are written %{{x}} here. ---
FIGURES = {
    "blind": "blind guess",
    "blind_hover": "length %{{x}}: a blind guess scores %{{y:.3g}}<extra></extra>",
    "point_hover": "{cell}, length %{{x}}: median {metric} %{{y:.3g}} (seeds from %{{customdata[0]:.3g}} to "
    "%{{customdata[1]:.3g}}; %{{customdata[2]}} of %{{customdata[3]}} reached the target)<extra></extra>",
    "live": "{cell}, trained now",
    "live_hover": "{cell} trained now, length %{{x}}: {metric} %{{y:.3g}}<extra></extra>",
    "length_axis": "sequence length (steps)",
    "accuracy_axis": "held-out accuracy (higher is better)",
    "metric_axis": "held-out {metric} (lower is better)",
    "model": "{cell} ({kind})",
    "kinds": {"trained": "trained", "random": "random init"},
    "dh": "‖dL/dh‖ {model}",
    "dc": "‖dL/dC‖ {model}",
    "dh_hover": "{model}, t = %{{x}}: ‖dL/dh_t‖",
    "dc_hover": "{model}, t = %{{x}}: ‖dL/dC_t‖",
    "gradient_axis": "size of the gradient (log scale)",
    "loss_axis": "t (the loss is at the last step)",
    "keep_mean": "{cell}: ∏ {gate}, mean over units",
    "keep_mean_hover": "{cell}, t = %{{x}}: mean ∏ {gate}",
    "keep_unit": "{cell}: ∏ {gate}, unit {unit}",
    "keep_unit_hover": "{cell} unit {unit}, t = %{{x}}: ∏ {gate}",
    "jacobian": "{cell}: ∏ ‖∂h_s/∂h_(s-1)‖",
    "jacobian_hover": "{cell}, t = %{{x}}: ∏ ‖J‖",
    "product_axis": "product from t+1 to the last step",
    "t_axis": "t",
    "panel": "{symbol}: {title}, unit {unit}",
    "free": "as trained",
    "clamped": "clamped",
    "clamp_hover": "{label}, t = %{{x}}: {symbol} = %{{y:.3f}}<extra></extra>",
}

# --- the sentences built from the numbers (lstm_viz/explain/why_words.py) ---

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
    "breaks": "With {what} forced to {value}, the {metric} over {n} fresh samples of {T} steps goes from {free} "
    "to {clamped}, about the level of a blind guess ({blind}).",
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

SEEDS_SPAN = "{low} to {high}"  # the lowest and highest seed of a point

WHY_MISREAD = {  # "loses": every LSTM seed beats every seed of the other cell at some length
    "loses": "The tutorial's cell loses where the LSTM holds: at length {length} on {task}, every LSTM seed "
    "({lstm}) beats every run of the misread cell ({other}; a blind guess: {blind}). The runs refute the claim "
    "that c_t = σ(W_cx x_t + W_cc c_(t-1) + W_ch h_(t-1) + b_c) is how an LSTM keeps long-term information: that "
    "cell recomputes C through a sigmoid at every step, as a plain RNN recomputes h.",
    "same": "On {task} these runs do not tell the misread cell from the LSTM: at no length does every LSTM "
    "seed beat every seed of the misread cell by a clear margin, a tenth of the way from a blind guess to a perfect "
    "answer (at length {length}: {other} against {lstm}).",
}

WHY_TWO_GATES = {
    "loses": "The two-gate cell (input and forget gates only: the LSTM without its output gate, NOG) loses to the "
    "full LSTM on {task}: at length {length} every LSTM seed ({lstm}) beats every two-gate seed ({other}). It is a "
    "different cell, and a worse one here: the output gate is the LSTM's third gate.",
    "same": "These runs do not tell the two-gate cell (input and forget gates only: the LSTM without its "
    "output gate, NOG) from the full LSTM on {task}: at no length does every LSTM seed beat every two-gate seed "
    "by a clear margin, a tenth of the way from a blind guess to a perfect answer (at length {length}: {other} "
    "against {lstm}). Either way the tutorial's two-gate cell is not the LSTM: it is the "
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
