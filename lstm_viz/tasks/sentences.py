"""Negation in short sentences, English and Chinese: the task, its tokenizer and its sentence bank."""

from __future__ import annotations

import json
from functools import cache

import numpy as np

from lstm_viz.core.config import TrainConfig
from lstm_viz.tasks.base import DATA, PAD, Kind, Task, check_length, check_steps


class NegationSentiment(Task):
    name = "negation_sentiment"
    title = "Negation in short sentences (English and Chinese)"
    description = (
        "Short sentences such as 'I like apples' / 'I don't like apples' and 我 喜欢 吃 苹果 / 我 不 喜欢 吃 苹果. "
        "Say whether the sentence is positive or negative: a negation word flips the verb's meaning."
    )
    teaching_note = (
        "The negation word comes before the verb, so the network has to remember it: look for a unit whose input "
        "gate opens on don't / not / never / 不 and whose cell state then flips the sign of the verb's contribution."
    )
    kind = Kind("classification", seq2seq=False)
    output_size = 2
    class_names = ("negative", "positive")
    metric = "accuracy"
    target = 0.95
    min_len = 6  # the longest template sentence
    input_hint = "a short sentence from the vocabulary, for example: she doesn't like coffee, or 我不喜欢吃苹果"
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
        sentences, vocab = sentence_bank()
        picks = rng.integers(0, len(sentences), size=n)
        ids = np.zeros((n, seq_len), dtype=int)  # 0 is the padding token
        labels = np.zeros(n, dtype=int)
        for row, k in enumerate(picks):
            tokens, labels[row] = sentences[k]
            ids[row, seq_len - len(tokens) :] = [vocab.index(tok) for tok in tokens]  # left-padded
        return np.eye(len(vocab))[ids], labels

    def targets(self, x):
        raise ValueError("negation_sentiment: a typed sentence has no known label")

    def token_labels(self, x):
        return [self.vocab[k] for k in np.argmax(np.asarray(x), axis=-1)]

    def parse(self, text):
        tokens = tokenize(check_length(text), self.vocab)
        if not tokens:
            raise ValueError("the sentence is empty")
        check_steps(len(tokens))
        ids = [self.vocab.index(tok) for tok in tokens]
        return np.eye(len(self.vocab))[ids]


def tokenize(text: str, vocab: list[str]) -> list[str]:
    """English words split on spaces (case-insensitive); Chinese by longest match against the vocabulary."""
    known = set(vocab)
    lower = {w.lower(): w for w in vocab}
    tokens, unknown = [], []
    for word in text.replace("’", "'").split():
        if word.lower() in lower:
            tokens.append(lower[word.lower()])
            continue
        k = 0
        while k < len(word):  # longest match, for unsegmented Chinese
            match = next((word[k:j] for j in range(len(word), k, -1) if word[k:j] in known), None)
            if match is None:
                unknown.append(word)
                break
            tokens.append(match)
            k += len(match)
    if unknown:
        shown = ", ".join(repr(w[:20]) for w in unknown[:5])
        raise ValueError(f"unknown words {shown}: the vocabulary is {' '.join(vocab[1:])}")
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
