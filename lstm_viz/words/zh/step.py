"""简体中文: lstm_viz/words/en/step.py 的译文 (the same names and parameters)."""

TITLE = "逐步运行"
# 标题下的说明：任务、单元类型、模型、层 (堆叠时)、序列长度 T 和单元数 H；{family}：单元代码所在的模块。
CAPTION = (
    "{task} · {cell} · 模型：{model} · {where}{T} 个时间步，{H} 个单元。下面的每个数字都由 NumPy 实现的 {cell} 单元"
    "（`lstm_viz/core/cells/{family}.py`）根据这个模型的权重计算得出。"
)
WHERE = "第 {layer} 层（共 {layers} 层）· "
PLAY = "播放"
PLAY_HELP = "自动一步一步地走完整个序列。"
PLAY_SPEED = "播放速度"
SPEEDS = {"slow": "慢", "normal": "中", "fast": "快"}
TIME_STEP = "时间步 t"
UNIT = "单元"
UNIT_OPTION = "单元 {unit}"
FORM = "方程的写法"
FORMS = {"separated": "分开写：  Wₓ·xₜ + Wₕ·hₜ₋₁ + b", "concatenated": "拼接写：  W·[hₜ₋₁, xₜ] + b"}
IN_WORDS = "单元 {unit} 在 t = {t} 时，用文字说"
OVER_SEQUENCE = "单元 {unit} 在整个序列上"
TIMELINE_HIDDEN = "预测时隐藏：它会显示后面的时间步。揭晓你的预测，或关闭练习，就能看到它。"
ALL_UNITS = "t = {t} 时的全部 {H} 个单元"
PRODUCTS = "单元 {unit} 在 t = {t} 时点积中的每一项乘积"
PRODUCTS_HELP = "一个门的每个权重乘以它的输入，列成一张表（只在打开时绘制）。"
GATE = "门"
SUM = "它们的和是 {sum:.6f}；加上偏置 {bias:.6f}{reset}{peep}，得到预激活值 {pre:.6f}。"
SUM_RESET = "，h 部分乘以 r = {r:.6f}，再加上 b_hn = {b_hn:.6f}"
SUM_PEEP = "，以及窥视孔项 {peep:.6f}"
# 第一层每个输入的含义：一个符号或一个词 ({token}，加引号)、一个数值、一个标记；更深的层读取下一层的 h。
INPUT_IS = "是“{token}”"
INPUTS = {"value": "数值", "marker": "标记"}
LOWER_H = "第 {layer} 层的 h[{j}]"
FROM_LINK = "链接中的位置已调整：{said}。"
LINK_JOIN = "；"

# 链接中的 t 或单元超出范围：请求的值、范围，以及改为显示的值。
LINK_PAST = {
    "t": "t = {asked} 超出了这个序列的时间步（0 到 {last}）：显示 t = {shown}",
    "unit": "单元 {asked} 超出了这个模型的单元（0 到 {last}）：显示单元 {shown}",
}

# 步进器 (lstm_viz/ui/stepper)：第 t 步的一句话，以及它的标签。
STEP_SAID = "读到 {token}：{answer}。"

STEPPER_LABELS = {
    "prev": "‹ 上一步",
    "next": "下一步 ›",
    "prev_title": "上一步（←）",
    "next_title": "下一步（→）",
    "where": "t = {t}（0 至 {last}）· 单元 {unit}",
    "t": "t = {t}",
    "tokens": "输入符号",
    "values": "所选单元在第 t 步的值",
}

# 单元示意图 (lstm_viz/viz/diagram.py)：标签，以及鼠标悬停在连线或方框上时显示的文字。
DIAGRAM = {
    "memory_in": "{name}（输入的记忆）",
    "memory_kept": "{name}（保留的记忆）",
    "memory_out": "{name}（输出的记忆）",
    "wire": "{name}（{title}）",
    "missing_wire": "{name} ≡ 1：这个变体没有{title}",
    "written": "{name}（写入记忆）",
    "to_next": "{name}（传给下一步）",
    "to_readout": "{name}（传给读出层）",
    "peephole": "进入 {gate} 的窥视孔连接：{term}",
    "peepholes": "窥视孔",
    "box": "{title}：{name}",
    "coupled": "{name} = {link}：{title}与{source}耦合",
    "missing_box": "没有{title}：{name} ≡ 1",
    "no_activation": "无激活函数",
    "bus": "h<sub>t-1</sub>（所有单元）",
    "bus_unit": "h<sub>t-1</sub>（所有单元；单元 {unit}：{value:.2f}）",
    "readout": "传给读出层",
    "state_in": "{name}（输入的状态）",
    "kept": "{name}（保留的部分）",
    "state_out": "{name}（输出的状态：传给下一步）",
    "recurrent_part": "循环部分 {term}",
    "input_part": "输入部分 {term}",
    "renewed": "{name}（更新的比例）",
    "new": "{name}（新的部分）",
    "on_bus": "{name}（总线上的一个单元）",
    "no_belt": "没有门，也没有传送带：<br>h 每一步都被重写",
    "pre": "<br>预激活值 {pre} = {parts}",
    "peep_part": "（窥视孔 w<sub>c</sub> ⊙ c）",
}
