"""The key formulas of each scene (LaTeX), for the lecture page and slides. Language-neutral."""

FORMULAS = {
    "neuron-firing": [r"x_1 + x_2 > \text{threshold} \;\Rightarrow\; \text{fire}"],
    "perceptron": [r"a = \varphi\Big(\sum_j w_j x_j + b\Big)"],
    "activation-functions": [r"\sigma(z)=\frac{1}{1+e^{-z}},\quad \sigma'(z)=\sigma(z)\,(1-\sigma(z))",
                             r"\tanh' z = 1-\tanh^2 z,\quad \mathrm{ReLU}(z)=\max(0,z)"],
    "bias": [r"\hat y = w x + b"],
    "parameter-count": [r"\text{parameters} = \sum_{\text{layers}} \big(n_{in}\, n_{out} + n_{out}\big)"],
    "forward-pass": [r"z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)},\quad a^{(l)} = \varphi\big(z^{(l)}\big)"],
    "training": [r"\theta := \theta - \eta\,\nabla_\theta C"],
    "universal-approximation": [r"|f(x) - \hat f(x)| < \varepsilon \ \text{ for all } x \in [a, b]"],
    "cost-function": [r"C(\theta_0,\theta_1)=\frac{1}{2n}\sum_{i=1}^{n}(\theta_0+\theta_1x_i-y_i)^2"],
    "gradient-descent": [r"\theta_j := \theta_j - \eta\,\frac{\partial C}{\partial\theta_j}"],
    "learning-rates": [r"\theta_{k+1} = \theta_k - \eta\, C'(\theta_k)"],
    "momentum-and-schedules": [r"v_t=\beta v_{t-1}+\nabla C,\quad \theta\leftarrow\theta-\eta v_t",
                               r"\eta_t=\eta_{min}+\tfrac12(\eta_{max}-\eta_{min})\big(1+\cos\tfrac{\pi t}{T}\big)"],
    "cost-surface": [r"\frac{\partial C}{\partial\theta_0}=\frac1n\sum_i(\hat y_i-y_i),\quad "
                     r"\frac{\partial C}{\partial\theta_1}=\frac1n\sum_i(\hat y_i-y_i)\,x_i"],
    "computation-graph": [r"\mu_1 = w_i x + b_i,\ h=\sigma(\mu_1),\ \mu_2 = w_o h + b_o,\ O=\sigma(\mu_2),\ "
                          r"E=\tfrac12(O-y)^2"],
    "backprop-output-layer": [r"\frac{\partial E}{\partial w_o}=(O-y)\,O(1-O)\,h,\quad "
                              r"\frac{\partial E}{\partial b_o}=(O-y)\,O(1-O)"],
    "backprop-hidden-layer": [r"\frac{\partial E}{\partial w_i}=(O-y)\,O(1-O)\,w_o\,h(1-h)\,x"],
    "weight-update": [r"\theta := \theta - \eta\,\frac{\partial E}{\partial \theta}"],
}
