"""简体中文: lstm_viz/words/en/train.py 的译文 (the same names and parameters)."""
