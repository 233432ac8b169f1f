"""简体中文: lstm_viz/words/en/train.py 的译文 (the same names and parameters)."""

# --- 页首与表单 ---
TITLE = "现场训练"
INTRO = (
    "任务：**{task}**（在侧边栏中更改）。训练在后台用 PyTorch 在 **{device}** 上运行；页面仍然可以使用，"
    "按“停止”会在当前这一步结束后停下。"
)
LINK_GONE = "链接指向的训练在本服务器上已不存在（服务器重启过，或这次训练太久以前了）。"
LINK_OTHER_TAB = "链接指向的是另一个打开的浏览器标签页中的训练：它留在那个标签页里。"
FORM = {
    "cell": "循环单元",
    "cell_help": "要训练的循环单元：LSTM、GRU、普通 RNN 或某种 LSTM 变体。",
    "layers": "层数",
    "layers_help": "堆叠：第 l+1 层读取第 l 层的 h。",
    "hidden": "隐藏层大小 H",
    "seq_len": "序列长度",
    "steps": "训练步数",
    "batch": "批量大小",
    "lr": "学习率",
    "bias": "初始遗忘门偏置",
    "bias_help": "开始时加到每一层的 b_f 上。",
    "bias_unused": "不使用：{cell}没有自带权重的遗忘门。",
    "seed": "随机种子",
    "activations": "激活函数（Keras 的激活参数与 recurrent_activation）",
    "activation": "激活函数（候选细胞状态与输出）",
    "recurrent_activation": "门的激活函数",
    "start": "开始训练",
}
TARGET = "目标：**{metric} {sign} {target}**"
METRICS = {"accuracy": "准确率", "mse": "均方误差"}
NOT_STARTED = "未开始：{reason}"
STOP = "停止"
EMPTY = "选好超参数后按 **开始训练**。先试试默认值：它们能达到目标。"

# --- 训练进度（进度条上的文字） ---
PROGRESS = {
    "waiting": "等待中：其他训练正在占用本服务器的训练进程；其中一个结束后，这次训练就开始",
    "training": "训练中：第 {done} 步，共 {total} 步，{seconds:.1f} 秒",
    "stopping": "正在停止：第 {done} 步，共 {total} 步，{seconds:.1f} 秒",
    "done": "完成：{seconds:.1f} 秒内训练了 {done} 步（共 {total} 步）",
    "done_why": "完成：{seconds:.1f} 秒内训练了 {done} 步（共 {total} 步；{reason}）",
}
ORPHANED = "这次训练已停止：本浏览器会话的页面已有 {seconds:.0f} 秒没有查看它（它的标签页已关闭）。"
LIVE = "{task}，训练中"

# --- 训练为什么停下 ---
STOPS = {
    "target": "在第 {step} 步达到目标（{metric} {target:g}）",
    "steps": "跑完了全部 {steps} 步",
    "lr": "学习率 {lr} 不是正数：权重没有改变",
    "stopped": "在第 {step} 步被用户停止",
    "orphaned": "在第 {step} 步停止：已有 {seconds:g} 秒无人查看",
    "diverged": "发散：{detail}",
}
DIVERGED_WEIGHTS = {"initial": "初始权重", "after": "第 {step} 步之后的权重"}
DIVERGED_CAUSE = {
    "gradient": "{weights}给出了 NaN 或无穷大的梯度",
    "exploded": "{weights}给出的损失为 {loss:.3g}，超过第一步损失 {first_loss:.3g} 的 {factor:g} 倍",
    "loss": "{weights}给出的损失为 {loss}",
}
DIVERGED_KEPT = {
    "kept": "{cause}；保留了第 {kept} 步之后的权重，即损失仍为有限值的最后一组（请试试更小的学习率）",
    "nothing": "{cause}；什么也没能训练（请试试更小的学习率）",
}

# --- 一次训练的结果 ---
RESULTS = "结果"
RUN = "训练记录"
RUN_LABEL = "第 {n} 次训练：{task}，{cell}，H={hidden}，lr={lr:g}{bias}，种子={seed}"
RUN_BIAS = "，f 偏置={bias:g}"
UPLOAD_LABEL = "上传：{name}（{task}，{cell}，H={hidden}）"
DIVERGED = "训练发散了：{detail}。下面的模型是第 {step} 步之后的模型。"
SAID = "在 {n} 个留出序列上{metric}为 {value:.4f}（目标 {sign} {target:g}）"
LEARNED = "学会了：{said}。"
NOT_LEARNED = "还没学会：{said}。多训练几步、换个学习率或随机种子可能会有帮助。"
STOPPED_AFTER = "{reason}，在 {device} 上用时 {seconds:.1f} 秒。"
ANSWERS = "**它在五个留出序列上的回答**（由 NumPy 参考实现计算）："
INSPECT = "在其他页面上查看它"
DOWNLOAD_WEIGHTS = "权重（.safetensors）"
DOWNLOAD_CONFIG = "配置（.json）"
SHOWN_NOW = "逐步运行页和热力图页现在显示的就是这个模型（模型：本次会话中训练的）。"
NOTHING_TO_WATCH = "没有学习过程可看：第一次更新就让损失爆炸了，所以保留的模型就是初始化时的模型。"
WATCH = "看门控如何学习"
SNAPSHOT = "训练步（权重的一个快照）"
SNAPSHOT_SAID = "同一个示例序列经过第 {step} 步的权重：门 0..1，C̃ 和 h -1..1。"
COMPARE = "比较两次训练"
FIRST_RUN = "第一次训练"
SECOND_RUN = "第二次训练"
OTHER_TASKS = "这两次训练的任务不同：它们的曲线画在同一张图上，热力图各用自己任务的序列。"

# --- 权重文件 ---
OPEN = "打开权重文件"
OPEN_SAID = (
    "从本页下载的 .safetensors 文件（最多 {limit:,} 字节）。其他文件，包括能运行代码的序列化文件，"
    "都会被拒绝，绝不会作为代码打开。"
)
OPEN_LABEL = "权重文件"
NOT_OPENED = "未打开：{name}：{reason}。没有做任何更改。"

# --- 训练曲线 ---
CURVES = {
    "loss": "损失（训练批次）",
    "metric": "{metric}（训练批次）",
    "loss_hover": "第 %{{x}} 步：损失 %{{y:.4g}}",
    "metric_hover": "第 %{{x}} 步：%{{y:.4g}}",
    "target": "目标 {target:g}",
    "x": "训练步",
}

# --- 侧边栏中关于训练的提示 ---
STATUS = {
    "waiting": "训练：正在等待本服务器上空闲的训练进程。",
    "step": "训练：第 {done} 步，共 {total} 步",
    "finished": "训练已完成：结果在“现场训练”页上。",
    "why": "为什么需要门：{total} 种循环单元中还有 {running} 种在训练。",
}

ERRORS = {
    "train.cell": "未知的循环单元 {cell}；应为以下之一：{cells}",
    "train.whole_number": "{name}：应为 {lo} 到 {hi} 之间的整数，实际为 {value}",
    "train.batch_steps": "batch_size × seq_len：一个批次最多 {limit} 个时间步，实际为 {batch} × {seq_len}",
    "train.positive": "{name}：应为大于 0、不超过 {limit} 的有限数，实际为 {value}",
    "train.finite": "{name}：应为 {low} 到 {limit} 之间的有限数，实际为 {value}",
    "train.lr": "lr：应为一个数，实际为 {value}",
    "train.failed": "训练失败：{reason}",
    "train.never_started": "还没开始就停止了（它在等待另一个训练结束）",
    "train.worker_ended": "训练失败：训练进程意外结束（退出码 {code}）",
    "train.too_large": "文件太大：{size} 字节（上限为 {limit}）",
    "train.not_bytes": "应为 .safetensors 文件的字节",
    "train.too_short": "不是 safetensors 文件：只有 {size} 个字节",
    "train.truncated": "safetensors 文件不完整：文件头超出了文件末尾",
    "train.pickle": "这看起来像序列化的对象文件或 torch 的 .pt/.pth 文件；只读取 .safetensors 文件"
    "（序列化文件能运行代码，所以绝不打开）",
    "train.not_safetensors": "不是 safetensors 文件：开头不是 safetensors 文件头",
    "train.header_not_object": "不是 safetensors 文件：文件头不是 JSON 对象",
    "train.not_ours": "是 safetensors 文件，但不是本应用写的（没有格式标记 {tag}）",
    "train.header_items": "文件头：括号和字符串超过 {limit} 个，比本应用的文件多",
    "train.header_deep": "文件头：JSON 嵌套超过 {depth} 层，比本应用的文件深",
    "train.header_json": "文件头：不是有效的 JSON",
    "train.json_items": "{what}：括号和字符串超过 {limit} 个，比本应用的文件多",
    "train.json_deep": "{what}：JSON 嵌套超过 {depth} 层，比本应用的文件深",
    "train.json_invalid": "{what}：不是有效的 JSON",
    "train.metadata_fields": "元数据：有 {count} 个字段，比本应用的文件多（最多 {limit} 个）",
    "train.metadata_text": "{key}：元数据中应为文本，实际为 {kind}",
    "train.metadata_long": "{key}：{length} 个字符，最多 {limit} 个",
    "train.task": "未知的任务 {task}：应为以下之一：{tasks}",
    "train.layers_text": "num_layers：{raw} 不是整数",
    "train.layers_range": "num_layers：应为 1 到 {most}，实际为 {layers}",
    "train.no_shape": "张量 {name}：它在文件头中的条目没有可读的形状",
    "train.recurrent_shape": "l0.W_h：{cell} 应为形状 ({gates}, H, H)，实际为 {got}",
    "train.hidden": "隐藏层大小 {hidden}：应为 1 到 {most}",
    "train.missing": "缺少张量 {missing}：{layers} 层的 {cell} 有 {want}",
    "train.extra": "张量 {name}：不是 {layers} 层的 {cell} 的参数",
    "train.dtype": "{name}：应为浮点数（F16、F32 或 F64），实际为 {dtype}",
    "train.shape": "{name}：任务 {task} 上的 {cell} 应为形状 {want}，实际为 {got}",
    "train.unreadable": "无法读取的 safetensors 文件（{reason}）",
    "train.data_size": "无法读取的 safetensors 文件：它的张量要占文件头之后的 {need} 字节，文件却有 {have} 字节",
    "train.data_header": "{name}：数据与它的文件头不符",
    "train.not_finite": "{name}：含有 NaN 或无穷大的值",
    "train.config_object": "配置：应为 JSON 对象，实际为 {kind}",
    "train.config_batch": "配置中的 batch_size × seq_len：最多 {limit}，实际为 {batch} × {seq_len}",
    "train.config_cell": "配置中的 {reason}",
    "train.config_whole": "配置中的 {name}：应为 {lo} 到 {hi} 之间的整数，实际为 {value}",
    "train.config_positive": "配置中的 {name}：应为大于 0 的有限数，实际为 {value}",
    "train.config_positive_to": "配置中的 {name}：应为大于 0、不超过 {limit} 的有限数，实际为 {value}",
    "train.config_finite": "配置中的 {name}：应为 {low} 到 {limit} 之间的有限数，实际为 {value}",
    "train.config_number": "配置中的 {name}：应为有限数，实际为 {value}",
    "train.config_device": "配置中的设备：应为自动选择、cpu 或 cuda，实际为 {value}",
    "train.config_name": "配置中的 {name}：应为一个名称（几个字母），实际为 {value}",
}
