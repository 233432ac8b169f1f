"""English. The step-through page's exercise: predict, then reveal (lstm_viz/ui/exercise.py draws it,
lstm_viz/explain/exercise.py computes the truth and fills in the why)."""

# The link's parameters, written as in the URL in every language (zh keeps these English words; the catalogues'
# parity test reads every uppercase name, so English has the same tuple).
KEEP_ENGLISH = ("exercise", "exq", "answers")

# --- the exercise's widgets ---
TOGGLE = "Exercise: predict, then reveal"
TOGGLE_HELP = "Before each Next, predict whether each quantity of the chosen unit will rise, fall or stay."
ASK = "Predict"
ASK_HELP = "The cell's gates and its memory (the cell state C of an LSTM, the hidden state h of a GRU or an RNN)."
ASK_OPTION = "{symbol} ({title})"
NONE_ASKED = "Pick at least one quantity to predict."
NOT_IN_CELL = "The {cell} has no {names}: not asked here."
PLAYING = "The exercise waits while Play is on."

# The question at step t: what happens when the cell reads the next token.
QUESTION = "Unit {unit}, step {t} → {next}: the cell reads {token} next. Will each of these rise, fall or stay?"
THRESHOLD_NOTE = (
    "A change smaller than {threshold} either way counts as “stay”. Every number is the NumPy trace's, the same "
    "as in the equations below."
)
# Said after THRESHOLD_NOTE when the memory's threshold is scaled down (its values on this sequence are small).
THRESHOLD_MEMORY = (
    " For {symbol}, whose values on this sequence stay within ±{scale}, the threshold is as much smaller: {threshold}."
)
PREDICT = "{symbol} ({title}) at t = {next}"
MOVES = {"rise": "rise", "fall": "fall", "stay": "stay"}  # the choices
MOVED = {"rise": "it rose", "fall": "it fell", "stay": "it stayed"}  # the truth
CHECK = "Check"
CHECK_HELP = "Reveal what the cell did."
PREDICT_ALL = "Predict every quantity, then press Check."
NEXT = "Next step"
NEXT_HELP = "Go on to step {next} and predict again."
AGAIN = "Start again"
AGAIN_HELP = "Clear the score and go back to step {t}."
LAST_STEP = "Step {t} is the last one: there is no next step to predict. Start again, or pick an earlier step."

# The reveal, one per quantity: before → after with the change, and the prediction.
REVEAL = {
    "right": "{symbol}: {before} → {after} ({change}), {truth}. Right: you predicted {said}.",
    "wrong": "{symbol}: {before} → {after} ({change}), {truth}. You predicted {said}.",
}

# Why (lstm_viz/explain/exercise.py why_words). A weighted quantity: its pre-activation's terms at t and t+1.
TERMS = {"x": "the input part W_x·x", "h": "the recurrent part W_h·h", "peep": "the peephole w_c·C", "bias": "bias"}
TERM_CHANGE = "{term} {before} → {after}"
TERM_SEPARATOR = "; "
WHY_WEIGHTED = "Its pre-activation went from {pre_before} to {pre_after}: {terms}; the bias stays {bias}. {driver}"
DRIVER = {
    "x": "The new input xₜ₊₁ moved it most (W_x·x changed by {effect}).",
    "h": "The previous hidden state hₜ moved it most (W_h·h changed by {effect}).",
    "peep": "The cell state, through the peephole, moved it most (changed by {effect}).",
    "none": "No term changed much.",
}
# A carried state made of products: the part kept of its value at t, and the part written.
WHY_STATE = (
    "{symbol}ₜ₊₁ = {kept_formula} + {written_formula} = {sum} = {after}. Kept: "
    "{kept_numbers} = {kept} of the {before} there was (let go: {lost}); written: {written_numbers} "
    "= {written}. {driver}"
)
DRIVER_STATE = {
    "kept": "What was let go moved it most.",
    "written": "What was written moved it most.",
    "none": "Little was let go and little written.",
}
# Another derived quantity (the coupled gate f = 1 − i).
WHY_DERIVED = "{symbol} has no weights of its own here: {symbol}ₜ₊₁ = {formula} = {after}."

# --- the score ---
SCORE = "Score"
SCORE_VALUE = "{right} / {asked}"
SCORE_BY = "{symbol}: {right} / {asked}"
SCORE_NONE = "No step checked yet."

# --- the teacher's answers (answers=1 in the link) ---
ANSWERS_TITLE = "The answers (teacher's view)"
ANSWERS_NOTE = (
    "Unit {unit}, every step of this sequence: each quantity's value before → after, and its move (a change "
    "smaller than {threshold} either way: stay). Opened by answers=1 in the link: hand students the link without it."
)
ANSWER_COLUMNS = {"t": "t → t+1", "token": "token read", "values": "{symbol}: before → after", "move": "{symbol}: move"}

# --- refusals, and what a link's exercise part may get wrong ---
ERRORS = {
    "exercise.no_next_step": "t: step {t} has no next step to predict (the last step is {last})",
    "exercise.not_asked": "quantity: the {cell} exercise does not ask about {name}; it asks about {asked}",
    "exercise.link_flag": "{name} {value} is not 0 or 1",
    "exercise.link_quantity": "exq: {value} is not a quantity an exercise asks about ({names})",
}
