"""English. The home page: what an LSTM is, and the guided tour."""

TITLE = "Inside an LSTM, one gate at a time"

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

# Under the cell diagram: the guide's unit of the pre-trained model ({task}: the task's title, in lower case where
# the language has cases) at step t; {scale}: the gates' colour scale (a name).
CELL_CAPTION = (
    "The cell as a conveyor belt: the memory C runs along the top, the four gates sit below it. This is unit {unit} "
    "of the pre-trained {task} model at t = {t}; colours and numbers are its real values (hover for more). Gates "
    "run from 0 (shut) to 1 (open) on the {scale} scale; C̃, C and h are blue below 0 and red above."
)

# The equations as the cell declares them, each with its quantity's title and role.
EQUATIONS = "The {n} equations"
EQUATION_CAPTION = "{title}: {role}"
NOTATION = "σ is the logistic sigmoid, ⊙ multiplies element by element. Gate order everywhere: {order} (as in PyTorch)."

# The guided first minute: {task} the task's title, {tokens} a sample's tokens, {seed} its number, {first} its first
# symbol, {this_unit} and {other_symbol} TOUR_STEP's and TOUR_OTHER's sentences, {unit} the guide's unit.
FIRST_MINUTE = "Your first minute"
GUIDE = """
1. **Pick a task.** *{task}*: the network reads a string of symbols such as
   `{tokens}` and must say, at the very end, which symbol came first.
2. **Step through it.** Open the step-through page on sample {seed}, which starts with
   {first}, and press **Next**. {this_unit}
3. **Now another first symbol.** Change the sample number in the sidebar until the sequence starts with
   another letter: {other_symbol} The heat-map page shows it at a glance, in the i and C rows of unit {unit}.
4. **Why gates?** The Why gates page trains a plain RNN, a GRU and this LSTM on the same task as the sequences
   grow, follows the gradient back through time, and lets you force a gate of the trained model open or shut.
"""
BUTTONS = {"step": "Step through it", "maps": "See the heat maps", "why": "Why gates?"}

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
