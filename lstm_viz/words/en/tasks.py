"""English. The toy tasks: titles, descriptions, notes, and what is wrong with a typed sequence."""
