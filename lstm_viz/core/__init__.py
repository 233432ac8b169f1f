"""The NumPy core: argument checks, the LSTM's parameters, the reference cell (forward and backward),
traces, the read-out of a trained model and the training config as plain data.

NumPy only: nothing here imports torch or streamlit (LSTMParams.from_torch/to_torch hand over to
`lstm_viz.torch_backend` inside the methods, on first use).
"""
