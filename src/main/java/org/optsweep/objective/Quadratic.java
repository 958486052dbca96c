package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;

/**
 * An ill-conditioned diagonal quadratic f(x) = ½ Σ a_i x_i² with a_i = κ^{i/(n−1)}, so the Hessian
 * diag(a) has eigenvalues from 1 to κ and condition number exactly κ; minimum 0 at the origin.
 * Gradient descent with step 1/κ contracts the slowest coordinate by (1 − 1/κ) per iteration.
 */
public final class Quadratic implements Objective {
  private final int n;
  private final double[] diag;
  private final double[] origin;

  /**
   * @param n dimension
   * @param conditionNumber κ ≥ 1, the ratio of the largest to the smallest curvature; default 100
   */
  public Quadratic(int n, double conditionNumber) {
    this.n = n;
    this.diag = new double[n];
    for (int i = 0; i < n; i++) {
      diag[i] = n == 1 ? 1.0 : Math.pow(conditionNumber, (double) i / (n - 1));
    }
    this.origin = new double[n];
  }

  @Override
  public String name() {
    return "quadratic";
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] x) {
    double f = 0;
    for (int i = 0; i < n; i++) {
      f += diag[i] * x[i] * x[i];
    }
    return 0.5 * f;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    for (int i = 0; i < n; i++) {
      grad[i] = diag[i] * x[i];
    }
  }

  @Override
  public double[] minimiser() {
    return origin;
  }

  @Override
  public double minimum() {
    return 0.0;
  }

  /** Registers {@code quadratic}. */
  /** n; default 2. */
  public static final Param<Integer> DIMENSION = TestFunctions.dimension(2);
  /** κ, the ratio of the largest to the smallest curvature; default 100. */
  public static final Param<Double> CONDITION_NUMBER = Param.real("condition_number", 100, 1, 1e16,
      "kappa, largest over smallest curvature");

  public static final ObjectiveProvider PROVIDER = new SimpleProvider("quadratic",
      "1/2 sum a_i x_i^2, a_i = kappa^(i/(n-1)) (condition number kappa); minimum 0 at the origin",
      List.of(DIMENSION, CONDITION_NUMBER), s -> new Quadratic(s.get(DIMENSION), s.get(CONDITION_NUMBER)));
}
