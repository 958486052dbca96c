package org.optsweep.objective;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.reference.Reference;
import org.optsweep.reference.ReferenceKey;
import org.optsweep.reference.References;

/**
 * The group-sparse self-reconstruction loss from the seed question "gradient descent for arbitrary
 * convex loss": f(B) = ‖X B − X‖_F + λ Σ_i ‖B_i‖₂^½, where X is n × p data, B is the variable vector
 * reshaped row-major to p × p and B_i is row i of B (the asker's {@code b.reshape}, {@code
 * np.linalg.norm(B, axis=1)**0.5}).
 *
 * <p>Despite the question's title the loss is not convex for λ &gt; 0 (‖B_i‖^½ is concave along
 * rays) and is not differentiable where R = XB − X = 0 (a cone) or where a row B_i = 0 (infinite
 * slope). Where it is differentiable the gradient is X&#7488;R/‖R‖_F + λ·½‖B_i‖^{−3/2}B_i row by row;
 * the sub-gradient chosen at the kinks is 0 for the reconstruction term when R = 0 and 0 for the
 * penalty of a row with B_i = 0 (both make the respective point stationary, which is what a
 * "sparse row" minimiser needs).
 *
 * <p>Known optimum: for λ = 0 the minimum is 0 at B = I (flattened identity), the unique minimiser when X
 * has full column rank; when it does not, every B = I + N with XN = 0 is one, so {@link #minimiser()} is
 * {@code null} and {@link #reference()} says why (issue 14: no distance to one of infinitely many
 * minimisers). For λ &gt; 0 no closed form is known: the reference stage computes a best-known one by a
 * documented multi-start ({@link org.optsweep.reference.compute.MultiStart}, kind BEST_KNOWN) and registers it
 * under {@link #referenceKey()}; until then {@link #minimiser()} is {@code null} and {@link #minimum()} NaN.
 *
 * <p>{@link #value} and {@link #gradient} allocate nothing (R lives in an instance buffer), so
 * instances are not thread-safe.
 */
public final class GroupSparse implements Objective {
  private final double[][] x;
  private final int n;
  private final int p;
  private final double lambda;
  private final double[] residual;
  private final double[] identity;
  private final int rank;
  private final Reference reference;

  /**
   * @param x      n × p data, rows are observations; shared and not modified
   * @param lambda λ ≥ 0, weight of the Σ‖B_i‖^½ row penalty
   */
  public GroupSparse(double[][] x, double lambda) {
    if (x.length == 0 || x[0].length == 0) {
      throw new IllegalArgumentException("group_sparse data must have at least one row and one column");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("group_sparse lambda must be a finite number >= 0, got " + lambda);
    }
    this.x = x;
    this.n = x.length;
    this.p = x[0].length;
    for (int r = 0; r < n; r++) {
      if (x[r].length != p) {
        throw new IllegalArgumentException("group_sparse data row " + r + " has " + x[r].length
            + " columns, expected " + p);
      }
    }
    this.lambda = lambda;
    this.residual = new double[n * p];
    this.identity = new double[p * p];
    for (int i = 0; i < p; i++) {
      identity[i * p + i] = 1;
    }
    this.rank = lambda == 0 ? rank(x) : p;
    this.reference = lambda > 0 && References.size() > 0 ? References.lookup(referenceKey()) : null;
  }

  @Override
  public String name() {
    return "group_sparse";
  }

  /** p², the entries of B. */
  @Override
  public int dimension() {
    return p * p;
  }

  @Override
  public double value(double[] b) {
    return Math.sqrt(residuals(b)) + lambda * penalty(b);
  }

  /** Fills {@code residual} with R = XB − X (row-major n × p) and returns ‖R‖_F². */
  private double residuals(double[] b) {
    double sum = 0;
    for (int r = 0; r < n; r++) {
      double[] xr = x[r];
      int off = r * p;
      for (int j = 0; j < p; j++) {
        double v = -xr[j];
        for (int k = 0; k < p; k++) {
          v += xr[k] * b[k * p + j];
        }
        residual[off + j] = v;
        sum += v * v;
      }
    }
    return sum;
  }

  private double penalty(double[] b) {
    double s = 0;
    for (int i = 0; i < p; i++) {
      s += Math.sqrt(Math.sqrt(rowSquaredNorm(b, i)));
    }
    return s;
  }

  private double rowSquaredNorm(double[] b, int i) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      double v = b[i * p + j];
      s += v * v;
    }
    return s;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] b, double[] grad) {
    valueAndGradient(b, grad);
  }

  @Override
  public double valueAndGradient(double[] b, double[] grad) {
    double norm = Math.sqrt(residuals(b));
    double scale = norm > 0 ? 1.0 / norm : 0.0;
    // d‖R‖_F/dB = XᵀR/‖R‖_F, accumulated observation by observation so X is read row-wise.
    Arrays.fill(grad, 0, p * p, 0.0);
    for (int r = 0; r < n; r++) {
      double[] xr = x[r];
      int off = r * p;
      for (int k = 0; k < p; k++) {
        double xk = scale * xr[k];
        int gk = k * p;
        for (int j = 0; j < p; j++) {
          grad[gk + j] += xk * residual[off + j];
        }
      }
    }
    double penalty = 0;
    for (int i = 0; i < p; i++) {
      double sq = rowSquaredNorm(b, i);
      double rowNorm = Math.sqrt(sq);
      double root = Math.sqrt(rowNorm);
      penalty += root;
      if (lambda != 0 && rowNorm > 0) {
        // d/dB_i ‖B_i‖^½ = ½‖B_i‖^{−3/2} B_i
        double k = 0.5 * lambda / (rowNorm * root);
        for (int j = 0; j < p; j++) {
          grad[i * p + j] += k * b[i * p + j];
        }
      }
    }
    return norm + lambda * penalty;
  }

  /**
   * λ = 0: the flattened identity, or {@code null} when X has rank &lt; p (then every B with XB = X is a
   * minimiser). λ &gt; 0: the registered best-known minimiser, or {@code null}.
   */
  @Override
  public double[] minimiser() {
    if (lambda == 0) {
      return rank == p ? identity : null;
    }
    return reference == null ? null : reference.x();
  }

  /** 0 when λ = 0; the registered best-known value when λ &gt; 0, else NaN. */
  @Override
  public double minimum() {
    if (lambda == 0) {
      return 0.0;
    }
    return reference == null ? Double.NaN : reference.f();
  }

  /**
   * λ = 0: EXACT (minimum 0 at B = I; without a minimiser, and why, when X is rank-deficient). λ &gt; 0: the
   * BEST_KNOWN reference of the multi-start registered under {@link #referenceKey()}, or {@code null}.
   */
  @Override
  public Reference reference() {
    if (lambda > 0) {
      return reference;
    }
    return Reference.exact(name(), minimiser(), 0.0, "XB = X at B = I", rank == p ? null
        : "minimiser not unique: X has rank " + rank + " < " + p + " columns, so every B = I + N with the columns"
            + " of N in the null space of X has loss 0");
  }

  /** (group_sparse, fingerprint of X, λ) for λ &gt; 0, whose optimum only a multi-start can estimate; else null. */
  @Override
  public ReferenceKey referenceKey() {
    return lambda > 0 ? new ReferenceKey(name(), DataSets.fingerprint(x), lambda, Double.NaN, false) : null;
  }

  /** The numerical rank of X (singular values above numpy's matrix_rank threshold), once per data set. */
  private static int rank(double[][] x) {
    synchronized (RANKS) {
      Integer known = RANKS.get(x);
      if (known != null) {
        return known;
      }
    }
    int n = x.length;
    int p = x[0].length;
    org.ejml.data.DMatrixRMaj a = new org.ejml.data.DMatrixRMaj(x);
    var svd = org.ejml.dense.row.factory.DecompositionFactory_DDRM.svd(n, p, false, false, true);
    if (!svd.decompose(a)) {
      throw new IllegalStateException("group_sparse: SVD of X failed");
    }
    double[] sv = svd.getSingularValues();
    double max = 0;
    for (double v : sv) {
      max = Math.max(max, v);
    }
    int r = 0;
    for (double v : sv) {
      if (v > Math.max(n, p) * Math.ulp(1.0) * max) {
        r++;
      }
    }
    synchronized (RANKS) {
      RANKS.put(x, r);
    }
    return r;
  }

  private static final java.util.Map<double[][], Integer> RANKS = new java.util.WeakHashMap<>();

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "group_sparse{n=%d, p=%d, lambda=%s}", n, p, lambda);
  }

  /**
   * Synthetic X: n × p standard normals from {@code SplittableRandom(seed)} (Box-Muller, row by row).
   *
   * @param n    observations (rows)
   * @param p    columns
   * @param seed seed of the stream
   * @return n × p
   */
  public static double[][] generate(int n, int p, long seed) {
    return DataCache.gaussian(n, p, new SplittableRandom(seed));
  }

  /** Largest p accepted: B has p² entries (≤ 10⁶, the largest dimension anywhere) and ∇f costs n·p². */
  static final int MAX_COLUMNS = 1000;

  /** CSV of X, n rows × p columns; default none (generate N(0, 1) entries). */
  public static final Param<String> DATA = Param.text("data", null,
      "CSV of X, one observation per row; none: generate N(0,1) entries");
  /** n, observations in generated X; default 20; ignored with data. */
  public static final Param<Integer> ROWS = Param.integer("rows", 20, 1, Integer.MAX_VALUE,
      "n, observations in generated X (ignored when data is given)");
  /** p, columns of X (B is p × p, the dimension p²); default 3; with data, the file's column count. */
  public static final Param<Integer> COLUMNS = Param.integer("columns", 3, 1, MAX_COLUMNS,
      "p, columns of X; B is p x p, so the dimension is p^2; with data it must equal the file's column count");
  /** λ ≥ 0, weight of the row penalty Σ‖B_i‖^½; default 0 (the seed question's lambs). */
  public static final Param<Double> LAMBDA = Param.nonNegative("lambda", 0,
      "lambda, weight of the row penalty sum_i |B_i|^(1/2)");
  /** Seed of the generated X; default 1. */
  public static final Param<Integer> DATA_SEED = Param.integer("data_seed", 1, 0, Integer.MAX_VALUE,
      "seed of the generated X (java.util.SplittableRandom, Box-Muller)");

  /** Registers {@code group_sparse}. */
  public static final ObjectiveProvider PROVIDER = new SimpleProvider("group_sparse",
      "|X B - X|_F + lambda sum_i |B_i|^(1/2), B = x reshaped p x p (seed question); "
          + "minimum 0 at B = I for lambda = 0, unknown otherwise",
      List.of(DATA, ROWS, COLUMNS, LAMBDA, DATA_SEED), GroupSparse::create);

  private static Objective create(Settings s) {
    String path = s.get(DATA);
    int p = s.get(COLUMNS);
    double[][] x;
    if (path != null) {
      x = DataCache.read(path);
      if (x[0].length > MAX_COLUMNS) {
        throw new InvalidParameterException(s.owner(), "data", path, "at most " + MAX_COLUMNS
            + " columns (the dimension is columns^2), found " + x[0].length);
      }
      if (x[0].length != p) {
        throw new InvalidParameterException(s.owner(), "columns", p, x[0].length
            + ", the number of columns in " + path);
      }
    } else {
      int n = s.get(ROWS);
      if ((long) n * p > Ridge.MAX_CELLS) {
        throw new InvalidParameterException(s.owner(), "rows", n, "rows x columns <= "
            + Ridge.MAX_CELLS + " (columns is " + p + ")");
      }
      int seed = s.get(DATA_SEED);
      x = DataCache.memo("group_sparse-data:" + n + "," + p + "," + seed, () -> generate(n, p, seed));
    }
    return new GroupSparse(x, s.get(LAMBDA));
  }
}
