"""简体中文: lstm_viz/words/en/heatmaps.py 的译文 (the same names and parameters)."""

# 论文作者的名字，和文件格式的名称。
KEEP_ENGLISH = ("karpathy", "johnson", "fei", "npz")

TITLE = "门控热力图"
# 标题下方：任务、循环单元、模型 (多层时还有显示的层)、任务说明。
CAPTION = "{task} · {cell} · 模型：{model}{where}。{description}"
WHERE_LAYER = " · 第 {layer} 层（共 {layers} 层）"
UNIT_ORDER = "单元顺序"
ORDERS = {
    "as is": "原顺序",
    "by variance": "按方差（记忆的方差：C，或 h）",
    "by correlation": "按与任务信号的相关性",
}
NO_SIGNAL = "这个序列没有可以求相关的逐步信号（计数或深度）：单元保持原顺序。"
HOW_TO_READ = "把鼠标悬停在格子上可以看到数值；点击它，会在“逐步运行”页打开那个时间步和单元。"
OUTLINED = "加框的一行是单元 {unit}，即“逐步运行”页显示的单元。"
SATURATION = "饱和：每个门有多常几乎关闭（< 0.1）或完全打开（> 0.9）"
SATURATION_HOW = (
    "每个点是一个单元，统计任务的 64 个新样本（Karpathy、Johnson 和 Fei-Fei，2015）。靠近左上角的点是几乎总是"
    "打开的门，靠近右下角的是几乎总是关闭的门；落在虚线对角线上的点，是在两者之间剧烈切换的门。"
)
NO_GATES = "{cell} 没有门：它的 h 在每个时间步都被重写，没有什么会饱和。"
DOWNLOAD = "下载这次前向计算的数值"
NPZ = "NumPy .npz"
CSV = "CSV"
DOWNLOAD_HOW = (
    ".npz 文件以数组形式保存循环单元的名称、x、初始状态、激活前的值，以及这一层的每个门和状态"
    "（用 `np.load(..., allow_pickle=False)` 读取）；CSV 文件中每个 t、单元和门各占一行。"
)

# --- 图 (lstm_viz/viz/heatmaps.py)。Plotly 自己的字段 (%{z}、%{x} ……) 在这里写作 %{{z}}。 ---
UNIT_AXIS = "单元"
TIME_AXIS = "时间步（输入的词元）"
MAP_HOVER = "{gate}：%{{z:.3f}}<br>t=%{{x}}（%{{customdata}}）<br>单元 %{{y}}"
CLICK_HOVER = "{gate} = %{{customdata[0]:.3f}}<br>t = %{{x}}，词元 %{{text}}<br>单元 %{{customdata[1]}}"
CLICK_HINT = "点击：逐步运行"
CLICK_LAYER = "{gate}（点击）"
MARKED = "单元 {unit}"
SATURATION_HOVER = "%{{text}}：{below} 以下占 %{{x:.0%}} 的时间步，{above} 以上占 %{{y:.0%}}"
SATURATION_X = "< {below} 的比例"
SATURATION_Y = "> {above} 的比例"
