"""Files in and out: weights files (safetensors, never a pickle) and the pre-trained presets.

    from lstm_viz.io import presets, weights
    model, config = presets.load("counting")          # NumPy and safetensors, no torch
    data = weights.to_bytes(model, config)

(`lstm_viz.io` is this package; the standard library's `io` is unaffected: imports are absolute.)
"""
