package org.optsweep.objective;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * The sparse autoencoder cost of Andrew Ng's UFLDL tutorial ("Sparse Autoencoder" lecture notes,
 * CS294A), as written in the seed question about L-BFGS-B stopping at iteration 0.
 *
 * <p>One hidden layer with sigmoid activations: a2 = σ(W1·x + b1), a3 = σ(W2·a2 + b2), and
 * <pre>
 *   J(θ) = ½ Σ_k ‖x_k − a3_k‖² / m  +  ½ λ (‖W1‖_F² + ‖W2‖_F²)  +  β Σ_j KL(ρ ‖ ρ̂_j),
 *   ρ̂_j = Σ_k a2_kj / m,   KL(ρ ‖ ρ̂) = ρ ln(ρ/ρ̂) + (1−ρ) ln((1−ρ)/(1−ρ̂)),
 * </pre>
 * over m examples of v visible units and h hidden units. θ is laid out exactly as in the seed:
 * [W1 (h × v), W2 (v × h), b1 (h), b2 (v)], matrices flattened row-major, so the dimension is
 * 2hv + h + v. The gradient is the seed's back-propagation (δ3 = −(x − a3)·a3(1 − a3),
 * δ2 = (W2ᵀδ3 + β(−ρ/ρ̂ + (1−ρ)/(1−ρ̂)))·a2(1 − a2), the sparsity term being the UFLDL addition that
 * is absent when β = 0, the seed's setting).
 *
 * <p>The loss is non-convex with symmetric minimisers (any permutation of hidden units): no optimum is
 * known. {@link #minimum()} is the best value of a documented multi-start when the reference stage has
 * registered one under {@link #referenceKey()} (kind BEST_KNOWN), else NaN; {@link #minimiser()} is then
 * {@code null} whenever h ≥ 2, with the permutation symmetry as the reason. With β &gt; 0 and a hidden unit
 * whose mean activation saturates at exactly 0 or 1 the KL term, and so f, is infinite; solvers
 * record that as divergence.
 *
 * <p>All activations and deltas live in buffers allocated once in the constructor: {@link #value}
 * and {@link #gradient} allocate nothing, and instances are not thread-safe.
 */
public final class Autoencoder implements Objective {
  private final double[][] data;
  private final int m;
  private final int v;
  private final int h;
  private final double lambda;
  private final double beta;
  private final double rho;
  private final int offW2;
  private final int offB1;
  private final int offB2;
  private final double[] a2;
  private final double[] a3;
  private final double[] rhoHat;
  private final double[] sparsityDelta;
  private final double[] delta2;
  private final double[] delta3;
  private final org.optsweep.reference.Reference reference;

  /**
   * @param data   m × v, one example per row (the transpose of the seed's v × m {@code data}); shared and
   *               not modified; values are meant to lie in [0, 1], the range of the sigmoid output
   * @param hidden h, hidden units
   * @param lambda λ ≥ 0, weight decay
   * @param beta   β ≥ 0, weight of the sparsity penalty; 0 turns it off
   * @param rho    ρ in (0, 1), target mean activation of each hidden unit
   */
  public Autoencoder(double[][] data, int hidden, double lambda, double beta, double rho) {
    if (data.length == 0 || data[0].length == 0) {
      throw new IllegalArgumentException("autoencoder data must have at least one example and one column");
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("autoencoder hidden must be >= 1, got " + hidden);
    }
    if (!(lambda >= 0) || !(beta >= 0) || Double.isInfinite(lambda) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("autoencoder lambda and beta must be finite and >= 0, got "
          + lambda + ", " + beta);
    }
    if (!(rho > 0 && rho < 1)) {
      throw new IllegalArgumentException("autoencoder rho must be in (0, 1), got " + rho);
    }
    this.data = data;
    this.m = data.length;
    this.v = data[0].length;
    for (int k = 0; k < m; k++) {
      if (data[k].length != v) {
        throw new IllegalArgumentException("autoencoder data row " + k + " has " + data[k].length
            + " columns, expected " + v);
      }
    }
    this.h = hidden;
    this.lambda = lambda;
    this.beta = beta;
    this.rho = rho;
    this.offW2 = h * v;
    this.offB1 = 2 * h * v;
    this.offB2 = offB1 + h;
    this.a2 = new double[m * h];
    this.a3 = new double[m * v];
    this.rhoHat = new double[h];
    this.sparsityDelta = new double[h];
    this.delta2 = new double[h];
    this.delta3 = new double[v];
    this.reference = org.optsweep.reference.References.size() == 0 ? null
        : org.optsweep.reference.References.lookup(referenceKey());
  }

  @Override
  public String name() {
    return "autoencoder";
  }

  /** 2hv + h + v. */
  @Override
  public int dimension() {
    return offB2 + v;
  }

  /** v, visible units. */
  public int visible() {
    return v;
  }

  /** h, hidden units. */
  public int hidden() {
    return h;
  }

  /** m, training examples. */
  public int examples() {
    return m;
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /**
   * Feed-forward pass over all examples into {@code a2}, {@code a3} (and {@code rhoHat} when β &gt; 0).
   *
   * @return J(θ)
   */
  private double forward(double[] theta) {
    double sse = 0;
    for (int k = 0; k < m; k++) {
      double[] x = data[k];
      int ka2 = k * h;
      for (int j = 0; j < h; j++) {
        double z = theta[offB1 + j];
        int w1 = j * v;
        for (int i = 0; i < v; i++) {
          z += theta[w1 + i] * x[i];
        }
        a2[ka2 + j] = sigmoid(z);
      }
      int ka3 = k * v;
      for (int i = 0; i < v; i++) {
        double z = theta[offB2 + i];
        int w2 = offW2 + i * h;
        for (int j = 0; j < h; j++) {
          z += theta[w2 + j] * a2[ka2 + j];
        }
        double out = sigmoid(z);
        a3[ka3 + i] = out;
        double e = x[i] - out;
        sse += e * e;
      }
    }
    double weights = 0;
    for (int q = 0; q < offB1; q++) {
      weights += theta[q] * theta[q];
    }
    double cost = 0.5 * sse / m + 0.5 * lambda * weights;
    if (beta > 0) {
      Arrays.fill(rhoHat, 0.0);
      for (int k = 0; k < m; k++) {
        for (int j = 0; j < h; j++) {
          rhoHat[j] += a2[k * h + j];
        }
      }
      double kl = 0;
      for (int j = 0; j < h; j++) {
        double r = rhoHat[j] / m;
        rhoHat[j] = r;
        kl += rho * Math.log(rho / r) + (1 - rho) * Math.log((1 - rho) / (1 - r));
      }
      cost += beta * kl;
    }
    return cost;
  }

  @Override
  public double value(double[] theta) {
    return forward(theta);
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] theta, double[] grad) {
    valueAndGradient(theta, grad);
  }

  @Override
  public double valueAndGradient(double[] theta, double[] grad) {
    double cost = forward(theta);
    Arrays.fill(grad, 0, dimension(), 0.0);
    for (int j = 0; j < h; j++) {
      sparsityDelta[j] = beta > 0 ? beta * (-rho / rhoHat[j] + (1 - rho) / (1 - rhoHat[j])) : 0.0;
    }
    for (int k = 0; k < m; k++) {
      double[] x = data[k];
      int ka2 = k * h;
      int ka3 = k * v;
      for (int i = 0; i < v; i++) {
        double out = a3[ka3 + i];
        double d3 = -(x[i] - out) * out * (1 - out);
        delta3[i] = d3;
        grad[offB2 + i] += d3;
        int w2 = offW2 + i * h;
        for (int j = 0; j < h; j++) {
          grad[w2 + j] += d3 * a2[ka2 + j];
        }
      }
      for (int j = 0; j < h; j++) {
        double back = sparsityDelta[j];
        for (int i = 0; i < v; i++) {
          back += theta[offW2 + i * h + j] * delta3[i];
        }
        double act = a2[ka2 + j];
        delta2[j] = back * act * (1 - act);
      }
      for (int j = 0; j < h; j++) {
        double d2 = delta2[j];
        grad[offB1 + j] += d2;
        int w1 = j * v;
        for (int i = 0; i < v; i++) {
          grad[w1 + i] += d2 * x[i];
        }
      }
    }
    double invM = 1.0 / m;
    for (int q = 0; q < offB1; q++) {
      grad[q] = grad[q] * invM + lambda * theta[q];
    }
    for (int q = offB1; q < offB2 + v; q++) {
      grad[q] *= invM;
    }
    return cost;
  }

  /**
   * (autoencoder{visible, hidden, beta, rho}, data fingerprint, λ): the best-known reference of a documented
   * multi-start ({@link org.optsweep.reference.compute.MultiStart}) is computed once per key.
   */
  @Override
  public org.optsweep.reference.ReferenceKey referenceKey() {
    return new org.optsweep.reference.ReferenceKey(String.format(Locale.ROOT,
        "autoencoder{visible=%d,hidden=%d,beta=%s,rho=%s}", v, h, beta, rho), DataSets.fingerprint(data), lambda,
        Double.NaN, false);
  }

  /** The best-known reference registered when this instance was built, or {@code null}. */
  @Override
  public org.optsweep.reference.Reference reference() {
    return reference;
  }

  /**
   * The registered best-known minimiser, or {@code null}: with h ≥ 2 hidden units never unique (the loss is
   * invariant under the h! permutations of hidden units), so distances are not measured.
   */
  @Override
  public double[] minimiser() {
    return reference == null ? null : reference.x();
  }

  /** The registered best-known value, or NaN. */
  @Override
  public double minimum() {
    return reference == null ? Double.NaN : reference.f();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "autoencoder{visible=%d, hidden=%d, examples=%d, lambda=%s, beta=%s,"
        + " rho=%s}", v, h, m, lambda, beta, rho);
  }

  /**
   * Synthetic training data: m × v values uniform in [0.1, 0.9] (the range UFLDL rescales image
   * patches to, so that the sigmoid outputs can reach them), row by row from
   * {@code SplittableRandom(seed)}.
   *
   * @param m    examples (rows)
   * @param v    visible units (columns)
   * @param seed seed of the stream
   * @return m × v
   */
  public static double[][] generate(int m, int v, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] out = new double[m][v];
    for (double[] row : out) {
      for (int i = 0; i < v; i++) {
        row[i] = 0.1 + 0.8 * rng.nextDouble();
      }
    }
    return out;
  }

  /** CSV, one example per row, v columns, values in [0, 1]; default none (generate). */
  public static final Param<String> DATA = Param.text("data", null,
      "CSV, one training example per row, visible columns, values in [0, 1]; none: generate uniform [0.1, 0.9]");
  /** v, visible (input = output) units; default 8; with data, the file's column count. */
  public static final Param<Integer> VISIBLE = Param.integer("visible", 8, 1, TestFunctions.MAX_DIMENSION,
      "v, visible (input = output) units; with data it must equal the file's column count");
  /** h, hidden units; default 3. */
  public static final Param<Integer> HIDDEN = Param.integer("hidden", 3, 1, TestFunctions.MAX_DIMENSION,
      "h, hidden units");
  /** m, training examples in generated data; default 20; ignored with data. */
  public static final Param<Integer> EXAMPLES = Param.integer("examples", 20, 1, Integer.MAX_VALUE,
      "m, training examples in generated data (ignored when data is given)");
  /** λ, weight decay on W1 and W2 (cost term λ/2‖W‖²); default 1e-4 (UFLDL). */
  public static final Param<Double> LAMBDA = Param.nonNegative("lambda", 1e-4,
      "lambda, weight decay on W1 and W2 (cost term lambda/2 |W|^2)");
  /** β, weight of the KL sparsity penalty; default 0 (off, as in the seed question). */
  public static final Param<Double> BETA = Param.nonNegative("beta", 0,
      "beta, weight of the KL sparsity penalty; 0 = off (as in the seed)");
  /** ρ in (0, 1), target mean activation of each hidden unit; default 0.05 (UFLDL). */
  public static final Param<Double> RHO = Param.openInterval("rho", 0.05, 0, 1,
      "rho, target mean activation of each hidden unit");
  /** Seed of the generated data; default 1. */
  public static final Param<Integer> DATA_SEED = Param.integer("data_seed", 1, 0, Integer.MAX_VALUE,
      "seed of the generated data (java.util.SplittableRandom)");

  /** Registers {@code autoencoder}. */
  public static final ObjectiveProvider PROVIDER = new SimpleProvider("autoencoder",
      "UFLDL sparse autoencoder: 1/2 sum |x - a3|^2/m + lambda/2 |W|^2 + beta sum KL(rho|rho_hat),"
          + " theta = [W1, W2, b1, b2] (seed layout); minimum unknown",
      List.of(DATA, VISIBLE, HIDDEN, EXAMPLES, LAMBDA, BETA, RHO, DATA_SEED), Autoencoder::create);

  private static Objective create(Settings s) {
    String path = s.get(DATA);
    int v = s.get(VISIBLE);
    int h = s.get(HIDDEN);
    long dimension = 2L * h * v + h + v;
    if (dimension > TestFunctions.MAX_DIMENSION) {
      throw new InvalidParameterException(s.owner(), "hidden", h, "2 hidden visible + hidden + visible <= "
          + TestFunctions.MAX_DIMENSION + " (visible is " + v + ", dimension would be " + dimension + ")");
    }
    double[][] data;
    if (path != null) {
      data = DataCache.read(path);
      if (data[0].length != v) {
        throw new InvalidParameterException(s.owner(), "visible", v, data[0].length
            + ", the number of columns in " + path + " (one example per row)");
      }
    } else {
      int m = s.get(EXAMPLES);
      if ((long) m * Math.max(v, h) > Ridge.MAX_CELLS) {
        throw new InvalidParameterException(s.owner(), "examples", m, "examples x max(visible, hidden) <= "
            + Ridge.MAX_CELLS);
      }
      int seed = s.get(DATA_SEED);
      data = DataCache.memo("autoencoder-data:" + m + "," + v + "," + seed, () -> generate(m, v, seed));
    }
    if ((long) data.length * h > Ridge.MAX_CELLS) {
      throw new InvalidParameterException(s.owner(), "hidden", h, "examples x hidden <= "
          + Ridge.MAX_CELLS + " (the activation buffer; " + data.length + " examples)");
    }
    return new Autoencoder(data, h, s.get(LAMBDA), s.get(BETA), s.get(RHO));
  }
}
