"""English. The gate heat maps page and its figures."""

TITLE = "Gate heat maps"
# Under the title: the task, the cell, the model (and the layer shown, of a stack), the task's description.
CAPTION = "{task} · {cell} · model: {model}{where}. {description}"
WHERE_LAYER = " · layer {layer} of {layers}"
UNIT_ORDER = "Unit order"
ORDERS = {
    "as is": "as is",
    "by variance": "by variance (of the memory: C, or h)",
    "by correlation": "by correlation with the task signal",
}
NO_SIGNAL = "This sequence has no running signal (a count or a depth) to correlate with: units as is."
HOW_TO_READ = "Hover a cell for its number; click it to open that step and unit on the step-through page."
OUTLINED = " The outlined row is unit {unit}, the one the step-through page shows."
SATURATION = "Saturation: how often each gate is nearly shut (< 0.1) or wide open (> 0.9)"
SATURATION_HOW = (
    "One dot per unit, over 64 fresh samples of the task (Karpathy, Johnson & Fei-Fei, 2015). Dots near the "
    "top left are gates that are almost always open, near the bottom right almost always shut; dots on the "
    "dotted diagonal are gates that switch hard between the two."
)
NO_GATES = "The {cell} has no gates: its h is rewritten at every step, nothing to saturate."
DOWNLOAD = "Download this trace"
NPZ = "NumPy .npz"
CSV = "CSV"
DOWNLOAD_HOW = (
    "The .npz holds the cell's name, x, the initial state, the pre-activations and every gate and state of this "
    "layer as arrays (np.load(..., allow_pickle=False) reads it); the CSV has one row per t, unit and gate."
)

# --- the figures (lstm_viz/viz/heatmaps.py). Plotly's own fields (%{z}, %{x}, ...) are written %{{z}} here. ---
UNIT_AXIS = "unit"
TIME_AXIS = "time step (input token)"
MAP_HOVER = "{gate}: %{{z:.3f}}<br>t=%{{x}} (%{{customdata}})<br>unit %{{y}}"
CLICK_HOVER = "{gate} = %{{customdata[0]:.3f}}<br>t = %{{x}}, token %{{text}}<br>unit %{{customdata[1]}}"
CLICK_HINT = "click: step through"  # beside the hover of a cell that can be clicked
CLICK_LAYER = "{gate} (click)"  # the invisible layer of points that takes the clicks
MARKED = "unit {unit}"  # the outline of the unit the step-through page shows
SATURATION_HOVER = "%{{text}}: below {below} in %{{x:.0%}} of steps, above {above} in %{{y:.0%}}"
SATURATION_X = "fraction < {below}"
SATURATION_Y = "fraction > {above}"
