"""English. The Train live page: the form, progress, stop reasons, runs; training's and weights files' refusals."""

# --- the page's head and the form ---
TITLE = "Train live"
INTRO = (
    "Task: **{task}** (change it in the sidebar). Training runs in the background with PyTorch on **{device}**; the "
    "page stays usable, and Stop ends it after the current step."
)
LINK_GONE = "The link names a training run this server no longer has (the server was restarted, or the run is old)."
LINK_OTHER_TAB = "The link names a training run of another open browser tab: it stays there."
FORM = {
    "cell": "Cell",
    "cell_help": "The recurrent cell to train: LSTM, GRU, plain RNN or an LSTM variant.",
    "layers": "Layers",
    "layers_help": "A stack: layer l+1 reads layer l's h.",
    "hidden": "Hidden size H",
    "seq_len": "Sequence length",
    "steps": "Steps",
    "batch": "Batch size",
    "lr": "Learning rate",
    "bias": "Forget-gate bias at init",
    "bias_help": "Added to b_f of every layer at the start.",
    "bias_unused": "Not used: the {cell} has no forget gate with weights of its own.",
    "seed": "Seed",
    "activations": "Activations (Keras' activation and recurrent_activation)",
    "activation": "Activation (candidate and output)",
    "recurrent_activation": "Gate activation",
    "start": "Start training",
}
TARGET = "Target: **{metric} {sign} {target}**"
METRICS = {"accuracy": "accuracy", "mse": "mse"}  # a task's metric by its name (Task.metric)
NOT_STARTED = "Not started: {reason}"
STOP = "Stop"
EMPTY = "Pick the hyper-parameters and press **Start training**. Try the defaults first: they reach the target."

# --- progress of the run (the bar's text) ---
PROGRESS = {
    "waiting": "waiting: other trainings are using this server's trainers; this one starts when one finishes",
    "training": "training: step {done} of {total}, {seconds:.1f} s",
    "stopping": "stopping: step {done} of {total}, {seconds:.1f} s",
    "done": "done: {done} of {total} steps in {seconds:.1f} s",
    "done_why": "done: {done} of {total} steps in {seconds:.1f} s ({reason})",
}
ORPHANED = (
    "This run was stopped: no page of this browser session had looked at it for {seconds:.0f} s (its tab was closed)."
)
LIVE = "{task}, live"  # the live curve's name

# --- why a training stopped: TrainResult.stop_code and its stop_params ---
STOPS = {
    "target": "reached the target ({metric} {target:g}) at step {step}",
    "steps": "finished all {steps} steps",
    "lr": "learning rate {lr} is not a positive number: the weights were not changed",
    "stopped": "stopped by the user at step {step}",
    "orphaned": "stopped at step {step}: nobody had looked at it for {seconds:g} s",
    "diverged": "diverged: {detail}",
}
# a divergence's detail: which weights gave what ("cause"), then what was kept
DIVERGED_WEIGHTS = {"initial": "the initial weights", "after": "the weights after step {step}"}
DIVERGED_CAUSE = {
    "gradient": "{weights} gave a NaN or infinite gradient",
    "exploded": "{weights} gave a loss of {loss:.3g}, more than {factor:g} times the first step's {first_loss:.3g}",
    "loss": "{weights} gave a loss of {loss}",
}
DIVERGED_KEPT = {
    "kept": "{cause}; kept the weights after step {kept}, the last whose loss was finite (try a smaller learning rate)",
    "nothing": "{cause}; nothing could be trained (try a smaller learning rate)",
}

# --- a run's result ---
RESULTS = "Results"
RUN = "Run"
RUN_LABEL = "run {n}: {task}, {cell}, H={hidden}, lr={lr:g}{bias}, seed={seed}"
RUN_BIAS = ", f-bias={bias:g}"
UPLOAD_LABEL = "uploaded: {name} ({task}, {cell}, H={hidden})"
DIVERGED = "The training diverged: {detail}. The model below is the one after step {step}."
SAID = "{metric} {value:.4f} on {n} held-out sequences (target {sign} {target:g})"
LEARNED = "Learned: {said}."
NOT_LEARNED = "Not learned yet: {said}. More steps, another learning rate or seed may help."
STOPPED_AFTER = "{reason}, {seconds:.1f} s on {device}."
ANSWERS = "**Its answers on five held-out sequences** (computed by the NumPy reference):"
INSPECT = "Inspect it on the other pages"
DOWNLOAD_WEIGHTS = "Weights (.safetensors)"
DOWNLOAD_CONFIG = "Config (.json)"
SHOWN_NOW = "This is the model the step-through and heat-map pages show now (model: trained in this session)."
NOTHING_TO_WATCH = (
    "Nothing to watch learn: the first update already blew the loss up, so the model kept is the initialisation."
)
WATCH = "Watch the gates learn"
SNAPSHOT = "Training step (a snapshot of the weights)"
SNAPSHOT_SAID = "The same example sequence through the weights of step {step}: gates 0..1, C̃ and h -1..1."
COMPARE = "Compare two runs"
FIRST_RUN = "First run"
SECOND_RUN = "Second run"
OTHER_TASKS = "These two runs are on different tasks: their curves share a chart, their maps their own sequence."

# --- a weights file ---
OPEN = "Open a weights file"
OPEN_SAID = (
    "A .safetensors file downloaded from this page (at most {limit:,} bytes). Other files, pickles included, are "
    "refused and never opened as code."
)
OPEN_LABEL = "Weights file"
NOT_OPENED = "Not opened: {name}: {reason}. Nothing was changed."

# --- the live curves (lstm_viz.viz.training) ---
CURVES = {
    "loss": "loss (training batch)",
    "metric": "{metric} (training batch)",
    "loss_hover": "step %{{x}}: loss %{{y:.4g}}",
    "metric_hover": "step %{{x}}: %{{y:.4g}}",
    "target": "target {target:g}",
    "x": "training step",
}

# --- the sidebar's lines about runs (lstm_viz.ui.training_status) ---
STATUS = {
    "waiting": "Training: waiting for a free trainer on this server.",
    "step": "Training: step {done} of {total}",
    "finished": "Training finished: the results are on the Train live page.",
    "why": "Why gates: {running} of {total} cells still training.",
}

# Refusals: a training's hyper-parameters (training.loop.validate), a job that failed (TrainingJob.say_error), a
# weights file (io.weights). Numbers come formatted ("1,024"): a refusal's words take text.
ERRORS = {
    "train.cell": "cell: unknown cell {cell}; expected one of {cells}",
    "train.whole_number": "{name}: expected a whole number from {lo} to {hi}, got {value}",
    "train.batch_steps": "batch_size x seq_len: at most {limit} steps in one batch, got {batch} x {seq_len}",
    "train.positive": "{name}: expected a finite number above 0 to {limit}, got {value}",
    "train.finite": "{name}: expected a finite number from {low} to {limit}, got {value}",
    "train.lr": "lr: expected a number, got {value}",
    "train.failed": "training failed: {reason}",
    "train.never_started": "stopped before it started (it was waiting for another training to finish)",
    "train.worker_ended": "training failed: the training process ended unexpectedly (exit code {code})",
    "train.too_large": "file too large: {size} bytes (the limit is {limit})",
    "train.not_bytes": "expected the bytes of a .safetensors file",
    "train.too_short": "not a safetensors file: only {size} bytes",
    "train.truncated": "a truncated safetensors file: the header runs past the end of the file",
    "train.pickle": "this looks like a pickle or a torch .pt/.pth file; only .safetensors files are read (a pickle "
    "can run code, so it is never opened)",
    "train.not_safetensors": "not a safetensors file: it does not start with a safetensors header",
    "train.header_not_object": "not a safetensors file: its header is not a JSON object",
    "train.not_ours": "a safetensors file, but not one written by lstm-viz (no format tag {tag})",
    "train.header_items": "the header: more than {limit} brackets and strings, more than a lstm-viz file has",
    "train.header_deep": "the header: JSON nested more than {depth} deep, deeper than a lstm-viz file's",
    "train.header_json": "the header: not valid JSON",
    "train.json_items": "{what}: more than {limit} brackets and strings, more than a lstm-viz file has",
    "train.json_deep": "{what}: JSON nested more than {depth} deep, deeper than a lstm-viz file's",
    "train.json_invalid": "{what}: not valid JSON",
    "train.metadata_fields": "metadata: {count} fields, more than a lstm-viz file has (at most {limit})",
    "train.metadata_text": "{key}: expected text in the metadata, got {kind}",
    "train.metadata_long": "{key}: {length} characters, at most {limit}",
    "train.task": "task: unknown task {task}: expected one of {tasks}",
    "train.layers_text": "num_layers: {raw} is not a whole number",
    "train.layers_range": "num_layers: expected 1 to {most}, got {layers}",
    "train.no_shape": "tensor {name}: its header entry has no readable shape",
    "train.recurrent_shape": "l0.W_h: expected shape ({gates}, H, H) for a {cell}, got {got}",
    "train.hidden": "hidden size {hidden}: expected 1 to {most}",
    "train.missing": "missing tensors {missing}: a {cell} with {layers} layer(s) has {want}",
    "train.extra": "tensor {name}: not a parameter of a {cell} with {layers} layer(s)",
    "train.dtype": "{name}: expected floating-point numbers (F16, F32 or F64), got {dtype}",
    "train.shape": "{name}: expected shape {want} for a {cell} on task {task}, got {got}",
    "train.unreadable": "not a readable safetensors file ({reason})",
    "train.data_size": "not a readable safetensors file: its tensors take {need} bytes after the header, the file "
    "has {have}",
    "train.data_header": "{name}: the data does not match its header",
    "train.not_finite": "{name}: contains NaN or infinite values",
    "train.config_object": "config: expected a JSON object, got {kind}",
    "train.config_batch": "config.batch_size x config.seq_len: at most {limit}, got {batch} x {seq_len}",
    "train.config_cell": "config.{reason}",
    "train.config_whole": "config.{name}: expected a whole number from {lo} to {hi}, got {value}",
    "train.config_positive": "config.{name}: expected a finite number above 0, got {value}",
    "train.config_positive_to": "config.{name}: expected a finite number above 0 to {limit}, got {value}",
    "train.config_finite": "config.{name}: expected a finite number from {low} to {limit}, got {value}",
    "train.config_number": "config.{name}: expected a finite number, got {value}",
    "train.config_device": "config.device: expected auto, cpu or cuda, got {value}",
    "train.config_name": "config.{name}: expected a name (a few letters), got {value}",
}
