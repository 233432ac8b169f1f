"""简体中文: lstm_viz/words/en/lengths.py 的译文 (the same names and parameters)."""
