"""English. The sidebar, the language choice, the links' problems and the labels every page shares."""

LANGUAGE = "Language"
# The pages' titles in the navigation, by url path ("home" for the home page).
PAGES = {
    "home": "Home",
    "step": "Step through",
    "heatmaps": "Gate heat maps",
    "train": "Train live",
    "why": "Why gates",
    "model": "Your model",
}
