"""English. The Train live page: the form, progress, stop reasons, runs."""
