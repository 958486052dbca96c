#!/usr/bin/env python3
"""Reference values for the penalised objectives (elastic_net, logistic) and for ridge's exact optimum on a
near-collinear design, computed with numpy. Companion of make_objectives.py (same conventions: the CSVs are
the shared input, numbers written with repr(), every analytic gradient checked against central differences
before it is written).

Usage (from this directory):
    python3 make_penalized.py                  # read the checked-in CSVs, write penalized.json
    python3 make_penalized.py --regenerate-data  # first rewrite the three CSVs (seeded), then as above

Formulas, written from their definitions (not from the Java code):
  elastic_net  F(w, b) = 1/(2n)|y - Xw - b|^2 + lam*(alpha*|w|_1 + (1-alpha)/2*|w|^2)
  logistic     F(w, b) = mean(log(1 + exp z) - y z) + same penalty,  z = Xw + b, log(1+e^z) = logaddexp(0, z)
  The variable vector is (w, b), b last and unpenalised. "grad" is the subgradient optsweep's gradient()
  writes: smooth gradient + lam*alpha*sign(w) with sign(0) = 0; "smooth_f"/"smooth_grad" exclude the L1 term.
  standardize: columns z-scored with the population std (ddof = 0), numpy's X.std(axis=0).
  ridge near-collinear: w* from numpy.linalg.lstsq (LAPACK gelsd, SVD), for lambda = 0, and
  the same problem solved by the normal equations (numpy.linalg.solve of A^T A) to show their error.

Tested with numpy 2.4, scipy 1.17.
"""
import json
import os
import sys

import numpy as np
from scipy.special import expit

HERE = os.path.dirname(os.path.abspath(__file__))


def write_csv(name, matrix, header):
    with open(os.path.join(HERE, name), "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in matrix:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def regenerate_data():
    rng = np.random.default_rng(20261130)
    # enet.csv: 30 x 4 features on different scales (0.5 .. 20), y = 3 + X w + noise.
    x = rng.standard_normal((30, 4)) * np.array([1.0, 0.5, 20.0, 3.0]) + np.array([0.0, 2.0, -5.0, 1.0])
    y = 3.0 + x @ np.array([1.5, 0.0, 0.05, -0.8]) + 0.5 * rng.standard_normal(30)
    write_csv("enet.csv", np.column_stack([x, y]), ["x1", "x2", "x3", "x4", "y"])
    # logistic.csv: 40 x 3, labels 0/1 from a noisy linear score.
    x = rng.standard_normal((40, 3)) * np.array([1.0, 2.0, 0.3])
    score = 0.5 + x @ np.array([1.0, -0.7, 2.0]) + rng.standard_normal(40)
    write_csv("logistic.csv", np.column_stack([x, (score > 0).astype(float)]), ["x1", "x2", "x3", "label"])
    # ridge_near_collinear.csv: 60 x 3, a3 = a1 + 1e-6 * noise, so cond(A) is about 1e6.
    a = rng.standard_normal((60, 2))
    a3 = a[:, 0] + 1e-6 * rng.standard_normal(60)
    a = np.column_stack([a, a3])
    yb = a @ np.array([2.0, -1.0, 1.0]) + 0.01 * rng.standard_normal(60)
    write_csv("ridge_near_collinear.csv", np.column_stack([a, yb]), ["a1", "a2", "a3", "y"])


def read_csv(name):
    return np.loadtxt(os.path.join(HERE, name), delimiter=",", skiprows=1, ndmin=2)


def standardized(x):
    sd = x.std(axis=0)
    return (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0) * (sd > 0)


def glm(data, loss, lam, alpha, intercept, standardize):
    x, y = data[:, :-1], data[:, -1]
    if standardize:
        x = standardized(x)
    n, p = x.shape

    def split(v):
        return v[:p], (v[p] if intercept else 0.0)

    def smooth(v):
        w, b = split(v)
        z = x @ w + b
        if loss == "ls":
            data_term = 0.5 * np.sum((z - y) ** 2) / n
        else:
            data_term = np.mean(np.logaddexp(0.0, z) - y * z)
        return data_term + 0.5 * lam * (1 - alpha) * np.sum(w ** 2)

    def smooth_grad(v):
        w, b = split(v)
        z = x @ w + b
        d = (z - y) if loss == "ls" else (expit(z) - y)
        g = x.T @ d / n + lam * (1 - alpha) * w
        return np.concatenate([g, [np.sum(d) / n]]) if intercept else g

    def full(v):
        return smooth(v) + lam * alpha * np.sum(np.abs(v[:p]))

    def subgrad(v):
        g = smooth_grad(v).copy()
        g[:p] += lam * alpha * np.sign(v[:p])
        return g

    return p, smooth, smooth_grad, full, subgrad


def central(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h * max(1.0, abs(x[i]))
        g[i] = (f(x + e) - f(x - e)) / (2 * e[i])
    return g


def main():
    if "--regenerate-data" in sys.argv:
        regenerate_data()
    rng = np.random.default_rng(11)
    entries = []
    specs = [
        ("elastic_net", "enet.csv", "ls", 0.3, 0.5, True, False),
        ("elastic_net", "enet.csv", "ls", 0.3, 1.0, False, True),
        ("elastic_net", "enet.csv", "ls", 0.05, 0.0, True, True),
        ("logistic", "logistic.csv", "lr", 0.02, 1.0, True, False),
        ("logistic", "logistic.csv", "lr", 0.1, 0.3, False, True),
    ]
    for objective, csv, loss, lam, alpha, intercept, standardize in specs:
        data = read_csv(csv)
        p, smooth, smooth_grad, full, subgrad = glm(data, loss, lam, alpha, intercept, standardize)
        dim = p + (1 if intercept else 0)
        points = [rng.uniform(-2, 2, dim) for _ in range(3)]
        with_zero = rng.uniform(-2, 2, dim)
        with_zero[1] = 0.0  # the subgradient convention: sign(0) = 0
        points.append(with_zero)
        if loss == "lr":
            points.append(rng.uniform(-2, 2, dim) * 300)  # |z| in the hundreds: the stable log-loss
        cases = []
        for v in points:
            err = np.max(np.abs(smooth_grad(v) - central(smooth, v)) / np.maximum(1.0, np.abs(smooth_grad(v))))
            assert err < 1e-5, f"{objective}: smooth gradient disagrees with central differences ({err:.3g})"
            cases.append({"x": [float(t) for t in v], "f": float(full(v)), "grad": [float(t) for t in subgrad(v)],
                          "smooth_f": float(smooth(v)), "smooth_grad": [float(t) for t in smooth_grad(v)]})
        entries.append({"objective": objective, "params": {"data": csv, "dimension": p, "lambda": lam,
                                                           "alpha": alpha, "intercept": intercept,
                                                           "standardize": standardize},
                        "l1_weight": lam * alpha, "cases": cases})

    data = read_csv("ridge_near_collinear.csv")
    a, y = data[:, :-1], data[:, -1]
    m, d = a.shape
    w_lstsq, _, rank, sv = np.linalg.lstsq(a, y, rcond=None)
    w_normal = np.linalg.solve(a.T @ a / m, a.T @ y / m)
    ridge = {"objective": "ridge", "params": {"data": "ridge_near_collinear.csv", "dimension": d, "lambda": 0.0},
             "minimiser": [float(t) for t in w_lstsq],
             "minimum": float(np.sum((a @ w_lstsq - y) ** 2) / m),
             "condition_number": float(sv[0] / sv[-1]), "rank": int(rank),
             "normal_equations_minimiser": [float(t) for t in w_normal],
             "normal_equations_relative_error": float(np.max(np.abs(w_normal - w_lstsq)) / np.max(np.abs(w_lstsq)))}
    out = {"generated_by": "make_penalized.py", "numpy": np.__version__, "entries": entries, "ridge": ridge}
    with open(os.path.join(HERE, "penalized.json"), "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(entries)} entries; near-collinear ridge: cond {ridge['condition_number']:.3g}, "
          f"normal equations off by {ridge['normal_equations_relative_error']:.2g} relative")


if __name__ == "__main__":
    main()
