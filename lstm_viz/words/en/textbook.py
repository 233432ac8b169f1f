"""English. The textbook model built by hand, and its lesson (lstm_viz.explain.textbook fills in the numbers)."""

# The model's name among the sidebar's model choices (beside the pre-trained preset and the random initialisation).
MODEL_LABEL = "built by hand"
# Under the sidebar's model choice, when it is chosen.
SIDEBAR_NOTE = "Weights set by hand, not trained: the Step through page shows the design and what training found."

TITLE = "Built by hand: designed against found"
INTRO = (
    "This model was not trained: its weights are set by hand by a formula (`lstm_viz/core/textbook.py`), so that "
    "each gate does one job exactly. Below: the design with this model's own numbers, then what gradient descent "
    "found in the pre-trained preset on the same task. Every number is computed from the two models."
)
EQUATIONS = "The design, with its weights (every weight not shown is 0):"

# What was designed, by task. {big}: the pre-activation that opens or shuts a gate; the rest are read off the
# model's trace on fresh samples of {T} steps.
DESIGNED = {
    "remember_first": "**Designed.** Units 0 to {last} hold the symbols {first} to {final}, one each; unit "
    "{clock} is a clock. The clock's h is 0 before the first step (the initial state) and {clock_h:.4f} from "
    "t = 0 on, so each symbol unit's input gate, i = σ({big:g} − {weight:g} × the clock's h), is {i0:.9f} at "
    "t = 0 and at most {i_after:.1e} after. Its forget gate is σ({big:g}) = {f:.9f}: after {T} steps C still "
    "holds {kept:.7f} of what was written. At t = 0 the unit of the first symbol writes C̃ = {write:.4f} and the "
    "others write 0; the read-out is {vote:g} × the h of each symbol unit, so the first symbol's logit is "
    "{logit:.2f} and the others' at most {other:.1e}. A latch: written once, then held.",
    "counting": "**Designed.** One unit. Its input gate is σ(+{big:g}) = {i_a:.9f} at an a and σ(−{big:g}) = "
    "{i_b:.1e} at a b; its C̃ is always {cand:.4f} and its forget gate is σ({big:g}) = {f:.9f}. So C goes up by "
    "{move_a:.6f} at each a and stays at each b (it moves by less than {move_b:.0e}): C is {cand:.4f} × the count. "
    "The read-out is y = {w_out:g} × h. The step is tiny on purpose: tanh is a straight line only near 0. After "
    "{T} a's C is {c_end:.4f}, where tanh(C) = {tanh_end:.6f}, and the read-out says {y_end:.2f}, which rounds to "
    "{count}.",
}

# What gradient descent found in the preset (lstm_viz.explain.behaviour's finding on it), by the finding's code.
# {H}: the preset's units; {trained}: its training sequences' lengths (TRAINED).
TRAINED = {
    "one": "{longest}-step sequences",
    "curriculum": "sequences of {shortest} to {longest} steps",
}
FOUND_MEMORY = {
    "integrator": "**Found by gradient descent** (the preset: {H} units, trained on {trained}). "
    "Unit {unit} carries the answer {answer} most clearly, but as an integrator, not a latch: when the answer is "
    "{answer}, its input gate is {write0:.2f} at t = 0 and {write_same:.2f} after ({write_other:.2f} otherwise), "
    "its forget gate {keep_same:.2f}, and its C moves by about {step:+.2f} at every step, to {end:+.1f} at the end.",
    "latch": "**Found by gradient descent** (the preset: {H} units, trained on {trained}). Unit "
    "{unit} latches the answer {answer}, as the design does: when the answer is {answer}, its input gate is "
    "{write0:.2f} at t = 0 and {write_same:.2f} after ({write_other:.2f} otherwise), its forget gate "
    "{keep_same:.2f}, and its C is {start:+.2f} after t = 0 and {end:+.2f} at the end.",
    "none": "**Found by gradient descent** (the preset: {H} units, trained on {trained}). No single "
    "unit's C tells the answers apart; the closest, unit {unit}, ends near {end:+.1f} when the answer is {answer} "
    "and near {end_other:+.1f} otherwise.",
}
# After FOUND_MEMORY: how many units carry the answer.
SPREAD = (
    " The answer is spread over {carriers} of its {H} units (their final C tells the answers apart); the design "
    "uses {designed_carriers}, one per symbol."
)
FOUND_SIGNAL = {
    "follows": "**Found by gradient descent** (the preset: {H} units, trained on {trained}). Unit "
    "{unit} counts best: its C moves by {move_a:+.2f} at each a and {move_b:+.2f} at each b, and a straight line "
    "through it alone gives the count at {right:.0%} of the steps.",
    "none": "**Found by gradient descent** (the preset: {H} units, trained on {trained}). No unit's "
    "C alone gives the count at {follows:.0%} of the steps; the closest, unit {unit}, moves by {move_a:+.2f} at "
    "each a and {move_b:+.2f} at each b, and is right at {right:.0%}.",
}
# After FOUND_SIGNAL, by what the letter changes in that unit.
FOUND_HOW = {
    "write": " Its input gate is what the letter sets ({write_a:.2f} on a, {write_b:.2f} on b), as in the design.",
    "candidate": " Its input gate is about as open on both letters ({write_a:.2f} on a, {write_b:.2f} on b): the "
    "letter changes what is written (C̃ = {cand_a:+.2f} on a, {cand_b:+.2f} on b), not whether. In the design it "
    "is the other way round.",
    "both": " Its input gate opens more on an a than on a b ({write_a:.2f} against {write_b:.2f}), and the letter also "
    "changes what is written (C̃ = {cand_a:+.2f} on a, {cand_b:+.2f} on b): both decide how much goes in. The design "
    "leaves C̃ the same and lets the input gate alone decide.",
}
# After FOUND_HOW.
COUNTERS = " {carriers} of its {H} units follow the count at {follows:.0%} of the steps or more; the design uses one."

# The accuracy table and the sentence under it.
TABLE_TITLE = "Right answers on {n} fresh samples of each length ({what})"
WHAT = {
    "remember_first": "the first symbol, said at the last step",
    "counting": "the count, rounded, at every step",
}
TABLE = {"length": "steps", "designed": "built by hand", "found": "pre-trained preset"}
CONTRAST = (
    "At {T} steps, far past the longest sequences the preset was trained on ({longest} steps), the hand-built model "
    "is right {designed:.1%} of the time and the preset {found:.1%}. Gradient descent was never told to build a "
    "latch or a counter: it found whatever lowered the loss on the sequences it was shown."
)

ERRORS = {
    "textbook.no_model": "no model built by hand for task {task}: only for {tasks}",
}
