package org.optsweep.objective;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * Ridge regression, f(w) = ‖A w − y‖²/m + λ‖w‖², for A (m × d) and y (length m); ∇f(w) =
 * 2Aᵀ(Aw − y)/m + 2λw.
 *
 * <p>The exact optimum is the solution of the normal equations (AᵀA/m + λI) w* = Aᵀy/m (Hoerl &amp;
 * Kennard 1970), solved once in the constructor with EJML's Cholesky decomposition; {@link #minimum()}
 * is f(w*). When the system is singular (λ = 0 and A has dependent columns, or m &lt; d) least squares
 * has a whole affine set of minimisers: the minimum value is then taken at the minimum-norm solution
 * (pseudo-inverse) and {@link #minimiser()} is {@code null}, since a distance to one arbitrary
 * minimiser would be meaningless.
 *
 * <p>Data is a shared, read-only m × (d+1) matrix whose last column is y (the CSV layout), so file
 * data is never copied per instance. {@link #value} and {@link #gradient} allocate nothing: the
 * residual goes into a buffer owned by the instance, which is why instances are not thread-safe.
 */
public final class Ridge implements Objective {
  private final double[][] data;
  private final int m;
  private final int d;
  private final double lambda;
  private final double[] residual;
  private final double[] minimiser;
  private final double minimum;

  /**
   * @param data   m × (d+1), rows are observations, columns 0..d−1 are A and column d is y; shared
   *               and not modified
   * @param lambda λ ≥ 0, the weight of the squared L2 penalty (same scale as the mean squared error)
   * @throws IllegalArgumentException if data has fewer than 2 columns or rows of unequal length, or
   *                                  λ is negative or not finite
   */
  public Ridge(double[][] data, double lambda) {
    if (data.length == 0 || data[0].length < 2) {
      throw new IllegalArgumentException("ridge data must have at least one row and two columns "
          + "(features, then y); got " + data.length + " rows");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("ridge lambda must be a finite number >= 0, got " + lambda);
    }
    this.data = data;
    this.m = data.length;
    this.d = data[0].length - 1;
    for (int i = 0; i < m; i++) {
      if (data[i].length != d + 1) {
        throw new IllegalArgumentException("ridge data row " + i + " has " + data[i].length
            + " columns, expected " + (d + 1));
      }
    }
    this.lambda = lambda;
    this.residual = new double[m];
    double[] w = new double[d];
    boolean unique = solveNormalEquations(w);
    this.minimiser = unique ? w : null;
    this.minimum = value(w);
  }

  /** A new instance on the same data and optimum, with its own buffer (instances are not thread-safe). */
  private Ridge(Ridge shared) {
    this.data = shared.data;
    this.m = shared.m;
    this.d = shared.d;
    this.lambda = shared.lambda;
    this.residual = new double[m];
    this.minimiser = shared.minimiser;
    this.minimum = shared.minimum;
  }

  /** An instance of its own for one solve, sharing the data and the exact optimum computed once. */
  Ridge copy() {
    return new Ridge(this);
  }

  /**
   * Solves (AᵀA/m + λI) w = Aᵀy/m into {@code w}.
   *
   * @return whether the solution is unique (Cholesky succeeded); if not, w is the minimum-norm
   *     least-squares solution
   */
  private boolean solveNormalEquations(double[] w) {
    DMatrixRMaj a = new DMatrixRMaj(m, d);
    DMatrixRMaj y = new DMatrixRMaj(m, 1);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        a.unsafe_set(i, j, data[i][j]);
      }
      y.unsafe_set(i, 0, data[i][d]);
    }
    DMatrixRMaj gram = new DMatrixRMaj(d, d);
    CommonOps_DDRM.multTransA(1.0 / m, a, a, gram);
    for (int j = 0; j < d; j++) {
      gram.unsafe_set(j, j, gram.unsafe_get(j, j) + lambda);
    }
    DMatrixRMaj rhs = new DMatrixRMaj(d, 1);
    CommonOps_DDRM.multTransA(1.0 / m, a, y, rhs);
    DMatrixRMaj sol = new DMatrixRMaj(d, 1);
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(d);
    boolean unique = chol.setA(gram.copy()) && wellConditioned(chol);
    if (unique) {
      chol.solve(rhs, sol);
    } else {
      // Minimum-norm least squares on [A; √(λm)·I] by SVD, not on the normal equations, whose
      // condition number is the square of A's.
      DMatrixRMaj aug = new DMatrixRMaj(m + d, d);
      DMatrixRMaj yAug = new DMatrixRMaj(m + d, 1);
      CommonOps_DDRM.insert(a, aug, 0, 0);
      CommonOps_DDRM.insert(y, yAug, 0, 0);
      double s = Math.sqrt(lambda * m);
      for (int j = 0; j < d; j++) {
        aug.unsafe_set(m + j, j, s);
      }
      LinearSolverDense<DMatrixRMaj> pinv = LinearSolverFactory_DDRM.pseudoInverse(true);
      if (!pinv.setA(aug)) {
        throw new IllegalStateException("ridge: SVD of the data matrix failed");
      }
      pinv.solve(yAug, sol);
    }
    for (int j = 0; j < d; j++) {
      w[j] = sol.unsafe_get(j, 0);
    }
    return unique;
  }

  /**
   * Whether the Cholesky factor L is far from singular: (min L_ii / max L_ii)² is a cheap, rough
   * indicator of 1/cond of the Gram matrix (exact for a diagonal one). Cholesky of a matrix that is singular in exact arithmetic (λ = 0,
   * collinear features) can "succeed" on rounding noise with a pivot of order ε, which would give a
   * meaningless, huge w*; such systems go to the minimum-norm path instead.
   */
  private boolean wellConditioned(LinearSolverDense<DMatrixRMaj> chol) {
    CholeskyDecomposition_F64<DMatrixRMaj> decomposition = chol.getDecomposition();
    DMatrixRMaj t = decomposition.getT(null);
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (int j = 0; j < d; j++) {
      double v = Math.abs(t.unsafe_get(j, j));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double ratio = min / max;
    return max > 0 && ratio * ratio > 1e-13;
  }

  @Override
  public String name() {
    return "ridge";
  }

  @Override
  public int dimension() {
    return d;
  }

  /** The number of observations m. */
  public int rows() {
    return m;
  }

  @Override
  public double value(double[] w) {
    double sse = 0;
    for (int i = 0; i < m; i++) {
      double[] row = data[i];
      double r = -row[d];
      for (int j = 0; j < d; j++) {
        r += row[j] * w[j];
      }
      sse += r * r;
    }
    return sse / m + lambda * squaredNorm(w);
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] w, double[] grad) {
    valueAndGradient(w, grad);
  }

  @Override
  public double valueAndGradient(double[] w, double[] grad) {
    double sse = 0;
    for (int i = 0; i < m; i++) {
      double[] row = data[i];
      double r = -row[d];
      for (int j = 0; j < d; j++) {
        r += row[j] * w[j];
      }
      residual[i] = r;
      sse += r * r;
    }
    double scale = 2.0 / m;
    for (int j = 0; j < d; j++) {
      grad[j] = 2 * lambda * w[j];
    }
    for (int i = 0; i < m; i++) {
      double[] row = data[i];
      double r = scale * residual[i];
      for (int j = 0; j < d; j++) {
        grad[j] += r * row[j];
      }
    }
    return sse / m + lambda * squaredNorm(w);
  }

  private double squaredNorm(double[] w) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += w[j] * w[j];
    }
    return s;
  }

  /** w* = (AᵀA/m + λI)⁻¹Aᵀy/m, or {@code null} when the minimiser is not unique. */
  @Override
  public double[] minimiser() {
    return minimiser;
  }

  /** f(w*). */
  @Override
  public double minimum() {
    return minimum;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ridge{m=%d, d=%d, lambda=%s}", m, d, lambda);
  }

  /**
   * Synthetic regression data: A ~ N(0, 1) (m × d, row by row), then w_true ~ N(0, 1) (d), then
   * y = A w_true + noise·N(0, 1) (m), all drawn in that order from one
   * {@code SplittableRandom(seed)} through {@link DataCache#standardNormal} (Box-Muller).
   *
   * @param m     observations (rows)
   * @param d     features
   * @param noise standard deviation of the noise on y, in units of y
   * @param seed  seed of the stream
   * @return m × (d+1), y in the last column
   */
  public static double[][] generate(int m, int d, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] out = new double[m][d + 1];
    for (double[] row : out) {
      for (int j = 0; j < d; j++) {
        row[j] = DataCache.standardNormal(rng);
      }
    }
    double[] wTrue = new double[d];
    for (int j = 0; j < d; j++) {
      wTrue[j] = DataCache.standardNormal(rng);
    }
    for (double[] row : out) {
      double y = 0;
      for (int j = 0; j < d; j++) {
        y += row[j] * wTrue[j];
      }
      row[d] = y + noise * DataCache.standardNormal(rng);
    }
    return out;
  }

  /** Largest m·(d+1) accepted, so that generated data and buffers fit in a Java array. */
  static final long MAX_CELLS = 1L << 28;
  /** Largest d accepted: the d × d Gram matrix for the exact optimum must fit in memory. */
  static final int MAX_FEATURES = 10_000;

  /** CSV of numbers, one observation per row, last column y; default none (generate). */
  public static final Param<String> DATA = Param.text("data", null,
      "CSV of numbers, one observation per row, last column y, the others A; none: generate (see rows, dimension,"
          + " noise, data_seed)");
  /** m, observations in generated data; default 100; ignored with data. */
  public static final Param<Integer> ROWS = Param.integer("rows", 100, 1, Integer.MAX_VALUE,
      "m, observations in generated data (ignored when data is given)");
  /** d, the number of features = variables; default 5; with data it must equal the file's columns − 1. */
  public static final Param<Integer> DIMENSION = Param.integer("dimension", 5, 1, MAX_FEATURES,
      "d, number of features = number of variables; with data it must equal the file's columns - 1");
  /** λ ≥ 0, weight of the squared L2 penalty on the scale of the mean squared error; default 0.1. */
  public static final Param<Double> LAMBDA = Param.nonNegative("lambda", 0.1,
      "lambda, weight of the squared L2 penalty |w|^2 (same scale as the mean squared error)");
  /** Standard deviation of the N(0, 1) noise added to generated y; default 0.1. */
  public static final Param<Double> NOISE = Param.nonNegative("noise", 0.1,
      "standard deviation of the N(0,1) noise added to generated y");
  /** Seed of the generated data; default 1. */
  public static final Param<Integer> DATA_SEED = Param.integer("data_seed", 1, 0, Integer.MAX_VALUE,
      "seed of the generated data (java.util.SplittableRandom, Box-Muller)");

  /** Registers {@code ridge}. */
  public static final ObjectiveProvider PROVIDER = new SimpleProvider("ridge",
      "|A w - y|^2/m + lambda |w|^2 on a CSV (last column y) or generated data; "
          + "exact optimum from the normal equations (EJML Cholesky)",
      List.of(DATA, ROWS, DIMENSION, LAMBDA, NOISE, DATA_SEED), Ridge::create);

  private static Objective create(Settings s) {
    String path = s.get(DATA);
    int d = s.get(DIMENSION);
    double[][] data;
    String key;
    if (path != null) {
      data = DataCache.read(path);
      key = DataCache.fileKey(path);
      int columns = data[0].length;
      if (columns < 2) {
        throw new InvalidParameterException(s.owner(), "data", path,
            "a CSV with at least 2 columns (features, then y), found " + columns);
      }
      if (columns - 1 > MAX_FEATURES) {
        throw new InvalidParameterException(s.owner(), "data", path, "at most " + MAX_FEATURES
            + " feature columns plus y, found " + columns + " columns");
      }
      if (columns - 1 != d) {
        throw new InvalidParameterException(s.owner(), "dimension", d, (columns - 1)
            + ", the number of feature columns in " + path + " (" + columns + " columns, the last is y)");
      }
    } else {
      int m = s.get(ROWS);
      if ((long) m * (d + 1) > MAX_CELLS) {
        throw new InvalidParameterException(s.owner(), "rows", m, "rows x (dimension + 1) <= " + MAX_CELLS
            + " (dimension is " + d + ")");
      }
      double noise = s.get(NOISE);
      int seed = s.get(DATA_SEED);
      key = "ridge-data:" + m + "," + d + "," + noise + "," + seed;
      data = DataCache.memo(key, () -> generate(m, d, noise, seed));
    }
    double lambda = s.get(LAMBDA);
    double[][] shared = data;
    return DataCache.<Ridge>memo("ridge:" + key + ":" + lambda, () -> new Ridge(shared, lambda)).copy();
  }
}
