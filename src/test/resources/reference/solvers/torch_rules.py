"""PyTorch's documented optimizer update rules, transcribed into numpy (torch is not installed).

Regenerate (deterministic, no arguments):  python3 torch_rules.py  ->  torch_rules.json
Problem: f(x) = 0.5*(x0^2 + 10*x1^2), grad = (x0, 10*x1), x = (1, 1), lr = 0.1, float64.

The rules follow the LaTeX pseudo-code in the torch.optim docstrings (recent PyTorch 2.x docs,
as stored for torch/optim/{adam,adagrad,rmsprop}.py). Only maximize=False, weight_decay=0 are
used, so the docs' "if maximize" and "if lambda != 0" lines are omitted. Real torch kernels
group the arithmetic differently (e.g. Adam: exp_avg.lerp_ or mul_/add_,
denom = sqrt(v)/sqrt(1-b2^t) + eps, addcdiv_ with -lr/(1-b1^t)), so real torch agrees with
these numbers to about 1e-15 relative, not bit for bit. The grouping used here is listed in
"evaluation_order" in the JSON.

Adam (docs):
  m_t <- \beta_1 m_{t-1} + (1 - \beta_1) g_t
  v_t <- \beta_2 v_{t-1} + (1-\beta_2) g^2_t
  \widehat{m_t} <- m_t/\big(1-\beta_1^t \big)
  if amsgrad:  v_t^{max} <- \mathrm{max}(v_{t-1}^{max},v_t)
               \widehat{v_t} <- v_t^{max}/\big(1-\beta_2^t \big)
  else:        \widehat{v_t} <- v_t/\big(1-\beta_2^t \big)
  \theta_t <- \theta_{t-1} - \gamma \widehat{m_t}/\big(\sqrt{\widehat{v_t}} + \epsilon \big)
  (Older docs wrote the amsgrad max over \widehat{v_t}; the current docs and the code take the
  max of the raw v_t, which is what is used here.)
Adagrad (docs):
  \tilde{\gamma} <- \gamma / (1 +(t-1) \eta)
  state\_sum_t <- state\_sum_{t-1} + g^2_t
  \theta_t <- \theta_{t-1}- \tilde{\gamma} \frac{g_t}{\sqrt{state\_sum_t}+\epsilon}
RMSprop (docs):
  v_t <- \alpha v_{t-1} + (1 - \alpha) g^2_t
  \tilde{v_t} <- v_t
  if centered: g^{ave}_t <- g^{ave}_{t-1} \alpha + (1-\alpha) g_t
               \tilde{v_t} <- \tilde{v_t} - \big(g^{ave}_{t} \big)^2
  if \mu > 0:  \textbf{b}_t <- \mu \textbf{b}_{t-1} + g_t/ \big(\sqrt{\tilde{v_t}} + \epsilon \big)
               \theta_t <- \theta_{t-1} - \gamma \textbf{b}_t
  else:        \theta_t <- \theta_{t-1} - \gamma g_t/ \big(\sqrt{\tilde{v_t}} + \epsilon \big)
"""
import json
import platform
from pathlib import Path

import numpy as np

LR = 0.1
X0 = (1.0, 1.0)
RECORD = (1, 2, 3, 100)


def f(x):
    return 0.5 * (x[0] * x[0] + 10.0 * x[1] * x[1])


def grad(x):
    return np.array([x[0], 10.0 * x[1]])


def adam(amsgrad, b1=0.9, b2=0.999, eps=1e-8):
    m = v = vmax = np.zeros(2)

    def step(x, t):
        nonlocal m, v, vmax
        g = grad(x)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * (g * g)
        mhat = m / (1 - b1 ** t)
        if amsgrad:
            vmax = np.maximum(vmax, v)
            vhat = vmax / (1 - b2 ** t)
        else:
            vhat = v / (1 - b2 ** t)
        return x - LR * (mhat / (np.sqrt(vhat) + eps))
    return step


def adagrad(lr_decay, eps=1e-10, initial_accumulator_value=0.0):
    s = np.full(2, initial_accumulator_value)

    def step(x, t):
        nonlocal s
        g = grad(x)
        clr = LR / (1 + (t - 1) * lr_decay)
        s = s + g * g
        return x - clr * (g / (np.sqrt(s) + eps))
    return step


def rmsprop(momentum, centered, alpha=0.99, eps=1e-8):
    v = gave = b = np.zeros(2)

    def step(x, t):
        nonlocal v, gave, b
        g = grad(x)
        v = alpha * v + (1 - alpha) * (g * g)
        vt = v
        if centered:
            gave = gave * alpha + (1 - alpha) * g
            vt = vt - gave * gave
        if momentum > 0:
            b = momentum * b + g / (np.sqrt(vt) + eps)
            return x - LR * b
        return x - LR * (g / (np.sqrt(vt) + eps))
    return step


def gd():
    return lambda x, t: x - LR * grad(x)


def heavy_ball(gamma=0.9):
    u = np.zeros(2)

    def step(x, t):
        nonlocal u
        u = gamma * u + LR * grad(x)
        return x - u
    return step


def seed_nag(gamma=0.9):
    # Same update as the seed question's nag(): gradient at the look-ahead point x - gamma*u.
    u = np.zeros(2)

    def step(x, t):
        nonlocal u
        u = gamma * u + LR * grad(x - gamma * u)
        return x - u
    return step


def run(name, params, order, step):
    x = np.array(X0)
    rec = {}
    for t in range(1, max(RECORD) + 1):
        x = step(x, t)
        if t in RECORD:
            rec[str(t)] = {"x": [float(x[0]), float(x[1])], "f": float(f(x))}
    return {"name": name, "params": params, "evaluation_order": order, "after_step": rec}


ADAM_ORDER = ("g=grad(x); m=b1*m+(1-b1)*g; v=b2*v+(1-b2)*(g*g); mhat=m/(1-b1**t); "
              "[amsgrad: vmax=max(vmax,v); vhat=vmax/(1-b2**t)] else vhat=v/(1-b2**t); "
              "x=x-lr*(mhat/(sqrt(vhat)+eps)); b**t is Python float pow")
ADAGRAD_ORDER = ("g=grad(x); clr=lr/(1+(t-1)*lr_decay); s=s+g*g; x=x-clr*(g/(sqrt(s)+eps))")
RMS_ORDER = ("g=grad(x); v=alpha*v+(1-alpha)*(g*g); vt=v; [centered: gave=gave*alpha+(1-alpha)*g; "
             "vt=vt-gave*gave]; [momentum>0: b=mu*b+g/(sqrt(vt)+eps); x=x-lr*b] "
             "else x=x-lr*(g/(sqrt(vt)+eps))")

runs = [
    run("adam", {"lr": LR, "betas": [0.9, 0.999], "eps": 1e-8, "amsgrad": False,
                 "weight_decay": 0, "maximize": False}, ADAM_ORDER, adam(False)),
    run("adam_amsgrad", {"lr": LR, "betas": [0.9, 0.999], "eps": 1e-8, "amsgrad": True,
                         "weight_decay": 0, "maximize": False}, ADAM_ORDER, adam(True)),
    run("adagrad", {"lr": LR, "lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0},
        ADAGRAD_ORDER, adagrad(0.0)),
    run("adagrad_lr_decay", {"lr": LR, "lr_decay": 0.01, "eps": 1e-10,
                             "initial_accumulator_value": 0.0}, ADAGRAD_ORDER, adagrad(0.01)),
]
for mu in (0.0, 0.9):
    for centered in (False, True):
        runs.append(run(f"rmsprop_momentum{mu}_centered{centered}",
                        {"lr": LR, "alpha": 0.99, "eps": 1e-8, "momentum": mu,
                         "centered": centered}, RMS_ORDER, rmsprop(mu, centered)))
runs += [
    run("gd", {"lr": LR}, "x=x-lr*grad(x)", gd()),
    run("heavy_ball", {"lr": LR, "gamma": 0.9}, "u=gamma*u+lr*grad(x); x=x-u", heavy_ball()),
    run("seed_nag", {"lr": LR, "gamma": 0.9}, "u=gamma*u+lr*grad(x-gamma*u); x=x-u", seed_nag()),
]

out = {
    "description": "Documented torch.optim update rules in float64 numpy on "
                   "f(x)=0.5*(x0^2+10*x1^2) from x=(1,1); after_step[k] = iterate after k steps. "
                   "Floats are Python repr (exact round-trip).",
    "objective": {"formula": "0.5*(x0^2 + 10*x1^2)", "grad": "(x0, 10*x1)", "x0": list(X0)},
    "versions": {"python": platform.python_version(), "numpy": np.__version__,
                 "torch": "not installed; rules transcribed from the torch.optim docs"},
    "runs": runs,
}
Path(__file__).with_suffix(".json").write_text(
    json.dumps(out, indent=1, allow_nan=False) + "\n")
for r in runs:
    print(r["name"], {k: v["x"] for k, v in r["after_step"].items()})
