package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * L1 / elastic-net penalised logistic regression for labels y ∈ {0, 1}:
 * <pre>
 *   F(w, b) = 1/n·Σ_i [log(1 + exp z_i) − y_i z_i] + λ·(α‖w‖₁ + (1−α)/2·‖w‖²),   z_i = x_iᵀw + b
 * </pre>
 * the mean negative log-likelihood (log-loss) of P(y = 1) = σ(z). log(1 + e^z) is evaluated as
 * max(z, 0) + log1p(exp(−|z|)), which neither overflows nor loses the small tail; the derivative σ(z) − y
 * with σ computed from exp(−|z|) likewise. The smooth gradient is Xᵀ(σ(z) − y)/n + λ(1−α)w.
 *
 * <p>Every label must be exactly 0 or 1: others (−1/+1 LIBSVM labels, 2, 0.5) are refused when the objective
 * is built, naming the source, the row and the column. With separable data and λ = 0 (or α = 1 and λ small
 * enough to leave a separating direction unpenalised) no finite minimiser exists. Spark MLlib's binomial
 * {@code LogisticRegression} minimises the same F with regParam = λ and elasticNetParam = α.
 */
public final class Logistic extends Glm {

  /**
   * @param data      prepared data, labels 0/1 last
   * @param lambda    λ ≥ 0
   * @param alpha     α in [0, 1]
   * @param intercept whether b (the last variable) is fitted
   * @throws org.optsweep.InputException when a label is not 0 or 1
   */
  public Logistic(Data data, double lambda, double alpha, boolean intercept) {
    super(data, lambda, alpha, intercept);
    for (int i = 0; i < n; i++) {
      double y = m[i][p];
      if (y != 0.0 && y != 1.0) {
        throw new org.optsweep.InputException("data " + data.source() + ", row " + (i + 1) + " (data rows counted "
            + "from 1), column " + (p + 1) + " (the label, last): found " + y + ", expected 0 or 1"
            + (y == -1.0 ? " (LIBSVM's -1/+1 labels must be written as 0/1)" : ""));
      }
    }
  }

  @Override
  public String name() {
    return "logistic";
  }

  /** log(1 + e^z) − y z. */
  @Override
  protected double loss(double z, double y) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }

  /** σ(z) − y. */
  @Override
  public double lossDerivative(double z, double y) {
    return sigmoid(z) - y;
  }

  /** σ(z)(1 − σ(z)). */
  @Override
  public double lossSecondDerivative(double z, double y) {
    double e = Math.exp(-Math.abs(z));
    return e / ((1 + e) * (1 + e));
  }

  /** σ(z) = 1/(1 + e^−z), from exp(−|z|) so that it neither overflows nor rounds a tiny tail to 0 early. */
  public static double sigmoid(double z) {
    double e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  /** Standard deviation of the noise on the generated linear predictor; default 1. */
  public static final Param<Double> NOISE = Param.nonNegative("noise", 1.0,
      "generated labels: y = 1 where A w_true + noise N(0,1) > 0; 0 makes the data separable");

  /** Registers {@code logistic}. */
  public static final ObjectiveProvider PROVIDER = new SimpleProvider("logistic",
      "mean log(1 + exp z) - y z, z = X w + b, labels 0/1, + lambda (alpha |w|_1 + (1 - alpha)/2 |w|^2); "
          + "optimum from the reference stage (Spark MLlib, certified by KKT)",
      List.of(DATA, FORMAT, ROWS, DIMENSION, LAMBDA, ALPHA, INTERCEPT, STANDARDIZE, NOISE, DATA_SEED),
      Logistic::create);

  /**
   * Generated labels: ridge's stream (A ~ N(0,1) row by row, w_true ~ N(0,1), then noise·N(0,1) per row),
   * and y = 1 where A w_true + noise·N(0,1) &gt; 0, else 0.
   */
  static double[][] generate(int rows, int features, double noise, long seed) {
    double[][] out = Ridge.generate(rows, features, noise, seed);
    for (double[] row : out) {
      row[features] = row[features] > 0 ? 1.0 : 0.0;
    }
    return out;
  }

  private static Objective create(Settings s) {
    Data data = data(s, "logistic", NOISE, Logistic::generate);
    return new Logistic(data, s.get(LAMBDA), s.get(ALPHA), s.get(INTERCEPT));
  }
}
