"""What each trace holds: one TypedDict per trace in nncore.traces, read without running anything.

The traces stay plain dicts (JSON as `render.py trace NAME --json` prints it); these types only
name their keys. tests/test_shapes.py checks every trace against its shape, key for key.
Words used below: theta is a parameter, C a cost, eta a learning rate, E = 1/2 (O - y)^2 the
backprop chain's error.
"""
from __future__ import annotations

from typing import TypedDict

Point = list[float]          # [x, y]
Matrix = list[list[float]]   # row by row


# -- shared pieces ---------------------------------------------------------------
class Curve(TypedDict):
    """A 1-D cost curve C(theta) sampled for drawing (nncore.descent.CURVES)."""
    name: str                # "parabola" or "bumpy"
    domain: list[float]      # [lo, hi] of theta drawn
    minimum: float           # theta of the (global) minimum
    theta: list[float]       # sample points
    cost: list[float]        # C at each sample


class Descent(TypedDict):
    """A 1-D descent run: theta <- theta - eta v, v <- beta v + C'(theta) (nncore.descent.descend)."""
    curve: str               # the Curve's name
    thetas: list[float]      # theta_0 .. theta_k (k steps taken)
    costs: list[float]       # C(theta_t)
    slopes: list[float]      # C'(theta_t)
    lrs: list[float]         # eta used for step t (len k)
    velocities: list[float]  # v after step t (len k); the slope itself without momentum
    momentum: float          # beta (0: plain descent)
    converged: bool          # slope and velocity below the tolerance at the end
    diverged: bool           # the cost blew up; the run stopped before that step
    diverged_at: int | None  # the step that blew up (not recorded)
    steps: int               # k = len(thetas) - 1


class RatedDescent(Descent):
    """A Descent in the learning-rate comparison."""
    lr: float                # eta of this panel
    factor: float            # 1 - eta C'': each step multiplies the distance to the minimum by it
    verdict: str             # "crawls", "converges", "oscillates", "bounces" or "diverges"


class Params(TypedDict):
    """The backprop chain's four parameters."""
    w_i: float
    b_i: float
    w_o: float
    b_o: float


class ChainNodes(Params):
    """Every value of the chain x -> mu1 = w_i x + b_i -> h = sigma(mu1) -> mu2 = w_o h + b_o -> O = sigma(mu2) -> E."""
    x: float
    y: float                 # the target
    mu1: float
    h: float
    mu2: float
    O: float
    E: float                 # 1/2 (O - y)^2


# "from" is a keyword, hence the call form
Edge = TypedDict("Edge", {
    "name": str,             # the local derivative, e.g. "dO/dmu2"
    "to": str,               # the node differentiated ("O")
    "from": str,             # the node it is differentiated by ("mu2")
    "formula": str,          # as the outline writes it, e.g. "O(1 - O)"
    "value": float,
})


class Gradient(TypedDict):
    """dE/dparam as a product of local derivatives along the chain."""
    case: int                # 1: output layer (w_o, b_o); 2: through h into the hidden neuron
    path: list[str]          # nodes from E down to the parameter
    factors: list[str]       # the Edge names multiplied
    values: list[float]      # their values, in order
    gradient: float          # the product


class Gradients(TypedDict):
    w_i: Gradient
    b_i: Gradient
    w_o: Gradient
    b_o: Gradient


class Product(TypedDict):
    """A product of edges that more than one gradient reuses."""
    factors: list[str]       # Edge names
    value: float


class Nudge(TypedDict):
    """w_o + step, a real forward pass again: E moves by about step * dE/dw_o."""
    param: str               # "w_o"
    step: float
    value: float             # the nudged parameter
    nodes: ChainNodes        # the forward pass with it
    E_before: float
    E_after: float
    delta: float             # E_after - E_before
    predicted: float         # step * dE/dparam


class Range(TypedDict):
    lo: float
    hi: float


# -- chapter 1: the neuron ---------------------------------------------------------
class ThresholdCase(TypedDict):
    inputs: list[float]      # x1, x2
    total: float             # x1 + x2
    threshold: float
    fired: bool              # total > threshold


class NeuronFiringTrace(TypedDict):
    threshold: float
    cases: list[ThresholdCase]


class Perceptron(TypedDict):
    inputs: list[float]
    weights: list[float]
    products: list[float]    # w_i x_i
    weighted_sum: float      # sum of the products
    bias: float
    z: float                 # weighted_sum + bias
    activation: str          # "step" or "sigmoid"
    output: float            # activation(z)


class PerceptronTrace(TypedDict):
    step: Perceptron
    sigmoid: Perceptron


class Stop(TypedDict):
    """Where the moving dot rests: a(z) and a'(z)."""
    z: float
    a: float
    da: float


class Activation(TypedDict):
    range: str               # its output range as text, e.g. "(0, 1)"
    z: list[float]
    a: list[float]           # a(z)
    da: list[float]          # a'(z)
    stops: list[Stop]


class ActivationsTrace(TypedDict):
    sigmoid: Activation
    tanh: Activation
    relu: Activation
    step: Activation


class Line(TypedDict):
    w: float
    points: list[Point]      # the two ends of y = w x


class ShiftedLine(TypedDict):
    b: float
    points: list[Point]      # the two ends of y = w x + b
    crosses_zero_at: float   # -b / w


class ShiftedSigmoid(TypedDict):
    b: float
    midpoint: float          # -b / w, where sigma(w x + b) = 1/2
    x: list[float]
    a: list[float]           # sigma(w x + b)


class Threshold(TypedDict):
    threshold: float         # the firing neuron's (chapter 1)
    bias: float              # -threshold: x1 + x2 > threshold is x1 + x2 + b > 0


class BiasTrace(TypedDict):
    w: float
    lines: list[Line]
    shifted: list[ShiftedLine]
    sigmoids: list[ShiftedSigmoid]
    threshold: Threshold


# -- chapter 2: the network ----------------------------------------------------------
class LayerCount(TypedDict):
    n_in: int
    n_out: int
    weights: int             # n_in * n_out
    biases: int              # n_out
    total: int


class Example(TypedDict):
    layers: list[int]
    count: int               # its parameters


class ByWidth(TypedDict):
    width: int               # w of 2-w-w-1
    count: int
    hidden_to_hidden: int    # w * w: where w^2 comes from


class WidthCurve(TypedDict):
    w: list[float]
    count: list[float]       # the 2-w-w-1 count between the integers too
    exponential: list[float] # 2^w beside it


class ByDepth(TypedDict):
    hidden_layers: int       # d of 2-8-...-8-1
    count: int


class DepthStep(TypedDict):
    width: int               # 8
    added: int               # what one more 8-wide hidden layer adds: 8 * 8 + 8


class ParameterCountTrace(TypedDict):
    layers: list[int]
    breakdown: list[LayerCount]  # one per pair of neighbouring layers
    total: int
    examples: list[Example]
    by_width: list[ByWidth]
    width_ratios: list[float]    # count(2w) / count(w): tends to 4
    width_curve: WidthCurve
    by_depth: list[ByDepth]
    depth_step: DepthStep


class ForwardPassTrace(TypedDict):
    layers: list[int]
    seed: int
    activation: str
    weights: list[Matrix]        # weights[l][i][j]: from neuron i of layer l to j of layer l+1
    biases: list[list[float]]    # per layer after the input
    zs: list[list[float]]        # z = sum w a + b, per layer after the input
    activations: list[list[float]]  # a per layer, the inputs first
    products: list[Matrix]       # products[l][j][i] = w_ij a_i: the terms of z_j before the bias
    output: list[float]


class Snapshot(TypedDict):
    epoch: int
    weights: list[Matrix]
    biases: list[list[float]]
    cost: float                  # costs[epoch]
    predictions: Matrix          # the output on each training point
    map: list[float]             # the output on the map grid, row by row from the bottom
    correct: int                 # training points on the right side of 0.5


class MapGrid(TypedDict):
    lo: float                    # the square [lo, hi]^2 the decision map covers
    hi: float
    cells: int                   # per side
    centres: list[float]         # cell centres along each axis


class TrainingTrace(TypedDict):
    X: list[Point]               # the XOR-like inputs
    y: list[float]               # their labels, 0 or 1
    sizes: list[int]
    lr: float
    momentum: float
    epochs: int
    costs: list[float]           # before training (index 0) and after each epoch
    snapshots: list[Snapshot]
    map: MapGrid
    start_outputs: Range         # the untrained guesses' spread
    rises: int                   # epochs after which the cost went up (momentum)


class Fit(TypedDict):
    hidden: int                  # width h
    parameters: int
    error: float                 # final cost 1/(2n) sum (yhat - y)^2 on the samples
    ys: list[float]              # the fitted curve at xs
    mse: float                   # 1/n sum (yhat - y)^2 (twice the cost)
    max_error: float             # largest |yhat - f| on the dense grid: what the theorem's epsilon bounds
    dense_ys: list[float] | None # the fitted curve at dense_xs
    epochs: int
    layers: list[int] | None     # 1-h-1, or 1-h-h-1 for `deep`


class SeedRun(TypedDict):
    seed: int
    max_error: float             # largest |yhat - f| on the dense grid after training
    stalled: bool                # ended far (stall_factor times) from the best run's error
    dense_ys: list[float]


class ApproximationTrace(TypedDict):
    target: str                  # the target function's name
    xs: list[float]              # the training samples
    target_ys: list[float]
    fits: list[Fit]              # one per width
    dense_xs: list[float] | None
    dense_target: list[float] | None
    seed_runs: list[SeedRun] | None  # one width from several random starts: some stall
    seed_width: int
    seed_epochs: int
    deep: Fit | None             # depth instead of width


# -- chapter 3: learning ---------------------------------------------------------------
class CandidateLine(TypedDict):
    theta0: float                # intercept
    theta1: float                # slope
    predictions: list[float]     # yhat = theta0 + theta1 x
    residuals: list[float]       # yhat - y
    squares: list[float]
    sum_squares: float
    cost: float                  # C = sum_squares / (2n)


class BestLine(TypedDict):
    theta0: float
    theta1: float
    cost: float


class CostSlice(TypedDict):
    """C as a function of theta1 alone, theta0 held at its best value."""
    theta0: float
    minimum: float               # the best theta1
    theta: list[float]           # theta1 samples
    cost: list[float]


class CostTrace(TypedDict):
    x: list[float]
    y: list[float]
    n: int
    lines: list[CandidateLine]   # the best line last
    best: BestLine
    slice: CostSlice


class Toy(TypedDict):
    """The parabola written out: C = a (theta - centre)^2 + floor."""
    a: float
    centre: float
    floor: float


class GradientDescentTrace(TypedDict):
    curve: Curve
    lr: float
    toy: Toy
    runs: list[Descent]          # from P1 (left of the minimum) and P2 (right)


class LearningRatesTrace(TypedDict):
    curve: Curve                 # one scale for every panel
    curvature: float             # C'' of the parabola
    start: float
    steps: int
    runs: list[RatedDescent]     # too small, the given rate, then the three too large


class Smooth(TypedDict):
    t: list[float]
    eta: list[float]             # the cosine rate between the steps too


class Schedule(TypedDict):
    eta_max: float
    eta_min: float
    lrs: list[float]             # eta_t of the cosine schedule
    smooth: Smooth
    curve: Curve                 # the parabola
    curvature: float             # its C''
    factor: float                # 1 - eta_max C'': one constant step at eta_max
    run: Descent                 # with the schedule: settles
    constant: Descent            # eta_max held: still bouncing


class MomentumTrace(TypedDict):
    curve: Curve                 # the bumpy curve
    lr: float
    beta: float
    beta_low: float
    plain: Descent               # stops in the shallow dip
    momentum: Descent            # beta: escapes
    momentum_low: Descent        # beta_low: stays
    schedule: Schedule


class RegressionDescent(TypedDict):
    """Both parameters at once: theta_j <- theta_j - eta dC/dtheta_j."""
    theta0s: list[float]
    theta1s: list[float]
    costs: list[float]
    gradients: list[list[float]]  # [dC/dtheta0, dC/dtheta1] at each point
    lr: float
    converged: bool
    diverged: bool
    diverged_at: int | None


class CostSurfaceTrace(TypedDict):
    x: list[float]
    y: list[float]
    best: list[float]            # [theta0, theta1] of the best fit
    theta0s: list[float]         # grid columns
    theta1s: list[float]         # grid rows
    grid: Matrix                 # grid[i][j] = C(theta0s[j], theta1s[i])
    path: RegressionDescent


# -- chapter 4: backpropagation -----------------------------------------------------------
class BackpropTrace(TypedDict):
    nodes: ChainNodes            # the forward pass
    edges: list[Edge]            # every local derivative
    gradients: Gradients
    shared: Product              # dE/dmu2, reused by Case 2 from Case 1
    hidden: Product              # dE/dmu1 = dE/dmu2 w_o h(1 - h) (= dE/db_i)
    lr: float
    updated: Params              # after one step param - eta dE/dparam
    error_after: float           # E with the updated parameters
    after: ChainNodes            # the forward pass with them
    nudge: Nudge


class WeightUpdateTrace(TypedDict):
    step: BackpropTrace          # the hand-worked update
    errors: list[float]          # E after k epochs; errors[1] = step["error_after"]
    outputs: list[float]         # O after k epochs
    params: list[Params]         # the parameters after k epochs
    y: float
    final: Params                # after the last epoch
