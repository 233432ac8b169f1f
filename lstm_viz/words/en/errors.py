"""English. Refusals a user may read, by code (lstm_viz.core.refusal.Refusal), raised by the core: a cell or an
activation asked for by name (in a link, a weights file's config, a form)."""

ERRORS: dict[str, str] = {
    "core.unknown_cell": "cell: unknown cell {name!r}; expected one of {names}",
    "core.not_an_option": "{option}: not an option of cell {cell}; {its}",
    "core.options_are": "its options are {options}",
    "core.no_options": "it has none",
    "core.activation": "{argument}: {name!r} cannot be computed here; expected one of {allowed}",
}
