"""English. The sidebar, the language choice, the links' problems and the labels every page shares."""

LANGUAGE = "Language"
# The pages' titles in the navigation, by url path ("home" for the home page).
PAGES = {
    "home": "Home",
    "step": "Step through",
    "heatmaps": "Gate heat maps",
    "train": "Train live",
    "why": "Why gates",
    "model": "Your model",
}

# --- the sidebar ---
TASK = "Task"
CELL = "Cell"
CELL_HELP = "The recurrent cell: the LSTM, the GRU, a plain RNN, or one of the LSTM's variants of Greff et al. (2017)."
# On the pages that do not use the sidebar's task and cell (by url path).
OWN_PICKS = {
    "model": "This page picks its own model and input; the other pages' are kept.",
    "why": "This page picks its own tasks, cells and sequences; the other pages' are kept.",
}
SEQUENCE = "Sequence"
SOURCES = {"sample": "a sample", "own": "my own"}
SAMPLE_NUMBER = "Sample number (a seed: same number, same sequence)"
OWN_SEQUENCE = "Your sequence (at most {limit} steps)"
OWN_HELP = "Type {hint}."
CANNOT_USE = "This sequence cannot be used: {problem}."
STILL_GOOD = "Still showing your last good sequence: {text}"
STILL_SAMPLE = "Still showing sample {n}."
MODEL = "Model"
# The models a view may show (the one built by hand is textbook.MODEL_LABEL).
MODEL_LABELS = {
    "preset": "pre-trained preset",
    "random": "random initialisation",
    "session": "trained in this session",
}
NO_PRESET = "No pre-trained preset for this cell: train one on the Train live page."
PRESET_MISSED = (
    "This {cell} preset did not reach the task's target ({metric} {target}): trained the same way as the LSTM's, "
    "it could not keep what the task needs. That is the lesson, not a bug."
)
INIT_SEED = "Initialisation seed"
LAYERS = "Layers (a stack: layer l+1 reads layer l's h)"
LAYER_SHOWN = "Layer shown"
LAYER = "layer {n}"
LAYER_ROLE = "layer {n} ({role})"
LAYER_ROLES = {"first": "reads the input", "top": "feeds the read-out"}
PRESENTER = "Presenter mode"
PRESENTER_HELP = "Larger text and figures, for a projector."

# --- the link ---
FROM_LINK = "From the link: {problem}."
# What the link's values are, in its problems (a value that is not a whole number, or out of range), by parameter.
LINK_NAMES = {
    "seq": "sample",
    "mseed": "initialisation seed",
    "layers": "number of layers",
    "layer": "layer",
    "t": "t",
    "unit": "unit",
}
# What is wrong with a link, by code (state.read_link); the values are shown as the link has them.
ERRORS = {
    **{f"link.not_whole.{k}": name + " {value} is not a whole number" for k, name in LINK_NAMES.items()},
    **{f"link.outside.{k}": name + " {value} is outside {lo} to {hi}" for k, name in LINK_NAMES.items()},
    "link.unknown_task": "unknown task {value}",
    "link.session_model": "the link's model was trained in another browser session; showing the preset",
    "link.unknown_model": "unknown model {value}",
    "link.unknown_cell": "unknown cell {value}; showing the LSTM",
    "link.presenter": "presenter {value} is not 0 or 1",
    "link.lang": "lang {value} is not one of {languages}",
    "link.run": "run {value} is not a run's id",
    "link.not_one_of": "{param} {value} is not one of {choices}",
    "link.not_a_study_cell": "cells: {value} is not a cell of the study",
    "link.uploaded_model": "the link's model was a file uploaded in another browser session; showing an example",
    "link.unknown_example": "unknown example model {value}",
}

# --- the figures of the step-through and Your model pages (lstm_viz/viz/figures.py) ---
UNIT_AXIS = "unit"  # the bars' x axis
GATES_PANEL = "gates"  # the unit timeline's panel of the gates
# Plotly hover templates: %{x}, %{y} are Plotly's own fields, written %{{x}} here.
BARS_HOVER = "{gate}[%{{x}}] = %{{y:.3f}}"
TIMELINE_HOVER = "{gate}[{unit}] at t=%{{x}}: %{{y:.3f}}"
