"""English. What a model was trained on, by sequence length, and what is said when a sequence is longer."""

# Beside the answers (step-through, heat maps) when the sequence shown is longer than the longest the preset was
# trained on (lstm_viz.explain.lengths.longer_words): n is that length, T the sequence's. By the task's kind: one
# answer per step, or one at the last step.
LONGER = {
    "seq2seq": "This model was trained on sequences of up to {n} steps; this one has {T}: past step {n} its answers "
    "are outside what it learned",
    "seq2one": "This model was trained on sequences of up to {n} steps; this one has {T}: its answer at the last "
    "step is outside what it learned",
}
# Then what was measured on held-out samples (lstm_viz.explain.lengths.by_length), by the task's metric: at_T at T
# steps, at_n at n. A length the task cannot make is not measured: then the sentence just ends (END).
MEASURED = {
    "accuracy": " (measured on samples it was not trained on: {at_T:.0%} of the answers right on sequences of {T} "
    "steps, {at_n:.0%} on {n}).",
    "mse": " (measured on samples it was not trained on: a mean squared error of {at_T:.3g} on sequences of {T} "
    "steps, {at_n:.3g} on {n}).",
}
END = "."
