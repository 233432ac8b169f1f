"""简体中文: lstm_viz/words/en/lengths.py 的译文 (the same names and parameters)."""

LONGER = {
    "seq2seq": "这个模型训练时见过的序列最长 {n} 个时间步，这个序列有 {T} 个：第 {n} 步之后，它的回答超出了它学过的"
    "范围",
    "seq2one": "这个模型训练时见过的序列最长 {n} 个时间步，这个序列有 {T} 个：它在最后一步的回答超出了它学过的范围",
}
MEASURED = {
    "accuracy": "（在新样本上实测：{T} 步的序列上回答正确的占 {at_T:.0%}，{n} 步的序列上占 {at_n:.0%}）。",
    "mse": "（在新样本上实测：{T} 步的序列上均方误差为 {at_T:.3g}，{n} 步的序列上为 {at_n:.3g}）。",
}
END = "。"
