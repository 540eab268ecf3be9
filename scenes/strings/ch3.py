"""Chapter 3 strings: learning (cost, gradient descent, learning rates, momentum, the cost surface)."""

EN = {
    # CostFunction
    "cost.title": "The cost of a line",
    "cost.desc": "Residuals, their squares and the cost C = 1/(2n) sum of squares; the best line costs least.",
    "cost.cap.data": "{n} points that roughly follow a line. Which line fits them best?",
    "cost.cap.model": "A line is y-hat = theta0 + theta1 x: two parameters to choose. Try one.",
    "cost.cap.residuals": "Each point's error is the vertical gap between the line and the point: y-hat minus y. "
                          "For the marked point it is {r}.",
    "cost.cap.squares": "Squaring makes every error positive, and big misses count much more: the marked "
                        "point's square is {sq}.",
    "cost.cap.stack": "Add the {n} squares: stacked into one bar, their areas add up to {total}.",
    "cost.cap.cost": "Divide by 2n = {two_n}: this line costs C = {total} / {two_n} = {c}.",
    "cost.cap.other": "Another line, other gaps: its squares add up to {total}, so its cost is {c}.",
    "cost.cap.best": "The least-squares line is the one with the smallest sum of squares. Its cost, "
                     "{total} / {two_n} = {c}, is the lowest: it is the best fit.",
    "cost.least_squares": "least-squares line",
    "cost.cap.half": "Why the 1/2? The derivative of r squared over 2 is just r: the 2 from the square cancels.",
    "cost.cap.bridge": "Hold theta0 at its best value, {b0}: then C depends on theta1 alone, a curve whose lowest "
                       "point is the best slope, {b1}. Gradient descent walks down such a curve.",

    # GradientDescent
    "gd.title": "Gradient descent",
    "gd.desc": "The ball on the cost parabola: the tangent's slope and theta := theta − eta × slope, step by step.",
    "gd.cap.curve": "With one parameter theta, the cost is a parabola. The best theta sits at its bottom.",
    "gd.cap.start": "Start at P1, left of the minimum: theta = {theta}, cost {c}.",
    "gd.cap.start2": "A second ball, P2, starts right of the minimum, at theta = {theta}; P1 waits at "
                     "{parked}.",
    "gd.cap.slope_neg": "The tangent's slope is {slope}: negative, so the cost falls to the right.",
    "gd.cap.slope_pos": "Here the slope is {slope}: positive, so the cost falls to the left.",
    "gd.cap.update_right": "theta := theta − eta × slope = {theta} − {eta} × ({slope}) = {new}. Minus a "
                           "negative slope moves theta right, downhill.",
    "gd.cap.update_left": "theta := {theta} − {eta} × {slope} = {new}. A positive slope moves theta left, downhill.",
    "gd.cap.again": "Step {k}: the slope is {slope}, so theta goes to {new}.",
    "gd.cap.together": "Now both balls run on together. Near the bottom the slope flattens, so every step is "
                       "smaller than the last.",
    "gd.cap.settled": "P1 after {s1} steps, P2 after {s2}: both slopes are almost 0, both balls have settled "
                      "at theta = {t1}.",
    "gd.cap.stopped": "After {s1} and {s2} steps: theta = {t1} and {t2}.",
    "gd.cap.diverged": "With eta = {eta} every step overshoots further: the cost blows up at once.",
    "gd.cap.summary": "From either side the same rule moves theta downhill to the minimum: P1 in {s1} steps, "
                      "P2 in {s2}.",
    "gd.cap.summary_diverged": "With eta = {eta} the same rule overshoots further at every step: this rate is too "
                               "large to settle.",
    "gd.minimum": "minimum",
    "gd.toy": "a toy cost, not the regression cost",
    "gd.step": "step",
    "gd.steps": "{name}: θ {rel} {theta} after {steps} steps",

    # LearningRates
    "lr.title": "The learning rate",
    "lr.desc": "The same descent with a rate too small, about right and too large: crawls, converges, or oscillates, bounces, diverges.",
    "lr.cap.intro": "The same start, theta = {start}, at most {steps} steps: a rate too small, one about right "
                    "and one too large.",
    "lr.cap.crawls": "eta = {eta} is too small: after {steps} steps theta has only crawled to {theta}, cost {c}.",
    "lr.cap.converges": "eta = {eta} is about right: {steps} steps reach the minimum, cost {c}.",
    "lr.cap.oscillates": "eta = {eta} is too large: theta jumps across the minimum at every step. But each jump "
                         "is shorter, so it still converges: cost {c} after {steps} steps.",
    "lr.cap.more": "A rate too large can do two more things. Push eta higher, from the same start.",
    "lr.cap.bounces": "eta = {eta}: every jump lands exactly as far out on the other side. The ball bounces "
                      "between two points forever, cost {c} after {steps} steps.",
    "lr.cap.diverges": "eta = {eta}: every jump lands further out. After {steps} steps the cost is {c}, and the "
                       "ball has left the chart.",
    "lr.cap.factor": "Each step multiplies the distance to the minimum by 1 − eta times the "
                     "curvature, here {f1}, {f2} and {f3}. Between −1 and 0 theta flips side and the jumps shrink; at −1 "
                     "they stay the same; below −1 they grow.",
    "lr.cap.summary": "Too small crawls. Too large oscillates, bounces or blows up. A good rate lies in between.",
    "lr.verdict.crawls": "crawls",
    "lr.verdict.converges": "converges",
    "lr.verdict.oscillates": "oscillates, converges",
    "lr.verdict.bounces": "bounces forever",
    "lr.verdict.diverges": "diverges",
    "lr.off_chart": "off the chart",

    # MomentumAndSchedules
    "momentum.title": "Momentum and learning-rate schedules",
    "momentum.desc": "Momentum can carry descent past a shallow minimum; cosine decay shrinks one global rate over time.",
    "momentum.cap.curve": "A bumpier cost: a shallow dip on the way down, the deepest point further right.",
    "momentum.cap.plain": "Plain descent with eta = {eta} stops in the dip: after {steps} steps the slope there is 0, "
                          "at theta = {theta}.",
    "momentum.cap.rule": "Momentum keeps a velocity: v adds up the slopes of past steps, shrunk by beta = {beta} each "
                         "time, and theta moves by eta times v.",
    "momentum.cap.speed": "With momentum, beta = {beta}, from the same start: the ball gathers speed down the "
                          "wall. The arrow −v shows where it moves and how fast.",
    "momentum.cap.through": "The speed carries it through the dip and over the bump after it.",
    "momentum.cap.momentum": "It rolls on into the bowl: theta = {theta} after {steps} steps, near the deepest "
                             "point.",
    "momentum.cap.stuck": "Here even momentum stays in the dip, at theta = {theta}.",
    "momentum.cap.little": "Less momentum, beta = {beta}, from the same start: too little speed, and the ball "
                           "stays in the dip, at theta = {theta}.",
    "momentum.cap.little_escapes": "With beta = {beta} the ball also gets out of the dip, to theta = {theta}.",
    "momentum.cap.maybe": "So momentum MAY carry the ball past a shallow minimum. It is not guaranteed.",
    "momentum.cap.sgd": "The article says SGD with momentum. SGD, stochastic gradient descent, takes each step "
                        "with the gradient of one random sample or a small batch, not of all the points: "
                        "cheaper, noisier steps.",
    "momentum.cap.schedule": "A schedule changes the rate over time. Cosine decay goes from {eta_max} down to "
                             "{eta_min} along half a cosine.",
    "momentum.cap.decay": "Big steps first, small steps at the end: the ball settles in {steps} steps. The "
                          "constant rate, the ring, is still {d} from the minimum then, jumping side to side.",
    "momentum.cap.constant": "A constant rate {eta_max} multiplies the distance to the minimum, theta star, by "
                             "{f} at every step: it flips side and shrinks slowly, still {d} away after {steps} steps.",
    "momentum.cap.global": "Cosine decay is one global rate that changes over time, the same for every parameter. "
                           "A rate per parameter is what Adagrad, RMSProp and Adam do.",
    "momentum.local": "shallow dip",
    "momentum.global": "deepest point",
    "momentum.plain": "plain",
    "momentum.with": "momentum, β = {beta}",
    "momentum.maybe": "momentum may escape a shallow minimum, not always",
    "momentum.sgd": "SGD: each step uses the gradient of one random sample",
    "momentum.sgd2": "or of a mini-batch, not of all the points",
    "momentum.cosine": "cosine decay",
    "momentum.constant": "constant rate {eta}",
    "momentum.one_rate": "one global rate, changing over time",
    "momentum.per_param": "a rate per parameter: Adagrad, RMSProp, Adam",

    # CostSurface
    "surface.title": "The cost surface",
    "surface.desc": "The regression cost over both parameters as a contour map; descent walks downhill and the line fits.",
    "surface.cap.bowl": "Over both parameters the cost is a bowl: each point (theta0, theta1) is one line, its "
                        "height that line's cost. The rings join points of equal cost.",
    "surface.cap.tilt": "Seen from straight above, the bowl becomes a map of rings, like the contour lines of a "
                        "hiking map.",
    "surface.cap.map": "Each ring is one cost level: {c1}, {c2}, {c3} from the outside in. The best line sits at "
                       "the bottom of the bowl. Both axes are drawn to the same scale.",
    "surface.cap.rule": "Descent updates both parameters at once, each by its own partial derivative.",
    "surface.cap.start": "Start at theta0 = {t0}, theta1 = {t1}: a poor line, cost {c}.",
    "surface.cap.descend": "Step by step the point walks downhill across the rings, and the line turns towards "
                           "the points.",
    "surface.cap.valley": "First quickly down into the long valley, then slowly along it.",
    "surface.cap.end": "After {steps} steps: theta0 = {t0}, theta1 = {t1}, cost {c}.",
    "surface.cap.best": "The best line has theta0 = {b0}, theta1 = {b1}: the descent ends close to it.",
    "surface.cap.best_far": "The best line has theta0 = {b0}, theta1 = {b1}: the descent is still on its way.",
    "surface.cap.diverged": "With eta = {eta} the steps overshoot and the cost blows up after {steps} steps.",
    "surface.cap.first": "The first step is minus eta times the gradient: straight across the ring it starts "
                         "on, the steepest way down.",
    "surface.cap.first_numbers": "In numbers, the gradient is ({g0}, {g1}); times eta = {eta}, it takes theta0 "
                                 "to {n0} and theta1 to {n1}.",
    "surface.best": "best",
    "surface.best_line": "best line",
    "surface.line": "line now",
}

ZH = {
    # CostFunction
    "cost.title": "一条直线的代价",
    "cost.desc": "残差、残差的平方与代价 C = 1/(2n)·平方和；最好的直线代价最小。",
    "cost.cap.data": "{n} 个点大致排成一条直线。哪条直线拟合得最好？",
    "cost.cap.model": "直线给出的预测值是 θ0 + θ1 x：有两个参数要选。先试一条。",
    "cost.cap.residuals": "每个点的误差是直线与该点之间的竖直距离：预测值减 y。标出的那个点误差是 {r}。",
    "cost.cap.squares": "平方让每个误差都变成正数，而且大的偏差分量更重：标出的那个点的平方是 {sq}。",
    "cost.cap.stack": "把 {n} 个平方加起来：叠成一根柱子，它们的面积之和是 {total}。",
    "cost.cap.cost": "再除以 2n = {two_n}：这条直线的代价 C = {total} / {two_n} = {c}。",
    "cost.cap.other": "换一条直线，距离也变了：平方和是 {total}，所以它的代价是 {c}。",
    "cost.cap.best": "最小二乘直线就是平方和最小的那条直线。它的代价 {total} / {two_n} = {c} 最低：它就是最佳拟合。",
    "cost.least_squares": "最小二乘直线",
    "cost.cap.half": "为什么要乘 1/2？r 的平方除以 2 的导数正好是 r：平方带来的 2 被约掉了。",
    "cost.cap.bridge": "把 θ0 固定在最佳值 {b0}：C 就只取决于 θ1，是一条曲线，最低点就是最佳斜率 {b1}。"
                       "梯度下降就是沿着这样的曲线往下走。",

    # GradientDescent
    "gd.title": "梯度下降",
    "gd.desc": "代价抛物线上的小球：切线的斜率，以及 θ := θ − η × 斜率，一步一步。",
    "gd.cap.curve": "只有一个参数 θ 时，代价是一条抛物线。最好的 θ 在它的最低点。",
    "gd.cap.start": "从最低点左边的 P1 出发：θ = {theta}，代价 {c}。",
    "gd.cap.start2": "第二个小球 P2 从最低点右边出发，θ = {theta}；P1 停在 {parked} 等着。",
    "gd.cap.slope_neg": "切线的斜率是 {slope}：为负，所以代价向右下降。",
    "gd.cap.slope_pos": "这里斜率是 {slope}：为正，所以代价向左下降。",
    "gd.cap.update_right": "θ := θ − η × 斜率 = {theta} − {eta} × ({slope}) = {new}。减去负的斜率，θ 向右移动，走下坡。",
    "gd.cap.update_left": "θ := {theta} − {eta} × {slope} = {new}。正的斜率让 θ 向左移动，走下坡。",
    "gd.cap.again": "第 {k} 步：斜率是 {slope}，所以 θ 变为 {new}。",
    "gd.cap.together": "现在两个小球一起往下走。越接近底部，斜率越平，所以每一步都比上一步小。",
    "gd.cap.settled": "P1 走了 {s1} 步，P2 走了 {s2} 步：两边的斜率都几乎为 0，两个小球都停在 θ = {t1}。",
    "gd.cap.stopped": "{s1} 步和 {s2} 步之后：θ = {t1} 和 {t2}。",
    "gd.cap.diverged": "η = {eta} 时每一步都越冲越远：代价立刻爆炸。",
    "gd.cap.summary": "无论从哪一边出发，同一条规则都让 θ 走下坡到达最低点：P1 用了 {s1} 步，P2 用了 {s2} 步。",
    "gd.cap.summary_diverged": "η = {eta} 时同一条规则每一步都冲得更远：这个学习率太大，停不下来。",
    "gd.minimum": "最低点",
    "gd.toy": "玩具代价，不是回归代价",
    "gd.step": "步数",
    "gd.steps": "{name}：{steps} 步后 θ {rel} {theta}",

    # LearningRates
    "lr.title": "学习率",
    "lr.desc": "同样的下降，学习率太小、合适、太大：爬行、收敛、越过头。",
    "lr.cap.intro": "同样从 θ = {start} 出发，最多 {steps} 步：一个太小的学习率，一个合适的，一个太大的。",
    "lr.cap.crawls": "η = {eta} 太小：{steps} 步之后 θ 才爬到 {theta}，代价 {c}。",
    "lr.cap.converges": "η = {eta} 正合适：{steps} 步到达最低点，代价 {c}。",
    "lr.cap.oscillates": "η = {eta} 太大：θ 每一步都跳过最低点。但每一跳都更短，所以仍然收敛：{steps} 步之后代价 {c}。",
    "lr.cap.more": "太大的学习率还可能有另外两种结果。把 η 再调大，从同一个起点出发。",
    "lr.cap.bounces": "η = {eta}：每一跳都落在另一侧同样远的地方。小球在两点之间永远来回跳，{steps} 步之后代价 {c}。",
    "lr.cap.diverges": "η = {eta}：每一跳都落得更远。{steps} 步之后代价是 {c}，小球已经飞出图外。",
    "lr.cap.factor": "每一步把到最低点的距离乘以 1 − η 乘曲率，这里是 {f1}、{f2} 和 {f3}。在 −1 和 0 之间，θ 换边且跳得越来越短；等于 −1 时跳幅不变；小于 −1 时越跳越远。",
    "lr.cap.summary": "太小就爬行。太大就振荡、来回跳或者爆炸。好的学习率在两者之间。",
    "lr.verdict.crawls": "爬行",
    "lr.verdict.converges": "收敛",
    "lr.verdict.oscillates": "振荡，收敛",
    "lr.verdict.bounces": "永远来回跳",
    "lr.verdict.diverges": "发散",
    "lr.off_chart": "飞出图外",

    # MomentumAndSchedules
    "momentum.title": "动量与学习率调度",
    "momentum.desc": "动量可能带着下降越过浅的局部极小；余弦衰减让一个全局学习率随时间变小。",
    "momentum.cap.curve": "一条更崎岖的代价曲线：下坡途中有一个浅坑，最深的点在更右边。",
    "momentum.cap.plain": "η = {eta} 的普通梯度下降停在浅坑里：{steps} 步之后那里的斜率为 0，θ = {theta}。",
    "momentum.cap.rule": "动量保留一个速度：v 累加过去各步的斜率，每次乘以 β = {beta} 衰减，θ 按 η 乘 v 移动。",
    "momentum.cap.speed": "加上动量，β = {beta}，从同一个起点出发：小球沿坡往下越滚越快。箭头 −v 表示它往哪里走、走多快。",
    "momentum.cap.through": "这股速度带着它冲过浅坑，又越过坑后面的小坡。",
    "momentum.cap.momentum": "它一直滚进大碗里：{steps} 步之后 θ = {theta}，接近最深点。",
    "momentum.cap.stuck": "这一次即使有动量，小球也停在浅坑里，θ = {theta}。",
    "momentum.cap.little": "动量小一些，β = {beta}，从同一个起点出发：速度不够，小球留在浅坑里，θ = {theta}。",
    "momentum.cap.little_escapes": "β = {beta} 时小球也冲出了浅坑，到达 θ = {theta}。",
    "momentum.cap.maybe": "所以动量「可能」带着小球越过浅的局部极小，但并不保证。",
    "momentum.cap.sgd": "原文说的是带动量的 SGD。SGD 即随机梯度下降：每一步只用一个随机样本或一小批样本的梯度，而不是全部数据点：每步更省，但更嘈杂。",
    "momentum.cap.schedule": "学习率调度让学习率随时间变化。余弦衰减沿着半个余弦从 {eta_max} 降到 {eta_min}。",
    "momentum.cap.decay": "先迈大步，最后迈小步：小球 {steps} 步就停稳了。这时固定学习率（圆圈）离最低点还有 {d}，还在两侧来回跳。",
    "momentum.cap.constant": "固定为 {eta_max} 时，每一步把到最低点 θ* 的距离乘以 {f}：它换边，缩小得很慢，{steps} 步之后还差 {d}。",
    "momentum.cap.global": "余弦衰减是一个随时间变化的全局学习率，所有参数都相同。"
                           "每个参数各有学习率，那是 Adagrad、RMSProp 和 Adam 的做法。",
    "momentum.local": "浅坑",
    "momentum.global": "最深点",
    "momentum.plain": "普通",
    "momentum.with": "动量，β = {beta}",
    "momentum.maybe": "动量可能越过浅的局部极小，但不总是",
    "momentum.sgd": "SGD：每一步只用一个随机样本",
    "momentum.sgd2": "或一小批样本的梯度，而不是全部数据点",
    "momentum.cosine": "余弦衰减",
    "momentum.constant": "固定学习率 {eta}",
    "momentum.one_rate": "一个全局学习率，随时间变化",
    "momentum.per_param": "每个参数一个学习率：Adagrad、RMSProp、Adam",

    # CostSurface
    "surface.title": "代价曲面",
    "surface.desc": "回归代价随两个参数变化的等高线图；梯度下降一路下坡，直线随之拟合。",
    "surface.cap.bowl": "代价随两个参数变化，是一只碗：每个点 (θ0, θ1) 是一条直线，高度就是它的代价。圆圈连起代价相同的点。",
    "surface.cap.tilt": "从正上方看，这只碗就变成一圈圈的等高线，就像登山地图。",
    "surface.cap.map": "每一圈是一个代价值：从外往里是 {c1}、{c2}、{c3}。最佳直线位于碗底。两条轴的比例尺相同。",
    "surface.cap.rule": "梯度下降同时更新两个参数，各自按自己的偏导数。",
    "surface.cap.start": "从 θ0 = {t0}、θ1 = {t1} 出发：一条不好的直线，代价 {c}。",
    "surface.cap.descend": "一步一步，点穿过等高线走下坡，直线也转向数据点。",
    "surface.cap.valley": "先很快落进狭长的山谷，再沿着谷底慢慢前进。",
    "surface.cap.end": "{steps} 步之后：θ0 = {t0}，θ1 = {t1}，代价 {c}。",
    "surface.cap.best": "最佳直线是 θ0 = {b0}，θ1 = {b1}：下降最后停在它附近。",
    "surface.cap.best_far": "最佳直线是 θ0 = {b0}，θ1 = {b1}：下降还在路上。",
    "surface.cap.diverged": "η = {eta} 时步子越过了头，{steps} 步之后代价爆炸。",
    "surface.cap.first": "第一步：负 η 乘以梯度，垂直穿过它出发的那一圈，这是最陡的下坡方向。",
    "surface.cap.first_numbers": "用数字表示：梯度是 ({g0}, {g1})；乘以 η = {eta}，θ0 变为 {n0}，θ1 变为 {n1}。",
    "surface.best": "最佳",
    "surface.best_line": "最佳直线",
    "surface.line": "当前直线",
}
