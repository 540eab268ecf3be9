"""The key formulas of the series (LaTeX), each written once. Language-neutral.

Scenes write them from `TEX`; the lecture page and slides show each scene's `FORMULAS`,
so a viewer reads there exactly what the video showed.
"""

# the theorem with its quantifiers, in the parts a scene writes one at a time
APPROXIMATION_PARTS = (r"\forall\,\varepsilon>0\ \ ", r"\exists\,\hat f:\ \ ",
                       r"|f(x)-\hat f(x)|<\varepsilon\ \ \forall x\in[a,b]")

TEX = {
    "fire": r"x_1 + x_2 > \text{threshold} \;\Rightarrow\; \text{fire}",
    "neuron": r"a = \varphi\Big(\sum_j w_j x_j + b\Big)",
    "sigmoid": r"\sigma(z)=\frac{1}{1+e^{-z}}",
    "sigmoid'": r"\sigma'(z)=\sigma(z)\,(1-\sigma(z))",
    "tanh": r"\tanh z=\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}",
    "tanh'": r"\tanh' z = 1-\tanh^2 z",
    "relu": r"\mathrm{ReLU}(z)=\max(0,\,z)",
    "relu'": r"\mathrm{ReLU}'(z)=\begin{cases}0 & z<0\\ 1 & z>0\end{cases}",
    "line": r"\hat y = w x + b",
    "layer-parameters": r"n_{\text{in}}\, n_{\text{out}} + n_{\text{out}}",
    "forward": r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)},\quad a^{(l)} = \varphi\big(z^{(l)}\big)",
    "training": r"\theta := \theta - \eta\,\nabla_\theta C",
    "approximation": "".join(APPROXIMATION_PARTS),
    "cost": r"C(\theta_0,\theta_1) = \frac{1}{2n}\sum_{i=1}^{n}(\theta_0 + \theta_1 x_i - y_i)^2",
    "descent-1d": r"\theta := \theta - \eta\,\frac{dC}{d\theta}",
    "descent": r"\theta_j := \theta_j - \eta\,\frac{\partial C}{\partial\theta_j}",
    "learning-rate": r"\theta_{k+1} = \theta_k - \eta\, C'(\theta_k)",
    "velocity": r"v_t = \beta\,v_{t-1} + \frac{dC}{d\theta}",
    "momentum-step": r"\theta := \theta - \eta\,v_t",
    "cosine": r"\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta_{\max} - \eta_{\min})\Big(1 + \cos\frac{\pi t}{T}\Big)",
    "dC/dtheta0": r"\frac{\partial C}{\partial\theta_0} = \frac{1}{n}\sum_i(\theta_0 + \theta_1x_i - y_i)",
    "dC/dtheta1": r"\frac{\partial C}{\partial\theta_1} = \frac{1}{n}\sum_i(\theta_0 + \theta_1x_i - y_i)\,x_i",
    "chain": r"\mu_1 = w_i x + b_i,\ h=\sigma(\mu_1),\ \mu_2 = w_o h + b_o,\ O=\sigma(\mu_2),\ E=\tfrac12(O-y)^2",
    "dE/dw_o": r"\frac{\partial E}{\partial w_o}=(O-y)\,O(1-O)\,h",
    "dE/db_o": r"\frac{\partial E}{\partial b_o}=(O-y)\,O(1-O)",
    "dE/dw_i": r"\frac{\partial E}{\partial w_i}=(O-y)\,O(1-O)\,w_o\,h(1-h)\,x",
    "dE/dmu1": r"\frac{\partial E}{\partial \mu_1}=\frac{\partial E}{\partial \mu_2}\,w_o\,h(1-h)"
               r"=\frac{\partial E}{\partial b_i},\quad \frac{\partial E}{\partial w_i}=\frac{\partial E}{\partial \mu_1}\,x",
    "nudge": r"\Delta E \approx \frac{\partial E}{\partial w_o}\,\Delta w_o",
    "update": r"\theta := \theta - \eta\,\frac{\partial E}{\partial \theta}",
}


def _both(a: str, b: str) -> str:
    return rf"{TEX[a]},\quad {TEX[b]}"


# scene id -> the formulas its lecture page shows
FORMULAS = {
    "neuron-firing": [TEX["fire"]],
    "perceptron": [TEX["neuron"]],
    "activation-functions": [_both("sigmoid", "sigmoid'"), _both("tanh'", "relu")],
    "bias": [TEX["line"]],
    "parameter-count": [rf"\text{{parameters}} = \sum_{{\text{{layers}}}} \big({TEX['layer-parameters']}\big)"],
    "forward-pass": [TEX["forward"]],
    "training": [TEX["training"]],
    "universal-approximation": [TEX["approximation"]],
    "cost-function": [TEX["cost"]],
    "gradient-descent": [TEX["descent-1d"], TEX["descent"]],
    "learning-rates": [TEX["learning-rate"]],
    "momentum-and-schedules": [_both("velocity", "momentum-step"), TEX["cosine"]],
    "cost-surface": [_both("dC/dtheta0", "dC/dtheta1")],
    "computation-graph": [TEX["chain"]],
    "backprop-output-layer": [_both("dE/dw_o", "dE/db_o"), TEX["nudge"]],
    "backprop-hidden-layer": [TEX["dE/dw_i"], TEX["dE/dmu1"]],
    "weight-update": [TEX["update"]],
}
