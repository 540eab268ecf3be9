"""Chapter 2 strings: the network."""

EN = {
    # the network diagram's layer names (any chapter may use them)
    "net.input": "input",
    "net.hidden": "hidden",
    "net.output": "output",

    # ParameterCount
    "params.title": "How many parameters does a network have?",
    "params.desc": "Count the weights and biases of a 2-4-1 network, then see how the count grows.",
    "params.cap.build": "The {shape} network, layer by layer: every neuron feeds every neuron of the next layer.",
    "params.cap.weights": "Each edge carries one weight: {n_in} × {n_out} = {weights} weights. "
                          "Running total: {total}.",
    "params.cap.biases": "Each neuron of the next layer adds one bias: {biases} more. Running total: {total}.",
    "params.cap.formula": "Per layer: n_in × n_out weights plus n_out biases. In all, {total} parameters.",
    "params.cap.examples": "Bigger networks have far more: the {shape} network has {count}.",
    "params.cap.width": "Make both hidden layers wider: doubling the width roughly quadruples the count.",
    "params.cap.depth": "Add {width}-wide hidden layers: each one adds the same {added} parameters, a straight line.",
    "params.cap.correct": "So the count does not grow exponentially: it grows with the square of the width "
                          "and linearly with the depth.",
    "params.parameters": "parameters",
    "params.weights": "weights",
    "params.biases": "biases",
    "params.per_layer": "per layer",
    "params.wider": "wider: 2-w-w-1",
    "params.deeper": "deeper: 2-{width}-…-{width}-1",
    "params.per_extra": "+{added} per layer",
    "params.not_exp": "Not exponential:",
    "params.growth": "quadratic in width, linear in depth",

    # ForwardPass
    "forward.title": "The forward pass",
    "forward.desc": "Inputs flow through the network: each neuron computes z = w·x + b and its activation.",
    "forward.cap.network": "A {shape} network with random weights (seed {seed}): blue edges positive, red negative, "
                           "thicker is larger.",
    "forward.cap.inputs": "One input goes in: x = ({values}). An input neuron just passes its value on.",
    "forward.cap.first": "Each neuron weighs its inputs and adds its bias: z = {z}. "
                         "The sigmoid turns it into its activation, {a}.",
    "forward.cap.neuron": "Neuron {j}: z = {z}, activation {a}. Brighter means a larger activation.",
    "forward.cap.output": "The output neuron does the same with the hidden activations: z = {z}, prediction {a}.",
    "forward.cap.summary": "Layer by layer, z = W a + b and a = sigma(z): the prediction is {a}.",
    "forward.hidden_layer": "hidden layer {n}",
    "forward.output_layer": "output layer",
    "forward.prediction": "prediction",

    # Training
    "training.title": "Training: the cost goes down",
    "training.desc": "A 2-4-1 network learns XOR-like points; the cost falls epoch by epoch.",
    "training.cap.data": "{n} points: the label is 1 where exactly one input is high, 0 elsewhere (like XOR).",
    "training.cap.network": "A {shape} network with random weights shades the square by its output: "
                            "at first it gets {correct} of {n} right.",
    "training.cap.epoch": "One epoch is one forward pass and one backward pass over all {n} points, "
                          "then every weight takes a step downhill.",
    "training.cap.train": "Epoch by epoch the weights change and the cost falls.",
    "training.cap.summary": "After {epochs} epochs the cost fell from {first} to {last}: "
                            "{correct} of {n} points are right.",
    "training.epoch_is": "1 epoch = forward + backward pass over all {n} points",
    "training.epoch": "epoch {n}",
    "training.epochs": "epochs",
    "training.correct": "{correct} of {n} right",
    "training.label1": "label 1",
    "training.label0": "label 0",
    "training.shading": "brighter = output nearer 1",

    # UniversalApproximation
    "approx.title": "Can a network approximate any function?",
    "approx.desc": "Wider hidden layers fit a curve better: what the universal approximation theorem promises.",
    "approx.cap.target": "A target curve, known only at {n} sample points.",
    "approx.cap.first": "One hidden neuron can only make one smooth step: the error stays large ({error}).",
    "approx.cap.more": "{hidden} hidden neurons, {params} parameters: error {error}.",
    "approx.cap.promise": "The theorem: with enough hidden neurons, a network can be as close as we like to any "
                          "continuous function on a bounded range.",
    "approx.cap.limits": "It promises that such a network exists. It does not promise that training finds it, "
                         "or that it does well on data it has not seen.",
    "approx.cap.summary": "More neurons: more power, but more parameters to train and more compute. A trade-off.",
    "approx.neurons": "neurons",
    "approx.parameters": "parameters",
    "approx.error": "error",
    "approx.promised": "promised:",
    "approx.exists": "a close enough network exists",
    "approx.not_promised": "not promised:",
    "approx.finds": "that training finds it",
    "approx.generalises": "that it works on new data",
}
