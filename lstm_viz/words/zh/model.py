"""简体中文: lstm_viz/words/en/model.py 的译文 (the same names and parameters)."""

# Names kept in a Chinese sentence: the tool's name (lstm-viz), Keras' and torch's classes, options, values
# (nn.Linear, torch.save, weights_only=True, None), file formats (zip, HDF5, UTF-8), a read-out's code (fc(out)).
KEEP_ENGLISH = (
    "viz", "nn", "fc", "out", "save", "load", "true", "false", "none", "hdf", "utf", "zip", "sequential",
    "functional", "model", "activation", "importedmodel", "predict", "forward", "io", "weights", "tf", "oov", "int",
    "idf", "clip", "float", "gru's", "lstm's", "rnn's", "conv", "ngrams", "pickle", "nonlinearity", "config", "data",
    "pkl", "vocabulary", "dtype", "encoding", "standardize", "split", "whitespace", "assets", "adapt", "weight",
    "bidirectional",
)  # fmt: skip

TITLE = "你的模型"
INTRO = (
    "一个 Keras 模型（.keras、.h5）或 PyTorch 的 state_dict（.pt、.pth、.safetensors）：以 Embedding 或数值为输入，"
    "有 1 到 3 层 LSTM、GRU 或 RNN，后接 Dense 读出层。下面的每个数都由 lstm-viz 的 NumPy 单元用文件里的权重算出"
    "（lstm_viz.io.load_model），不需要 Keras 或 PyTorch。"
)

# --- the model picker and the upload ---
PICK = "模型"
PICK_HELP = "lstm-viz 自带的示例模型之一（用 Keras 3 构建），或你自己的文件。"
PICK_UPLOAD = "我自己的文件"
EXAMPLES = {
    "airline_lstm_relu": "预测下个月的航空旅客人数，取对数并标准化（航空旅客任务）",
    "negation_embedding_lstm": "这句话是正面的吗？（本仓库的否定句数据）",
    "negation_stacked_softmax": "负面还是正面？（本仓库的否定句数据，词用独热向量表示）",
    "sine_stacked": "预测带噪声正弦波的下一个值（正弦任务）",
}
EXAMPLE_SAID = "{layers}：{about}（{path}）"
UNTIL_OPENED = "在文件打开之前，本页显示示例 {name}。"
UPLOAD = "模型文件（.keras、.h5、.pt、.pth、.safetensors）"
UPLOAD_HELP = (
    "一个 Keras 模型（.keras 或 .h5）或 PyTorch 的 state_dict（.pt、.pth 或 .safetensors），最大 {mb} MB。"
    "文件只被解析，从不反序列化，并且只保存在这个浏览器会话中：本页的链接无法带上它。"
)
CHOOSE_FILE = "请在上方选择一个 Keras 或 PyTorch 模型文件。"
SHOWING_EARLIER = "正在显示 {name}，它是本会话中早些时候上传的。"
NOT_OPENED = "未能打开 {name}：{why}。"
STILL_SHOWING_FILE = "仍在显示 {name}，即上一个成功打开的文件。"

# --- a state_dict's questions ---
STATE_DICT_NOTE = (
    "PyTorch 的 state_dict 只保存张量：单元类型、大小和层数都从张量的形状读出；形状说不出的部分，请在下面指定。"
)
RNN_ACT = "nn.RNN 的非线性函数"
RNN_ACT_HELP = "nn.RNN(nonlinearity=...)：文件里没有这一项。LSTM 和 GRU 用的是 tanh。"
RNN_ACTS = {"ask": "不是 nn.RNN", "tanh": "tanh", "relu": "relu"}
READOUT = "读出层作用于"
READOUT_HELP = "模型的 forward 在哪里使用它的 nn.Linear。"
READOUT_AT = {"last": "最后一个时间步：fc(out[:, -1])", "all": "每个时间步：fc(out)"}
OUT_ACT = "输出激活函数"
OUT_ACT_HELP = "读出层之后的函数（是非题用 sigmoid，分类用 softmax）。"

# --- what was read ---
WHAT_READ = "读到的内容"
SUMMARY_COLUMNS = {"layer": "层", "kind": "类型", "shape": "形状", "details": "说明"}
SUMMARY = {
    "embedding": "词元 id 0 到 {last}，每个映射为 {size} 个数",
    "recurrent": "激活函数 {activation}；{hands_on}",
    "every_step": "传出每个时间步",
    "last_step": "只传出最后一个时间步",
    "gates": "{activation}，门 {gates}",
    "not_default": "{options}（不是默认值）",
    "dense": "Dense（读出层）",
    "activation_layer": "Activation",
    "dense_details": "激活函数 {activation}",
}
READS_IDS = "词元 id 0 到 {last}"
READS_ONE_HOT = "长度为 {size} 的独热词向量"
READS_TASK = (
    "它读入{reads}。文件本身不带词表：这个示例的词来自本仓库中任务“{task}”的句子，它就是用这些句子训练的，"
    "所以句子按词输入，并按训练数据的方式编码。"
)
READS_TEXT = "它读入文本：文件在 {layer} 层中自带一个 {count:,} 个词元的词表，会像 Keras 一样把输入的词转换为词元 id。"
READS_IDS_ONLY = "它读入词元 id 0 到 {last}。文件不带词表（没有 id 对应的词），所以输入要写成 id。"
READS_NUMBER = "它每个时间步读入 1 个数。"
READS_NUMBERS = "它每个时间步读入 {count} 个数。"
UPLOAD_STAYS = "{name} 只保存在这个浏览器会话中：本页的链接会打开一个示例。"

# --- the input ---
INPUT_KINDS = {"sentence": "一句话", "text": "文本", "ids": "词元 id", "numbers": "数值"}
INPUT = "输入（{kind}，最多 {limit} 个时间步）"
TYPE_HINT = "请输入{hint}。"
INPUT_REFUSED = "这个输入无法使用：{why}。"
CANNOT_SHOW = "这个模型无法在这里显示：{why}。"
STILL_SHOWING_INPUT = "仍在显示上一个有效输入：{text}"
CANNOT_RUN = "这个模型无法在这个输入上运行：{why}。"
HELP_LIMIT = "最多 {limit} 个时间步。"
HELP_TASK = "请输入{hint}。它按训练句子的方式编码：在左侧用 {pad} 补齐到 {steps} 个时间步，每个时间步一个词。{limit}"
HELP_TEXT = (
    "文本，由模型自带的 {layer} 层按 Keras 的方式读取：它{how}{split}，再逐个查找词元"
    "（共 {count:,} 个词元；不认识的词元变为词表外词元）。{limit}"
)
HELP_STANDARDIZE = {
    "lower_and_strip_punctuation": "转为小写并去掉标点，",
    "lower": "转为小写，",
    "strip_punctuation": "去掉标点，",
}
HELP_SPLIT = {"whitespace": "按空格切分", "none": "把整段当作一个词元"}
HELP_IDS = (
    "词元 id：0 到 {last} 的整数，用空格或逗号分隔，"
    "例如 '3 1 4 1 5'。{limit}文件不带词表，所以不能输入词，只能输入 id。"
)
HELP_ONE_NUMBER = "每个时间步一个数，用空格或逗号分隔，例如 '0.1 0.5 -0.2'。{limit}"
HELP_NUMBERS = (
    "每个时间步 {count} 个数（用空格或逗号分隔），时间步之间用 ';' 或换行分隔，例如 '{example}; ...'。{limit}"
)

# --- the prediction ---
PREDICTION = "它的预测"
PREDICTION_NOTE = (
    "对这个输入调用 ImportedModel.predict：即原模型的 predict（Keras）或 forward（PyTorch）的返回值，由 lstm-viz 算出。"
)
CLASS_CHANCE = "y[0] 是类别 1（{one}）的概率（类别 0 是{zero}）。"
CLASS_COLUMNS = "每个类别一列：{columns}。"
CLASS_COLUMN = "y[{k}] {name}"
CLASS_SEPARATOR = "，"
OUTPUT_COLUMN = "输出"
OUTPUT_LAST = "最后一个时间步之后"
OUTPUT_AT = "t = {t}（{token}）"

# --- the gates ---
LAYER_SHOWN = "显示的层"
LAYER_OPTION = "第 {k} 层：{name}（{place}）"
LAYER_PLACES = {"first": "读取输入", "top": "连接读出层", "middle": "位于中间"}
LAYER_WHERE = "第 {layer} 层（{name}）· "
EVERY_GATE = "{cell} 的每个门和状态"
EVERY_GATE_NOTE = (
    "{where}{steps} 个时间步，{units} 个单元。颜色范围固定，取自这个输入和 32 个同样长度的随机输入；"
    "把鼠标移到格子上可以看到数值。"
)
ONE_UNIT = "一个单元，一个时间步"
TIME_STEP = "时间步 t"
UNIT = "单元"
UNIT_OPTION = "单元 {unit}"
UNIT_AT = "**单元 {unit}，t = {t}**（输入 {token}）：每个门和状态"
EQUATIONS_NOTE = "{cell} 在 t = {t} 时单元 {unit} 的方程，代入这个文件的权重和数值（与“逐步运行”页相同的视图）。"
ALL_UNITS = "**t = {t} 时全部 {units} 个单元**，单元 {unit} 用边框标出"
UNIT_OVER = "**单元 {unit} 在整个输入上的变化**"

# --- the parts of a file and the reasons a refusal names ---
PHRASES = {
    "model_file": "模型文件",
    "file": "{kind} 文件",
    "header": "{kind} 文件头",
    "layer": "层 {layer}",
    "weight": "层 {layer} 的 {role}",
    "tensor": "张量 {name}",
    "module": "模块 {name}",
    "top": "（顶层）",
    "Bidirectional": "正向和反向各运行一遍它包装的层",
    "Masking": "会屏蔽时间步",
    "TimeDistributed": "包装一个层，在每个时间步运行",
    "Conv1D": "沿时间做卷积",
    "Attention": "在序列上做注意力",
    "MultiHeadAttention": "在序列上做注意力",
    "RNN": "包装了自定义单元",
    "ConvLSTM1D": "是卷积 LSTM",
    "ConvLSTM2D": "是卷积 LSTM",
    "go_backwards": "反向读取序列",
    "stateful": "在批次之间保留状态",
    "return_state": "返回自身的状态",
    "time_major": "读取时间维在前的输入",
}

ERRORS = {
    # the file as a whole
    "model.no_file": "{what}：{path} 处没有文件",
    "model.file_too_big": "{what}：{size} 字节，超过上限 {limit}",
    "model.over_limit": "{what}：超过 {limit} 字节的上限",
    "model.empty": "{what}：文件是空的",
    "model.upload_too_big": "{size} 字节，超过上限 {limit}",
    "model.unreadable": "无法作为模型文件读取（{kind}）",
    "model.unknown_file": (
        "不是 lstm-viz 能读取的模型文件：应为 Keras 的 .keras 或 .h5 文件，或保存为 .safetensors 或 .pt/.pth 的 "
        "PyTorch state_dict"
    ),
    "model.pickle": (
        "这是一个 pickle（或 1.6 之前格式的 torch 文件）：pickle 可以执行代码，所以 lstm-viz 从不打开它；"
        "请用较新的 torch.save 保存 state_dict，或保存为 .safetensors"
    ),
    "model.zip_unknown": (
        "这是一个 zip 压缩包，但既不是 Keras 的 .keras 文件（config.json、model.weights.h5），"
        "也不是 torch.save 写出的文件（data.pkl）"
    ),
    "model.text_too_long_for_page": "它的 {layer} 会把每段文本变成 {steps} 个时间步；本页最多显示 {limit} 个",
    # zip archives
    "model.zip_too_short": "{what}：不是可读的 zip 压缩包（太短）",
    "model.zip_no_end": "{what}：不是可读的 zip 压缩包（没有中央目录结束记录）",
    "model.zip64_no_record": "{what}：不是可读的 zip 压缩包（有 ZIP64 定位符却没有对应的记录）",
    "model.zip_unreadable": "{what}：不是可读的 zip 压缩包（{why}）",
    "model.zip_members": "{what}：zip 中有 {count} 个成员，超过上限 {limit}",
    "model.zip_directory": "{what}：中央目录有 {size} 字节，超过上限 {limit}（成员比它声明的多？）",
    "model.zip_encrypted": "{what}：成员 {name} 是加密的",
    "model.zip_compression": "{what}：成员 {name} 使用了 lstm-viz 不读取的压缩方式",
    "model.zip_bomb_member": "{what}：成员 {name} 声明解压后有 {size} 字节，超过上限 {limit}（zip 炸弹？）",
    "model.zip_bomb_total": "{what}：所有成员声明解压后共 {size} 字节，超过上限 {limit}（zip 炸弹？）",
    "model.zip_no_member": "{what}：zip 中没有成员 {name}",
    "model.member_too_big": "{what}：{name} 声明有 {size} 字节，超过上限 {limit}",
    "model.member_unpack": "{what}：{name} 无法解压（{why}）",
    "model.member_size": "{what}：{name} 的内容与它声明的 {size} 字节不符",
    # weights and HDF5
    "model.not_float_items": "{what}：权重应为浮点数（float16、32 或 64），实际每项 {size} 字节",
    "model.not_weight_shape": "{what}：形状 {shape} 不是权重的形状",
    "model.too_many_numbers": "{what}：形状 {shape} 使模型超过 {limit} 个数的上限",
    "model.not_finite": "{what}：含有 NaN 或无穷大",
    "model.h5_link": "{what}：{path} 是指向别处的链接，lstm-viz 不跟随链接",
    "model.h5_missing": "{what}：文件中没有 {path}",
    "model.h5_not_dataset": "{what}：{path} 不是数据集",
    "model.h5_external": "{what}：{path} 的数据保存在文件之外，lstm-viz 不读取",
    "model.h5_chunked": "{what}：{path} 是分块或压缩存储的，而 Keras 不会这样写；lstm-viz 只读取连续存储的权重",
    "model.h5_not_float": "{what}：权重应为浮点数，实际是 {dtype}",
    "model.h5_unreadable": "{what}：无法读取（{why}）",
    "model.attr_array": "{what}：它的属性 {name} 不是一段文本，而是形状为 {shape} 的数组",
    "model.attr_too_big": "{what}：它的属性 {name} 有 {size} 字节，超过上限 {limit}",
    "model.attr_unreadable": "{what}：它的属性 {name} 无法读取",
    "model.attr_not_text": "{what}：它的属性 {name} 不是文本",
    "model.attr_too_long": "{what}：它的属性 {name} 有 {size} 个字符，超过上限 {limit}",
    "model.attr_missing": "{what}：没有属性 {name}，而 Keras 的 .h5 文件有这个属性",
    "model.attr_not_names": "{what}：它的属性 {name} 不是一个简短的名称列表",
    "model.attr_long_name": "{what}：它的属性 {name} 中有超过 200 个字符的名称",
    "model.not_hdf5": "{what}：不是 HDF5 文件（没有 HDF5 签名）",
    "model.hdf5_damaged": "{what}：不是可读的 HDF5 文件，可能被截断或已损坏（{why}）",
    "model.file_damaged": "{what}：无法读取，可能被截断或已损坏（{why}）",
    # Keras files
    "model.keras_missing_member": "{what}：zip 中没有 {member}，所以不是 Keras 3 模型",
    "model.not_utf8": "{what}：不是 UTF-8 文本",
    "model.h5_no_config": (
        "{what}：是 HDF5 文件，但不是 Keras 模型（没有 model_config 属性；"
        "只用 save_weights 保存的文件说不出它有哪些层）"
    ),
    "model.h5_no_weights": "{what}：是有 model_config 的 HDF5 文件，但没有 model_weights 组",
    "model.vocab_assets_differ": "层 {layer}：它的两个 vocabulary.txt 资源不一致",
    "model.keras_no_weights": "层 {layer}：model.weights.h5 中 {path} 处没有权重",
    "model.keras_var_count": "层 {layer}：model.weights.h5 中有 {count} 个变量，应为 {expected} 个（{roles}）",
    "model.h5_no_group": "层 {layer}：文件中没有组 model_weights/{name}",
    "model.h5_bad_weight": "层 {layer}：权重 {path} 不是应有的 {roles}",
    "model.h5_weights": "层 {layer}：权重为 {found}，应为 {roles}",
    "model.h5_weights_none": "层 {layer}：没有权重，应为 {roles}",
    "model.weight_shape": "层 {layer}：{role} 的形状是 {shape}，应为 {expected}",
    # a Keras config
    "model.config_too_big": "{what}：配置有 {size} 字节，超过上限 {limit}",
    "model.bad_json": (
        "{what}：不是有效的 JSON，或者括号和字符串超过 {items} 个、嵌套超过 {depth} 层，超出了模型文件应有的范围"
    ),
    "model.config_no_class": "{what}：不是 Keras 模型配置（没有 class_name）",
    "model.config_model": "{what}：模型是 {model}；lstm-viz 读取 Sequential、Functional 或 Model 模型",
    "model.config_no_layers": "{what}：模型配置中没有层的列表",
    "model.config_too_many_layers": "{what}：有 {count} 层，超过上限 {limit}",
    "model.config_bad_layer": "{what}：配置中有一层不是 {{class_name, config}} 对象",
    "model.config_no_class_name": "{what}：有一层没有 class_name",
    "model.custom_layer": "层 {layer}：自定义层（模块 {module}）不被读取",
    "model.input_option": "层 {layer}：{option}=True 不被读取",
    "model.mask_zero": "层 {layer}：lstm-viz 不计算 mask_zero=True（掩码）",
    "model.layer_refused": "层 {layer}：lstm-viz 不计算 {cls} 层（它{why}）",
    "model.unknown_class": (
        "层 {layer}：层类 {cls} 不是 lstm-viz 能计算的（它读取 TextVectorization、StringLookup、Embedding、LSTM、"
        "GRU、SimpleRNN、Dropout、Dense、Activation）"
    ),
    "model.recurrent_option": "层 {layer}：lstm-viz 不计算 {option}=True（它{why}）",
    "model.gru_reset_after": (
        "层 {layer}：lstm-viz 不计算 reset_after=False（TF 2 之前 Keras 2 的 GRU，r 在 W_hn 之前作用）；"
        "它计算 reset_after=True，即 torch 的 GRU"
    ),
    "model.activation_not_builtin": "层 {layer}：{option}={value} 不是内置激活函数",
    "model.hard_sigmoid_keras2": (
        "层 {layer}：Keras 2 的 recurrent_activation=hard_sigmoid（clip(0.2 z + 0.5, 0, 1)）与 lstm-viz 计算的 "
        "Keras 3 版本（relu6(z + 3) / 6）不同"
    ),
    "model.cell_activation": "层 {layer}：{option}：{value} 在这里无法计算；应为 {expected} 之一",
    "model.cell_option": "层 {layer}：{why}",
    "model.units": "层 {layer}：{option}={value} 不是 1 到 {limit} 的整数",
    "model.units_from": "层 {layer}：{option}={value} 不是大于等于 1 的整数",
    "model.output_activation": "层 {layer}：lstm-viz 在这里不计算 activation={value}；应为 {expected} 之一",
    "model.dtype": "层 {layer}：lstm-viz 不计算 dtype={dtype}（它读取 float32 或 float64 的层）",
    "model.shared_layer": "层 {layer}：被调用了 {count} 次（共享层）；lstm-viz 只读取一条链",
    "model.not_chain": "层 {layer}：读取的是 {reads}，而不是它前面的层；lstm-viz 只读取由层串成一条链的模型",
    "model.not_chain_nothing": "层 {layer}：没有读取任何层，而不是它前面的层；lstm-viz 只读取由层串成一条链的模型",
    "model.output_not_last": "{what}：模型的输出不是它的最后一层 {last}",
    "model.input_after_first": "层 {layer}：第一层之后又出现了输入层",
    "model.lookup_then_embedding": "层 {layer}：它的词元 id 必须送入紧接着的 Embedding 层",
    "model.lookup_first": "层 {layer}：{cls} 必须是第一层",
    "model.embedding_first": "层 {layer}：Embedding 必须是第一层",
    "model.embedding_after_lookup": "层 {layer}：Embedding 必须紧跟在查表层之后",
    "model.recurrent_after_readout": "层 {layer}：读出层之后的循环层不被读取",
    "model.readout_before_recurrent": "层 {layer}：循环层之前的 {cls} 不被读取",
    "model.recurrent_count": "模型有 {count} 个循环层；lstm-viz 读取 1 到 3 个",
    "model.not_sequences": "层 {layer}：return_sequences=False，但 {above} 需要读取序列",
    "model.option_on": "层 {layer}：lstm-viz 不计算选项 {option}={value}",
    # a Keras TextVectorization / StringLookup
    "model.token_unknown": "文本：词元 {token} 不在 {layer} 的词表中，而它的 num_oov_indices=0（Keras 同样拒绝）",
    "model.no_tokens": "文本：一个词元都没有，模型无从运行",
    "model.texts_too_long": "文本：{count} 个词元，超过上限 {limit}",
    "model.vocab_file_too_big": "层 {layer}：vocabulary.txt 有 {size} 字节，超过上限 {limit}",
    "model.vocab_not_utf8": "层 {layer}：vocabulary.txt 不是 UTF-8 文本",
    "model.output_mode": (
        "层 {layer}：output_mode={value} 不被读取；lstm-viz 读取 output_mode='int'（给 Embedding 的词元 id）"
    ),
    "model.lookup_option": "层 {layer}：lstm-viz 不计算 {option}=True",
    "model.encoding": "层 {layer}：encoding={value} 不被读取；lstm-viz 读取 utf-8",
    "model.idf_weights": "层 {layer}：lstm-viz 不计算 idf_weights（tf-idf）",
    "model.vocabulary_dtype": "层 {layer}：vocabulary_dtype={value} 不被读取",
    "model.standardize": "层 {layer}：lstm-viz 不计算 standardize={value}（自定义函数）；它计算 {choices}",
    "model.split_character": (
        "层 {layer}：lstm-viz 不计算 split={value}（按字符切分）；它计算 split='whitespace' 或 None"
    ),
    "model.split_custom": "层 {layer}：lstm-viz 不计算 split={value}（自定义函数）；它计算 split='whitespace' 或 None",
    "model.ngrams": "层 {layer}：lstm-viz 不计算 ngrams={value}",
    "model.sequence_length": "层 {layer}：output_sequence_length={value} 不是 1 到 {limit} 的整数",
    "model.split_none_shape": (
        "层 {layer}：不读取形状为 {shape} 的输入上的 split=None；lstm-viz 只在形状为 (B, 1) 的文本上读取它"
    ),
    "model.mask_token": "层 {layer}：mask_token={value} 不被读取；lstm-viz 读取 mask_token 为 None 或 ''",
    "model.num_oov": "层 {layer}：lstm-viz 不计算 num_oov_indices={value}（把词元哈希到多个 OOV 桶）；它计算 0 或 1",
    "model.oov_token": "层 {layer}：oov_token={value} 不是字符串",
    "model.vocabulary_path": "层 {layer}：vocabulary={value} 是模型压缩包之外的文件，lstm-viz 不打开它",
    "model.vocabulary_not_strings": "层 {layer}：词表不是字符串列表",
    "model.vocabulary_too_big": "层 {layer}：词表有 {count} 个词元，超过上限 {limit}",
    "model.no_vocabulary": (
        "层 {layer}：没有词表（配置中没有，文件中也没有 assets/.../vocabulary.txt；旧版 .h5 文件不保存 adapt 得到的"
        "词表：请保存为 .keras）"
    ),
    "model.empty_vocabulary": "层 {layer}：词表是空的",
    "model.token_too_long": "层 {layer}：词表中有词元超过 {limit} 个字符",
    "model.vocab_repeats": "层 {layer}：词表中有重复的词元（Keras 同样拒绝）",
    "model.vocab_mask": "层 {layer}：词表的词元中含有掩码词元 {mask}",
    "model.max_tokens": "层 {layer}：词表有 {count} 个词元，超过它的 max_tokens={limit}",
    # the model as a whole
    "model.embedding_empty": "{name}：Embedding 有 0 行，读不了任何词元 id",
    "model.vocab_past_embedding": (
        "{layer}：词表有 {count} 个词元，但 Embedding {embedding} 只有 {rows} 行，最后的 id 会越界"
        "（Keras 在 predict 时会出错）"
    ),
    # PyTorch files
    "model.pt_no_pickle": "{what}：是 zip，但不是 torch.save 写出的（没有 data.pkl）",
    "model.pt_not_tensors": "{what}：被 torch.load(weights_only=True) 拒绝：它保存的不只是张量（{detail}）",
    "model.pt_refused": "{what}：被 torch.load(weights_only=True) 拒绝：{detail}",
    "model.pt_not_dict": "{what}：保存的是 {kind}，而不是 state_dict（张量的字典）",
    "model.too_many_tensors": "{what}：有 {count} 个张量，超过上限 {limit}",
    "model.not_tensor": "{what}：不是张量（{kind}）；state_dict 只保存张量",
    "model.tensor_dtype": "{what}：数值类型是 {dtype}，应为 float16、float32 或 float64",
    "model.st_short": "{what}：只有 {size} 字节",
    "model.st_truncated": "{what}：被截断了，或者不是 safetensors 文件（文件头超出了文件末尾）",
    "model.st_header_utf8": "{what}：文件头不是 UTF-8 编码的 JSON",
    "model.st_header_object": "{what}：文件头不是 JSON 对象",
    "model.st_lstm_viz": "{what}：这是 lstm-viz 的权重文件，不是 PyTorch 的 state_dict：请用 lstm_viz.io.weights 打开",
    "model.st_entry": "{what}：文件头中的条目没有可读的形状和偏移量",
    "model.st_dtype": "{what}：数值类型 {dtype}，应为 F16、F32 或 F64",
    "model.st_offsets": "{what}：数据偏移量与它的形状和文件不符（被截断了？）",
    "model.st_unreadable": "{what}：无法读取（{why}）",
    "model.sd_no_recurrent": "state_dict：没有循环层的权重（nn.LSTM、nn.GRU 或 nn.RNN 的 weight_ih_l0）",
    "model.sd_many_recurrent": (
        "state_dict：有多个循环模块 {modules}；lstm-viz 只读取一个（多层由它的 num_layers 堆叠）"
    ),
    "model.sd_ambiguous": (
        "张量 {module}.weight：形状 {shape}、没有偏置，既可以是 {rnn} 之前的 nn.Embedding（宽度 {width}），"
        "也可以是它之后无偏置的 nn.Linear 读出层（输入 {hidden}）；而 .safetensors 文件不保留能区分两者的模块顺序。"
        "请用 torch.save 保存 state_dict（.pt）"
    ),
    "model.sd_second_embedding": (
        "{what}：第二个嵌入层；lstm-viz 只读取 {rnn} 之前的一个 nn.Embedding 和之后的一个 nn.Linear 读出层"
    ),
    "model.sd_second_readout": (
        "{what}：第二个读出层；lstm-viz 只读取 {rnn} 之前的一个 nn.Embedding 和之后的一个 nn.Linear 读出层"
    ),
    "model.sd_not_module": "{what}：张量 {names} 既不是 nn.Embedding，也不是 {rnn} 之后的一个 nn.Linear 读出层",
    "model.sd_readout_shape": "{what}：权重 {weight}、偏置 {bias}，读出层应为 (K, {hidden})、(K,)",
    "model.sd_input_layer": (
        "张量 {module}.weight：一个 nn.Linear {inputs} -> {outputs}，它的张量在 state_dict 中位于 {rnn} 之前，"
        "所以是输入层，lstm-viz 不读取（读出层的张量在循环模块之后）"
    ),
    "model.sd_width": "{what}：嵌入宽度为 {width}，但 {rnn} 读入 {size}（无偏置的读出层则应读入 {hidden}）",
    "model.sd_bidirectional": "{tensor}：不读取双向模块（bidirectional=True）",
    "model.sd_proj": "{tensor}：不读取带 proj_size 的 LSTM",
    "model.sd_param": "{tensor}：不是 nn.LSTM、nn.GRU 或 nn.RNN 的参数",
    "model.sd_hh_shape": "{tensor}：形状应为 (G·H, H)，实际是 {shape}",
    "model.sd_cell_shape": "{tensor}：形状 {shape} 不是 LSTM、GRU 或 RNN 的（4H、3H 或 H 行，H 最大 {limit}）",
    "model.sd_rnn_activation": (
        "activation：{name} 是 nn.RNN，而 state_dict 不保存它的非线性函数；请指定：activation='tanh'（torch 的默认值）"
        "或 'relu'"
    ),
    "model.sd_tanh_only": "activation：torch 的 {cell} 计算的是 tanh，不是 {activation}",
    "model.sd_layers": "num_layers：{name} 有 {count} 层；lstm-viz 读取 1 到 3 层",
    "model.sd_shape": "{tensor}：形状应为 {expected}，实际是 {shape}",
    "model.sd_bias_pair": "{name}：第 {k} 层只有 bias_ih_l{k}、bias_hh_l{k} 中的一个",
    # the typed input
    "model.input_too_many_chars": "太长了：{count} 个字符（上限是 {limit}）",
    "model.input_no_words": "输入是空的：请输入一些词",
    "model.input_empty": "输入是空的：请至少输入一个时间步",
    "model.input_too_long": "太长了：{steps} 个时间步（上限是 {limit}）",
    "model.not_token_id": "{word} 不是词元 id（应为 0 到 {last} 的整数）",
    "model.token_outside": "词元 id {id} 超出了词表：嵌入层的 id 是 0 到 {last}",
    "model.step_count": "时间步 {t} 有 {count} 个数；这个模型每个时间步读入 {size} 个",
}
