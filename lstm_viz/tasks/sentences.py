"""Negation in short sentences, English and Chinese: the task, its tokenizer and its sentence bank."""

from __future__ import annotations

import json
from functools import cache

import numpy as np

from lstm_viz.core.config import TrainConfig
from lstm_viz.core.refusal import Refusal
from lstm_viz.tasks.base import DATA, MAX_CUSTOM_LEN, PAD, Kind, Task, check_length, check_steps


class NegationSentiment(Task):
    name = "negation_sentiment"
    kind = Kind("classification", seq2seq=False)
    output_size = 2
    metric = "accuracy"
    target = 0.95
    min_len = 6  # the longest template sentence has 5 words: every training sentence starts with padding
    example = "they do not hate rain"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=6, batch_size=64, steps=1000, lr=1e-2, forget_bias=1.0)

    @property
    def vocab(self) -> list[str]:
        return sentence_bank()[1]

    @property
    def input_size(self) -> int:
        return len(self.vocab)

    def _generate(self, n, seq_len, rng):
        sentences, _vocab = sentence_bank()
        picks = rng.integers(0, len(sentences), size=n)
        ids = np.zeros((n, seq_len), dtype=int)
        labels = np.zeros(n, dtype=int)
        for row, k in enumerate(picks):
            tokens, labels[row] = sentences[k]
            ids[row] = self.ids(tokens, seq_len)
        return np.eye(self.input_size)[ids], labels

    def ids(self, tokens: list[str], seq_len: int) -> list[int]:
        """Token ids left-padded with PAD (id 0) to seq_len steps: training data and typed sentences alike."""
        return [0] * max(0, seq_len - len(tokens)) + [self.vocab.index(tok) for tok in tokens]

    def words(self, x) -> tuple[str, ...]:
        """The sentence of x (T, D) without its left padding."""
        tokens = self.token_labels(x)
        k = next((k for k, tok in enumerate(tokens) if tok != PAD), len(tokens))
        return tuple(tokens[k:])

    def targets(self, x):
        """The label of each template sentence in x (n, T, D) or (T, D); a sentence no template makes has none."""
        x = np.asarray(x)
        labels = sentence_labels()
        out = []
        for row in x.reshape(-1, *x.shape[-2:]):
            words = self.words(row)
            if words not in labels:
                raise Refusal("tasks.no_label")
            out.append(labels[words])
        return np.array(out, dtype=int).reshape(x.shape[:-2])

    def token_labels(self, x):
        return [self.vocab[k] for k in np.argmax(np.asarray(x), axis=-1)]

    def parse(self, text, seq_len=None):
        """The sentence's tokens left-padded to seq_len (default: the training length, 6) as in make_batch;
        a longer sentence is not cut (Task.coverage says it is longer than training)."""
        tokens = tokenize(check_length(text), self.vocab)
        if not tokens:
            raise Refusal("tasks.empty_sentence")
        check_steps(len(tokens))
        n = int(seq_len) if seq_len is not None else self.default_config().seq_len
        return np.eye(self.input_size)[self.ids(tokens, n)]

    def _coverage(self, x, seq_len):
        return None if self.words(x) in sentence_labels() else "not_a_template_sentence"


PUNCTUATION = str.maketrans(dict.fromkeys('.,!?;:"“”。，！？；：、', " "))


def tokenize(text: str, vocab: list[str]) -> list[str]:
    """English words split on spaces (case-insensitive, "dont" read as "don't"); Chinese by longest match against
    the vocabulary. Sentence punctuation is dropped: the training sentences have none.

    Linear in the length of the text: a match is looked for among the lengths of the vocabulary's words only,
    and the work stops at the first unknown word or once the sentence has more steps than a sequence may have."""
    known = set(vocab)
    longest = max(map(len, vocab))
    lower = {w.lower().replace("'", ""): w for w in vocab} | {w.lower(): w for w in vocab}
    tokens, unknown = [], []
    for word in text.replace("’", "'").translate(PUNCTUATION).split():
        if len(tokens) > MAX_CUSTOM_LEN:
            break
        if word.lower() in lower:
            tokens.append(lower[word.lower()])
            continue
        k = 0
        while k < len(word) and len(tokens) <= MAX_CUSTOM_LEN:  # longest match, for unsegmented Chinese
            ends = range(min(len(word), k + longest), k, -1)
            match = next((word[k:j] for j in ends if word[k:j] in known), None)
            if match is None:
                unknown.append(word)
                break
            tokens.append(match)
            k += len(match)
        if len(unknown) >= 5:
            break
    if unknown:
        shown = ", ".join(repr(w[:20]) for w in unknown[:5])
        raise Refusal("tasks.unknown_words", shown=shown, vocabulary=" ".join(vocab[1:]))
    if len(tokens) > MAX_CUSTOM_LEN:
        raise Refusal("tasks.too_many_words", limit=MAX_CUSTOM_LEN)
    return tokens


@cache
def sentence_bank() -> tuple[list[tuple[list[str], int]], list[str]]:
    """Every template sentence as (tokens, label), and the vocabulary (the padding token first)."""
    spec = json.loads((DATA / "negation_templates.json").read_text(encoding="utf-8"))
    sentences = []
    en = spec["en"]
    for subj in en["subjects"]:
        third = subj in en["third_person"]
        for verbs, polarity in ((en["positive_verbs"], 1), (en["negative_verbs"], 0)):
            for base, s_form in verbs:
                for obj in en["objects"]:
                    sentences.append(([subj, s_form if third else base, *obj], polarity))
                    for neg in en["negations_3rd_person"] if third else en["negations"]:
                        verb = (s_form if third else base) if neg == ["never"] else base
                        sentences.append(([subj, *neg, verb, *obj], 1 - polarity))
    zh = spec["zh"]
    for subj in zh["subjects"]:
        for verbs, polarity in ((zh["positive_verbs"], 1), (zh["negative_verbs"], 0)):
            for verb in verbs:
                for obj in zh["objects"]:
                    sentences.append(([subj, *verb, *obj], polarity))
                    for neg in zh["negations"]:
                        sentences.append(([subj, *neg, *verb, *obj], 1 - polarity))
    vocab = [PAD, *sorted({tok for tokens, _ in sentences for tok in tokens})]
    return sentences, vocab


@cache
def sentence_labels() -> dict[tuple[str, ...], int]:
    """Every template sentence's tokens and its label (1 positive, 0 negative)."""
    return {tuple(tokens): label for tokens, label in sentence_bank()[0]}
