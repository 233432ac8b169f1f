"""简体中文: lstm_viz/words/en/errors.py 的译文 (the same codes and parameters)."""

ERRORS: dict[str, str] = {}
