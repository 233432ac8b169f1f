"""English. The home page: what an LSTM is, and the guided tour."""

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
