"""简体中文: lstm_viz/words/en/explain.py 的译文 (the same names and parameters)."""

# 每个量一句话，按它的种类 (标题和作用来自单元的声明，见 zh/cells.py)；门还要说明它对所在乘积的作用。
SENTENCES = {
    "gate": "单元 {unit} 的{title} {symbol} 为 {value}（开启 {pct}）：{role}。",
    "gate_use": "它让{other} 的 {share} 进入{target}：{before} 变为 {after}。",
    "gate_use_complement": (
        "它的补 1 − {symbol} = {complement} 让{other} 的 {share} 进入{target}：{before} 变为 {after}。"
    ),
    "gate_reset": "它把{target} 读取的那部分前一步 h 乘以 {value}。",
    "candidate": "读到“{token}”时，{title} 为单元 {unit} 提出 {value}：{role}。",
    "state_moves": "单元 {unit} 的{title} {direction}，从 {before} 变为 {value}：{role}。",
    "state_stays": "单元 {unit} 的{title} 保持在约 {value}：{role}。",
    "state_new": "单元 {unit} 的{title} 为 {value}：{role}。",
}

# 句子中乘积的因子怎样称呼：量的标题、前一步的量、经过激活函数的量。
FACTOR = "{title}"
FACTOR_PREV = "前一步的{title}"
FACTOR_FN = "{title} 的 {fn}"
FACTOR_JOIN = " × "
DIRECTIONS = {"up": "上升", "down": "下降"}

# 读出层在第 t 步给出的结果。
OUTPUT = {
    "seq2seq": "模型在 t = {t} 的输出：{said}{right}",
    "before_last": "t = {t} 时读出层会给出 {said}；这个任务只看最后一步的输出",
    "last": "模型在最后一步的回答：{said}{right}",
}
RIGHT = "（正确答案：{answer}）"
RUNNING = "每一步的正确答案：{truth}；模型{rounded}：{said}"
ROUNDED = "（取整后）"
CLASS_JOIN = "、"
PREDICTION_COLUMNS = {"sequence": "序列", "answer": "正确答案", "said": "模型的回答"}
PRODUCT_COLUMNS = {"input": "输入", "value": "值", "weight": "权重", "product": "乘积"}
PRODUCT_H = "h_prev[{j}]"
PRODUCT_X = "x[{j}]（{label}）"

# 输入的序列为什么超出了模型的训练范围 (n：训练时的长度，T：输入序列的长度)。
COVERAGE = {
    "longer_than_training": (
        "这个序列有 {T} 个时间步，超过了模型训练时的 {n} 步：第 {n} 步之后模型给出的结果超出了它的训练范围。"
    ),
    "shorter_than_training": (
        "模型是在 {n} 步长的序列上训练的，并在最后一步给出回答；这个序列有 {T} 步，所以它的回答超出了训练范围。"
    ),
    "not_a_template_sentence": (
        "训练数据中没有这样的句子（训练句子依次是主语、可能有的否定词、动词和宾语，全部使用同一种语言，"
        "动词与主语一致）：模型给出的结果超出了它的训练范围。"
    ),
    "values_outside_training": "有些值超出了训练数据的范围：模型给出的结果超出了它的训练范围。",
    "marks_outside_training": "训练时，一个被标记的值总在前半段，另一个总在后半段：这些标记超出了模型的训练范围。",
}

PAD_NOTE = "{pad} 是填充符号：模型训练用的句子在左侧填充到 {n} 步，所以较短的句子（无论是输入的还是生成的）都以它开头。"

# 模型在新样本上做了什么 (lstm_viz.explain.behaviour)：每个代码一个模板，填入发现的数字。
MEMORY_FINDING = {
    "integrator": (
        "在这个模型中，单元 {unit} 记住答案 {answer}：答案是 {answer} 时，它的 {mem} 在 t = 0 之后"
        "每一步移动约 {step:+.2f}，最后停在 {end:+.1f} 附近（其他情况下在 {end_other:+.1f} 附近）。"
        "这是一个积分器，而不是锁存器：{mem} 不是写入一次后保持不变，而是不断累加。"
    ),
    "latch": (
        "在这个模型中，单元 {unit} 锁存答案 {answer}：答案是 {answer} 时，它的 {mem} 在 t = 0 之后为 "
        "{start:+.2f}，之后每一步只移动约 {step:+.2f}，最后停在 {end:+.1f} 附近"
        "（其他情况下在 {end_other:+.1f} 附近）：写入一次，然后保持。"
    ),
    "none": "在这个模型中，没有哪个单元的 {mem} 能区分不同的答案：最好的是单元 {unit}，答案是 {answer} 时它最后在 "
    "{end:+.1f} 附近，其他情况下在 {end_other:+.1f} 附近，两者有重叠。",
}

MEMORY_SWITCH = {
    "write": "答案决定的是它的输入门：t = 0 之后，答案是 {answer} 时 {write} = {write_same:.2f}，其他情况下为 "
    "{write_other:.2f}（t = 0 时为 {write0:.2f}）；它的遗忘门分别为 {keep} = {keep_same:.2f} 和 {keep_other:.2f}。",
    "keep": "答案决定的是它的遗忘门：t = 0 之后，答案是 {answer} 时 {keep} = {keep_same:.2f}，其他情况下为 "
    "{keep_other:.2f}；它的输入门分别为 {write} = {write_same:.2f} 和 {write_other:.2f}。",
    "neither": "无论答案是什么，它的门都差不多：t = 0 之后 {write} = {write_same:.2f} 和 {write_other:.2f}，"
    "{keep} = {keep_same:.2f} 和 {keep_other:.2f}。",
}

SIGNAL_FINDING = {
    "follows": "在这个模型中，单元 {unit} 的 {mem} 在每一步给出答案：只用它画一条直线，在 {n} 个新样本中有 {right:.0%} "
    "的时间步是对的（r = {r:+.2f}）。它的变化：{moves}。",
    "none": "在这个模型中，没有哪个单元的 {mem} 能在每一步给出答案：只用最好的单元 {unit} 画一条直线，在 {n} 个新样本中"
    "只有 {right:.0%} 的时间步是对的，尽管它与答案的相关系数为 r = {r:+.2f}。它的变化：{moves}。",
}

SIGNAL_HOW = {
    "candidate": (
        "它的输入门对每个符号开得差不多（{writes}）：符号改变的是写入什么（{cand}：{cands}），而不是是否写入。"
    ),
    "write": "它的输入门对某些符号开得比其他符号大（{writes}）：符号决定是否写入（{cand}：{cands}）。",
    "both": "它的输入门对某些符号开得比其他符号大（{writes}），符号也改变写入的内容（{cand}：{cands}）。",
}

LIST_JOIN = "，"
SIGNAL_MOVE = "每遇到 {symbol} 移动 {move}"
SIGNAL_FLAT = "每遇到 {symbol} 移动 {move}（基本不变）"
PER_SYMBOL = "{symbol} 上为 {value}"
GATE_PER_SYMBOL = "{symbol} 上为 {value}"
PRESET_NOTE = "作为对比，预训练模型：{note}"
