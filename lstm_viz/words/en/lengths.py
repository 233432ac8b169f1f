"""English. What a model was trained on, by sequence length, and what is said when a sequence is longer."""
