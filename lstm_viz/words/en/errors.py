"""English. Refusals a user may read, by code (lstm_viz.core.refusal.Refusal): a typed value, an upload, a link."""

ERRORS: dict[str, str] = {}
