"""The key formulas of the series (LaTeX), each written once. Language-neutral.

Scenes write them from `TEX`; the lecture page and slides show each scene's `FORMULAS` (from
`PAGE`), so a viewer reads there exactly what the video showed.
"""

# the theorem with its quantifiers, in the parts a scene writes one at a time
APPROXIMATION_PARTS = (r"\forall\,\varepsilon>0\ \ ", r"\exists\,\hat f:\ \ ",
                       r"|f(x)-\hat f(x)|<\varepsilon\ \ \forall x\in[a,b]")

TEX = {
    "neuron": r"a = \varphi\Big(\sum_j w_j x_j + b\Big)",
    "sigmoid": r"\sigma(z)=\frac{1}{1+e^{-z}}",
    "sigmoid'": r"\sigma'(z)=\sigma(z)\,(1-\sigma(z))",
    "tanh": r"\tanh z=\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}",
    "tanh'": r"\tanh' z = 1-\tanh^2 z",
    "relu": r"\mathrm{ReLU}(z)=\max(0,\,z)",
    "relu'": r"\mathrm{ReLU}'(z)=\begin{cases}0 & z<0\\ 1 & z>0\end{cases}",
    "line": r"\hat y = w x + b",
    "layer-parameters": r"n_{\text{in}}\, n_{\text{out}} + n_{\text{out}}",
    "network-parameters": r"N = (n_{\text{in}}+1)\,w + (L-1)\,(w^2 + w) + (w+1)\,n_{\text{out}}",
    "forward": r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)},\quad a^{(l)} = \varphi\big(z^{(l)}\big)",
    "approximation": "".join(APPROXIMATION_PARTS),
    "mean-cost": r"C = \frac{1}{2n}\sum_{i=1}^{n}(\hat y_i - y_i)^2",   # over n samples, any model
    "error": r"E = \tfrac12\,(O - y)^2",                                  # one sample, the network's output
    "momentum-vector": r"v_t = \beta\,v_{t-1} + \nabla C,\quad \theta := \theta - \eta\,v_t",
    "cost": r"C(\theta_0,\theta_1) = \frac{1}{2n}\sum_{i=1}^{n}(\theta_0 + \theta_1 x_i - y_i)^2",
    "descent-1d": r"\theta := \theta - \eta\,\frac{dC}{d\theta}",
    "descent": r"\theta_j := \theta_j - \eta\,\frac{\partial C}{\partial\theta_j}",
    "velocity": r"v_t = \beta\,v_{t-1} + \frac{dC}{d\theta}",
    "momentum-step": r"\theta := \theta - \eta\,v_t",
    "cosine": r"\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta_{\max} - \eta_{\min})\Big(1 + \cos\frac{\pi t}{T}\Big)",
    "dC/dtheta0": r"\frac{\partial C}{\partial\theta_0} = \frac{1}{n}\sum_i(\theta_0 + \theta_1x_i - y_i)",
    "dC/dtheta1": r"\frac{\partial C}{\partial\theta_1} = \frac{1}{n}\sum_i(\theta_0 + \theta_1x_i - y_i)\,x_i",
    # chapter 4 as its scenes write it (the chain rule rows are built by scenes/kit/graph.py's
    # ChainProduct; tests/test_formulas.py keeps these equal to what the scenes show)
    "forward-chain": r"\mu_1 = w_i\,x + b_i \quad h = \sigma(\mu_1) \quad \mu_2 = w_o\,h + b_o",
    "output-chain": r"O = \sigma(\mu_2) \quad E = \tfrac12\,(O - y)^2",
    "dE/dw_o": r"\frac{\partial E}{\partial w_o} = \frac{\partial E}{\partial O} \, \frac{\partial O}{\partial \mu_2} \, "
               r"\frac{\partial \mu_2}{\partial w_o}",
    "dE/db_o": r"\frac{\partial E}{\partial b_o} = \frac{\partial E}{\partial O} \, \frac{\partial O}{\partial \mu_2} \, "
               r"\frac{\partial \mu_2}{\partial b_o}",
    "nudge": r"\frac{\partial E}{\partial w_o} \approx \frac{\Delta E}{\Delta w_o}",
    "dE/dmu1": r"\frac{\partial E}{\partial \mu_1} = \frac{\partial E}{\partial \mu_2} \,w_o\,h(1 - h)",
    "backprop-rule": r"\frac{\partial E}{\partial \mu_{l}} = \frac{\partial E}{\partial \mu_{l+1}} \,w_{l+1} \,\sigma'(\mu_l)",
    "update": r"\theta := \theta - \eta\,\frac{\partial E}{\partial \theta}",
}


# scene id -> the formulas its lecture page, slides and handout show, as keys of TEX (a tuple is
# one line); tests/test_formulas.py checks that the scene itself typesets each of them.
PAGE = {
    "neuron-firing": [],   # its rule is written with the threshold's number
    "perceptron": ["neuron"],
    "activation-functions": [("sigmoid", "sigmoid'"), ("tanh'", "relu")],
    "bias": ["line"],
    "parameter-count": ["layer-parameters", "network-parameters"],
    "forward-pass": ["forward"],
    "training": ["mean-cost", "momentum-vector"],
    "universal-approximation": ["approximation"],
    "cost-function": ["cost"],
    "gradient-descent": ["descent-1d"],
    "learning-rates": [],   # its contraction is written with the minimum's number
    "momentum-and-schedules": [("velocity", "momentum-step"), "cosine"],
    "cost-surface": [("dC/dtheta0", "dC/dtheta1"), "descent"],
    "computation-graph": ["forward-chain", "output-chain", "mean-cost"],
    "backprop-output-layer": [("dE/dw_o", "dE/db_o"), "nudge"],
    "backprop-hidden-layer": ["dE/dmu1", "backprop-rule"],
    "weight-update": ["update"],
}


def line(keys) -> str:
    """One line of the page: a formula, or several side by side."""
    return r",\quad ".join(TEX[k] for k in ((keys,) if isinstance(keys, str) else keys))


FORMULAS = {scene: [line(keys) for keys in lines] for scene, lines in PAGE.items()}
