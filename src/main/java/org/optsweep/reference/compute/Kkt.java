package org.optsweep.reference.compute;

import org.optsweep.objective.Composite;

/**
 * The KKT (subgradient optimality) residual of a composite objective F = s + μ‖x‖₁ ({@link Composite}):
 * the ∞-norm of the minimum-norm element of ∂F(x),
 * <pre>
 *   r_j = |g_j + μ·sign(x_j)|        penalised, x_j ≠ 0
 *   r_j = max(0, |g_j| − μ)           penalised, x_j = 0   (distance of −g_j to [−μ, μ])
 *   r_j = |g_j|                       not penalised (an intercept)
 *   residual = max_j r_j,             g = ∇s(x)
 * </pre>
 * — the definition of {@code src/test/resources/reference/regularized/README.md} and of
 * {@code /work/notes/mllib-mapping.md} §4, and the ∞-norm of breeze OWL-QN's pseudo-gradient. For a convex F
 * it is 0 exactly at a minimiser, and its size bounds how far x is from one (through the curvature of s
 * on the support). It is absolute, in units of F per unit of x: for raw-unit data compare it with μ·λ_max or
 * the gradient's scale, not with 1 (the double-precision floor for diabetes in its original units is
 * ~1e-12, for standardised data ~1e-16).
 */
public final class Kkt {
  private Kkt() {}

  /**
   * @param f the objective
   * @param x the point, length {@code f.dimension()}; not modified
   * @return the ∞-norm of the minimum-norm subgradient of F at x
   */
  public static double residual(Composite f, double[] x) {
    double[] g = new double[x.length];
    f.smoothGradient(x, g);
    return residual(g, x, f.l1Weight(), f);
  }

  /**
   * The same from a smooth gradient already computed.
   *
   * @param g  ∇s(x)
   * @param mu the L1 weight μ
   * @param f  which coordinates are penalised
   */
  public static double residual(double[] g, double[] x, double mu, Composite f) {
    double r = 0;
    for (int j = 0; j < x.length; j++) {
      double rj;
      if (!f.isPenalised(j)) {
        rj = Math.abs(g[j]);
      } else if (x[j] != 0) {
        rj = Math.abs(g[j] + mu * Math.signum(x[j]));
      } else {
        rj = Math.max(0.0, Math.abs(g[j]) - mu);
      }
      // NaN propagates: a NaN gradient is no certificate.
      r = Double.isNaN(rj) ? Double.NaN : Math.max(r, rj);
      if (Double.isNaN(r)) {
        return r;
      }
    }
    return r;
  }
}
