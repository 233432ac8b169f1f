"""简体中文: lstm_viz/words/en/common.py 的译文 (the same names and parameters)."""

# 链接的参数名，按它们在网址中的写法保留。
KEEP_ENGLISH = ("presenter", "lang", "run", "cells")

LANGUAGE = "语言 Language"
# 导航中各页的标题，按 url 路径 ("home" 为首页)。
PAGES = {
    "home": "首页",
    "step": "逐步运行",
    "heatmaps": "门控热力图",
    "train": "现场训练",
    "why": "为什么需要门",
    "model": "你的模型",
}

# --- 侧边栏 ---
TASK = "任务"
CELL = "循环单元"
CELL_HELP = "可以选择的循环单元：LSTM、GRU、普通 RNN，或 Greff 等人（2017）研究的某种 LSTM 变体。"
# 不使用侧边栏的任务和循环单元的页面 (按 url 路径)。
OWN_PICKS = {
    "model": "本页自己选择模型和输入；其他页面的选择会保留。",
    "why": "本页自己选择任务、循环单元和序列；其他页面的选择会保留。",
}
SEQUENCE = "序列"
SOURCES = {"sample": "样本", "own": "自己输入"}
SAMPLE_NUMBER = "样本编号（一个种子：编号相同，序列相同）"
OWN_SEQUENCE = "你的序列（最多 {limit} 个时间步）"
OWN_HELP = "输入{hint}。"
CANNOT_USE = "这个序列不能用：{problem}。"
STILL_GOOD = "仍在显示你上一次可用的序列：{text}"
STILL_SAMPLE = "仍在显示样本 {n}。"
MODEL = "模型"
# 视图可以显示的模型 (手工构造的模型见 textbook.MODEL_LABEL)。
MODEL_LABELS = {
    "preset": "预训练模型",
    "random": "随机初始化",
    "session": "本次会话中训练的模型",
}
NO_PRESET = "这种单元没有预训练模型：可以在“现场训练”页训练一个。"
PRESET_MISSED = (
    "这个 {cell} 预训练模型没有达到任务的目标（{metric} {target}）：用与 LSTM 相同的方式训练，"
    "它记不住任务需要的信息。这正是要讲的内容，不是程序错误。"
)
INIT_SEED = "初始化种子"
LAYERS = "层数（堆叠：第 l+1 层读取第 l 层的 h）"
LAYER_SHOWN = "显示的层"
LAYER = "第 {n} 层"
LAYER_ROLE = "第 {n} 层（{role}）"
LAYER_ROLES = {"first": "读取输入", "top": "连接读出层"}
PRESENTER = "演示模式"
PRESENTER_HELP = "更大的文字和图，适合投影。"

# --- 链接 ---
FROM_LINK = "链接中的问题：{problem}。"
# 链接中各个值的名称，用于说明问题 (不是整数，或超出范围)，按参数。
LINK_NAMES = {
    "seq": "样本编号",
    "mseed": "初始化种子",
    "layers": "层数",
    "layer": "层",
    "t": "t",
    "unit": "单元",
}
# 链接有什么问题，按代码 (state.read_link)；各个值按链接中的原样显示。
ERRORS = {
    **{f"link.not_whole.{k}": name + "：{value} 不是整数" for k, name in LINK_NAMES.items()},
    **{f"link.outside.{k}": name + "：{value} 不在 {lo} 到 {hi} 之间" for k, name in LINK_NAMES.items()},
    "link.unknown_task": "未知的任务 {value}",
    "link.session_model": "链接中的模型是在另一个浏览器会话中训练的；改为显示预训练模型",
    "link.unknown_model": "未知的模型 {value}",
    "link.unknown_cell": "未知的循环单元 {value}；改为显示 LSTM",
    "link.presenter": "presenter 的值 {value} 不是 0 或 1",
    "link.lang": "lang 的值 {value} 不是 {languages} 之一",
    "link.run": "run 的值 {value} 不是一次训练的编号",
    "link.not_one_of": "{param} 的值 {value} 不是 {choices} 之一",
    "link.not_a_study_cell": "cells：{value} 不是这项研究中的循环单元",
    "link.uploaded_model": "链接中的模型是在另一个浏览器会话中上传的文件；改为显示一个示例",
    "link.unknown_example": "未知的示例模型 {value}",
}

# --- 逐步运行页和“你的模型”页的图 (lstm_viz/viz/figures.py) ---
UNIT_AXIS = "单元"  # 柱状图的横轴
GATES_PANEL = "门"  # 单元时间线中门的那一栏
# Plotly 的悬停模板：%{x}、%{y} 是 Plotly 自己的字段，这里写作 %{{x}}。
BARS_HOVER = "{gate}[%{{x}}] = %{{y:.3f}}"
TIMELINE_HOVER = "{gate}[{unit}]，t=%{{x}}：%{{y:.3f}}"
