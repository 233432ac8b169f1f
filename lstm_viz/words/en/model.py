"""English. The Your model page: opening a Keras or PyTorch model, its input and its gates; the model readers'
refusals (lstm_viz/io) and the typed input's (lstm_viz/ui/model_input.py)."""

TITLE = "Your model"
INTRO = (
    "A Keras model (.keras, .h5) or a PyTorch state_dict (.pt, .pth, .safetensors) with an Embedding or numbers as "
    "input, 1 to 3 LSTM, GRU or RNN layers and Dense read-outs. Every number below is computed by lstm-viz's NumPy "
    "cells from the file's weights (lstm_viz.io.load_model), without Keras or PyTorch."
)

# --- the model picker and the upload ---
PICK = "Model"
PICK_HELP = "One of the example models shipped with lstm-viz (built with Keras 3), or a file of yours."
PICK_UPLOAD = "a file of my own"
# What each shipped example does, after its layers ("LSTM(50, relu) -> Dense: ..."; the layers stay as they are).
EXAMPLES = {
    "airline_lstm_relu": "next month's airline passengers, log-scaled and standardised (the Airline task)",
    "negation_embedding_lstm": "is the sentence positive? (the repository's negation sentences)",
    "negation_stacked_softmax": "negative or positive? (the repository's negation sentences, one-hot words)",
    "sine_stacked": "the next value of a noisy sine wave (the Sine task)",
}
EXAMPLE_SAID = "{layers}: {about} ({path})"
UNTIL_OPENED = "Until a file opens, this page shows the example {name}."
UPLOAD = "Model file (.keras, .h5, .pt, .pth, .safetensors)"
UPLOAD_HELP = (
    "A Keras model (.keras or .h5) or a PyTorch state_dict (.pt, .pth or .safetensors), at most {mb} MB. The file "
    "is parsed, never unpickled, and is kept in this browser session only: a link to this page cannot carry it."
)
CHOOSE_FILE = "Choose a Keras or PyTorch model file above."
SHOWING_EARLIER = "Showing {name}, uploaded earlier in this session."
NOT_OPENED = "Not opened: {name}: {why}."
STILL_SHOWING_FILE = "Still showing {name}, the last file that opened."

# --- a state_dict's questions: what its tensors cannot say ---
STATE_DICT_NOTE = (
    "A PyTorch state_dict holds tensors only: the cell, its sizes and its layers are read from their shapes; say "
    "what they cannot tell."
)
RNN_ACT = "Nonlinearity of an nn.RNN"
RNN_ACT_HELP = "nn.RNN(nonlinearity=...): not in the file. An LSTM or a GRU computes tanh."
RNN_ACTS = {"ask": "not an nn.RNN", "tanh": "tanh", "relu": "relu"}
READOUT = "Read-out at"
READOUT_HELP = "Where the model's forward applies its nn.Linear."
READOUT_AT = {"last": "the last step: fc(out[:, -1])", "all": "every step: fc(out)"}
OUT_ACT = "Output activation"
OUT_ACT_HELP = "The function after the read-out (sigmoid for a yes/no answer, softmax for classes)."

# --- what was read ---
WHAT_READ = "What was read"
SUMMARY_COLUMNS = {"layer": "layer", "kind": "kind", "shape": "shape", "details": "details"}
SUMMARY = {
    "embedding": "token ids 0 to {last}, each to {size} numbers",
    "recurrent": "activation {activation}; {hands_on}",
    "every_step": "hands on every step",
    "last_step": "hands on its last step",
    "gates": "{activation}, gates {gates}",
    "not_default": "{options} (not the default)",
    "dense": "Dense (read-out)",
    "activation_layer": "Activation",
    "dense_details": "activation {activation}",
}
READS_IDS = "token ids 0 to {last}"
READS_ONE_HOT = "one-hot word vectors of {size} numbers"
READS_TASK = (
    "It reads {reads}. The file itself carries no vocabulary: this example's words come from the repository's "
    "sentences of the task {task}, on which it was trained, so a sentence is typed as words and encoded as that "
    "training data was."
)
READS_TEXT = (
    "It reads text: the file carries its own vocabulary of {count:,} tokens in its {layer} layer, which turns the "
    "words typed into token ids exactly as Keras does."
)
READS_IDS_ONLY = (
    "It reads token ids 0 to {last}. The file carries no vocabulary (no words for the ids), so the input is typed "
    "as ids."
)
READS_NUMBER = "It reads 1 number a step."
READS_NUMBERS = "It reads {count} numbers a step."
UPLOAD_STAYS = "{name} stays in this browser session: a link to this page opens an example."

# --- the input ---
INPUT_KINDS = {"sentence": "a sentence", "text": "text", "ids": "token ids", "numbers": "numbers"}
INPUT = "Input ({kind}, at most {limit} steps)"
TYPE_HINT = "Type {hint}."
INPUT_REFUSED = "This input cannot be used: {why}."
CANNOT_SHOW = "This model cannot be shown here: {why}."
STILL_SHOWING_INPUT = "Still showing the last good input: {text}"
CANNOT_RUN = "This model cannot be run on this input: {why}."
HELP_LIMIT = "At most {limit} steps."
HELP_TASK = (
    "Type {hint}. It is encoded as the training sentences were: left-padded with {pad} to {steps} steps, one word a "
    "step. {limit}"
)
HELP_TEXT = (
    "Text, read by the model's own {layer} layer as Keras reads it: it {how}{split} and looks each token up "
    "({count:,} tokens; one it does not know becomes its out-of-vocabulary token). {limit}"
)
# How the file's TextVectorization reads a text (HELP_TEXT's {how} by its standardize option, {split}).
HELP_STANDARDIZE = {
    "lower_and_strip_punctuation": "lowercases it and drops punctuation, ",
    "lower": "lowercases it, ",
    "strip_punctuation": "drops punctuation, ",
}
HELP_SPLIT = {"whitespace": "splits it at spaces", "none": "reads it as one token"}
HELP_IDS = (
    "Token ids, whole numbers 0 to {last} separated by spaces or commas, e.g. '3 1 4 1 5'. {limit} The file holds no "
    "vocabulary, so words cannot be typed: only ids."
)
HELP_ONE_NUMBER = "One number a step, separated by spaces or commas, e.g. '0.1 0.5 -0.2'. {limit}"
HELP_NUMBERS = (
    "{count} numbers a step (separated by spaces or commas), steps separated by ';' or new lines, e.g. "
    "'{example}; ...'. {limit}"
)

# --- the prediction ---
PREDICTION = "Its prediction"
PREDICTION_NOTE = (
    "ImportedModel.predict on this input: what the original model's predict (Keras) or forward (PyTorch) returns, "
    "computed by lstm-viz."
)
CLASS_CHANCE = "y[0] is the chance of class 1, {one} (class 0 is {zero})."
CLASS_COLUMNS = "One column a class: {columns}."
CLASS_COLUMN = "y[{k}] {name}"
CLASS_SEPARATOR = ", "
OUTPUT_COLUMN = "output"
OUTPUT_LAST = "after the last step"
OUTPUT_AT = "t = {t} ({token})"

# --- the gates ---
LAYER_SHOWN = "Layer shown"
LAYER_OPTION = "layer {k}: {name} ({place})"
LAYER_PLACES = {"first": "reads the input", "top": "feeds the read-out", "middle": "in the middle"}
LAYER_WHERE = "layer {layer} ({name}) · "
EVERY_GATE = "Every gate and state of the {cell}"
EVERY_GATE_NOTE = (
    "{where}{steps} steps, {units} units. Fixed colour ranges over this input and 32 random inputs of its length; "
    "hover a cell for its number."
)
ONE_UNIT = "One unit, one step"
TIME_STEP = "Time step t"
UNIT = "Unit"
UNIT_OPTION = "unit {unit}"
UNIT_AT = "**Unit {unit} at t = {t}** (input {token}): every gate and state"
EQUATIONS_NOTE = (
    "The {cell}'s equations for unit {unit} at t = {t}, with this file's weights and numbers (the step-through "
    "page's view)."
)
ALL_UNITS = "**All {units} units at t = {t}**, unit {unit} outlined"
UNIT_OVER = "**Unit {unit} over the whole input**"

# --- the parts of a file and the reasons a refusal names (lstm_viz.io.file_limits.Phrase), said in its sentence ---
PHRASES = {
    "model_file": "model file",
    "file": "{kind} file",
    "header": "{kind} file header",
    "layer": "layer {layer}",
    "weight": "layer {layer}: {role}",
    "tensor": "tensor {name}",
    "module": "module {name}",
    "top": "(top)",
    # why a layer class is not computed (model.layer_refused)
    "Bidirectional": "runs its layer forwards and backwards over the sequence",
    "Masking": "masks time steps",
    "TimeDistributed": "wraps a layer to run at every step",
    "Conv1D": "convolves along time",
    "Attention": "attends over the sequence",
    "MultiHeadAttention": "attends over the sequence",
    "RNN": "wraps a custom cell",
    "ConvLSTM1D": "is a convolutional LSTM",
    "ConvLSTM2D": "is a convolutional LSTM",
    # why a recurrent layer's option is not computed (model.recurrent_option)
    "go_backwards": "reads the sequence backwards",
    "stateful": "carries its state between batches",
    "return_state": "returns its states",
    "time_major": "reads time-major input",
}

# Refusals a user may read, by code (lstm_viz.core.refusal.Refusal): a model file that cannot be opened, its parts
# ({what}: a PHRASES part or a file name; {layer}: a layer's class and name in the file), and the typed input.
ERRORS = {
    # the file as a whole (lstm_viz/io/file_limits.py, model_files.py, ui/imported_view.py)
    "model.no_file": "{what}: no file at {path}",
    "model.file_too_big": "{what}: {size} bytes, over the limit of {limit}",
    "model.over_limit": "{what}: over the limit of {limit} bytes",
    "model.empty": "{what}: the file is empty",
    "model.upload_too_big": "{size} bytes, over the limit of {limit}",
    "model.unreadable": "not readable as a model file ({kind})",
    "model.unknown_file": (
        "not a model file lstm-viz reads: expected a Keras .keras or .h5 file, or a PyTorch state_dict as "
        ".safetensors or .pt/.pth"
    ),
    "model.pickle": (
        "a pickle (or a torch file of the pre-1.6 format): a pickle can run code, so lstm-viz never opens one; save "
        "a state_dict with a recent torch.save, or as .safetensors"
    ),
    "model.zip_unknown": (
        "a zip archive, but neither a Keras .keras file (config.json, model.weights.h5) nor a torch.save file "
        "(data.pkl)"
    ),
    "model.text_too_long_for_page": (
        "its {layer} turns every text into {steps} steps; this page shows at most {limit}"
    ),
    # zip archives
    "model.zip_too_short": "{what}: not a readable zip archive (too short)",
    "model.zip_no_end": "{what}: not a readable zip archive (no end-of-central-directory record)",
    "model.zip64_no_record": "{what}: not a readable zip archive (a ZIP64 locator without its record)",
    "model.zip_unreadable": "{what}: not a readable zip archive ({why})",
    "model.zip_members": "{what}: {count} members in the zip, over the limit of {limit}",
    "model.zip_directory": (
        "{what}: a central directory of {size} bytes, over the limit of {limit} (more members than it declares?)"
    ),
    "model.zip_encrypted": "{what}: member {name} is encrypted",
    "model.zip_compression": "{what}: member {name} uses a compression lstm-viz does not read",
    "model.zip_bomb_member": (
        "{what}: member {name} declares {size} bytes uncompressed, over the limit of {limit} (a zip bomb?)"
    ),
    "model.zip_bomb_total": (
        "{what}: its members declare {size} bytes uncompressed together, over the limit of {limit} (a zip bomb?)"
    ),
    "model.zip_no_member": "{what}: no member {name} in the zip",
    "model.member_too_big": "{what}: {name} declares {size} bytes, over the limit of {limit}",
    "model.member_unpack": "{what}: {name} cannot be unpacked ({why})",
    "model.member_size": "{what}: {name} holds other than the {size} bytes it declares",
    # weights and HDF5
    "model.not_float_items": "{what}: expected floating-point weights (float16, 32 or 64), got {size}-byte items",
    "model.not_weight_shape": "{what}: shape {shape} is not the shape of a weight",
    "model.too_many_numbers": "{what}: shape {shape} takes the model over the limit of {limit} numbers",
    "model.not_finite": "{what}: contains NaN or infinite values",
    "model.h5_link": "{what}: {path} is a link to elsewhere, which lstm-viz does not follow",
    "model.h5_missing": "{what}: {path} is not in the file",
    "model.h5_not_dataset": "{what}: {path} is not a dataset",
    "model.h5_external": "{what}: {path} keeps its data outside the file, which lstm-viz does not read",
    "model.h5_chunked": (
        "{what}: {path} is stored in chunks or compressed, which Keras does not write; lstm-viz reads weights stored "
        "contiguous"
    ),
    "model.h5_not_float": "{what}: expected floating-point weights, got {dtype}",
    "model.h5_unreadable": "{what}: cannot be read ({why})",
    "model.attr_array": "{what}: its attribute {name} is not one text but an array of shape {shape}",
    "model.attr_too_big": "{what}: its attribute {name} holds {size} bytes, over the limit of {limit}",
    "model.attr_unreadable": "{what}: its attribute {name} cannot be read",
    "model.attr_not_text": "{what}: its attribute {name} is not text",
    "model.attr_too_long": "{what}: its attribute {name} holds {size} characters, over the limit of {limit}",
    "model.attr_missing": "{what}: has no attribute {name}, which a Keras .h5 file has",
    "model.attr_not_names": "{what}: its attribute {name} is not a short list of names",
    "model.attr_long_name": "{what}: its attribute {name} holds a name over 200 characters",
    "model.not_hdf5": "{what}: not an HDF5 file (no HDF5 signature)",
    "model.hdf5_damaged": "{what}: not a readable HDF5 file, truncated or damaged ({why})",
    "model.file_damaged": "{what}: cannot be read, truncated or damaged ({why})",
    # Keras files (lstm_viz/io/keras_files.py)
    "model.keras_missing_member": "{what}: a zip without {member}, so not a Keras 3 model",
    "model.not_utf8": "{what}: not UTF-8 text",
    "model.h5_no_config": (
        "{what}: an HDF5 file, but not a Keras model (no model_config attribute; a file of save_weights alone does "
        "not say its layers)"
    ),
    "model.h5_no_weights": "{what}: an HDF5 file with a model_config but no model_weights group",
    "model.vocab_assets_differ": "layer {layer}: its two vocabulary.txt assets differ",
    "model.keras_no_weights": "layer {layer}: no weights at {path} in model.weights.h5",
    "model.keras_var_count": "layer {layer}: {count} variables in model.weights.h5, expected {expected} ({roles})",
    "model.h5_no_group": "layer {layer}: no group model_weights/{name} in the file",
    "model.h5_bad_weight": "layer {layer}: a weight {path}, expected {roles}",
    "model.h5_weights": "layer {layer}: weights {found}, expected {roles}",
    "model.h5_weights_none": "layer {layer}: weights none, expected {roles}",
    "model.weight_shape": "layer {layer}: {role} has shape {shape}, expected {expected}",
    # a Keras config (lstm_viz/io/keras_config.py)
    "model.config_too_big": "{what}: {size} bytes of config, over the limit of {limit}",
    "model.bad_json": (
        "{what}: not valid JSON, or more than {items} brackets and strings or nested more than {depth} deep, past "
        "what a model file has"
    ),
    "model.config_no_class": "{what}: not a Keras model config (no class_name)",
    "model.config_model": "{what}: the model is a {model}; lstm-viz reads a Sequential or Functional or Model model",
    "model.config_no_layers": "{what}: the model config has no list of layers",
    "model.config_too_many_layers": "{what}: {count} layers, over the limit of {limit}",
    "model.config_bad_layer": "{what}: a layer of the config is not a {{class_name, config}} object",
    "model.config_no_class_name": "{what}: a layer without a class_name",
    "model.custom_layer": "layer {layer}: a custom layer (module {module}) is not read",
    "model.input_option": "layer {layer}: {option}=True is not read",
    "model.mask_zero": "layer {layer}: mask_zero=True (masking) is not computed by lstm-viz",
    "model.layer_refused": "layer {layer}: a {cls} layer ({why}) is not computed by lstm-viz",
    "model.unknown_class": (
        "layer {layer}: the layer class {cls} is not one lstm-viz computes (it reads TextVectorization, StringLookup, "
        "Embedding, LSTM, GRU, SimpleRNN, Dropout, Dense, Activation)"
    ),
    "model.recurrent_option": "layer {layer}: {option}=True ({why}) is not computed by lstm-viz",
    "model.gru_reset_after": (
        "layer {layer}: reset_after=False (the GRU of Keras 2 before TF 2, r applied before W_hn) is not computed by "
        "lstm-viz; it computes reset_after=True, torch's GRU"
    ),
    "model.activation_not_builtin": "layer {layer}: {option}={value} is not a built-in activation",
    "model.hard_sigmoid_keras2": (
        "layer {layer}: recurrent_activation=hard_sigmoid of Keras 2 (clip(0.2 z + 0.5, 0, 1)) is not Keras 3's "
        "(relu6(z + 3) / 6), which lstm-viz computes"
    ),
    "model.cell_activation": ("layer {layer}: {option}: {value} cannot be computed here; expected one of {expected}"),
    "model.cell_option": "layer {layer}: {why}",
    "model.units": "layer {layer}: {option}={value} is not a whole number from 1 to {limit}",
    "model.units_from": "layer {layer}: {option}={value} is not a whole number from 1",
    "model.output_activation": (
        "layer {layer}: activation={value} is not computed by lstm-viz here; expected one of {expected}"
    ),
    "model.dtype": "layer {layer}: dtype={dtype} is not computed by lstm-viz (it reads float32 or float64 layers)",
    "model.shared_layer": "layer {layer}: called {count} times (a shared layer); lstm-viz reads a chain",
    "model.not_chain": (
        "layer {layer}: reads {reads}, not the layer before it; lstm-viz reads a model that is one chain of layers"
    ),
    "model.not_chain_nothing": (
        "layer {layer}: reads nothing, not the layer before it; lstm-viz reads a model that is one chain of layers"
    ),
    "model.output_not_last": "{what}: the model's output is not its last layer {last}",
    "model.input_after_first": "layer {layer}: an input after the first",
    "model.lookup_then_embedding": "layer {layer}: its token ids must go to an Embedding, the next layer",
    "model.lookup_first": "layer {layer}: a {cls} must be the first layer",
    "model.embedding_first": "layer {layer}: an Embedding must be the first layer",
    "model.embedding_after_lookup": "layer {layer}: an Embedding must be the layer after the lookup",
    "model.recurrent_after_readout": "layer {layer}: a recurrent layer after a read-out is not read",
    "model.readout_before_recurrent": "layer {layer}: a {cls} before the recurrent layers is not read",
    "model.recurrent_count": "the model has {count} recurrent layers; lstm-viz reads 1 to 3",
    "model.not_sequences": "layer {layer}: return_sequences=False, but {above} reads a sequence",
    "model.option_on": "layer {layer}: the option {option}={value} is not computed by lstm-viz",
    # a Keras TextVectorization / StringLookup (lstm_viz/io/text_lookup.py)
    "model.token_unknown": (
        "texts: the token {token} is not in the vocabulary of {layer}, which has num_oov_indices=0 (Keras refuses it "
        "too)"
    ),
    "model.no_tokens": "texts: no tokens at all, so nothing to run the model on",
    "model.texts_too_long": "texts: {count} tokens, over the limit of {limit}",
    "model.vocab_file_too_big": "layer {layer}: vocabulary.txt holds {size} bytes, over the limit of {limit}",
    "model.vocab_not_utf8": "layer {layer}: vocabulary.txt is not UTF-8 text",
    "model.output_mode": (
        "layer {layer}: output_mode={value} is not read; lstm-viz reads output_mode='int' (token ids for an Embedding)"
    ),
    "model.lookup_option": "layer {layer}: {option}=True is not computed by lstm-viz",
    "model.encoding": "layer {layer}: encoding={value} is not read; lstm-viz reads utf-8",
    "model.idf_weights": "layer {layer}: idf_weights (tf-idf) are not computed by lstm-viz",
    "model.vocabulary_dtype": "layer {layer}: vocabulary_dtype={value} is not read",
    "model.standardize": (
        "layer {layer}: standardize={value} (a custom function) is not computed by lstm-viz; it computes {choices}"
    ),
    "model.split_character": (
        "layer {layer}: split={value} (splits into characters) is not computed by lstm-viz; it computes "
        "split='whitespace' or None"
    ),
    "model.split_custom": (
        "layer {layer}: split={value} (a custom function) is not computed by lstm-viz; it computes "
        "split='whitespace' or None"
    ),
    "model.ngrams": "layer {layer}: ngrams={value} is not computed by lstm-viz",
    "model.sequence_length": "layer {layer}: output_sequence_length={value} is not a whole number from 1 to {limit}",
    "model.split_none_shape": (
        "layer {layer}: split=None on an input of shape {shape} is not read; lstm-viz reads it on texts of shape (B, 1)"
    ),
    "model.mask_token": "layer {layer}: mask_token={value} is not read; lstm-viz reads mask_token None or ''",
    "model.num_oov": (
        "layer {layer}: num_oov_indices={value} (tokens hashed into OOV buckets) is not computed by lstm-viz; it "
        "computes 0 or 1"
    ),
    "model.oov_token": "layer {layer}: oov_token={value} is not a string",
    "model.vocabulary_path": (
        "layer {layer}: vocabulary={value} is a file outside the model archive, which lstm-viz does not open"
    ),
    "model.vocabulary_not_strings": "layer {layer}: vocabulary is not a list of strings",
    "model.vocabulary_too_big": "layer {layer}: vocabulary of {count} tokens, over the limit of {limit}",
    "model.no_vocabulary": (
        "layer {layer}: no vocabulary (neither in its config nor an assets/.../vocabulary.txt in the file; a legacy "
        ".h5 file holds no adapted vocabulary: save as .keras)"
    ),
    "model.empty_vocabulary": "layer {layer}: an empty vocabulary",
    "model.token_too_long": "layer {layer}: a token of its vocabulary is over {limit} characters",
    "model.vocab_repeats": "layer {layer}: its vocabulary repeats a token (Keras refuses it too)",
    "model.vocab_mask": "layer {layer}: its vocabulary holds the mask token {mask} among the tokens",
    "model.max_tokens": "layer {layer}: a vocabulary of {count} tokens, over its max_tokens={limit}",
    # the model as a whole (lstm_viz/io/imported.py)
    "model.embedding_empty": "{name}: an Embedding with 0 rows, so no token id it can read",
    "model.vocab_past_embedding": (
        "{layer}: a vocabulary of {count} tokens, but the Embedding {embedding} has {rows} rows, so its last ids "
        "would run past it (Keras fails on them at predict)"
    ),
    # PyTorch files (lstm_viz/io/torch_files.py)
    "model.pt_no_pickle": "{what}: a zip, but not one torch.save wrote (no data.pkl)",
    "model.pt_not_tensors": "{what}: refused by torch.load(weights_only=True): it holds more than tensors ({detail})",
    "model.pt_refused": "{what}: refused by torch.load(weights_only=True): {detail}",
    "model.pt_not_dict": "{what}: holds a {kind}, not a state_dict (a dict of tensors)",
    "model.too_many_tensors": "{what}: {count} tensors, over the limit of {limit}",
    "model.not_tensor": "{what}: not a tensor ({kind}); a state_dict holds tensors only",
    "model.tensor_dtype": "{what}: {dtype} numbers, expected float16, float32 or float64",
    "model.st_short": "{what}: only {size} bytes",
    "model.st_truncated": "{what}: truncated, or not a safetensors file (its header runs past the end)",
    "model.st_header_utf8": "{what}: its header is not UTF-8 JSON",
    "model.st_header_object": "{what}: its header is not a JSON object",
    "model.st_lstm_viz": (
        "{what}: an lstm-viz weights file, not a PyTorch state_dict: open it with lstm_viz.io.weights"
    ),
    "model.st_entry": "{what}: its header entry has no readable shape and offsets",
    "model.st_dtype": "{what}: dtype {dtype}, expected F16, F32 or F64",
    "model.st_offsets": "{what}: its data offsets do not fit its shape and the file (truncated?)",
    "model.st_unreadable": "{what}: not readable ({why})",
    "model.sd_no_recurrent": "state_dict: no recurrent weights (weight_ih_l0 of an nn.LSTM, nn.GRU or nn.RNN)",
    "model.sd_many_recurrent": (
        "state_dict: recurrent modules {modules}; lstm-viz reads one (layers stacked by its num_layers)"
    ),
    "model.sd_ambiguous": (
        "tensor {module}.weight: {shape} without a bias fits both an nn.Embedding before {rnn} (width {width}) and "
        "a bias-free nn.Linear read-out after it (from {hidden}), and a .safetensors file does not keep the modules' "
        "order that tells them apart; save the state_dict with torch.save (.pt)"
    ),
    "model.sd_second_embedding": (
        "{what}: a second embedding; lstm-viz reads one nn.Embedding before {rnn} and one nn.Linear read-out after it"
    ),
    "model.sd_second_readout": (
        "{what}: a second readout; lstm-viz reads one nn.Embedding before {rnn} and one nn.Linear read-out after it"
    ),
    "model.sd_not_module": "{what}: tensors {names} are not an nn.Embedding or one nn.Linear read-out after {rnn}",
    "model.sd_readout_shape": "{what}: weight {weight} and bias {bias}, expected a read-out (K, {hidden}), (K,)",
    "model.sd_input_layer": (
        "tensor {module}.weight: an nn.Linear {inputs} -> {outputs} whose tensors come before {rnn}'s in the "
        "state_dict, so an input layer, which lstm-viz does not read (a read-out's tensors come after the recurrent "
        "module's)"
    ),
    "model.sd_width": (
        "{what}: an embedding of width {width}, but {rnn} reads {size} (and a bias-free read-out would read its "
        "{hidden})"
    ),
    "model.sd_bidirectional": "{tensor}: a bidirectional module (bidirectional=True) is not read",
    "model.sd_proj": "{tensor}: an LSTM with proj_size is not read",
    "model.sd_param": "{tensor}: not a parameter of nn.LSTM, nn.GRU or nn.RNN",
    "model.sd_hh_shape": "{tensor}: expected shape (G·H, H), got {shape}",
    "model.sd_cell_shape": (
        "{tensor}: shape {shape} is not an LSTM's, GRU's or RNN's (4H, 3H or H rows, H up to {limit})"
    ),
    "model.sd_rnn_activation": (
        "activation: {name} is an nn.RNN, whose nonlinearity a state_dict does not hold; name it: activation='tanh' "
        "(torch's default) or 'relu'"
    ),
    "model.sd_tanh_only": "activation: torch's {cell} computes tanh, not {activation}",
    "model.sd_layers": "num_layers: {name} holds {count} layers; lstm-viz reads 1 to 3",
    "model.sd_shape": "{tensor}: expected shape {expected}, got {shape}",
    "model.sd_bias_pair": "{name}: layer {k} has one of bias_ih_l{k}, bias_hh_l{k} without the other",
    # the typed input (lstm_viz/ui/model_input.py)
    "model.input_too_many_chars": "too long: {count} characters (the limit is {limit})",
    "model.input_no_words": "it is empty: type some words",
    "model.input_empty": "it is empty: type at least one step",
    "model.input_too_long": "too long: {steps} steps (the limit is {limit})",
    "model.not_token_id": "{word} is not a token id (a whole number 0 to {last})",
    "model.token_outside": "token id {id} is outside the vocabulary: the embedding has ids 0 to {last}",
    "model.step_count": "step {t} has {count} numbers; this model reads {size} a step",
}
