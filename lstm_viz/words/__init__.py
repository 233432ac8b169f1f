"""Every sentence a user reads that is not built from numbers, one catalogue per language (`en`).

from lstm_viz.words.en import INTRO, EQUATIONS_LATEX
"""
