"""English. The step-through page."""

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
