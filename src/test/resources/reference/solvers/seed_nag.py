"""Reference trajectories of the seed question's NAG on the 2-D Ackley function.

Regenerate (deterministic, no arguments):  python3 seed_nag.py   ->  seed_nag.json
The `nag` function below is copied verbatim from the seed question ("Using Nesterov's
accelerated gradient on the Ackley function"); only the objective, gradient, schedules and
the recording harness are ours.
"""
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.optimize import OptimizeResult  # the seed's nag builds one of these

A, B, C = 20.0, 0.2, 2 * np.pi
X0 = (25.0, 20.0)
CHECKPOINTS = (100, 500, 1000)


def ackley(x):
    # Written exactly as in the brief (0.5*sum == sum/n for n = 2, both exact in binary).
    return (-A * np.exp(-B * np.sqrt(0.5 * np.sum(x ** 2)))
            - np.exp(0.5 * np.sum(np.cos(C * x))) + A + np.e)


def ackley_grad(x):
    n = x.size
    r = np.sqrt(np.sum(x ** 2) / n)
    # The cone term is not differentiable at the origin; 0 is the sub-gradient that keeps
    # the minimiser stationary (same convention as org.optsweep.objective.Ackley).
    t1 = np.zeros(n) if r == 0 else A * B * np.exp(-B * r) * x / (n * r)
    t2 = (C / n) * np.sin(C * x) * np.exp(np.sum(np.cos(C * x)) / n)
    return t1 + t2


# ---- verbatim from the seed question -------------------------------------------------
def nag(func, x, lr, num_iters, jac, tol, callback, gamma=0.9, *args, **kwargs):
    vals = [func(x)]
    opt_res = OptimizeResult()
    update = np.zeros(x.size)
    for i in range(1, num_iters+1):
        grad = jac(x - gamma * update)
        prev_x = x
        update = gamma * update + lr(i) * grad
        x = x - update
        vals.append(func(x))
        callback(x)
        if np.linalg.norm(x-prev_x) <= tol:
            break
    opt_res.x = x
    opt_res.nit = i
    return opt_res, np.array(vals, dtype=object)


def lr_(t):
    if t < 5:
        return 1e-4
    elif t < 10:
        return 1e-2
    else:
        return 0.1
# ---------------------------------------------------------------------------------------


def pair(v):
    return [float(v[0]), float(v[1])]


def run_case(name, gamma, lr, schedule, num_iters, tol):
    xs = []  # x after iteration i is xs[i-1]; the callback is the only per-iteration hook
    res, vals = nag(ackley, np.array(X0, dtype=np.float64), lr, num_iters, ackley_grad,
                    tol, lambda x: xs.append(pair(x)), gamma=gamma)
    return {
        "name": name,
        "gamma": gamma,
        "schedule": schedule,
        # lr(t) as evaluated by Python, so a port can check its schedule bit-for-bit
        "lr_first_12": [float(lr(t)) for t in range(1, 13)],
        "num_iters": num_iters,
        "tol": tol,
        "x_start": list(X0),
        "f_start": float(vals[0]),
        "trajectory_first_50": xs[:50],
        "x_at": {str(k): (xs[k - 1] if k <= len(xs) else None) for k in CHECKPOINTS},
        "f_at": {str(k): (float(vals[k]) if k < len(vals) else None) for k in CHECKPOINTS},
        "x_final": pair(res.x),
        "nit": int(res.nit),
        "f_final": float(vals[-1]),
    }


cases = [
    run_case("a_seed_exact", 0.2, lr_,
             {"kind": "piecewise", "t_lt_5": 1e-4, "t_lt_10": 1e-2, "else": 0.1},
             5000, 0.0),
    run_case("b_const_small_steps", 0.2, lambda t: 1e-3,
             {"kind": "constant", "lr": 1e-3}, 200, 0.0),
    run_case("c_exponential_decay", 0.9, lambda t: 0.05 * 0.99 ** (t - 1),
             {"kind": "exponential", "lr0": 0.05, "decay": 0.99,
              "formula": "0.05 * 0.99**(t-1), t = 1, 2, ... (Python float pow)"},
             300, 0.0),
    run_case("d_early_stop", 0.5, lambda t: 0.01,
             {"kind": "constant", "lr": 0.01}, 5000, 1e-6),
]

out = {
    "description": "Seed NAG (copied verbatim) on 2-D Ackley a=20, b=0.2, c=2*pi from x0=(25,20); "
                   "x after iteration i is trajectory_first_50[i-1]; x_at/f_at keyed by iteration "
                   "(null if the run stopped earlier); f_at['k'] = f(x after iteration k).",
    "notes": [
        "Stop test (seed): break when ||x_i - x_{i-1}||_2 <= tol, tested after the update; nit = i.",
        "tol = 0 runs all num_iters unless a step is exactly zero.",
        "Case a is chaotic (lr 0.1 on Ackley ripples): compare only early iterates bit-for-bit; "
        "later ones are sensitive to 1-ulp differences in exp/cos/sin.",
        "numpy ufuncs (np.exp, np.cos, np.sin, np.sqrt) are used as in the seed; their last-bit "
        "results may differ from java.lang.Math/StrictMath.",
        "Floats are written with Python repr (shortest string that round-trips to the same double).",
    ],
    "objective": {"name": "ackley", "n": 2, "a": A, "b": B, "c": C},
    "versions": {"python": platform.python_version(), "numpy": np.__version__,
                 "scipy": scipy.__version__},
    "cases": cases,
}

Path(__file__).with_suffix(".json").write_text(
    json.dumps(out, indent=1, allow_nan=False) + "\n")
for c in cases:
    print(c["name"], "nit", c["nit"], "x", c["x_final"], "f", c["f_final"], file=sys.stderr)
