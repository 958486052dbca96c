package org.optsweep.stats;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How many distinct end points the runs of a setting found: pairwise squared distances between m final
 * points in ℝⁿ, then single-linkage clusters at a distance threshold (two points are in one cluster when a
 * chain of points each within the threshold of the next joins them). On a multimodal objective (Ackley,
 * Rastrigin) this separates "always the same minimum" from "a different local minimum every run".
 *
 * <p>Points are a flat row-major array, point i at {@code points[i·n .. i·n + n)} — what EJML's
 * {@link DMatrixRMaj#wrap} takes without a copy; {@link #flatten} converts a {@code double[][]}.
 *
 * <p><b>The numerical trap</b> (the seed question "pairwise squared distances are slow; the fast formula can
 * go negative"): the fast expansion ‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b needs one Gram matrix product (here
 * EJML's {@link CommonOps_DDRM#multOuter}, A·Aᵀ) instead of m² difference loops, but it subtracts numbers of
 * size ‖a‖² to get one of size ‖a − b‖². Its absolute error is at most about (2n + 3)·u·(‖a‖² + ‖b‖²),
 * u = 2⁻⁵³ (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., SIAM 2002, §3.1, the dot-product bound
 * γₙ), so for end points at coordinates 1e4 that are 1e-9 apart it returns noise of order ±1e-8 around a true
 * 1e-18 — often negative, which is why {@link #squaredDistances} clamps at 0. Clamping removes the impossible
 * negatives but not the positive noise: near the clustering threshold the fast value cannot decide, so
 * {@link #clusters} recomputes exactly ({@link #exactSquaredDistance}, Σ(aₖ − bₖ)², relatively accurate)
 * every pair whose fast value lies within that error bound of threshold². The answer is then that of the
 * exact distances, at the cost of the fast one for all clear pairs.
 *
 * <p>Single linkage with union–find: J. C. Gower &amp; G. J. S. Ross, "Minimum spanning trees and single
 * linkage cluster analysis", Applied Statistics 18(1), 1969 (the clusters at a threshold are the connected
 * components of the graph of pairs within it); R. E. Tarjan, "Efficiency of a good but not linear set union
 * algorithm", JACM 22(2), 1975.
 */
public final class EndPoints {
  private EndPoints() {}

  private static final double UNIT_ROUNDOFF = 0x1p-53;

  /**
   * Clusters of end points.
   *
   * @param count  the number of clusters (distinct end points at the threshold); 0 for no points
   * @param labels per point, its cluster in 0..count − 1, numbered in order of each cluster's first point
   */
  public record Clusters(int count, int[] labels) {
    @Override
    public String toString() {
      return "EndPoints.Clusters[count=" + count + ", labels=" + Arrays.toString(labels) + "]";
    }
  }

  /**
   * The points of a {@code double[][]} (m rows of n coordinates, n ≥ 1) as one row-major array.
   */
  public static double[] flatten(double[][] points) {
    Check.notNull(points, "points");
    int m = points.length;
    int n = m == 0 ? 0 : requireRow(points, 0).length;
    Check.arg(m == 0 || n >= 1, "points[0].length", n, "at least one coordinate");
    double[] flat = new double[m * n];
    for (int i = 0; i < m; i++) {
      double[] row = requireRow(points, i);
      if (row.length != n) {
        throw Check.bad("points[" + i + "].length", row.length, n + " coordinates, as points[0]");
      }
      System.arraycopy(row, 0, flat, i * n, n);
    }
    return flat;
  }

  /**
   * All pairwise squared Euclidean distances by the fast expansion ‖aᵢ‖² + ‖aⱼ‖² − 2aᵢ·aⱼ, with the Gram
   * matrix from EJML, <b>clamped at 0</b> (class doc: cancellation can make the expansion negative), the
   * diagonal exactly 0. Absolute error up to about (2n + 3)·u·(‖aᵢ‖² + ‖aⱼ‖²): use {@link #exactSquaredDistances}
   * when points are close relative to their norms. Allocates one array of m norms.
   *
   * @param points m × n row-major, finite
   * @param m      the number of points, ≥ 0
   * @param n      the dimension, ≥ 1
   * @param out    receives the m × m row-major distances (squared, in the coordinates' unit squared); length
   *               ≥ m·m; used as the Gram matrix's storage on the way
   * @return {@code out}
   */
  public static double[] squaredDistances(double[] points, int m, int n, double[] out) {
    return squaredDistances(points, m, n, out, true);
  }

  /** As the public method; {@code clamp = false} leaves the raw expansion, for the test that shows the trap. */
  static double[] squaredDistances(double[] points, int m, int n, double[] out, boolean clamp) {
    checkPoints(points, m, n);
    Check.notNull(out, "out");
    if (out.length < m * m) {
      throw Check.bad("out.length", out.length, "at least m·m = " + (m * m));
    }
    double[] norms = gram(points, m, n, out);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double d2 = i == j ? 0 : norms[i] + norms[j] - 2 * out[i * m + j];
        out[i * m + j] = clamp ? Math.max(0, d2) : d2;
      }
    }
    return out;
  }

  /** Fills {@code out} with A·Aᵀ and returns its diagonal, the squared norms. */
  private static double[] gram(double[] points, int m, int n, double[] out) {
    double[] norms = new double[m];
    if (m == 0) {
      return norms;
    }
    DMatrixRMaj a = DMatrixRMaj.wrap(m, n, points);
    DMatrixRMaj g = DMatrixRMaj.wrap(m, m, out);
    CommonOps_DDRM.multOuter(a, g);
    for (int i = 0; i < m; i++) {
      norms[i] = out[i * m + i];
    }
    return norms;
  }

  /**
   * The exact check: Σₖ (aᵢₖ − aⱼₖ)², summed directly — relatively accurate (no cancellation of large
   * terms), m²·n/2 operations.
   *
   * @param points m × n row-major, finite
   * @param m      the number of points, ≥ 0
   * @param n      the dimension, ≥ 1
   * @param out    receives the m × m row-major squared distances; length ≥ m·m
   * @return {@code out}
   */
  public static double[] exactSquaredDistances(double[] points, int m, int n, double[] out) {
    checkPoints(points, m, n);
    Check.notNull(out, "out");
    if (out.length < m * m) {
      throw Check.bad("out.length", out.length, "at least m·m = " + (m * m));
    }
    for (int i = 0; i < m; i++) {
      out[i * m + i] = 0;
      for (int j = i + 1; j < m; j++) {
        double d2 = direct(points, n, i, j);
        out[i * m + j] = d2;
        out[j * m + i] = d2;
      }
    }
    return out;
  }

  /**
   * The exact squared distance Σₖ (aᵢₖ − aⱼₖ)² between points i and j of a row-major array.
   *
   * @param points row-major points of dimension n (length a multiple of n)
   * @param n      the dimension, ≥ 1
   * @param i      a point's index
   * @param j      another point's index
   */
  public static double exactSquaredDistance(double[] points, int n, int i, int j) {
    Check.notNull(points, "points");
    Check.arg(n >= 1, "n", n, "a dimension ≥ 1");
    if (points.length % n != 0) {
      throw Check.bad("points.length", points.length, "a multiple of n = " + n);
    }
    int m = points.length / n;
    if (!(i >= 0 && i < m)) {
      throw Check.bad("i", i, "a point index in [0, " + m + ")");
    }
    if (!(j >= 0 && j < m)) {
      throw Check.bad("j", j, "a point index in [0, " + m + ")");
    }
    return direct(points, n, i, j);
  }

  private static double direct(double[] points, int n, int i, int j) {
    double sum = 0;
    for (int k = 0; k < n; k++) {
      double d = points[i * n + k] - points[j * n + k];
      sum += d * d;
    }
    return sum;
  }

  /**
   * Single-linkage clusters at {@code threshold}: points i and j are joined when ‖aᵢ − aⱼ‖ ≤ threshold, i.e.
   * d² ≤ threshold². d² is the clamped fast expansion, except for pairs whose fast value is within its
   * rounding-error bound 2(n + 4)·u·(‖aᵢ‖² + ‖aⱼ‖²) of threshold², which are recomputed exactly (class doc), so
   * the clusters are those of the exact distances. Allocates the m × m distance matrix, the norms and the
   * union–find arrays.
   *
   * @param points    m × n row-major, finite (leave diverged runs out)
   * @param m         the number of points, ≥ 0
   * @param n         the dimension, ≥ 1
   * @param threshold the linkage distance, in the coordinates' unit; finite and ≥ 0 (0 joins only equal points)
   * @return the number of clusters and each point's label
   */
  public static Clusters clusters(double[] points, int m, int n, double threshold) {
    checkPoints(points, m, n);
    Check.arg(Double.isFinite(threshold) && threshold >= 0, "threshold", threshold, "a finite distance ≥ 0");
    double t2 = threshold * threshold;
    double[] gram = new double[m * m];
    double[] norms = gram(points, m, n, gram);
    double relError = 2.0 * (n + 4) * UNIT_ROUNDOFF;
    int[] parent = new int[m];
    for (int i = 0; i < m; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double fast = Math.max(0, norms[i] + norms[j] - 2 * gram[i * m + j]);
        double bound = relError * (norms[i] + norms[j]);
        boolean joined;
        if (fast + bound < t2) {
          joined = true;
        } else if (fast - bound > t2) {
          joined = false;
        } else {
          joined = direct(points, n, i, j) <= t2;
        }
        if (joined) {
          union(parent, i, j);
        }
      }
    }
    int[] labels = new int[m];
    int[] labelOfRoot = new int[m];
    Arrays.fill(labelOfRoot, -1);
    int count = 0;
    for (int i = 0; i < m; i++) {
      int root = find(parent, i);
      if (labelOfRoot[root] < 0) {
        labelOfRoot[root] = count++;
      }
      labels[i] = labelOfRoot[root];
    }
    return new Clusters(count, labels);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]]; // path halving
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int i, int j) {
    int a = find(parent, i);
    int b = find(parent, j);
    if (a != b) {
      parent[Math.max(a, b)] = Math.min(a, b);
    }
  }

  private static double[] requireRow(double[][] points, int i) {
    Check.notNull(points[i], "points[" + i + "]");
    return points[i];
  }

  private static void checkPoints(double[] points, int m, int n) {
    Check.notNull(points, "points");
    Check.arg(m >= 0, "m", m, "a number of points ≥ 0");
    Check.arg(n >= 1, "n", n, "a dimension ≥ 1");
    if ((long) m * n != points.length) {
      throw Check.bad("points.length", points.length, "m·n = " + m + "·" + n);
    }
    Check.arg((long) m * m <= Integer.MAX_VALUE - 8, "m", m, "at most 46340 points (an m × m array)");
    for (int k = 0; k < points.length; k++) {
      if (!Double.isFinite(points[k])) {
        throw Check.bad("points[" + k + "]", points[k], "a finite coordinate (point " + (k / n) + ")");
      }
    }
  }
}
