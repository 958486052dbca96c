package org.optsweep.objective;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * Ridge regression, f(w) = ‖A w − y‖²/m + λ‖w‖², for A (m × d) and y (length m); ∇f(w) =
 * 2Aᵀ(Aw − y)/m + 2λw.
 *
 * <p>The exact optimum w* solves (AᵀA/m + λI) w* = Aᵀy/m (Hoerl &amp; Kennard 1970). It is computed once
 * in the constructor as the least-squares solution of [A; √(λm)·I] w ≈ [y; 0] by Householder QR and an SVD of
 * the d × d factor (EJML) — never from the normal equations, whose condition number is the square of A's
 * (on a near-collinear design with cond(A) = 1.7e6 they were off by 1e-5 relative). {@link #minimum()} is
 * f(w*). When the problem is rank-deficient (λ = 0 and A has dependent columns, or m &lt; d) least squares
 * has a whole affine set of minimisers: the minimum value is then taken at the minimum-norm solution
 * and {@link #minimiser()} is {@code null} (with the reason in {@link #reference()}), since a distance to
 * one arbitrary minimiser would be meaningless.
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
    boolean unique = solveLeastSquares(w);
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
   * Minimises ‖[A; √(λm)·I] w − [y; 0]‖² — the same problem as ‖Aw − y‖²/m + λ‖w‖², written as least
   * squares so that the normal equations, whose condition number is the square of A's, are never formed.
   * Householder QR of the augmented matrix with y as an extra column gives R (d × d) and c = Qᵀy in one
   * pass (the last column of R' = [[R, c], [0, ρ]]); the SVD of the small R = UΣVᵀ then gives the rank and
   * w = VΣ⁺Uᵀc, the minimum-norm solution when R is singular. Singular values below
   * max(m + d, d)·ε·σ_max count as zero (numpy's {@code matrix_rank} threshold).
   *
   * @return whether the solution is unique (full rank); if not, w is the minimum-norm least-squares solution
   */
  private boolean solveLeastSquares(double[] w) {
    int rows = m + d;
    DMatrixRMaj aug = new DMatrixRMaj(rows, d + 1);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= d; j++) {
        aug.unsafe_set(i, j, data[i][j]);
      }
    }
    double s = Math.sqrt(lambda * m);
    for (int j = 0; j < d; j++) {
      aug.unsafe_set(m + j, j, s);
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, d + 1);
    // EJML reports "failure" when a column is already zero on and below the diagonal (rank deficiency):
    // the reflection is then the identity and R is still exact, with a zero on its diagonal.
    qr.decompose(aug);
    DMatrixRMaj rAll = qr.getR(null, true);
    if (org.ejml.dense.row.MatrixFeatures_DDRM.hasUncountable(rAll)) {
      throw new IllegalStateException("ridge: QR decomposition of the data matrix is not finite");
    }
    DMatrixRMaj r = CommonOps_DDRM.extract(rAll, 0, d, 0, d);
    DMatrixRMaj c = CommonOps_DDRM.extract(rAll, 0, d, d, d + 1);
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, d, true, true, false);
    if (!svd.decompose(r)) {
      throw new IllegalStateException("ridge: SVD of the triangular factor failed");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    double[] sigma = svd.getSingularValues();
    double max = 0;
    for (double sv : sigma) {
      max = Math.max(max, sv);
    }
    double cutoff = Math.max(rows, d) * Math.ulp(1.0) * max;
    boolean unique = max > 0;
    java.util.Arrays.fill(w, 0.0);
    for (int k = 0; k < sigma.length; k++) {
      if (!(sigma[k] > cutoff)) {
        unique = false;
        continue;
      }
      double coef = 0;
      for (int i = 0; i < d; i++) {
        coef += u.unsafe_get(i, k) * c.unsafe_get(i, 0);
      }
      coef /= sigma[k];
      for (int j = 0; j < d; j++) {
        w[j] += coef * v.unsafe_get(j, k);
      }
    }
    return unique;
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

  /** EXACT, by QR/SVD; without a minimiser when A (with the penalty rows) is rank-deficient. */
  @Override
  public org.optsweep.reference.Reference reference() {
    return org.optsweep.reference.Reference.exact(name(), minimiser, minimum,
        "least squares by Householder QR and SVD (EJML)", minimiser != null ? null
            : "minimiser not unique: lambda = 0 and the columns of A are linearly dependent (rank < " + d
                + "); the minimum is taken at the minimum-norm solution");
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
          + "exact optimum by QR and SVD (EJML)",
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
