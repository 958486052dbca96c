package org.optsweep.reference.compute;

import org.optsweep.reference.Figures;
import org.optsweep.reference.RegularizedCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsweep.objective.ElasticNet;
import org.optsweep.objective.Glm;
import org.optsweep.reference.RegularizedCases.Case;

/** The KKT residual on cases worked by hand, and on the independent optima of regularized.json. */
class KktTest {

  /**
   * x = (1, 2), y = (1, 3), λ = 2, α = 0.25: L1 weight μ = 0.5, L2 weight λ(1−α) = 1.5, with intercept.
   * Smooth gradient: g_w = Σ(z_i − y_i)x_i/2 + 1.5w, g_b = Σ(z_i − y_i)/2, z = xw + b.
   */
  private static final ElasticNet F = new ElasticNet(Glm.Data.of(new double[][] {{1, 1}, {2, 3}}, false, "hand"), 2,
      0.25, true);

  /** (w, b) = (0, 2): z − y = (1, −1), g_w = (1 − 2)/2 = −0.5, |g_w| − μ = 0, g_b = 0: residual 0, the optimum. */
  @Test
  void zeroAtTheOptimumOnTheBoundary() {
    assertEquals(0.0, Kkt.residual(F, new double[] {0, 2}), 0.0);
    // Convexity check by hand around it: F(0, 2) = (1 + 1)/4 = 0.5; F(±0.01, 2) and F(0, 2 ± 0.01) are larger.
    assertEquals(0.5, F.value(new double[] {0, 2}), 1e-15);
    for (double[] d : new double[][] {{0.01, 0}, {-0.01, 0}, {0, 0.01}, {0, -0.01}}) {
      assertTrue(F.value(new double[] {d[0], 2 + d[1]}) > 0.5);
    }
  }

  /** (0, 1): z − y = (0, −2), g_w = −4/2 = −2 → max(0, 2 − 0.5) = 1.5; g_b = −1 → 1. Residual 1.5. */
  @Test
  void zeroCoefficientCountsOnlyTheExcessOverTheL1Weight() {
    assertEquals(1.5, Kkt.residual(F, new double[] {0, 1}), 1e-15);
  }

  /**
   * (1, 0.5): z − y = (0.5, −0.5), g_w = (0.5 − 1)/2 + 1.5 = 1.25, w &gt; 0 → |1.25 + 0.5| = 1.75; g_b = 0.
   * (−1, 2): z − y = (0, −3), g_w = −6/2 − 1.5 = −4.5, w &lt; 0 → |−4.5 − 0.5| = 5; g_b = −1.5. Residual 5.
   */
  @Test
  void nonzeroCoefficientAddsTheSignedL1Weight() {
    assertEquals(1.75, Kkt.residual(F, new double[] {1, 0.5}), 1e-15);
    assertEquals(5.0, Kkt.residual(F, new double[] {-1, 2}), 1e-15);
  }

  /** The intercept is not penalised: (0, 3) has g_w = (2·1 + 0·2)/2 = 1 → 0.5 and g_b = (2 + 0)/2 = 1 → 1. */
  @Test
  void theInterceptCountsItsWholeGradient() {
    assertEquals(1.0, Kkt.residual(F, new double[] {0, 3}), 1e-15);
  }

  @Test
  void aNanGradientIsNoCertificate() {
    assertTrue(Double.isNaN(Kkt.residual(F, new double[] {Double.NaN, 0})));
  }

  /**
   * At the stored optima the residual is at the double-precision floor: relative to the gradient's scale αλ_max
   * (the README's {@code kkt_relative}), below 1e-14 in every case — numpy's own double evaluation
   * ({@code kkt_residual_float64}) reaches up to 1.3e-12 absolute on raw diabetes, Java's sums (another order)
   * up to 2.3e-12. And F there is the stored f* to 1e-13.
   */
  @Test
  void theIndependentOptimaHaveResidualsAtTheFloor() {
    Figures.start("kkt-floor", "case, KKT (Java, double), KKT (numpy, double), Java KKT / (alpha lambda_max)");
    for (Case c : RegularizedCases.all()) {
      Glm f = c.build();
      double r = Kkt.residual(f, c.x());
      double relative = r / (c.alpha() * c.lambdaMax());
      Figures.add("kkt-floor", c.name() + " " + r + " " + c.kktFloat64() + " " + relative);
      assertTrue(relative <= 1e-14, c.name() + ": " + r + " vs numpy's " + c.kktFloat64());
      assertEquals(c.f(), f.value(c.x()), 1e-13 * c.f(), c.name() + ": F at the stored optimum");
    }
  }
}
