"""简体中文: lstm_viz/words/en/why.py 的译文 (the same names and parameters)."""

KEEP_ENGLISH = ("python",)  # the results file's machine: "Python 3.11.7"

# --- 页面 (app_pages/why.py, lstm_viz/ui/why.py) ---
TITLE = "为什么需要门"
INTRO = (
    "每本教程都说：普通 RNN 无法在很多个时间步上保留信息（长期依赖），而 LSTM 的门解决了这个问题。"
    "真是这样吗？下面的数字都是在这里算出来的：序列越来越长时并排训练的各种循环单元，沿时间反向传播的梯度"
    "（会不会梯度消失），以及把某个门强制打开或关上的预训练模型。每张图下面的句子说的是图中数字显示的结果，"
    "无论结果如何。"
)
TASK = "记忆任务"
LENGTH = "序列长度（用于梯度，以及现在训练）"
METRICS = {"accuracy": "准确率", "mse": "均方误差"}
LIST_SEP = "、"
SENTENCE_SEP = ""

MEMORY = "1. 记忆与距离"
CELLS_SHOWN = "图中的循环单元"
PROTOCOL = (
    "每个点：{seeds} 次训练（随机种子）的中位数，以及从最低到最高的误差线，每次都在 {eval} 个留出序列上测量。"
    "每种循环单元的训练预算相同：{hidden} 个隐藏单元，最多 {steps:,} 步、每步 {batch} 个序列，Adam 优化器、"
    "学习率 {lr:g}，一旦达到任务的目标就提前停止；自带遗忘门的循环单元开始时遗忘门约 {open:.0%} 打开"
    "（偏置 +{bias:g}）。由 `{command}` 重新生成（在 {machine}上用时 {minutes:.0f} 分钟）。"
)
MACHINE = "{arch}、{cores} 个 CPU 核心、Python {python} 的机器"
TRAIN_NOW = "现在在长度 {length} 上训练普通 RNN、GRU 和 LSTM"
TRAIN_NOW_HELP = (
    "与图中各点相同的训练预算，随机种子 0，在后台运行；本服务器上最多同时运行 {slots} 个训练，其余的排队等待。"
)
STOP = "停止"
LIVE = {
    "waiting": "{title}：正在等待本服务器上空闲的训练进程。",
    "step": "{title}：第 {done} 步，共 {total} 步",
    "done": "{title}：在长为 {length} 步的留出序列上，{metric}为 {value}（{reason}）。",
    "failed": "{title}：{error}",
}

GRADIENTS = "2. 沿时间反向传播的梯度"
SAMPLE = "样本编号"
MODELS = "模型"
GRAD_KINDS = {"trained": "预训练模型", "random": "新的随机初始化", "both": "两者"}
GRADIENT_CAPTION = (
    "一个长为 {length} 步的序列（{text}）。损失是最后一步答案的损失；每条线是损失对之前每个 t 的 h_t"
    "（对 LSTM 还有 C_t）的导数的大小，由屏幕上这个模型的 NumPy 反向传播算出。点击一个点，"
    "就会在逐步运行页上打开这个循环单元的这个 t。{shorter}"
)
TRAINED_SHORTER = "有的预训练模型训练时用的序列比这个短：{which}。"
TRAINED_ON = "{title} 用的是 {length} 步"
CAROUSEL_CAPTION = (
    "误差在反向传播的路上被什么相乘（{who}）：保留记忆的门（LSTM 的遗忘门 f，GRU 的更新门 z）从 t+1 到最后一步的乘积；"
    "对普通 RNN，则是它每一步雅可比矩阵范数的乘积。"
)
OPEN_FOR = "在其他页面中打开这个序列，模型为"
OPEN_MODEL = "{title}（{kind}）"
OPEN_KINDS = {"trained": "预训练模型", "random": "新的随机初始化"}
STEP_THROUGH = "逐步运行它"
HEAT_MAPS = "它的热力图"

CLAMP = "3. 固定一个门"
CLAMP_MODEL = "预训练模型"
GATE = "门"
GATE_OPTION = "{symbol}：{title}"
FORCED_TO = "强制设为"
CLAMP_VALUES = {"off": "不固定", "0": "0", "1": "1", "mean": "它的均值"}
UNITS = "单元"
UNIT_OPTIONS = {"all": "所有单元", "one": "单元 {unit}"}
METRIC_FREE = "{metric}（未固定）"
METRIC_CLAMPED = "{metric}（固定后）"
METRIC_BLIND = "盲猜"
CLAMP_SAMPLE = (
    "在样本 {seed} 上（长度为预训练模型训练时用的 {T} 步），模型未固定时回答 {free}，固定后回答 {clamped}"
    "（正确答案：{right}）。图中画的是单元 {unit}{why}"
)
SHOWN_UNIT = {
    "largest": "：最后记忆最大的那个单元。",
    "clamped": "，即被固定的单元。",
    "moved": "：固定对其记忆影响最大的那个单元。",
}
LESSONS = (
    "在“记住第一个符号”上可以试试：把 LSTM 的遗忘门固定为 0（记忆每一步都被擦除），把输入门固定为 1"
    "（每个符号都被写入），把输出门固定为 1（记忆总是被输出）。先说出每种做法会让准确率怎样，再看结果。"
)

MISREAD = "4. 两份教程中的方程，训练来看看"
MISREAD_INTRO = (
    "本应用参考的文档中有两份把 LSTM 写错了。一份说 LSTM 单元只有两个门，即输入门和遗忘门：那是没有输出门的 "
    "LSTM（NOG）。另一份给出了下面的细胞状态更新，并把 LSTM 的核心称为 GRU。两者都和其他循环单元一样在这里训练过。"
)
MISREAD_LSTM = "LSTM"
MISREAD_CELL = "教程中的细胞状态更新"
TWO_GATES_LINE = "**只有两个门**：没有输出门的 LSTM（NOG），它的 h 显示全部记忆："
MISREAD_NOTE = (
    "按教程的写法，c_t = σ(W_cx x_t + W_cc c_(t-1) + W_ch h_(t-1) + b_c)：C 每一步都经过 sigmoid 重新计算，"
    "始终在 0 和 1 之间，输入门或遗忘门也就没有东西可乘（教程中的 W_cx、W_ch 就是上面的 W_xc、W_hc）。"
)
MISREAD_CHART = "{task}：LSTM 与教程中的循环单元，用同样的方式训练。"

# --- 图 (lstm_viz/viz/why.py)。Plotly 自己的字段 (%{x}, %{y}, ...) 在这里写作 %{{x}}。 ---
FIGURES = {
    "blind": "盲猜",
    "blind_hover": "长度 %{{x}}：盲猜得分 %{{y:.3g}}<extra></extra>",
    "point_hover": "{cell}，长度 %{{x}}：{metric}中位数 %{{y:.3g}}（各随机种子从 %{{customdata[0]:.3g}} 到 "
    "%{{customdata[1]:.3g}}；%{{customdata[3]}} 个中有 %{{customdata[2]}} 个达到目标）<extra></extra>",
    "live": "{cell}，现在训练的",
    "live_hover": "{cell}（现在训练的），长度 %{{x}}：{metric} %{{y:.3g}}<extra></extra>",
    "length_axis": "序列长度（时间步）",
    "accuracy_axis": "留出序列上的准确率（越高越好）",
    "metric_axis": "留出序列上的{metric}（越低越好）",
    "model": "{cell}（{kind}）",
    "kinds": {"trained": "预训练", "random": "随机初始化"},
    "dh": "‖dL/dh‖ {model}",
    "dc": "‖dL/dC‖ {model}",
    "dh_hover": "{model}，t = %{{x}}：‖dL/dh_t‖",
    "dc_hover": "{model}，t = %{{x}}：‖dL/dC_t‖",
    "gradient_axis": "梯度的大小（对数刻度）",
    "loss_axis": "t（损失在最后一步）",
    "keep_mean": "{cell}：∏ {gate}，各单元的平均",
    "keep_mean_hover": "{cell}，t = %{{x}}：平均 ∏ {gate}",
    "keep_unit": "{cell}：∏ {gate}，单元 {unit}",
    "keep_unit_hover": "{cell} 单元 {unit}，t = %{{x}}：∏ {gate}",
    "jacobian": "{cell}：∏ ‖∂h_s/∂h_(s-1)‖",
    "jacobian_hover": "{cell}，t = %{{x}}：∏ ‖J‖",
    "product_axis": "从 t+1 到最后一步的乘积",
    "t_axis": "t",
    "panel": "{symbol}：{title}，单元 {unit}",
    "free": "未固定",
    "clamped": "固定后",
    "clamp_hover": "{label}，t = %{{x}}：{symbol} = %{{y:.3f}}<extra></extra>",
}

# --- 由数字构成的句子 (lstm_viz/explain/why_words.py) ---
WHY_MEMORY = {
    "falls": "到长度 {length} 时，普通 RNN 已落到盲猜的水平（{blind}）：它在那里的{metric}中位数是 {rnn}。",
    "holds": "普通 RNN 在每个长度上都好于盲猜（{blind}），到长度 {longest} 时{metric}中位数为 {rnn}。",
}

WHY_MEMORY_CELLS = "在长度 {longest} 上，{seeds} 个随机种子的{metric}中位数：{cells}。"
WHY_MEMORY_CELL = "{title} 为 {value}"

WHY_MEMORY_GATED_LOST = (
    "在这个训练预算内，LSTM 和 GRU 在长度 {longest} 上的大多数随机种子都没有学会这个任务："
    "门使长期依赖成为可能，但并不是免费的，序列越长，需要的训练越多。"
)

WHY_MEMORY_RNN_BEST = "在长度 {longest} 上，普通 RNN 比两种门控单元都好：在这个预算和这个任务上，门在那里没有帮上忙。"

WHY_GRADIENT = "{who}：在这个序列上，从最后一步反向传播到 t = 0，‖dL/dh‖ 变化的倍数是：{ratios}。"
WHY_GRADIENT_WHO = {"trained": "预训练模型", "random": "新的随机初始化"}
WHY_GRADIENT_RATIO = "{title} {ratio}"
WHY_GRADIENT_C = "（‖dL/dC‖：{ratio}）"

WHY_CAROUSEL = {
    "kept": "沿着 LSTM 的 C，从 t = 1 到最后一步的遗忘门乘积在各单元上平均为 {mean}，在单元 {unit} 中为 {best}："
    "C_(T-1) 处的误差有这么大的比例直接到达 C_0，不经过任何权重矩阵。",
    "none": "从 t = 1 到最后一步，LSTM 的遗忘门乘积在各单元上平均为 {mean}（最大为 {best}，在单元 {unit}）："
    "即使沿着 C，最后一步的误差也几乎到不了 t = 0（梯度消失）。",
}

WHY_JACOBIAN = {
    "bound": "普通 RNN 的误差每一步都要乘以由 tanh′ 构成的对角矩阵与 W_h：从 t = 1 到最后一步，这些矩阵范数的"
    "乘积是 {product}，它是能到达 t = 0 的误差的上界。",
    "loose": "普通 RNN 的误差每一步都要乘以由 tanh′ 构成的对角矩阵与 W_h：从 t = 1 到最后一步，这些矩阵范数的"
    "乘积是 {product}，不小于 1，所以在这里它什么也约束不了（它的每一步既可能放大误差，也可能缩小误差）；"
    "上面的倍数才是实际到达的部分。",
}

WHY_CLAMP = {
    "breaks": "把{what} 强制设为 {value} 后，在 {n} 个长为 {T} 步的新样本上，{metric}从 {free} 变为 {clamped}，"
    "退到了盲猜的水平（{blind}）。",
    "worse": "把{what} 强制设为 {value} 后，在 {n} 个长为 {T} 步的新样本上，{metric}变差了：从 {free} 变为 "
    "{clamped}（盲猜：{blind}）。",
    "same": "把{what} 强制设为 {value} 后，在 {n} 个长为 {T} 步的新样本上，{metric}几乎不变：固定前 {free}，"
    "固定后 {clamped}。模型在这里并不依赖这个门。",
    "better": "把{what} 强制设为 {value} 后，在 {n} 个长为 {T} 步的新样本上，{metric}为 {clamped}，"
    "比未固定时的 {free} 还好。",
}

WHY_UNCLAMPED = (
    "按训练后的原样，不固定任何门：在 {n} 个长为 {T} 步的新样本上，{metric}为 {free}（盲猜：{blind}）。"
    "选一个值来固定某个门。"
)

WHY_CLAMP_WHAT = {"all": "所有单元的{title} {symbol}", "one": "单元 {unit} 的{title} {symbol}"}
WHY_CLAMP_VALUE = {"0": "0", "1": "1", "mean": "它自己在整个序列上的均值"}

SEEDS_SPAN = "{low} 到 {high}"

WHY_MISREAD = {
    "loses": "LSTM 记得住的地方，教程中的循环单元记不住：在“{task}”任务上、长度 {length} 时，LSTM 的每个随机种子"
    "（{lstm}）都胜过误读循环单元的每次训练（{other}；盲猜：{blind}）。这些训练结果驳斥了这样的说法："
    "c_t = σ(W_cx x_t + W_cc c_(t-1) + W_ch h_(t-1) + b_c) 就是 LSTM 保留长期信息的方式。那个循环单元"
    "每一步都通过 sigmoid 重新计算 C，就像普通 RNN 每一步都重新计算 h 一样。",
    "same": "在“{task}”任务上，这些训练结果分不出误读的循环单元和 LSTM：没有哪个长度上 LSTM 的每个随机种子都"
    "明显胜过误读循环单元的每个随机种子（明显：至少是从盲猜到完全正确这段距离的十分之一；"
    "长度 {length} 时：{other} 对 {lstm}）。",
}

WHY_TWO_GATES = {
    "loses": "只有两个门的循环单元（只有输入门和遗忘门：没有输出门的 LSTM，NOG）在“{task}”任务上输给完整的 "
    "LSTM：长度 {length} 时，LSTM 的每个随机种子（{lstm}）都胜过两门循环单元的每个随机种子（{other}）。"
    "它是另一种循环单元，而且在这里更差：输出门是 LSTM 的第三个门。",
    "same": "这些训练结果在“{task}”任务上分不出只有两个门的循环单元（只有输入门和遗忘门：没有输出门的 LSTM，"
    "NOG）和完整的 LSTM：没有哪个长度上 LSTM 的每个随机种子都明显胜过两门循环单元的每个随机种子"
    "（明显：至少是从盲猜到完全正确这段距离的十分之一；"
    "长度 {length} 时：{other} 对 {lstm}）。无论如何，教程中的两门循环单元都不是 LSTM：它是 Greff 等人"
    "（2017）的 NOG 变体。",
}

WHY_LIVE_DONE = "现在训练的{title}：在“{task}”任务上、长度 {length} 时，{metric}为 {value}（{reason}）。"

WHY_LIVE_AGAIN = {
    "same": "结果文件中相同随机种子的那次训练（图中该点背后的训练之一）达到了 {file}：同一次训练，重做了一遍。",
    "differs": "结果文件中相同随机种子的那次训练达到了 {file}：本服务器的计算方式与生成该文件的机器不同"
    "（另一个 torch 版本或设备）。",
    "stopped": "它没有跑完训练预算，所以没有画在图上。",
}
