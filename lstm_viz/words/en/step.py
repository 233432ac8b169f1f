"""English. The step-through page."""

TITLE = "Step through"
# Under the title: the task's and the cell's titles, the model's kind, {where} (WHERE, for a stack, or ""), the
# sequence's length T and the number of units H; {family}: the cell's module.
CAPTION = (
    "{task} · {cell} · model: {model} · {where}{T} steps, {H} units. Every number below is computed by the NumPy "
    "{cell} cell (lstm_viz/core/cells/{family}.py) from this model's weights."
)
WHERE = "layer {layer} of {layers} · "
PLAY = "Play"
PLAY_HELP = "Step through the sequence on its own."
PLAY_SPEED = "Play speed"
SPEEDS = {"slow": "slow", "normal": "normal", "fast": "fast"}
TIME_STEP = "Time step t"
UNIT = "Unit"
UNIT_OPTION = "unit {unit}"
# The two forms of the equations (a choice; the label is hidden).
FORM = "Form of the equations"
FORMS = {"separated": "Separated:  Wₓ·xₜ + Wₕ·hₜ₋₁ + b", "concatenated": "Concatenated:  W·[hₜ₋₁, xₜ] + b"}
IN_WORDS = "Unit {unit} at t = {t}, in words"
OVER_SEQUENCE = "Unit {unit} over the whole sequence"
TIMELINE_HIDDEN = (
    "Hidden while you predict: it would show the steps to come. Check your prediction, or turn the exercise off, "
    "to see it."
)
ALL_UNITS = "All {H} units at t = {t}"
# The table of every product in a gate's dot products, and the sum under it.
PRODUCTS = "Every product in the dot products of unit {unit} at t = {t}"
PRODUCTS_HELP = "The table of every weight times its input, for one gate (drawn only when shown)."
GATE = "Gate"
SUM = "Their sum is {sum:.6f}; with the bias {bias:.6f}{reset}{peep} it gives the pre-activation {pre:.6f}."
SUM_RESET = ", r = {r:.6f} on the h part and b_hn = {b_hn:.6f}"
SUM_PEEP = " and the peephole {peep:.6f}"
# What each input of the first layer is: a symbol or a word ({token}, quoted), a value, a marker; a
# deeper layer reads the layer below's h.
INPUT_IS = "is {token!r}"
INPUTS = {"value": "value", "marker": "marker"}
LOWER_H = "h[{j}] of layer {layer}"
# A link's t or unit that was moved into range: FROM_LINK holds LINK_PAST's sentences joined by LINK_JOIN.
FROM_LINK = "From the link: {said}."
LINK_JOIN = "; "

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
    "where": "t = {t} of 0 to {last} · unit {unit}",
    "t": "t = {t}",
    "tokens": "input tokens",
    "values": "the chosen unit at step t",
}

# The cell diagram (lstm_viz/viz/diagram.py): its labels and what hovering a wire or a box says. {name}: a
# quantity at t or t-1 with its unit ("c_t[3]"); {title}: the quantity's title.
DIAGRAM = {
    "memory_in": "{name} (memory in)",
    "memory_kept": "{name} (memory kept)",
    "memory_out": "{name} (memory out)",
    "wire": "{name} ({title})",
    "missing_wire": "{name} ≡ 1: this variant has no {title}",
    "written": "{name} (written to memory)",
    "to_next": "{name} (to the next step)",
    "to_readout": "{name} (to the read-out)",
    "peephole": "peephole into {gate}: {term}",
    "peepholes": "peepholes",
    "box": "{title}: {name}",
    "coupled": "{name} = {link}: {title} coupled to the {source}",
    "missing_box": "no {title}: {name} ≡ 1",
    "no_activation": "no activation",
    "bus": "h<sub>t-1</sub> (all units)",
    "bus_unit": "h<sub>t-1</sub> (all units; unit {unit}: {value:.2f})",
    "readout": "to the read-out",
    "state_in": "{name} (state in)",
    "kept": "{name} (kept)",
    "state_out": "{name} (state out: to the next step)",
    "recurrent_part": "the recurrent part {term}",
    "input_part": "the input part {term}",
    "renewed": "{name} (what is renewed)",
    "new": "{name} (new)",
    "on_bus": "{name} (one of the units on the bus)",
    "no_belt": "no gates, no belt:<br>h is rewritten at every step",
    "pre": "<br>pre-activation {pre} = {parts}",
    "peep_part": "(peephole w<sub>c</sub> ⊙ c)",
}
