"""English. The cells' words: in English they are each cell's declaration (lstm_viz/core/cells)."""
