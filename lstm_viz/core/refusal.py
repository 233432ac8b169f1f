"""A refusal a user may read: a `ValueError` that carries a code and its parameters.

Its message is the English catalogue's words for the code (an `ERRORS` dict of a module of lstm_viz/words/en),
so a library caller sees a ValueError naming the problem; the app shows `err.say(lang)`, in the reader's language.
Logic that needs to tell refusals apart reads `err.code`, never the message.
"""

from __future__ import annotations

from lstm_viz import words


class Refusal(ValueError):
    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.say("en"))

    def __reduce__(self):  # pickled and copied by its code and parameters, not its message
        return (_rebuild, (type(self), self.code, self.params))

    def say(self, lang: str) -> str:
        """The refusal in `lang`, its parameters filled in, each as `said` in `lang` too."""
        params = {k: said(v, lang) for k, v in self.params.items()}
        return words.error_words(lang)[self.code].format(**params)


def said(value, lang: str):
    """A refusal's parameter as the reader reads it: what says itself (another refusal, the reason of this one; a
    phrase of the model readers, lstm_viz.io.file_limits.Phrase) in `lang`, another error its own message, anything
    else as it is."""
    if callable(getattr(value, "say", None)):
        return value.say(lang)
    return str(value) if isinstance(value, BaseException) else value


def _rebuild(cls, code: str, params: dict) -> Refusal:
    return cls(code, **params)


def say(err: Exception, lang: str) -> str:
    """What a user reads for an error: a Refusal in `lang`; any other error's own message (English)."""
    return err.say(lang) if isinstance(err, Refusal) else str(err)
