"""简体中文: lstm_viz/words/en/exercise.py 的译文 (the same names and parameters)."""

KEEP_ENGLISH = ("exercise", "exq", "answers")  # the link's parameters, named as they are written in the URL

# --- 练习的控件 ---
TOGGLE = "练习：先预测，再揭晓"
TOGGLE_HELP = "每次进入下一步之前，先预测所选单元的每个量会上升、下降还是不变。"
ASK = "预测哪些量"
ASK_HELP = "单元的各个门，以及它的记忆（LSTM 的细胞状态 C，GRU 或 RNN 的隐藏状态 h）。"
ASK_OPTION = "{symbol}（{title}）"
NONE_ASKED = "请至少选择一个要预测的量。"
NOT_IN_CELL = "{cell}没有 {names}：这里不预测它们。"
PLAYING = "自动播放时，练习暂停。"

# 时间步 t 的问题：细胞读入下一个输入时会怎样。
QUESTION = "单元 {unit}，时间步 {t} → {next}：细胞接下来读入 {token}。下面每个量会上升、下降还是不变？"
THRESHOLD_NOTE = (
    "变化的绝对值小于 {threshold} 记为“不变”。所有数字都来自 NumPy 的前向计算记录，与下方公式中的数字相同。"
)
# 当记忆的阈值按比例缩小时（它在这个序列上的值很小），接在 THRESHOLD_NOTE 之后。
THRESHOLD_MEMORY = "对 {symbol}，它在这个序列上的值都在 ±{scale} 以内，阈值也按同样比例缩小：{threshold}。"
PREDICT = "{symbol}（{title}），t = {next}"
MOVES = {"rise": "上升", "fall": "下降", "stay": "不变"}
MOVED = {"rise": "上升了", "fall": "下降了", "stay": "基本不变"}
CHECK = "揭晓"
CHECK_HELP = "看看细胞实际怎样变化。"
PREDICT_ALL = "先预测每个量，再点“揭晓”。"
NEXT = "下一步"
NEXT_HELP = "进入时间步 {next}，再预测一次。"
AGAIN = "重新开始"
AGAIN_HELP = "清空得分，回到时间步 {t}。"
LAST_STEP = "时间步 {t} 是最后一步：没有下一步可以预测。可以重新开始，或者选一个更早的时间步。"

# 揭晓，每个量一条：前值 → 后值及变化量，以及你的预测。
REVEAL = {
    "right": "{symbol}：{before} → {after}（{change}），{truth}。预测正确：{said}。",
    "wrong": "{symbol}：{before} → {after}（{change}），{truth}。你的预测是：{said}。",
}

# 原因。带权重的量：它的预激活值在 t 和 t+1 的各项。
TERMS = {"x": "输入部分 W_x·x", "h": "循环部分 W_h·h", "peep": "窥视孔连接 w_c·C", "bias": "偏置"}
TERM_CHANGE = "{term} 从 {before} 变为 {after}"
TERM_SEPARATOR = "；"
WHY_WEIGHTED = "它的预激活值从 {pre_before} 变为 {pre_after}：{terms}；偏置保持 {bias}。{driver}"
DRIVER = {
    "x": "影响最大的是新的输入 xₜ₊₁（W_x·x 变化了 {effect}）。",
    "h": "影响最大的是上一步的隐藏状态 hₜ（W_h·h 变化了 {effect}）。",
    "peep": "影响最大的是经窥视孔连接传入的细胞状态（变化了 {effect}）。",
    "none": "没有哪一项变化很大。",
}
# 由乘积构成、逐步传递的状态：保留下来的旧值部分，以及新写入的部分。
WHY_STATE = (
    "{symbol}ₜ₊₁ = {kept_formula} + {written_formula} = {sum} = {after}。保留："
    "{kept_numbers} = {kept}（原有 {before}，舍弃了 {lost}）；写入：{written_numbers} = {written}。"
    "{driver}"
)
DRIVER_STATE = {
    "kept": "影响最大的是舍弃的部分。",
    "written": "影响最大的是写入的部分。",
    "none": "舍弃的和写入的都很少。",
}
# 其他由别的量算出的量（耦合的门 f = 1 − i）。
WHY_DERIVED = "{symbol} 在这里没有自己的权重：{symbol}ₜ₊₁ = {formula} = {after}。"

# --- 得分 ---
SCORE = "得分"
SCORE_VALUE = "{right} / {asked}"
SCORE_BY = "{symbol}：{right} / {asked}"
SCORE_NONE = "还没有揭晓任何一步。"

# --- 教师的答案（链接中的 answers=1）---
ANSWERS_TITLE = "答案（教师视图）"
ANSWERS_NOTE = (
    "单元 {unit}，本序列的每个时间步：每个量的前值 → 后值，以及它的变化（变化的绝对值小于 {threshold} 记为“不变”）。"
    "由链接中的 answers=1 打开：发给学生的链接请去掉它。"
)
ANSWER_COLUMNS = {"t": "t → t+1", "token": "读入的输入", "values": "{symbol}：前 → 后", "move": "{symbol}：变化"}

# --- 拒绝，以及链接中练习部分可能出现的错误 ---
ERRORS = {
    "exercise.no_next_step": "t：时间步 {t} 之后没有下一步可以预测（最后一步是 {last}）",
    "exercise.not_asked": "量：{cell} 的练习不预测 {name}；它预测 {asked}",
    "exercise.link_flag": "{name} {value} 不是 0 或 1",
    "exercise.link_quantity": "exq：{value} 不是练习会预测的量（{names}）",
}
