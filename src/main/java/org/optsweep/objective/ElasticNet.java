package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * Elastic-net least squares (Zou &amp; Hastie 2005) in glmnet's scaling:
 * <pre>
 *   F(w, b) = 1/(2n)·‖y − Xw − b‖² + λ·(α‖w‖₁ + (1−α)/2·‖w‖²)
 * </pre>
 * α = 1 is the lasso (Tibshirani 1996), α = 0 ridge with an unpenalised intercept. Loss per observation
 * ℓ(z, y) = ½(z − y)², so the smooth gradient is −Xᵀr/n + λ(1−α)w and −Σr_i/n for b, r = y − Xw − b.
 * λ_max = max_j |x̃_jᵀỹ|/n (centred columns with an intercept) is the smallest λ at which w = 0 for α = 1.
 *
 * <p>Spark MLlib's {@code LinearRegression} minimises the same F with regParam = λ(α + (1−α)σ_y) and
 * elasticNetParam = λα/regParam, σ_y the sample std of y ({@link org.optsweep.reference.compute.MllibReferences}).
 * Everything else — data formats, standardisation, the reference, the subgradient — is {@link Glm}'s.
 */
public final class ElasticNet extends Glm {

  /**
   * @param data      prepared data, response last
   * @param lambda    λ ≥ 0
   * @param alpha     α in [0, 1]
   * @param intercept whether b (the last variable) is fitted
   */
  public ElasticNet(Data data, double lambda, double alpha, boolean intercept) {
    super(data, lambda, alpha, intercept);
  }

  @Override
  public String name() {
    return "elastic_net";
  }

  @Override
  protected double loss(double z, double y) {
    double r = z - y;
    return 0.5 * r * r;
  }

  @Override
  public double lossDerivative(double z, double y) {
    return z - y;
  }

  @Override
  public double lossSecondDerivative(double z, double y) {
    return 1.0;
  }

  /** Standard deviation of the N(0, 1) noise on generated y; default 0.1. */
  public static final Param<Double> NOISE = Param.nonNegative("noise", 0.1,
      "standard deviation of the N(0,1) noise added to generated y");

  /** Registers {@code elastic_net}. */
  public static final ObjectiveProvider PROVIDER = new SimpleProvider("elastic_net",
      "1/(2n) |y - X w - b|^2 + lambda (alpha |w|_1 + (1 - alpha)/2 |w|^2) (alpha = 1: lasso); "
          + "optimum from the reference stage (Spark MLlib, certified by KKT)",
      List.of(DATA, FORMAT, ROWS, DIMENSION, LAMBDA, ALPHA, INTERCEPT, STANDARDIZE, NOISE, DATA_SEED),
      ElasticNet::create);

  private static Objective create(Settings s) {
    // Generated data: ridge's (A ~ N(0,1), w_true ~ N(0,1), y = A w_true + noise N(0,1)).
    Data data = data(s, "elastic_net", NOISE, (rows, d, noise, seed) -> Ridge.generate(rows, d, noise, seed));
    return new ElasticNet(data, s.get(LAMBDA), s.get(ALPHA), s.get(INTERCEPT));
  }
}
