package org.optsweep.objective;

import java.util.List;
import java.util.Locale;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.reference.Reference;
import org.optsweep.reference.ReferenceKey;
import org.optsweep.reference.References;

/**
 * A penalised generalised linear model in the standard (glmnet, scikit-learn) form:
 * <pre>
 *   F(w, b) = (1/n)·Σ_i ℓ(x_iᵀw + b, y_i) + λ·(α‖w‖₁ + (1−α)/2·‖w‖²)
 * </pre>
 * for n observations x_i ∈ ℝᵖ with responses y_i; the variable vector is (w₁..w_p, b), the intercept b
 * last and never penalised (absent when {@code intercept} is false). Subclasses give the loss ℓ: squared
 * error ({@link ElasticNet}) or log-loss ({@link Logistic}). Smooth part s = mean loss + λ(1−α)/2‖w‖², L1
 * weight λα ({@link Composite}).
 *
 * <p>Data: a shared, read-only n × (p+1) matrix, response last. With {@code standardize} the feature
 * columns are z-scored once per data set with the <b>population</b> standard deviation (ddof = 0, numpy's
 * {@code X.std(axis=0)}, as the reference optima in {@code src/test/resources/reference/regularized} do);
 * a constant column becomes all zeros; y is never transformed, and w refers to the standardised features.
 *
 * <p>Optimum: from the reference stage ({@link org.optsweep.reference.compute.MllibReferences}), looked up in
 * {@link References} under {@link #referenceKey()} when the instance is built; none registered → minimiser
 * {@code null} and minimum NaN. {@link #value} and the gradients allocate nothing (a per-instance buffer),
 * so instances are not thread-safe.
 */
public abstract class Glm implements Composite {

  /**
   * The data an instance fits, prepared once per data set and shared.
   *
   * @param matrix      n × (p+1) as the objective uses it (standardised if asked), response last
   * @param fingerprint {@link DataSets#fingerprint} of {@code matrix}: the data part of the reference key
   * @param source      where it came from, for messages (a path, or a description of generated data)
   */
  public record Data(double[][] matrix, String fingerprint, String source) {

    /**
     * Prepares raw data: checks its shape, standardises the feature columns if asked, fingerprints it.
     *
     * @param raw n × (p+1), response last; not modified (standardising copies)
     */
    public static Data of(double[][] raw, boolean standardize, String source) {
      if (raw.length == 0 || raw[0].length < 2) {
        throw new IllegalArgumentException("data " + source + " needs at least one row and two columns (features, "
            + "then the response)");
      }
      double[][] m = standardize ? standardized(raw) : raw;
      return new Data(m, DataSets.fingerprint(m), source + (standardize ? " (standardized)" : ""));
    }

    private static double[][] standardized(double[][] raw) {
      int n = raw.length;
      int p = raw[0].length - 1;
      double[][] out = new double[n][];
      for (int i = 0; i < n; i++) {
        out[i] = raw[i].clone();
      }
      for (int j = 0; j < p; j++) {
        double mean = 0;
        for (double[] row : raw) {
          mean += row[j];
        }
        mean /= n;
        double ss = 0;
        for (double[] row : raw) {
          ss += (row[j] - mean) * (row[j] - mean);
        }
        double sd = Math.sqrt(ss / n);
        for (double[] row : out) {
          row[j] = sd > 0 ? (row[j] - mean) / sd : 0.0;
        }
      }
      return out;
    }
  }

  protected final Data data;
  /** The shared matrix, response in column p. */
  protected final double[][] m;
  protected final int n;
  protected final int p;
  protected final double lambda;
  protected final double alpha;
  protected final boolean intercept;
  private final Reference reference;

  /**
   * @param data      the prepared data
   * @param lambda    λ ≥ 0, finite
   * @param alpha     α in [0, 1]
   * @param intercept whether b is a variable
   */
  protected Glm(Data data, double lambda, double alpha, boolean intercept) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException(name() + " lambda must be a finite number >= 0, got " + lambda);
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException(name() + " alpha must be in [0, 1], got " + alpha);
    }
    this.data = data;
    this.m = data.matrix();
    this.n = m.length;
    this.p = m[0].length - 1;
    this.lambda = lambda;
    this.alpha = alpha;
    this.intercept = intercept;
    this.reference = References.lookup(referenceKey());
    if (reference != null && reference.x() != null && reference.x().length != dimension()) {
      throw new IllegalStateException("reference " + reference.key() + " has " + reference.x().length
          + " coordinates, objective " + this + " has " + dimension());
    }
  }

  /** ℓ(z, y), the loss of one observation with linear predictor z. */
  protected abstract double loss(double z, double y);

  /** ℓ'(z, y) = ∂ℓ/∂z. */
  public abstract double lossDerivative(double z, double y);

  /** ℓ''(z, y) = ∂²ℓ/∂z² (Newton steps of the reference polish). */
  public abstract double lossSecondDerivative(double z, double y);

  @Override
  public int dimension() {
    return intercept ? p + 1 : p;
  }

  /** n, the number of observations. */
  public int rows() {
    return n;
  }

  /** p, the number of features (coefficients w). */
  public int features() {
    return p;
  }

  public double lambda() {
    return lambda;
  }

  public double alpha() {
    return alpha;
  }

  /** Whether the last coordinate is an intercept. */
  public boolean intercept() {
    return intercept;
  }

  /** The data as used (standardised if asked): n × (p+1), response last; shared, read-only. */
  public double[][] matrix() {
    return m;
  }

  /** The prepared data with its fingerprint. */
  public Data data() {
    return data;
  }

  /** x_iᵀw + b for observation i. */
  public double margin(double[] x, int i) {
    double[] row = m[i];
    double z = intercept ? x[p] : 0.0;
    for (int j = 0; j < p; j++) {
      z += row[j] * x[j];
    }
    return z;
  }

  @Override
  public double l1Weight() {
    return lambda * alpha;
  }

  @Override
  public boolean isPenalised(int j) {
    return j < p;
  }

  @Override
  public double smoothValue(double[] x) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += loss(margin(x, i), m[i][p]);
    }
    return sum / n + 0.5 * lambda * (1 - alpha) * squaredNorm(x);
  }

  @Override
  public double smoothValueAndGradient(double[] x, double[] grad) {
    java.util.Arrays.fill(grad, 0, dimension(), 0.0);
    double sum = 0;
    double gb = 0;
    for (int i = 0; i < n; i++) {
      double[] row = m[i];
      double z = margin(x, i);
      sum += loss(z, row[p]);
      double d = lossDerivative(z, row[p]);
      for (int j = 0; j < p; j++) {
        grad[j] += d * row[j];
      }
      gb += d;
    }
    double l2 = lambda * (1 - alpha);
    for (int j = 0; j < p; j++) {
      grad[j] = grad[j] / n + l2 * x[j];
    }
    if (intercept) {
      grad[p] = gb / n;
    }
    return sum / n + 0.5 * l2 * squaredNorm(x);
  }

  @Override
  public double value(double[] x) {
    return smoothValue(x) + l1Weight() * l1Norm(x);
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  /** A subgradient: ∇s(x) + λα·sign(w_j), with sign(0) = 0 (see {@link Composite}). */
  @Override
  public void gradient(double[] x, double[] grad) {
    valueAndGradient(x, grad);
  }

  @Override
  public double valueAndGradient(double[] x, double[] grad) {
    double s = smoothValueAndGradient(x, grad);
    double mu = l1Weight();
    for (int j = 0; j < p; j++) {
      grad[j] += mu * Math.signum(x[j]);
    }
    return s + mu * l1Norm(x);
  }

  @Override
  public double l1Norm(double[] x) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      s += Math.abs(x[j]);
    }
    return s;
  }

  private double squaredNorm(double[] x) {
    double s = 0;
    for (int j = 0; j < p; j++) {
      s += x[j] * x[j];
    }
    return s;
  }

  /** (name, data fingerprint, λ, α, intercept): what the reference stage computes once per job. */
  @Override
  public ReferenceKey referenceKey() {
    return new ReferenceKey(name(), data.fingerprint(), lambda, alpha, intercept);
  }

  /** The registered reference this instance was built with, or {@code null}. */
  @Override
  public Reference reference() {
    return reference;
  }

  @Override
  public double[] minimiser() {
    return reference == null ? null : reference.x();
  }

  @Override
  public double minimum() {
    return reference == null ? Double.NaN : reference.f();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s{n=%d, p=%d, lambda=%s, alpha=%s, intercept=%s, data=%s}", name(), n, p,
        lambda, alpha, intercept, data.source());
  }

  // ------------------------------------------------------------------ parameters shared by the providers

  /** Most features accepted (the reference polish forms a p × p Hessian). */
  static final int MAX_FEATURES = 10_000;

  /** Data file (CSV, Parquet file or directory, LIBSVM), response last; default none (generate). */
  public static final Param<String> DATA = Param.text("data", null,
      "data: CSV (response last), Parquet file or directory (numeric columns, response last) or LIBSVM; none: "
          + "generate (rows, dimension, noise, data_seed)");
  /** How to read {@code data}; default auto (from the extension). */
  public static final Param<String> FORMAT = Param.choice("format", "auto", List.of("auto", "csv", "parquet",
      "libsvm"), "format of data: auto = by extension (.csv; .parquet or a directory; .libsvm/.svm/.txt)");
  /** n, observations in generated data; default 100; ignored with data. */
  public static final Param<Integer> ROWS = Param.integer("rows", 100, 1, Integer.MAX_VALUE,
      "n, observations in generated data (ignored when data is given)");
  /** p, the number of features (the variables are p, plus 1 with an intercept); default 5. */
  public static final Param<Integer> DIMENSION = Param.integer("dimension", 5, 1, MAX_FEATURES,
      "p, number of features; the variables are (w, b): p + 1 with an intercept; with data it must equal the "
          + "file's columns - 1 (LIBSVM: its numFeatures)");
  /** λ ≥ 0, the penalty weight; default 0.1. */
  public static final Param<Double> LAMBDA = Param.nonNegative("lambda", 0.1,
      "lambda, weight of the penalty alpha |w|_1 + (1 - alpha)/2 |w|^2 (same scale as the mean loss)");
  /** α in [0, 1], the L1 share of the penalty; default 1 (lasso / L1-logistic). */
  public static final Param<Double> ALPHA = Param.real("alpha", 1.0, 0, 1,
      "alpha, L1 share of the penalty: 1 = lasso (L1 only), 0 = ridge (L2 only)");
  /** Whether to fit an unpenalised intercept b (the last variable); default true. */
  public static final Param<Boolean> INTERCEPT = Param.flag("intercept", true,
      "fit an intercept b, the last variable, never penalised");
  /** Z-score the feature columns (population std, ddof 0) before fitting; default false. */
  public static final Param<Boolean> STANDARDIZE = Param.flag("standardize", false,
      "z-score the feature columns with the population std (ddof = 0); w then refers to standardized features");
  /** Seed of the generated data; default 1. */
  public static final Param<Integer> DATA_SEED = Param.integer("data_seed", 1, 0, Integer.MAX_VALUE,
      "seed of the generated data (java.util.SplittableRandom, Box-Muller)");

  /** Generates raw data (n × (p+1), response last) for (rows, dimension, noise, seed). */
  interface Generator {
    double[][] generate(int rows, int features, double noise, long seed);
  }

  /** Prepared data per raw array (by identity, weakly): a changed CSV or a newly registered matrix is a new array. */
  private static final java.util.Map<double[][], Data[]> PREPARED = new java.util.WeakHashMap<>();

  /** Forgets the prepared data ({@link DataCache#clear()}). */
  static void clearPrepared() {
    synchronized (PREPARED) {
      PREPARED.clear();
    }
  }

  private static Data prepared(double[][] raw, boolean standardize, String source) {
    int k = standardize ? 1 : 0;
    synchronized (PREPARED) {
      Data[] known = PREPARED.get(raw);
      if (known != null && known[k] != null) {
        return known[k];
      }
    }
    Data built = Data.of(raw, standardize, source);
    synchronized (PREPARED) {
      Data[] known = PREPARED.computeIfAbsent(raw, r -> new Data[2]);
      if (known[k] == null) {
        known[k] = built;
      }
      return known[k];
    }
  }

  /**
   * The prepared data a provider's settings name: read (or registered) data, or generated; memoised per
   * JVM with its standardisation and fingerprint.
   */
  static Data data(Settings s, String name, Param<Double> noise, Generator generator) {
    String path = s.get(DATA);
    int d = s.get(DIMENSION);
    boolean standardize = s.get(STANDARDIZE);
    if (path == null) {
      int rows = s.get(ROWS);
      if ((long) rows * (d + 1) > Ridge.MAX_CELLS) {
        throw new InvalidParameterException(s.owner(), "rows", rows, "rows x (dimension + 1) <= " + Ridge.MAX_CELLS
            + " (dimension is " + d + ")");
      }
      double sd = s.get(noise);
      int seed = s.get(DATA_SEED);
      String key = name + "-data:" + rows + "," + d + "," + sd + "," + seed;
      String source = "generated(rows=" + rows + ", dimension=" + d + ", noise=" + sd + ", data_seed=" + seed + ")";
      return prepared(DataCache.memo(key, () -> generator.generate(rows, d, sd, seed)), standardize, source);
    }
    DataSets.Source src = new DataSets.Source(path, DataSets.Format.of(path, s.get(FORMAT)), d);
    double[][] raw = DataSets.load(src);
    int columns = raw[0].length;
    if (columns - 1 != d) {
      throw new InvalidParameterException(s.owner(), "dimension", d, (columns - 1)
          + ", the number of feature columns in " + path + " (" + columns + " columns, the last is the response)");
    }
    return prepared(raw, standardize, path);
  }
}
