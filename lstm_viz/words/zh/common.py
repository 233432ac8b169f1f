"""简体中文: lstm_viz/words/en/common.py 的译文 (the same names and parameters)."""

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
