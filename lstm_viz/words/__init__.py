"""Every sentence a user reads, one catalogue per language (`en`): templates take their numbers as parameters.

from lstm_viz.words.en import INTRO, SENTENCES
"""
