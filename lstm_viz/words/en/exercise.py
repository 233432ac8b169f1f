"""English. The step-through page's exercise: predict, then reveal."""
