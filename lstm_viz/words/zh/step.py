"""简体中文: lstm_viz/words/en/step.py 的译文 (the same names and parameters)."""
