"""The key formulas of the series (LaTeX), each written once. Language-neutral.

Scenes write them from `TEX`; the lecture page and slides show each scene's `FORMULAS` (from
`PAGE`), so a viewer reads there exactly what the video showed.
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
    "parameters": r"\text{parameters} = \sum_{\text{layers}} \big(n_{\text{in}}\, n_{\text{out}} + n_{\text{out}}\big)",
    "forward": r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)},\quad a^{(l)} = \varphi\big(z^{(l)}\big)",
    "approximation": "".join(APPROXIMATION_PARTS),
    "mean-cost": r"C = \frac{1}{2n}\sum_{i=1}^{n}(\hat y_i - y_i)^2",   # over n samples, any model
    "error": r"E = \tfrac12\,(O - y)^2",                                  # one sample, the network's output
    "momentum-vector": r"v_t = \beta\,v_{t-1} + \nabla C,\quad \theta := \theta - \eta\,v_t",
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


# scene id -> the formulas its lecture page, slides and handout show, as keys of TEX (a tuple is
# one line); tests/test_formulas.py checks that the scene itself typesets each of them.
PAGE = {
    "neuron-firing": ["fire"],
    "perceptron": ["neuron"],
    "activation-functions": [("sigmoid", "sigmoid'"), ("tanh'", "relu")],
    "bias": ["line"],
    "parameter-count": ["parameters"],
    "forward-pass": ["forward"],
    "training": ["mean-cost", "momentum-vector"],
    "universal-approximation": ["approximation"],
    "cost-function": ["cost"],
    "gradient-descent": ["descent-1d", "descent"],
    "learning-rates": ["learning-rate"],
    "momentum-and-schedules": [("velocity", "momentum-step"), "cosine"],
    "cost-surface": [("dC/dtheta0", "dC/dtheta1")],
    "computation-graph": ["chain"],
    "backprop-output-layer": [("dE/dw_o", "dE/db_o"), "nudge"],
    "backprop-hidden-layer": ["dE/dw_i", "dE/dmu1"],
    "weight-update": ["update"],
}


def line(keys) -> str:
    """One line of the page: a formula, or several side by side."""
    return r",\quad ".join(TEX[k] for k in ((keys,) if isinstance(keys, str) else keys))


FORMULAS = {scene: [line(keys) for keys in lines] for scene, lines in PAGE.items()}
