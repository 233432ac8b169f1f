"""English. The toy tasks: titles, descriptions, notes, and what is wrong with a typed sequence."""

# Each task's words, by task name. "classes": the names of a classification task's answers (empty for a regression
# task); "teaching_note": every number is checked against the preset by tests/test_teaching_claims.py.
TASKS = {
    "remember_first": {
        "title": "Remember the first symbol",
        "description": (
            "A sequence of letters A to D. At the end, report the first one: everything after it is a distraction."
        ),
        "teaching_note": (
            "In the pre-trained preset, gradient descent found an integrator, not a latch. After a first A, unit 1's "
            "input gate opens (about 0.2 at t = 0, about 0.9 after) and its C moves by about -0.8 at every step, to "
            "about -12 after 15 steps; after any other first letter its input gate stays near 0 and its C near 0. "
            "Its forget gate is high either way (1.00 after a first A, about 0.9 otherwise): it is the input gate "
            "that the first symbol sets. Its output gate is open (about 0.9), so h shows C growing at every step. "
            "Units 7, 12 and 5 do the same for B, C and D, moving by 0.4 to 0.5 a step."
        ),
        "input_hint": "letters A, B, C, D, for example ABDCCAB",
        "classes": ("A", "B", "C", "D"),
    },
    "counting": {
        "title": "Count the a's",
        "description": "A string of a's and b's. At every step, say how many a's have been seen so far.",
        "teaching_note": (
            "In the pre-trained preset, unit 4 is the counter: its C rises by about 0.11 at every a and moves by only "
            "about 0.01 at a b, so a straight line through it alone gives the count at 97% of steps. Its input gate "
            "is only a little open, more on a than on b (0.18 on a, 0.08 on b), and what it writes is larger on a "
            "too (C̃ about 0.69 on a, 0.45 on b). Other units count too, less exactly; ordering the units by "
            "correlation with the count brings unit 4 to the top on most samples."
        ),
        "input_hint": "letters a and b, for example aabab",
        "classes": (),
    },
    "brackets": {
        "title": "Bracket depth",
        "description": "A string of ( and ). At every step, say how deeply nested the brackets are (at most 4).",
        "teaching_note": (
            "In the pre-trained preset, unit 9's C tracks the depth: it rises by about 0.47 at every ( and falls by "
            "about 0.53 at every ), so a straight line through it alone gives the depth at 97% of steps. Its input "
            "gate is wide open on both brackets (about 0.95): it is the candidate C̃ that changes sign (+0.50 on (, "
            "-0.50 on ))."
        ),
        "input_hint": "brackets ( and ), never deeper than 4 and never below 0, for example (()(()))",
        "classes": ("depth 0", "depth 1", "depth 2", "depth 3", "depth 4"),
    },
    "adding": {
        "title": "The adding problem",
        "description": (
            "Hochreiter & Schmidhuber (1997): a sequence of random values in [0, 1], exactly two of them marked. "
            "At the end, output the sum of the two marked values."
        ),
        "teaching_note": (
            "In the pre-trained preset, unit 10 does what the textbook says: its input gate is about 0.76 at the two "
            "marked steps (the marker is the second input) and about 0.05 at the others, its forget gate about 0.97 "
            "at the unmarked steps, so its C moves about ten times more at a marked step than at an unmarked one, "
            "and its final C follows the answer (r = 0.99)."
        ),
        "input_hint": (
            "20 values in [0, 1], two of them marked with *, one in each half as in training, for example "
            "0.3 0.8* 0.1 0.5 0.9 0.2 0.4 0.7 0.1 0.6 0.5* 0.9 0.3 0.2 0.8 0.4 0.1 0.7 0.5 0.6"
        ),
        "classes": (),
    },
    "sine": {
        "title": "Sine wave: predict the next value",
        "description": (
            "A noisy sine wave with a random phase and frequency. At every step, predict the next value. "
            "The model has to work out the frequency from what it has seen."
        ),
        "teaching_note": (
            "In the pre-trained preset, some units' h follows the input: unit 15's (r = +0.91 with the current "
            "value) and unit 2's in antiphase (r = -0.96). Others follow where the wave is going instead, a quarter "
            "period ahead: unit 14's h does not follow the value (r = 0.00) but the change to the next one "
            "(r = +0.63), and so does unit 13's (r = -0.75). Together they are a sine and a cosine."
        ),
        "input_hint": "numbers, for example 0 0.5 0.87 1 0.87 0.5 0",
        "classes": (),
    },
    "negation_sentiment": {
        "title": "Negation in short sentences (English and Chinese)",
        "description": (
            "Short sentences such as 'I like apples' / 'I don't like apples' and 我 喜欢 吃 苹果 / 我 不 喜欢 吃 苹果. "
            "Say whether the sentence is positive or negative: a negation word flips the verb's meaning."
        ),
        "teaching_note": (
            "The negation word comes before the verb, so the network has to remember it. In the pre-trained preset "
            "no unit's input gate is kept for negation words (on them it is less than 0.2 more open than on other "
            "words). What a negation word (don't, not, never, 不, ...) does is write: unit 15's C drops by about 0.6 "
            "at it, unit 2's rises by about 0.6. That changes what the verb writes next: at a positive verb, unit "
            "3's C goes down by about 0.3 in a plain sentence but up by about 0.6 after a negation."
        ),
        "input_hint": "a short sentence from the vocabulary, for example: she doesn't like coffee, or 我不喜欢吃苹果",
        "classes": ("negative", "positive"),
    },
    "airline": {
        "title": "Airline passengers (real data)",
        "description": (
            "Monthly international airline passengers, 1949-1960 (Box & Jenkins). Log-scaled and standardised; "
            "at every month, predict the next one. Windows are cut from the first ten years; the last two are held "
            "out."
        ),
        "teaching_note": (
            "In the pre-trained preset, unit 14 is the slow one: its C moves least (about 0.07 a month) and follows "
            "the trend (r = +0.98 with the 13-month average). Units 13 and 15 follow the season instead: their h "
            "tracks the series minus its trend (r = -0.77 and -0.76) while hardly following the raw value (|r| "
            "under 0.1), so they peak at the same months every year."
        ),
        "input_hint": (
            "standardised values, for example -1.2 -1.1 -0.9 -0.95, or monthly passengers in thousands, for example "
            "112 118 132 129 (log-scaled and standardised as the training data is)"
        ),
        "classes": (),
    },
}

# A classification answer and how sure the model is of it (p: a fraction, shown as a percentage).
SURE = "{answer} ({p:.0%} sure)"
# The tasks' metrics by name (Task.metric).
METRICS = {"accuracy": "accuracy", "mse": "MSE"}

# What is wrong with a typed sequence (and a task's name), by code: lstm_viz.core.refusal.Refusal("tasks.…").
ERRORS = {
    "tasks.unknown_task": "task: no task named {name!r}; the tasks are {tasks}",
    "tasks.not_text": "the sequence must be text",
    "tasks.empty": "the sequence is empty",
    "tasks.empty_sentence": "the sentence is empty",
    "tasks.too_many_characters": "too long: {chars} characters (the limit is {limit} steps)",
    "tasks.too_many_steps": "too long: {n} steps (the limit is {limit})",
    "tasks.too_many_words": "too long: more than {limit} steps (the limit is {limit})",
    "tasks.too_short": "too short: at least {n} symbols are needed",
    "tasks.unknown_symbols": "unknown symbols {shown}: use only {symbols}",
    "tasks.unknown_words": "unknown words {shown}: the vocabulary is {vocabulary}",
    "tasks.not_a_number": "step {step}: {part!r} is not a number",
    "tasks.not_finite": "step {step}: {part!r} is not a finite number",
    "tasks.outside_unit": "step {step}: {value} is outside [0, 1]",
    "tasks.marks": "mark exactly two values with * (found {found})",
    "tasks.mixed_values": "step {step}: mixes passenger counts (above {above}) with standardised values",
    "tasks.never_opened": "a ')' at step {step} closes a bracket that was never opened",
    "tasks.too_deep": "nested deeper than {depth} at step {step}",
    "tasks.no_label": "negation_sentiment: a sentence that no template makes has no known label",
}
