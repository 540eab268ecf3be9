"""One palette for the whole series (dark background), named by role.

A colour says what a thing is, in every scene: scenes take colours from the roles below only
(tests/test_palette.py fails on any other colour in scenes/ch*), so a bias is purple and a cost
orange wherever they appear. Neutral text is TEXT, what has been said already DIM.
"""
BACKGROUND = "#101318"
TEXT = "#ECEFF4"
DIM = "#7B8494"

# -- the colours (named once; scenes use the roles) -------------------------------------------------
_BLUE, _RED, _YELLOW, _ORANGE, _GREEN, _PURPLE, _CYAN, _PINK = (
    "#4EA1FF", "#FF5C5C", "#FFD43B", "#FF922B", "#51CF66", "#C792EA", "#3BC9DB", "#F783AC")

# -- roles -----------------------------------------------------------------------------------------
INPUT = TEXT          # an input x, a data point: what the network is given
WEIGHT_POS = _BLUE    # a positive weight (and, in a plot, a positive value)
WEIGHT_NEG = _RED     # a negative weight (a negative value)
BIAS = _PURPLE        # a bias b, and the threshold it stands for
SUM = _CYAN           # the weighted sum z = Σ w·x + b
OUTPUT = _YELLOW      # an activation a, the output O or ŷ, a neuron that fires, the active path
BEST_FIT = OUTPUT     # the best line is the model's output where the cost is least: the same colour
TARGET = _PINK        # what the output should be: y, the target curve, the labels
COST = _ORANGE        # cost and error: C, E, residuals and their squares
GRADIENT = _GREEN     # gradients, slopes, local derivatives, the step −η∇C
CURRENT = TEXT        # the value being worked on now (the ball, the current θ); its history DIM

ROLES = {"INPUT": INPUT, "WEIGHT_POS": WEIGHT_POS, "WEIGHT_NEG": WEIGHT_NEG, "BIAS": BIAS, "SUM": SUM,
         "OUTPUT": OUTPUT, "BEST_FIT": BEST_FIT, "TARGET": TARGET, "COST": COST, "GRADIENT": GRADIENT,
         "CURRENT": CURRENT, "TEXT": TEXT, "DIM": DIM, "BACKGROUND": BACKGROUND}

# Old names, kept for the kit while scenes move to roles (a scene may not use them: see ROLES).
POSITIVE, NEGATIVE, FIRE = WEIGHT_POS, WEIGHT_NEG, OUTPUT

# Sizes chosen so that text stays >= ~24 px high at 854x480.
TITLE_SIZE = 44
BODY_SIZE = 32
SMALL_SIZE = 28
MATH_SIZE = 44


def sign_color(value: float) -> str:
    """A weight's (or a signed value's) colour: positive blue, negative red."""
    return WEIGHT_POS if value >= 0 else WEIGHT_NEG


# -- themes ------------------------------------------------------------------------------------
# The light theme (dark text on white, for clips laid on a white slide) keeps every name above and
# swaps the colour at draw time (scenes/kit/theme.py), so every scene follows with no edit.
THEMES = ("dark", "light")
LIGHT = {
    BACKGROUND: "#FFFFFF",
    TEXT: "#1B1F27",
    DIM: "#5F6878",
    _BLUE: "#1864AB",
    _RED: "#C92A2A",
    _YELLOW: "#B8860B",
    _ORANGE: "#D9480F",
    _GREEN: "#2B8A3E",
    _PURPLE: "#862E9C",
    _CYAN: "#0B7285",
    _PINK: "#A61E4D",
}
