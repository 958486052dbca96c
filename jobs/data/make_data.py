#!/usr/bin/env python3
"""Rebuild diabetes.csv and breast_cancer.csv from the copies shipped inside scikit-learn.

Usage (any python3, standard library only):
    python3 jobs/data/make_data.py [SKLEARN_DATA_DIR]

SKLEARN_DATA_DIR defaults to /usr/lib/python3/dist-packages/sklearn/datasets/data (Debian's
python3-sklearn 1.2.1). Numbers are copied as TEXT, token for token, never parsed and re-printed,
with two documented exceptions:
  * diabetes_target.csv.gz writes the (integer) target as e.g. 1.510000000000000000e+02; it is
    written here as 151. The script checks that the token is exactly that integer in %.18e form,
    so no value changes.
  * breast_cancer.csv's last column (0 = malignant, 1 = benign in scikit-learn) is flipped to
    1 = malignant, 0 = benign and written as the column `malignant`.
The output is checked against the CSV rules of org.optsweep.objective.CsvMatrix (header of names,
plain finite decimals, same width on every row) before it is written.
"""
import gzip
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
DECIMAL = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")

DIABETES_HEADER = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "y"]
# WDBC column order (UCI wdbc.names; scikit-learn's feature_names): 10 means, 10 standard errors,
# 10 "worst" (mean of the three largest) values.
_BASE = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
         "concave_points", "symmetry", "fractal_dimension"]
BREAST_HEADER = ([b + "_mean" for b in _BASE] + [b + "_se" for b in _BASE]
                 + [b + "_worst" for b in _BASE] + ["malignant"])


def check_and_write(path, header, rows):
    assert all(not DECIMAL.match(h) for h in header), header
    for r in rows:
        assert len(r) == len(header), (path, r)
        for t in r:
            assert DECIMAL.match(t), (path, t)
            v = float(t)
            assert v == v and abs(v) != float("inf"), (path, t)
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    print(f"wrote {path}: {len(rows)} rows x {len(header)} columns")


def diabetes(src):
    with gzip.open(os.path.join(src, "diabetes_data_raw.csv.gz"), "rt") as f:
        x = [line.split() for line in f if line.strip()]  # space separated
    with gzip.open(os.path.join(src, "diabetes_target.csv.gz"), "rt") as f:
        t = [line.strip() for line in f if line.strip()]
    assert len(x) == len(t) == 442 and all(len(r) == 10 for r in x)
    y = []
    for tok in t:
        v = float(tok)
        assert v == int(v) and tok == "%.18e" % v, tok
        y.append(str(int(v)))
    check_and_write(os.path.join(HERE, "diabetes.csv"), DIABETES_HEADER,
                    [r + [yi] for r, yi in zip(x, y)])


def breast_cancer(src):
    with open(os.path.join(src, "breast_cancer.csv")) as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    first = lines[0].split(",")
    assert first == ["569", "30", "malignant", "benign"], first  # target 0 = malignant, 1 = benign
    rows = []
    for line in lines[1:]:
        r = line.split(",")
        assert len(r) == 31 and r[30] in ("0", "1"), r
        rows.append(r[:30] + ["1" if r[30] == "0" else "0"])
    assert len(rows) == 569
    assert sum(r[30] == "1" for r in rows) == 212  # 212 malignant, 357 benign (UCI wdbc.names)
    check_and_write(os.path.join(HERE, "breast_cancer.csv"), BREAST_HEADER, rows)


if __name__ == "__main__":
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    diabetes(src)
    breast_cancer(src)
