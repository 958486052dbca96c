#!/usr/bin/env python3
"""Reference values for org.optsweep.objective tests, computed with numpy/scipy.

Usage (from this directory):
    python3 make_objectives.py                  # read the checked-in CSVs, write objectives.json
    python3 make_objectives.py --regenerate-data  # first rewrite the CSVs (seeded), then as above

The CSVs are the shared input: Java reads the same files through DataCache, so both sides evaluate
the same doubles. Numbers are written with repr() (shortest round-trip), which Java's
Double.parseDouble and Jackson read back bit for bit.

Every formula here is written independently of the Java code: test functions from their published
definitions (Rosenbrock straight from scipy.optimize.rosen/rosen_der), ridge's optimum from
numpy.linalg.solve / lstsq, the group-sparse loss verbatim from the seed question, the autoencoder
from the seed question's vectorised code plus UFLDL's sparsity term. Each analytic gradient is
checked here against central differences before it is written, so a wrong reference cannot slip in.

Tested with numpy 2.4, scipy 1.17.
"""
import json
import math
import os
import sys

import numpy as np
from scipy.optimize import rosen, rosen_der

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- data files

def write_csv(name, matrix, header=None):
    with open(os.path.join(HERE, name), "w", newline="\n") as f:
        if header:
            f.write(",".join(header) + "\n")
        for row in matrix:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def regenerate_data():
    rng = np.random.default_rng(20240611)
    # ridge.csv: 40 observations, 4 features, y = A w + 0.3 noise; with a header line.
    a = rng.standard_normal((40, 4))
    w = np.array([1.5, -2.0, 0.5, 3.0])
    y = a @ w + 0.3 * rng.standard_normal(40)
    write_csv("ridge.csv", np.column_stack([a, y]), header=["a1", "a2", "a3", "a4", "y"])
    # ridge_collinear.csv: column 3 = 2 * column 1 exactly (a doubling is exact in binary), so for
    # lambda = 0 the least-squares minimiser is not unique.
    b = rng.standard_normal((25, 2))
    b3 = np.column_stack([b, 2.0 * b[:, 0]])
    yb = b3 @ np.array([1.0, -1.0, 0.5]) + 0.1 * rng.standard_normal(25)
    write_csv("ridge_collinear.csv", np.column_stack([b3, yb]), header=["a1", "a2", "a3", "y"])
    # group_sparse.csv: X, 15 x 3, no header.
    write_csv("group_sparse.csv", rng.standard_normal((15, 3)))
    # autoencoder.csv: 12 examples x 5 visible units in [0.1, 0.9]; with a header line.
    write_csv("autoencoder.csv", rng.uniform(0.1, 0.9, (12, 5)), header=[f"v{i}" for i in range(5)])


def read_csv(name):
    path = os.path.join(HERE, name)
    with open(path) as f:
        first = f.readline()
    skip = 0 if any(_is_number(t) for t in first.strip().split(",")) else 1
    return np.loadtxt(path, delimiter=",", skiprows=skip, ndmin=2)


def _is_number(t):
    try:
        float(t)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------- objectives

def ackley(x, a=20.0, b=0.2, c=2 * math.pi):
    x = np.asarray(x, float)
    n = x.size
    r = np.sqrt(np.sum(x ** 2) / n)
    return -a * np.exp(-b * r) - np.exp(np.sum(np.cos(c * x)) / n) + a + np.e


def ackley_grad(x, a=20.0, b=0.2, c=2 * math.pi):
    x = np.asarray(x, float)
    n = x.size
    r = np.sqrt(np.sum(x ** 2) / n)
    g1 = a * b * np.exp(-b * r) * x / (n * r)
    g2 = np.exp(np.sum(np.cos(c * x)) / n) * c * np.sin(c * x) / n
    return g1 + g2


def rastrigin(x, amp=10.0):
    x = np.asarray(x, float)
    return amp * x.size + np.sum(x ** 2 - amp * np.cos(2 * np.pi * x))


def rastrigin_grad(x, amp=10.0):
    x = np.asarray(x, float)
    return 2 * x + 2 * np.pi * amp * np.sin(2 * np.pi * x)


def sphere(x):
    return float(np.sum(np.asarray(x) ** 2))


def sphere_grad(x):
    return 2 * np.asarray(x, float)


def quadratic_diag(n, kappa):
    return np.array([1.0]) if n == 1 else kappa ** (np.arange(n) / (n - 1))


def quadratic(x, kappa):
    x = np.asarray(x, float)
    return 0.5 * np.sum(quadratic_diag(x.size, kappa) * x ** 2)


def quadratic_grad(x, kappa):
    x = np.asarray(x, float)
    return quadratic_diag(x.size, kappa) * x


def ridge(data, lam):
    a, y = data[:, :-1], data[:, -1]
    m = a.shape[0]
    f = lambda w: np.sum((a @ w - y) ** 2) / m + lam * np.sum(w ** 2)
    g = lambda w: 2 * a.T @ (a @ w - y) / m + 2 * lam * w
    return f, g


def lossfunction(X, b, lambs):
    """The seed question's loss, verbatim except that B is p x p (the seed's reshape(X.shape)
    only works for square X)."""
    B = b.reshape((X.shape[1], X.shape[1]))
    penalty = np.linalg.norm(B, axis=1) ** (0.5)
    return np.linalg.norm(np.dot(X, B) - X) + lambs * penalty.sum()


def group_sparse_grad(X, b, lam):
    p = X.shape[1]
    B = b.reshape((p, p))
    R = X @ B - X
    G = X.T @ R / np.linalg.norm(R)
    norms = np.linalg.norm(B, axis=1)
    G = G + lam * 0.5 * B / norms[:, None] ** 1.5
    return G.reshape(-1)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def autoencoder_cost_and_grad(theta, visible_size, hidden_size, lambda_, data, beta=0.0, rho=0.05):
    """The seed question's autoencoder_cost_and_grad (data is v x m), with UFLDL's sparsity term."""
    training_size = data.shape[1]
    hv = hidden_size * visible_size
    W1 = theta[0:hv].reshape(hidden_size, visible_size)
    W2 = theta[hv:2 * hv].reshape(visible_size, hidden_size)
    b1 = theta[2 * hv:2 * hv + hidden_size]
    b2 = theta[2 * hv + hidden_size:2 * hv + hidden_size + visible_size]
    a_l1 = data
    z_l2 = W1.dot(a_l1) + np.tile(b1, (training_size, 1)).T
    a_l2 = sigmoid(z_l2)
    z_l3 = W2.dot(a_l2) + np.tile(b2, (training_size, 1)).T
    a_l3 = sigmoid(z_l3)
    rho_hat = np.sum(a_l2, axis=1) / training_size
    sparse = beta * (-rho / rho_hat + (1 - rho) / (1 - rho_hat))
    delta_l3 = np.multiply(-(data - a_l3), np.multiply(a_l3, 1 - a_l3))
    delta_l2 = np.multiply(W2.T.dot(delta_l3) + sparse[:, None], np.multiply(a_l2, 1 - a_l2))
    b2_derivative = np.sum(delta_l3, axis=1) / training_size
    b1_derivative = np.sum(delta_l2, axis=1) / training_size
    W2_derivative = np.dot(delta_l3, a_l2.T) / training_size + lambda_ * W2
    W1_derivative = np.dot(delta_l2, a_l1.T) / training_size + lambda_ * W1
    grad = np.concatenate((W1_derivative.reshape(-1), W2_derivative.reshape(-1), b1_derivative, b2_derivative))
    kl = np.sum(rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat)))
    cost = (0.5 * np.sum((data - a_l3) ** 2) / training_size
            + 0.5 * lambda_ * (np.sum(W1 ** 2) + np.sum(W2 ** 2)) + beta * kl)
    return cost, grad


# ---------------------------------------------------------------- self-check and output

def central(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def cases(f, g, points, name):
    out = []
    for x in points:
        x = np.asarray(x, float)
        fx, gx = float(f(x)), np.asarray(g(x), float)
        num = central(f, x)
        err = np.max(np.abs(gx - num) / np.maximum(1.0, np.abs(gx)))
        assert err < 1e-5, f"{name}: reference gradient disagrees with central differences ({err:.3g})"
        out.append({"x": [float(v) for v in x], "f": fx, "grad": [float(v) for v in gx]})
    return out


def main():
    if "--regenerate-data" in sys.argv:
        regenerate_data()
    rng = np.random.default_rng(7)
    entries = []

    def add(objective, params, f, g, points, **extra):
        entry = {"objective": objective, "params": params, "cases": cases(f, g, points, objective)}
        entry.update(extra)
        entries.append(entry)

    add("ackley", {"dimension": 2}, ackley, ackley_grad,
        [[1.0, 1.0], [25.0, 20.0], [0.3, -0.7]] + list(rng.uniform(-5, 5, (3, 2))))
    add("ackley", {"dimension": 5, "a": 10.0, "b": 0.5, "c": 3.0},
        lambda x: ackley(x, 10.0, 0.5, 3.0), lambda x: ackley_grad(x, 10.0, 0.5, 3.0),
        list(rng.uniform(-3, 3, (3, 5))))
    add("rosenbrock", {"dimension": 2}, rosen, rosen_der,
        [[-1.2, 1.0], [0.5, 0.5]] + list(rng.uniform(-2, 2, (3, 2))))
    add("rosenbrock", {"dimension": 6}, rosen, rosen_der, list(rng.uniform(-2, 2, (3, 6))))
    add("rastrigin", {"dimension": 3}, rastrigin, rastrigin_grad,
        [[1.0, 1.0, 1.0], [0.5, -0.5, 0.25]] + list(rng.uniform(-5.12, 5.12, (3, 3))))
    add("sphere", {"dimension": 3}, sphere, sphere_grad, list(rng.uniform(-10, 10, (3, 3))))
    add("quadratic", {"dimension": 4, "condition_number": 1000.0},
        lambda x: quadratic(x, 1000.0), lambda x: quadratic_grad(x, 1000.0), list(rng.uniform(-1, 1, (3, 4))))

    data = read_csv("ridge.csv")
    for lam in (0.1, 0.0):
        a, y = data[:, :-1], data[:, -1]
        m, d = a.shape
        w_star = np.linalg.solve(a.T @ a / m + lam * np.eye(d), a.T @ y / m)
        f, g = ridge(data, lam)
        add("ridge", {"data": "ridge.csv", "dimension": d, "lambda": lam}, f, g,
            list(rng.uniform(-3, 3, (3, d))), minimiser=[float(v) for v in w_star], minimum=float(f(w_star)))
    data = read_csv("ridge_collinear.csv")
    a, y = data[:, :-1], data[:, -1]
    w_min_norm = np.linalg.lstsq(a, y, rcond=None)[0]
    f, g = ridge(data, 0.0)
    add("ridge", {"data": "ridge_collinear.csv", "dimension": a.shape[1], "lambda": 0.0}, f, g,
        list(rng.uniform(-3, 3, (2, a.shape[1]))), minimiser=None, minimum=float(f(w_min_norm)))

    X = read_csv("group_sparse.csv")
    p = X.shape[1]
    eye = np.eye(p).reshape(-1)
    for lam in (0.0, 0.5):
        f = lambda b, lam=lam: lossfunction(X, b, lam)
        g = lambda b, lam=lam: group_sparse_grad(X, b, lam)
        add("group_sparse", {"data": "group_sparse.csv", "columns": p, "lambda": lam}, f, g,
            [eye + 0.3 * rng.standard_normal(p * p) for _ in range(3)] + list(rng.uniform(-2, 2, (2, p * p))),
            minimiser=[float(v) for v in eye] if lam == 0 else None,
            minimum=float(f(eye)) if lam == 0 else None)

    patches = read_csv("autoencoder.csv").T  # v x m, the seed's orientation
    v = patches.shape[0]
    for h, lam, beta, rho in ((3, 1e-4, 0.0, 0.05), (4, 1e-3, 3.0, 0.1)):
        r = math.sqrt(6 / (h + v + 1))  # UFLDL's initialisation range

        def theta(h=h, r=r):
            return np.concatenate([rng.uniform(-r, r, 2 * h * v), rng.uniform(-0.5, 0.5, h + v)])

        f = lambda t, h=h, lam=lam, beta=beta, rho=rho: autoencoder_cost_and_grad(t, v, h, lam, patches, beta, rho)[0]
        g = lambda t, h=h, lam=lam, beta=beta, rho=rho: autoencoder_cost_and_grad(t, v, h, lam, patches, beta, rho)[1]
        add("autoencoder", {"data": "autoencoder.csv", "visible": v, "hidden": h, "lambda": lam, "beta": beta,
                            "rho": rho}, f, g, [theta() for _ in range(3)])

    published = {
        "ackley_origin": float(ackley([0.0, 0.0])),
        "ackley_1_1": float(ackley([1.0, 1.0])),
        "rosenbrock_1_1": float(rosen([1.0, 1.0])),
        "rosenbrock_m1.2_1": float(rosen([-1.2, 1.0])),
        "rastrigin_1_1": float(rastrigin([1.0, 1.0])),
    }
    out = {"generated_by": "make_objectives.py", "numpy": np.__version__, "published": published,
           "entries": entries}
    with open(os.path.join(HERE, "objectives.json"), "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(entries)} entries; ackley(1,1) = {published['ackley_1_1']!r}")


if __name__ == "__main__":
    main()
