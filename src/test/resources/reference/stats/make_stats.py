"""Reference values for the org.optsweep.stats tests, from numpy/scipy (and exact rational arithmetic).

Regenerate (deterministic, no arguments):  python3 make_stats.py   ->  stats.json
Every number a stats test compares against comes from here or from arithmetic worked in the test's comments;
nothing below calls optsweep.
"""
import itertools
import json
import platform
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import scipy
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.stats import binomtest, norm

OUT = Path(__file__).with_name("stats.json")


def proportions():
    cases = []
    for k, n, conf in [(0, 8, 0.95), (7, 8, 0.95), (8, 8, 0.95), (171, 400, 0.95), (1, 1, 0.95),
                       (3, 10, 0.90), (0, 8, 0.99), (5, 20, 0.80)]:
        r = binomtest(k, n)
        w = r.proportion_ci(confidence_level=conf, method="wilson")
        e = r.proportion_ci(confidence_level=conf, method="exact")
        cases.append({"k": k, "n": n, "confidence": conf, "z": float(norm.ppf(0.5 + conf / 2)),
                      "wilson": [float(w.low), float(w.high)], "exact": [float(e.low), float(e.high)]})
    return cases


def quantiles():
    rng = np.random.default_rng(20240611)
    samples = [[3.0], [1.0, 2.0], [5.0, 1.0, 4.0, 2.0, 3.0], [0.1, 0.7, 0.2, 0.2, 9.5, 3.3, 1e-9, 42.0],
               rng.lognormal(0.0, 2.0, 17).tolist()]
    probs = [0.0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1.0]
    return [{"values": s, "probs": probs,
             "quantiles": [float(q) for q in np.quantile(np.array(s), probs, method="linear")]}
            for s in samples]


def art(spent, success):
    s = sum(success)
    return float("inf") if s == 0 else sum(spent) / s


def exact_bootstrap(spent, success, probs, delta=0.004):
    """The bootstrap distribution of aRT by enumerating all n^n equally likely ordered resamples. For each p:
    the atom where the exact CDF first reaches p, and the atoms where it first reaches p - delta and p + delta.
    A Monte-Carlo bootstrap with B = 100000 resamples has an empirical CDF within 0.0005 (one sd) of the exact
    one, so its p-percentile lies in [atom(p - delta), atom(p + delta)] (8 sd either side)."""
    n = len(spent)
    counts = {}
    for idx in itertools.product(range(n), repeat=n):
        v = art([spent[i] for i in idx], [success[i] for i in idx])
        counts[v] = counts.get(v, 0) + 1
    total = n ** n
    atoms = sorted(counts)
    cdf = np.cumsum([counts[a] / total for a in atoms])

    def atom(q):
        return atoms[min(int(np.searchsorted(cdf, q)), len(atoms) - 1)]  # first atom with CDF >= q

    return [{"p": p, "atom": atom(p), "bracket": [atom(p - delta), atom(p + delta)]} for p in probs]


def restart_moments(spent, success):
    """Mean and standard deviation of one simulated-restart run length: one uniformly drawn success plus G
    uniformly drawn failures, G ~ geometric (failures before the first success, P(success) = s/n)."""
    succ = np.array([x for x, ok in zip(spent, success) if ok], float)
    fail = np.array([x for x, ok in zip(spent, success) if not ok], float)
    p = len(succ) / len(spent)
    eg, vg = (1 - p) / p, (1 - p) / p ** 2
    ef, vf = (fail.mean(), fail.var()) if len(fail) else (0.0, 0.0)
    mean = succ.mean() + eg * ef
    var = succ.var() + eg * vf + vg * ef ** 2
    return {"mean": float(mean), "sd": float(np.sqrt(var))}


def bootstraps():
    tables = [
        {"spent": [10, 30, 50, 100], "success": [True, True, False, False]},
        {"spent": [3, 5, 8, 20, 40], "success": [True, True, True, True, True]},
        {"spent": [7, 12, 200, 200, 200], "success": [True, True, False, False, False]},
    ]
    for t in tables:
        t["art"] = art(t["spent"], t["success"])
        t["percentiles"] = exact_bootstrap(t["spent"], t["success"], [0.025, 0.975])
        t["restarts"] = restart_moments(t["spent"], t["success"])
    return tables


def last_sample(iterations, values, budget):
    i = np.searchsorted(iterations, budget, side="right") - 1
    return float("nan") if i < 0 else values[i]


def fixed_budget():
    # four runs, gap sampled at log-spaced iterations (not best-so-far: run 2 climbs back up)
    iterations = [[0, 1, 3, 10, 30, 100, 300, 1000], [0, 2, 10, 50, 100, 1000],
                  [0, 1, 10, 100, 1000], [0, 5, 20, 100, 400, 1000]]
    values = [[8.0, 5.0, 3.0, 1.0, 0.5, 0.1, 0.01, 0.001], [9.0, 6.0, 2.0, 0.3, 0.2, 0.05],
              [7.0, 4.0, 0.5, 0.9, 2.0], [6.0, 3.5, 1.5, 0.4, 0.02, 0.0001]]
    budgets = [10, 100, 1000]
    rows = []
    for b in budgets:
        sampled = [last_sample(np.array(it), v, b) for it, v in zip(iterations, values)]
        best = [min(v[: np.searchsorted(np.array(it), b, side="right")]) for it, v in zip(iterations, values)]
        rows.append({"budget": b, "sampled": sampled, "best": best,
                     "sampled_quartiles": [float(q) for q in np.quantile(sampled, [0.25, 0.5, 0.75])],
                     "best_quartiles": [float(q) for q in np.quantile(best, [0.25, 0.5, 0.75])]})
    return {"iterations": iterations, "values": values, "budgets": budgets, "rows": rows}


def sensitivity():
    rng = np.random.default_rng(7)
    m = 40
    lr = np.exp(rng.uniform(np.log(1e-4), np.log(1.0), m))  # a log-uniform learning rate
    reps = rng.integers(3, 11, m)
    succ = np.array([rng.integers(0, r + 1) for r in reps])
    gap = rng.lognormal(-5.0, 3.0, m)
    gap[[3, 17]] = np.nan  # two diverged settings
    out = {"parameter": lr.tolist(), "successes": succ.tolist(), "replicates": reps.tolist(),
           "median_gap": [float(g) for g in gap], "cases": []}
    for scale, k in [("LINEAR", 5), ("LOG", 5), ("LOG", 8)]:
        x = np.log(lr) if scale == "LOG" else lr
        edges = np.histogram_bin_edges(x, bins=k)
        which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, k - 1)  # np.histogram's convention
        bins = []
        for b in range(k):
            sel = which == b
            s, n = int(succ[sel].sum()), int(reps[sel].sum())
            g = np.sort(gap[sel])  # NaN sorts last in numpy too
            med = float(np.quantile(np.where(np.isnan(g), np.inf, g), 0.5)) if sel.any() else None
            w = binomtest(s, n).proportion_ci(0.95, "wilson") if n > 0 else None
            bins.append({"settings": int(sel.sum()), "successes": s, "replicates": n,
                         "wilson": None if w is None else [float(w.low), float(w.high)],
                         "median_gap": "NaN" if med is None or not np.isfinite(med) else med})
        out["cases"].append({"scale": scale, "bins": k, "expected": bins})
    # a grid axis: 3 distinct values, fewer than the bins asked for
    out["grid"] = {"parameter": [0.1, 0.5, 0.9, 0.5, 0.1, 0.9, 0.5], "successes": [1, 4, 0, 5, 2, 1, 3],
                   "replicates": [5, 5, 5, 5, 5, 5, 5], "median_gap": [1e-3, 1e-6, 0.5, 1e-7, 1e-2, 0.2, 1e-5]}
    return out


def end_points():
    rng = np.random.default_rng(11)
    n = 3
    centres = 1e4 + rng.uniform(-1, 1, (3, n))  # three minima, coordinates of size 1e4, ~1 apart
    pts = []
    for c in centres:
        for _ in range(4):  # four runs ended at each, within 1e-9 per coordinate
            pts.append(c + rng.uniform(-1e-9, 1e-9, n))
    pts.append(centres[0] + 3e-5)  # a fifth end point 5.2e-5 from the first minimum
    pts = np.array(pts)
    exact = [[float(sum((Fraction(a) - Fraction(b)) ** 2 for a, b in zip(p, q))) for q in pts] for p in pts]
    cases = []
    for t in [1e-6, 1e-4, 2.0]:
        labels = fcluster(linkage(pts, method="single", metric="euclidean"), t=t, criterion="distance")
        cases.append({"threshold": t, "labels": [int(x) for x in labels]})
    return {"n": n, "points": pts.ravel().tolist(), "exact_squared": exact, "clusters": cases}


def strict_json(x):
    """JSON has no inf/NaN: write them as the strings Java's Double.parseDouble reads ("Infinity", "NaN")."""
    if isinstance(x, float) and not np.isfinite(x):
        return "NaN" if np.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, dict):
        return {k: strict_json(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [strict_json(v) for v in x]
    return x


def main():
    doc = {
        "generator": "make_stats.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "machine": platform.machine()},
        "proportion": proportions(),
        "quantiles": quantiles(),
        "bootstrap": bootstraps(),
        "fixed_budget": fixed_budget(),
        "sensitivity": sensitivity(),
        "end_points": end_points(),
    }
    OUT.write_text(json.dumps(strict_json(doc), indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
