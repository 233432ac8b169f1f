"""简体中文: lstm_viz/words/en/textbook.py 的译文 (the same names and parameters)."""

# 侧边栏“模型”选项中这个模型的名字（与预训练模型、随机初始化并列）。
MODEL_LABEL = "手工构造"
# 选中它时，显示在侧边栏模型选项下方。
SIDEBAR_NOTE = "权重由手工设定，未经训练：“逐步运行”页展示它的设计，以及训练找到的做法。"

TITLE = "手工构造：设计的与训练找到的"
INTRO = (
    "这个模型没有经过训练：它的权重按源代码中写明的公式手工设定，让每个门只做一件事，而且分毫不差。下面先给出这个"
    "设计和本模型自己的数值，再给出梯度下降在同一任务的预训练模型中找到的做法。每个数都由这两个模型计算得出。"
)
EQUATIONS = "这个设计及其权重（未列出的权重都是 0）："

# 设计，按任务。{big}：让门打开（或取负后关闭）的预激活值；其余数值取自模型在 {T} 步新样本上的计算结果。
DESIGNED = {
    "remember_first": "**设计。** 单元 0 到 {last} 各保存一个符号，依次是 {first} 到 {final}；单元 {clock} 是一个"
    "时钟。时钟的 h 在第一步之前是 0（初始状态），从 t = 0 起是 {clock_h:.4f}，所以每个符号单元的输入门 "
    "i = σ({big:g} − {weight:g} × 时钟的 h) 在 t = 0 时是 {i0:.9f}，之后至多为 {i_after:.1e}。它的遗忘门是 "
    "σ({big:g}) = {f:.9f}：{T} 步之后，C 仍保留写入值的 {kept:.7f}。在 t = 0，第一个符号的单元写入 "
    "C̃ = {write:.4f}，其他单元写入 0；读出层把每个符号单元的 h 乘以 {vote:g}，所以第一个符号的读出值是 "
    "{logit:.2f}，其他符号的至多为 {other:.1e}。这是一个锁存器：写入一次，然后一直保持。",
    "counting": "**设计。** 只有一个单元。它的输入门读到 a 时是 σ(+{big:g}) = {i_a:.9f}，读到 b 时是 "
    "σ(−{big:g}) = {i_b:.1e}；它的 C̃ 始终是 {cand:.4f}，遗忘门是 σ({big:g}) = {f:.9f}。所以每读到一个 a，C 增加 "
    "{move_a:.6f}；读到 b 时 C 保持不变（变化小于 {move_b:.0e}）：C 等于 {cand:.4f} × 计数。读出层是 "
    "y = {w_out:g} × h。步长故意取得很小：tanh 只在 0 附近才近似一条直线。读完 {T} 个 a 之后，C 是 {c_end:.4f}，"
    "此时 tanh(C) = {tanh_end:.6f}，读出层给出 {y_end:.2f}，四舍五入正是 {count}。",
}

# 梯度下降在预训练模型中找到的做法（lstm_viz.explain.behaviour 对它的分析结果），按结果代码。
# {H}：预训练模型的单元数；{trained}：训练序列的长度（TRAINED）。
TRAINED = {
    "one": "{longest} 步",
    "curriculum": "{shortest} 到 {longest} 步",
}
FOUND_MEMORY = {
    "integrator": "**梯度下降找到的做法**（预训练模型：{H} 个单元，训练序列为 {trained}）。单元 {unit} "
    "最清楚地携带答案 {answer}，但它是一个积分器，而不是锁存器：当答案是 {answer} 时，它的输入门在 t = 0 时是 "
    "{write0:.2f}，之后是 {write_same:.2f}（其他答案时为 {write_other:.2f}），遗忘门是 {keep_same:.2f}，它的 C "
    "每一步大约变化 {step:+.2f}，最后到达 {end:+.1f}。",
    "latch": "**梯度下降找到的做法**（预训练模型：{H} 个单元，训练序列为 {trained}）。单元 {unit} 像设计"
    "那样锁存答案 {answer}：当答案是 {answer} 时，它的输入门在 t = 0 时是 {write0:.2f}，之后是 "
    "{write_same:.2f}（其他答案时为 {write_other:.2f}），遗忘门是 {keep_same:.2f}；它的 C 在 t = 0 之后是 "
    "{start:+.2f}，最后是 {end:+.2f}。",
    "none": "**梯度下降找到的做法**（预训练模型：{H} 个单元，训练序列为 {trained}）。没有哪一个单元的 C "
    "能单独区分各个答案；最接近的是单元 {unit}：答案是 {answer} 时它最后约为 {end:+.1f}，其他答案时约为 "
    "{end_other:+.1f}。",
}
# 接在 FOUND_MEMORY 之后：有多少个单元携带答案。
SPREAD = (
    "答案分散在它 {H} 个单元中的 {carriers} 个上（它们最后的 C 能区分各个答案）；设计只用了 {designed_carriers} 个，"
    "每个符号一个。"
)
FOUND_SIGNAL = {
    "follows": "**梯度下降找到的做法**（预训练模型：{H} 个单元，训练序列为 {trained}）。单元 {unit} 计数"
    "最准：每读到一个 a，它的 C 变化 {move_a:+.2f}，每读到一个 b 变化 {move_b:+.2f}；只用它的 C 画一条直线，就能"
    "在 {right:.0%} 的时间步上给出正确的计数。",
    "none": "**梯度下降找到的做法**（预训练模型：{H} 个单元，训练序列为 {trained}）。没有哪个单元的 C 能"
    "单独在 {follows:.0%} 的时间步上给出计数；最接近的是单元 {unit}：每读到一个 a 变化 {move_a:+.2f}，每读到一个 "
    "b 变化 {move_b:+.2f}，正确率为 {right:.0%}。",
}
# 接在 FOUND_SIGNAL 之后，按字母在这个单元中改变的是什么。
FOUND_HOW = {
    "write": "决定是否写入的是它的输入门（读到 a 时为 {write_a:.2f}，读到 b 时为 {write_b:.2f}），与设计相同。",
    "candidate": "它的输入门对两个字母开得差不多（读到 a 时为 {write_a:.2f}，读到 b 时为 {write_b:.2f}）：字母改变的"
    "是写入什么（C̃ 在 a 上为 {cand_a:+.2f}，在 b 上为 {cand_b:+.2f}），而不是是否写入。设计恰好相反。",
    "both": "它的输入门读到 a 时比读到 b 时开得大（{write_a:.2f} 对 {write_b:.2f}），字母也改变写入的内容（C̃ 在 a 上为 "
    "{cand_a:+.2f}，在 b 上为 {cand_b:+.2f}）：两者一起决定写入多少。设计让 C̃ 保持不变，只由输入门决定。",
}
# 接在 FOUND_HOW 之后。
COUNTERS = "它的 {H} 个单元中有 {carriers} 个至少在 {follows:.0%} 的时间步上跟得上计数；设计只用了一个。"

# 正确率表格，以及表格下方的一句话。
TABLE_TITLE = "每种长度各 {n} 个新样本上的正确率（{what}）"
WHAT = {
    "remember_first": "第一个符号，在最后一步给出",
    "counting": "四舍五入后的计数，每一步都给出",
}
TABLE = {"length": "步数", "designed": "手工构造", "found": "预训练模型"}
CONTRAST = (
    "在 {T} 步时（远远超过预训练模型训练时最长的 {longest} 步），手工构造的模型正确率为 {designed:.1%}，预训练模型为 "
    "{found:.1%}。从来没有人告诉梯度下降要造一个锁存器或计数器：它只是找到了能在它见过的序列上降低损失的做法。"
)

ERRORS = {
    "textbook.no_model": "任务 {task} 没有手工构造的模型：只有 {tasks} 有",
}
