"""English. The textbook model built by hand, and its lesson."""
