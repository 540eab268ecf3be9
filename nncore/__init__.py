"""nncore: the math behind the videos, in plain numpy. Never imports manim."""
from .activations import ACTIVATIONS, get_activation
from .network import MLP, ForwardTrace, count_parameters, layer_parameter_count
from .traces import TRACES, get_trace

__all__ = ["ACTIVATIONS", "get_activation", "MLP", "ForwardTrace", "count_parameters", "layer_parameter_count", "TRACES", "get_trace"]
