"""简体中文: lstm_viz/words/en/model.py 的译文 (the same names and parameters)."""
