"""English. The Your model page: opening a Keras or PyTorch model, its input and its gates."""
