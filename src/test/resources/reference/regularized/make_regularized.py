#!/usr/bin/env python3
"""Reference optima of L1 / elastic-net penalised least squares and logistic regression.

Usage (from the repository root, or from anywhere):
    python3 src/test/resources/reference/regularized/make_regularized.py

Reads jobs/data/diabetes.csv and jobs/data/breast_cancer.csv (last column = response) and writes
regularized.json next to this script. numpy only; deterministic (no random numbers, fixed
iteration order). Tested with numpy 2.4 on x86-64 (np.longdouble = 80-bit x87 extended).

Objectives (n rows, X the n x p feature matrix, w in R^p, intercept b, 1 the vector of ones):

  least squares ("least_squares"):
      F(w, b) = 1/(2n) * ||y - X w - b 1||^2 + lambda * (alpha * ||w||_1 + (1 - alpha)/2 * ||w||^2)
  logistic ("logistic"), y_i in {0, 1}, z_i = x_i^T w + b:
      F(w, b) = 1/n * sum_i [log(1 + exp(z_i)) - y_i z_i] + same penalty
      (log(1 + exp(z)) evaluated as max(z, 0) + log1p(exp(-|z|)))

  The intercept b is optional and never penalised; without it b = 0 throughout.

KKT residual (the infinity norm of the minimum-norm subgradient of F):
  g = gradient of the smooth part, loss + lambda (1 - alpha)/2 ||w||^2, at (w, b);
  r_j = |g_j + lambda alpha sign(w_j)|       if w_j != 0,
  r_j = max(0, |g_j| - lambda alpha)          if w_j == 0,
  r_b = |g_b|                                 (only with an intercept),
  residual = max over all r.  F is convex, so residual = 0 exactly at a minimiser.
  "kkt_residual" is this quantity evaluated in long double (np.longdouble) at the stored double
  (w, b), i.e. essentially exactly; "kkt_residual_float64" is the same formula evaluated
  straightforwardly in double precision (what a Java test computing in double sees: it includes
  the rounding of the gradient sums). Both are absolute; "kkt_relative" = kkt_residual /
  (alpha * lambda_max), the residual on the scale of the gradient at w = 0.

lambda_max (per data set, loss and intercept flag): the smallest lambda at which w = 0 is optimal
for alpha = 1, lambda_max = max_j |d loss / d w_j at w = 0, b = b0|, b0 the optimal intercept
alone (mean(y) for least squares, log(ybar/(1-ybar)) for logistic, 0 without intercept). For
alpha < 1 the threshold is lambda_max / alpha. Every lambda below is a multiple of lambda_max.

Solvers (own code; no library optimiser is used):
  least squares: cyclic coordinate descent in covariance form. With an intercept, b is minimised
    out exactly: the optimal b for given w is mean(y - X w), and the remaining problem in w has
    the column-centred Gram matrix, so every coordinate step is an exact minimisation over
    (w_j, b) jointly; b = mean(y - X w) is recomputed at the start of every sweep, together with
    the full gradient g from the raw data in long double (which removes the drift of the
    incrementally updated gradient). Soft-threshold update
        w_j <- S(G_jj w_j - gloss_j, lambda alpha) / (G_jj + lambda (1 - alpha)).
  logistic: proximal Newton (glmnet-style). At (w, b): p = sigmoid(z), weights v = p(1-p)/n,
    quadratic model of the smooth part around (w, b) (exact gradient, Hessian X^T diag(v) X plus
    lambda (1-alpha) I, plus the intercept row/column) + the exact L1 term. The intercept step is
    minimised out exactly (weighted centring of X), and the model in w is minimised by cyclic
    coordinate descent until its own KKT residual is <= max(min(0.1 r, r^2), 1e-4 r), r the
    current outer residual (or stops improving for 50 sweeps). The step is then
    backtracked (halving) until the Armijo condition of Tseng & Yun on F,
        F(x + t d) <= F(x) + 1e-4 t Delta,  Delta = g^T d + lambda alpha (||w + d_w||_1 - ||w||_1),
    holds (F in long double; within 64 long-double ulps of F counts as no increase, since near
    the optimum Delta falls below what F can resolve).
  Both iterate until the residual stops improving (the floor set by double precision w, b) or
  reaches 0; the iterate with the smallest residual is kept. The target is 1e-12; what was reached
  is stored per case ("kkt_target_met").

Per-case diagnostics (numpy.linalg, not part of the solver): "support" (names of the nonzero
features); "inactive_margin_relative" = min over w_j = 0 of (lambda alpha - |g_j|)/(lambda alpha),
how far the zero coordinates are from entering (0 at lambda_max by construction);
"min_abs_active_w"; "hessian_active_cond", the 2-norm condition number of the Hessian of the smooth
part restricted to the support (plus b); "w_error_estimate" = kkt_residual * sqrt(k) / lambda_min
of that Hessian, a first-order estimate of the 2-norm distance of the stored (w, b) from the exact
optimum.

Standardisation (flag "standardize"): z-scores per column, x' = (x - mean) / sd with the
POPULATION standard deviation sd = sqrt(mean((x - mean)^2)) (ddof = 0), computed in double as
numpy does: mean = X.mean(axis=0), sd = X.std(axis=0). The response column is never transformed.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", ".."))
LD = np.longdouble
KKT_TARGET = 1e-12


# ---------------------------------------------------------------- data

def load(rel):
    a = np.loadtxt(os.path.join(ROOT, rel), delimiter=",", skiprows=1, dtype=np.float64)
    with open(os.path.join(ROOT, rel)) as f:
        header = f.readline().strip().split(",")
    return a[:, :-1].copy(), a[:, -1].copy(), header[:-1]


def standardize(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def soft(z, t):
    return np.sign(z) * max(abs(z) - t, 0.0)


# ---------------------------------------------------------------- objectives, gradients, KKT

def penalty(w, lam, alpha, dtype=LD):
    w = w.astype(dtype)
    return lam * (alpha * np.sum(np.abs(w)) + (1 - alpha) / 2 * np.sum(w * w))


def log1pexp(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def objective(loss, x, y, w, b, lam, alpha, dtype=LD):
    x, y, w, b = x.astype(dtype), y.astype(dtype), w.astype(dtype), dtype(b)
    n = x.shape[0]
    z = x @ w + b
    if loss == "least_squares":
        r = y - z
        data = np.sum(r * r) / (2 * n)
    else:
        data = np.sum(log1pexp(z) - y * z) / n
    return data + penalty(w, lam, alpha, dtype)


def smooth_gradient(loss, x, y, w, b, lam, alpha, dtype=LD):
    """(g_w, g_b) of loss + lam (1-alpha)/2 ||w||^2, evaluated in `dtype`."""
    x, y, w, b = x.astype(dtype), y.astype(dtype), w.astype(dtype), dtype(b)
    n = x.shape[0]
    z = x @ w + b
    if loss == "least_squares":
        e = z - y                      # d/dz of (1/2)(y - z)^2
    else:
        e = sigmoid(z) - y             # d/dz of log(1+exp z) - y z
    gw = x.T @ e / n + lam * (1 - alpha) * w
    gb = np.sum(e) / n
    return gw, gb


def kkt_residual(loss, x, y, w, b, lam, alpha, intercept, dtype=LD):
    gw, gb = smooth_gradient(loss, x, y, w, b, lam, alpha, dtype)
    t = dtype(lam) * dtype(alpha)
    r = np.where(w != 0, np.abs(gw + t * np.sign(w).astype(dtype)), np.maximum(0, np.abs(gw) - t))
    res = np.max(r) if r.size else dtype(0)
    if intercept:
        res = max(res, abs(gb))
    return float(res)


def lambda_max(loss, x, y, intercept):
    """max_j |d loss/d w_j| at w = 0 and the optimal intercept alone (alpha = 1)."""
    if not intercept:
        b0 = 0.0
    elif loss == "least_squares":
        b0 = float(np.mean(y.astype(LD)))
    else:
        ybar = float(np.mean(y.astype(LD)))
        b0 = float(np.log(LD(ybar) / (1 - LD(ybar))))
    gw, _ = smooth_gradient(loss, x, y, np.zeros(x.shape[1]), b0, 0.0, 1.0)
    return float(np.max(np.abs(gw))), b0


# ---------------------------------------------------------------- least squares: cyclic CD

def cd_least_squares(x, y, lam, alpha, intercept, max_sweeps=400000, patience=300):
    n, p = x.shape
    xl = x.astype(LD)
    if intercept:
        xc = xl - np.mean(xl, axis=0)
    else:
        xc = xl
    gram = np.asarray(xc.T @ xc / n, dtype=np.float64)      # exact-as-double centred Gram
    diag = np.diag(gram).copy()
    l1 = lam * alpha
    l2 = lam * (1 - alpha)
    w = np.zeros(p)
    best = (np.inf, w.copy(), 0.0, 0)
    since_best = 0
    sweeps = 0
    for sweeps in range(1, max_sweeps + 1):
        b = float(np.mean(y.astype(LD) - xl @ w.astype(LD))) if intercept else 0.0
        gw, _ = smooth_gradient("least_squares", x, y, w, b, lam, alpha)
        res = kkt_residual("least_squares", x, y, w, b, lam, alpha, intercept)
        if res < best[0]:
            best = (res, w.copy(), b, sweeps - 1)
            since_best = 0
        else:
            since_best += 1
        if res == 0.0 or since_best >= patience:
            break
        gloss = np.asarray(gw, dtype=np.float64) - l2 * w   # gradient of the loss part only
        for j in range(p):
            old = w[j]
            new = soft(diag[j] * old - gloss[j], l1) / (diag[j] + l2)
            if new != old:
                gloss += gram[:, j] * (new - old)
                w[j] = new
    res, w, b, it = best
    return w, b, res, it, sweeps


# ---------------------------------------------------------------- logistic: proximal Newton

def cd_quadratic(grad, hess, w0, l1, tol, max_sweeps=200000):
    """min_u grad^T (u - w0) + 1/2 (u - w0)^T hess (u - w0) + l1 ||u||_1 by cyclic CD."""
    u = w0.copy()
    q = grad.copy()                                  # gradient of the quadratic at u
    diag = np.diag(hess).copy()
    sweeps = 0
    best = np.inf
    since_best = 0
    for sweeps in range(1, max_sweeps + 1):
        for j in range(len(u)):
            old = u[j]
            new = soft(diag[j] * old - q[j], l1) / diag[j]
            if new != old:
                q += hess[:, j] * (new - old)
                u[j] = new
        q = grad + hess @ (u - w0)                   # refresh (no drift)
        r = np.where(u != 0, np.abs(q + l1 * np.sign(u)), np.maximum(0, np.abs(q) - l1))
        r = np.max(r)
        if r <= tol:
            break
        if r < best:
            best, since_best = r, 0
        else:
            since_best += 1
            if since_best >= 50:                     # rounding floor of the model: stop
                break
    return u, sweeps


def prox_newton_logistic(x, y, lam, alpha, intercept, max_outer=200, patience=6):
    n, p = x.shape
    l1 = lam * alpha
    l2 = lam * (1 - alpha)
    w = np.zeros(p)
    if intercept:
        ybar = float(np.mean(y.astype(LD)))
        b = float(np.log(LD(ybar) / (1 - LD(ybar))))
    else:
        b = 0.0
    f = objective("logistic", x, y, w, b, lam, alpha)
    best = (np.inf, w.copy(), b, 0)
    since_best = 0
    inner_total = 0
    ls_total = 0
    outer = 0
    for outer in range(1, max_outer + 1):
        res = kkt_residual("logistic", x, y, w, b, lam, alpha, intercept)
        if res < best[0]:
            best = (res, w.copy(), b, outer - 1)
            since_best = 0
        else:
            since_best += 1
        if res == 0.0 or since_best >= patience:
            break
        gw_l, gb_l = smooth_gradient("logistic", x, y, w, b, lam, alpha)
        gw, gb = np.asarray(gw_l, dtype=np.float64), float(gb_l)
        z = x @ w + b
        pr = sigmoid(z)
        v = np.maximum(pr * (1 - pr), 1e-300) / n
        if intercept:
            m = (x.T @ v) / np.sum(v)                # weighted column means
            xc = x - m
            ghat = gw - m * gb
        else:
            xc = x
            ghat = gw
        hess = xc.T @ (xc * v[:, None]) + l2 * np.eye(p)
        inner_tol = max(min(0.1 * res, res * res), 1e-4 * res)
        u, sweeps = cd_quadratic(ghat, hess, w, l1, inner_tol)
        inner_total += sweeps
        dw = u - w
        db = -(gb / np.sum(v) + m @ dw) if intercept else 0.0
        delta = float(gw @ dw + gb * db + l1 * (np.sum(np.abs(u)) - np.sum(np.abs(w))))
        t = 1.0
        slack = 64 * np.finfo(LD).eps * abs(f)
        accepted = False
        for _ in range(60):
            ls_total += 1
            wt = w + t * dw
            bt = b + t * db
            ft = objective("logistic", x, y, wt, bt, lam, alpha)
            if ft <= f + 1e-4 * t * delta + slack:
                accepted = True
                break
            t *= 0.5
        if not accepted:
            break
        w, b, f = wt, bt, ft
    res, w, b, it = best
    return w, b, res, it, {"inner_cd_sweeps": inner_total, "line_search_evaluations": ls_total}


# ---------------------------------------------------------------- cases

DATA = {
    "diabetes": "jobs/data/diabetes.csv",
    "breast_cancer": "jobs/data/breast_cancer.csv",
}


def active_hessian_diagnostics(loss, x, y, w, b, lam, alpha, intercept, res):
    """Diagnostics only (numpy.linalg, not part of the solver): the 2-norm condition number of the
    Hessian of the smooth part restricted to the support of w (plus b), and the first-order
    estimate res * sqrt(k) * ||H_A^-1||_2 of the distance of (w_A, b) from the exact optimum."""
    cols = [x[:, j] for j in np.nonzero(w)[0]]
    if intercept:
        cols.append(np.ones(x.shape[0]))
    if not cols:
        return 1.0, 0.0
    a = np.column_stack(cols)
    n = x.shape[0]
    if loss == "least_squares":
        v = np.full(n, 1.0 / n)
    else:
        pr = sigmoid(x @ w + b)
        v = pr * (1 - pr) / n
    h = a.T @ (a * v[:, None])
    k = int(np.count_nonzero(w))
    h[:k, :k] += lam * (1 - alpha) * np.eye(k)
    eig = np.linalg.eigvalsh(h)
    return float(eig[-1] / eig[0]), float(res * np.sqrt(a.shape[1]) / eig[0])


def run_case(name, data, std, loss, alpha, frac, intercept, lmax_table, xy, header):
    x, y = xy[(data, std)]
    names = header[data]
    lmax = lmax_table[(data, std, loss, intercept)]["lambda_max"]
    lam = lmax * frac
    if loss == "least_squares":
        w, b, res, it, sweeps = cd_least_squares(x, y, lam, alpha, intercept)
        extra = {"solver": "cyclic coordinate descent (covariance form, intercept minimised out)",
                 "iterations_unit": "coordinate-descent sweeps", "sweeps_run": sweeps}
    else:
        w, b, res, it, extra = prox_newton_logistic(x, y, lam, alpha, intercept)
        extra = dict({"solver": "proximal Newton + coordinate descent inner loop + backtracking on F",
                      "iterations_unit": "outer proximal Newton iterations"}, **extra)
    w = [float(v) + 0.0 for v in w]                  # + 0.0 turns -0.0 into 0.0
    b = float(b) + 0.0
    wa = np.array(w)
    f = float(objective(loss, x, y, wa, b, lam, alpha))
    res64 = kkt_residual(loss, x, y, wa, b, lam, alpha, intercept, dtype=np.float64)
    cond, bound = active_hessian_diagnostics(loss, x, y, wa, b, lam, alpha, intercept, res)
    gw, _ = smooth_gradient(loss, x, y, wa, b, lam, alpha)
    inactive = wa == 0
    margin = (float(np.min(lam * alpha - np.abs(np.asarray(gw, dtype=np.float64)[inactive])))
              / (lam * alpha) if inactive.any() else None)
    case = {
        "name": name,
        "data": DATA[data],
        "standardize": std,
        "loss": loss,
        "alpha": alpha,
        "lambda": lam,
        "lambda_over_lambda_max": frac,
        "lambda_max": lmax,
        "intercept": intercept,
        "w": w,
        "b": b,
        "f": f,
        "kkt_residual": res,
        "kkt_residual_float64": res64,
        "kkt_relative": res / (alpha * lmax),
        "kkt_target_met": res <= KKT_TARGET,
        "nnz": int(np.count_nonzero(wa)),
        "support": [names[j] for j in np.nonzero(wa)[0]],
        "inactive_margin_relative": margin,
        "min_abs_active_w": float(np.min(np.abs(wa[~inactive]))) if (~inactive).any() else None,
        "hessian_active_cond": cond,
        "w_error_estimate": bound,
        "iterations": it,
    }
    case.update(extra)
    print(f"{name:32s} lambda={lam:.6g} nnz={case['nnz']:2d} f={f:.17g} kkt={res:.3g} "
          f"kkt64={res64:.3g} it={it} cond={cond:.3g} werr~{bound:.2g}")
    return case


def main():
    xy = {}
    names = {}
    for data, rel in DATA.items():
        x, y, header = load(rel)
        names[data] = header
        xy[(data, False)] = (x, y)
        xy[(data, True)] = (standardize(x), y)
    lmax_table = {}
    for key in [("diabetes", False, "least_squares", True),
                ("diabetes", False, "least_squares", False),
                ("breast_cancer", True, "logistic", True),
                ("breast_cancer", False, "logistic", True)]:
        data, std, loss, icpt = key
        x, y = xy[(data, std)]
        lm, b0 = lambda_max(loss, x, y, icpt)
        lmax_table[key] = {"data": DATA[data], "standardize": std, "loss": loss, "intercept": icpt,
                           "lambda_max": lm, "b0": b0}

    cases = []
    # a. diabetes, original units, lasso: lambda_max * 10^(-4k/5), k = 0..5
    for k in range(6):
        cases.append(run_case(f"diabetes_lasso_k{k}", "diabetes", False, "least_squares", 1.0,
                              10.0 ** (-4 * k / 5), True, lmax_table, xy, names))
    # b. diabetes, elastic net alpha = 0.5
    for frac, tag in [(0.1, "1e-1"), (0.01, "1e-2")]:
        cases.append(run_case(f"diabetes_enet05_{tag}", "diabetes", False, "least_squares", 0.5,
                              frac, True, lmax_table, xy, names))
    cases.append(run_case("diabetes_enet05_1e-2_nointercept", "diabetes", False, "least_squares",
                          0.5, 0.01, False, lmax_table, xy, names))
    # c. breast cancer, standardised, L1 logistic lambda_max * 10^(-3k/5), k = 0..5; elastic net
    for k in range(6):
        cases.append(run_case(f"breast_cancer_std_l1_k{k}", "breast_cancer", True, "logistic",
                              1.0, 10.0 ** (-3 * k / 5), True, lmax_table, xy, names))
    for frac, tag in [(0.1, "1e-1"), (0.01, "1e-2")]:
        cases.append(run_case(f"breast_cancer_std_enet05_{tag}", "breast_cancer", True,
                              "logistic", 0.5, frac, True, lmax_table, xy, names))
    # d. breast cancer, original units, L1 logistic at one moderate lambda
    cases.append(run_case("breast_cancer_raw_l1_1e-3", "breast_cancer", False, "logistic", 1.0,
                          0.001, True, lmax_table, xy, names))

    out = {
        "generator": "make_regularized.py (numpy only; see its docstring)",
        "objectives": {
            "least_squares": "F(w,b) = 1/(2n) ||y - X w - b 1||^2 + lambda (alpha ||w||_1 + "
                             "(1-alpha)/2 ||w||_2^2)",
            "logistic": "F(w,b) = 1/n sum_i [log(1+exp(z_i)) - y_i z_i] + lambda (alpha ||w||_1 + "
                        "(1-alpha)/2 ||w||_2^2), z_i = x_i^T w + b, y_i in {0,1}",
            "intercept": "b is never penalised; intercept=false means b = 0",
        },
        "kkt_residual_definition": (
            "g = gradient of loss + lambda(1-alpha)/2 ||w||^2 at (w,b); r_j = |g_j + lambda alpha "
            "sign(w_j)| if w_j != 0 else max(0, |g_j| - lambda alpha); r_b = |g_b| with an "
            "intercept; residual = max_j r_j (and r_b): the infinity norm of the minimum-norm "
            "subgradient. kkt_residual: evaluated in long double at the stored doubles; "
            "kkt_residual_float64: the same in plain double; kkt_relative = kkt_residual / "
            "(alpha lambda_max)"),
        "lambda_max_definition": (
            "max_j |d loss/d w_j| at w = 0 and b = b0 (optimal intercept alone: mean(y) for least "
            "squares, logit(mean(y)) for logistic, 0 without intercept); w = 0 is optimal iff "
            "lambda alpha >= lambda_max"),
        "standardize_definition": (
            "x' = (x - mean) / sd per feature column, sd the population standard deviation "
            "(ddof = 0), computed in double as numpy X.mean(0), X.std(0); y untouched"),
        "kkt_target": KKT_TARGET,
        "datasets": {
            "diabetes": {"file": DATA["diabetes"], "n": int(xy[("diabetes", False)][0].shape[0]),
                         "p": int(xy[("diabetes", False)][0].shape[1]),
                         "features": names["diabetes"]},
            "breast_cancer": {"file": DATA["breast_cancer"],
                              "n": int(xy[("breast_cancer", False)][0].shape[0]),
                              "p": int(xy[("breast_cancer", False)][0].shape[1]),
                              "features": names["breast_cancer"]},
        },
        "lambda_max": list(lmax_table.values()),
        "cases": cases,
    }
    path = os.path.join(HERE, "regularized.json")
    with open(path, "w", newline="\n") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
