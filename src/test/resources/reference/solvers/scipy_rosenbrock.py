"""scipy.optimize.minimize reference runs on the Rosenbrock function (rosen / rosen_der).

Regenerate (deterministic, no arguments):  python3 scipy_rosenbrock.py  ->  scipy_rosenbrock.json
See NELDER_MEAD_NOTES.md and LBFGSB_NOTES.md (same folder) for how scipy counts nit/nfev.
"""
import inspect
import json
import platform
from pathlib import Path

import numpy as np
import scipy
from scipy.optimize import minimize, rosen, rosen_der
from scipy.optimize._lbfgsb_py import _minimize_lbfgsb
from scipy.optimize._optimize import _minimize_neldermead

X0_2D = [-1.2, 1.0]
X0_5D = [-1.2, 1.0, -1.2, 1.0, -1.2]


def fl(v):
    return [float(t) for t in np.ravel(v)]


def defaults(fn, names):
    # Read the defaults from the installed scipy instead of hard-coding them.
    sig = inspect.signature(fn).parameters
    return {k: sig[k].default for k in names}


LBFGSB_DEFAULTS = defaults(_minimize_lbfgsb,
                           ["maxcor", "ftol", "gtol", "eps", "maxfun", "maxiter", "maxls"])
NM_DEFAULTS = defaults(_minimize_neldermead,
                       ["xatol", "fatol", "adaptive", "maxiter", "maxfev"])


def summary(res, method, x0, options, effective):
    d = {"method": method, "x0": list(x0), "options": options,
         "effective_options": effective,
         "x": fl(res.x), "fun": float(res.fun), "nit": int(res.nit),
         "nfev": int(res.nfev)}
    if "njev" in res:
        d["njev"] = int(res.njev)
    d.update(status=int(res.status), message=str(res.message), success=bool(res.success))
    return d


def lbfgsb(x0, log_evals=0):
    evals = []

    def f(x):  # logs the points scipy asks for; does not change what is evaluated
        v = rosen(x)
        if len(evals) < log_evals:
            evals.append({"x": fl(x), "f": float(v)})
        return v

    res = minimize(f, np.array(x0), method="L-BFGS-B", jac=rosen_der)
    d = summary(res, "L-BFGS-B", x0, {}, dict(LBFGSB_DEFAULTS))
    d["jac_final"] = fl(res.jac)
    if log_evals:
        d["first_function_evaluations"] = evals  # includes the initial one at x0
    return d


def nelder_mead(x0, options, trace=False):
    n = len(x0)
    eff = dict(NM_DEFAULTS, **options)
    if eff["maxiter"] is None and eff["maxfev"] is None:
        eff["maxiter"] = eff["maxfev"] = 200 * n  # scipy's rule when neither is given
    per_iter = []

    def cb(intermediate_result):  # called once per completed iteration with the best vertex
        if len(per_iter) < 20:
            per_iter.append({"x": fl(intermediate_result.x),
                             "fun": float(intermediate_result.fun)})

    res = minimize(rosen, np.array(x0), method="Nelder-Mead", options=options,
                   callback=cb if trace else None)
    d = summary(res, "Nelder-Mead", x0, options, eff)
    d["final_simplex"] = {"vertices": [fl(v) for v in res.final_simplex[0]],
                          "f": fl(res.final_simplex[1])}
    if trace:
        d["callback_first_20"] = per_iter
        # The callback only sees the best vertex, so the whole (sorted) simplex after k
        # iterations is taken from a rerun with maxiter=k+1 (nit starts at 1).  Identical
        # arithmetic as long as neither run has stopped yet, which is asserted below.
        snaps = {}
        for k in (0, 1, 2, 3, 10):
            r = minimize(rosen, np.array(x0), method="Nelder-Mead",
                         options=dict(options, maxiter=k + 1))
            assert r.nit == k + 1
            if k:
                assert fl(r.final_simplex[0][0]) == per_iter[k - 1]["x"]
            snaps[str(k)] = {"vertices": [fl(v) for v in r.final_simplex[0]],
                             "f": fl(r.final_simplex[1]), "nfev": int(r.nfev)}
        d["simplex_after_iteration"] = snaps
    return d


runs = [
    lbfgsb(X0_2D, log_evals=12),
    lbfgsb(X0_5D),
    nelder_mead(X0_2D, {}, trace=True),
    nelder_mead(X0_2D, {"xatol": 1e-8, "fatol": 1e-8, "maxiter": 5000}),
    nelder_mead(X0_5D, {}),
    nelder_mead(X0_5D, {"adaptive": True}),
]

# The autoencoder seed's bug: the objective ignores its argument, so f and g never change.
theta = np.array(X0_2D)
res = minimize(lambda x: (rosen(theta), rosen_der(theta)), theta.copy(),
               method="L-BFGS-B", jac=True)
seed_bug = summary(res, "L-BFGS-B", X0_2D, {}, dict(LBFGSB_DEFAULTS))
seed_bug["description"] = ("jac=True objective that ignores x (returns rosen/rosen_der at x0 "
                           "every call), as in the autoencoder seed; the line search can never "
                           "get sufficient decrease.")

out = {
    "description": "scipy.optimize.minimize on rosen from x0 (2-D and 5-D). options = what was "
                   "passed; effective_options = scipy defaults read from the installed source "
                   "merged with options. Floats are Python repr (exact round-trip).",
    "versions": {"python": platform.python_version(), "numpy": np.__version__,
                 "scipy": scipy.__version__},
    "runs": runs,
    "lbfgsb_objective_ignores_x": seed_bug,
}
Path(__file__).with_suffix(".json").write_text(
    json.dumps(out, indent=1, allow_nan=False) + "\n")
for r in runs + [seed_bug]:
    print(r["method"], len(r["x0"]), r["options"], r["x"], r["fun"], r["nit"], r["nfev"],
          r.get("njev"), r["status"], r["message"])
