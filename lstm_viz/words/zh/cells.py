"""简体中文: each cell's words (its English ones are its declaration's, lstm_viz/core/cells): the cell's title and
one-line role, each quantity's (title, role), each parameter block's title. Terms as the Chinese tutorials use
them: 遗忘门, 输入门, 输出门, 候选细胞状态, 细胞状态, 隐藏状态."""

CELLS = {
    "lstm": "LSTM",
    "lstm_nig": "无输入门的 LSTM（NIG）",
    "lstm_nfg": "无遗忘门的 LSTM（NFG, 1997 年的原始版本）",
    "lstm_nog": "无输出门的 LSTM（NOG）",
    "lstm_cifg": "输入门与遗忘门耦合的 LSTM（CIFG, f = 1 − i）",
    "lstm_ph": "带窥视孔连接的 LSTM（PH）",
    "lstm_niaf": "候选值无激活函数的 LSTM（NIAF）",
    "lstm_noaf": "输出无激活函数的 LSTM（NOAF）",
    "gru": "GRU",
    "rnn": "普通 RNN",
    "lstm_misread": "误读的 LSTM（某教程的细胞状态更新）",
}
CELL_ROLES = {
    "lstm": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_nig": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_nfg": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_nog": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_cifg": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_ph": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_niaf": "一个由门控制写入、保留和输出的记忆 C",
    "lstm_noaf": "一个由门控制写入、保留和输出的记忆 C",
    "gru": "只有一个状态 h，由更新门把它与候选值混合",
    "rnn": "没有门：每一步都由 x_t 和 h_{t-1} 重写 h",
    "lstm_misread": "记忆 C 每一步都经过 sigmoid 重新计算，没有任何门来保留或写入它",
}

_INPUT = ("输入门", "把候选细胞状态写入记忆的比例")
_FORGET = ("遗忘门", "记忆被保留的比例 （1 全部保留，0 全部擦除）")
_CANDIDATE = ("候选细胞状态 C̃", "可能写入记忆的新内容")
_OUTPUT = ("输出门", "记忆作为 h 输出的比例")
_CELL = ("细胞状态 C", "记忆，一步一步地传下去")
_HIDDEN = ("隐藏状态 h", "细胞对外输出的内容：传给下一步和读出层")
_LSTM = {"i": _INPUT, "f": _FORGET, "g": _CANDIDATE, "o": _OUTPUT, "c": _CELL, "h": _HIDDEN}

QUANTITIES = {
    "lstm": _LSTM,
    "lstm_nig": {k: v for k, v in _LSTM.items() if k != "i"},
    "lstm_nfg": {k: v for k, v in _LSTM.items() if k != "f"},
    "lstm_nog": {k: v for k, v in _LSTM.items() if k != "o"},
    "lstm_cifg": {**_LSTM, "f": ("遗忘门", "记忆被保留的比例：这里总是 1 - i")},
    "lstm_ph": _LSTM,
    "lstm_niaf": _LSTM,
    "lstm_noaf": _LSTM,
    "gru": {
        "r": ("重置门", "候选值能看到多少过去的 h"),
        "z": ("更新门", "旧的 h 被保留的比例 （1 全部保留）"),
        "n": ("候选值 n", "细胞提出的新 h"),
        "h": ("隐藏状态 h", "既是记忆也是输出：旧 h 与候选值的混合"),
    },
    "rnn": {"h": ("隐藏状态 h", "全部的记忆，每一步都被重写")},
    "lstm_misread": {
        "c": ("细胞状态 C", "每一步都经过 sigmoid 重新计算：没有什么能保留它"),
        "o": _OUTPUT,
        "h": _HIDDEN,
    },
}

BLOCKS = {
    "W_x": "输入权重",
    "W_h": "循环权重",
    "b": "偏置",
    "b_hn": "候选值的循环偏置 b_hn",
    "w_c": "窥视孔权重 w_ci, w_cf, w_co",
    "W_cc": "细胞状态自身的循环权重 W_cc",
}
