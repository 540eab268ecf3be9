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
