"""One palette for the whole series (dark background)."""
BACKGROUND = "#101318"
TEXT = "#ECEFF4"
DIM = "#7B8494"
POSITIVE = "#4EA1FF"   # positive values and weights
NEGATIVE = "#FF5C5C"   # negative values and weights
FIRE = "#FFD43B"       # a neuron that fires, an active path
COST = "#FF922B"       # cost and error
GRADIENT = "#51CF66"   # gradients and slopes
BIAS = "#C792EA"       # biases, the extra degree of freedom

# Sizes chosen so that text stays >= ~24 px high at 854x480.
TITLE_SIZE = 44
BODY_SIZE = 32
SMALL_SIZE = 28
MATH_SIZE = 44


def sign_color(value: float) -> str:
    return POSITIVE if value >= 0 else NEGATIVE


# -- themes ------------------------------------------------------------------------------------
# The light theme (dark text on white, for clips laid on a white slide) keeps every name above and
# swaps the colour at draw time (scenes/kit/theme.py), so every scene follows with no edit.
THEMES = ("dark", "light")
LIGHT = {
    BACKGROUND: "#FFFFFF",
    TEXT: "#1B1F27",
    DIM: "#5F6878",
    POSITIVE: "#1864AB",
    NEGATIVE: "#C92A2A",
    FIRE: "#B8860B",
    COST: "#D9480F",
    GRADIENT: "#2B8A3E",
    BIAS: "#862E9C",
}
