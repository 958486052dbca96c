package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;

/** The sphere f(x) = Σ x_i², minimum 0 at the origin: the sanity check every solver must pass. */
public final class Sphere implements Objective {
  private final int n;
  private final double[] origin;

  /** @param n dimension */
  public Sphere(int n) {
    this.n = n;
    this.origin = new double[n];
  }

  @Override
  public String name() {
    return "sphere";
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] x) {
    double f = 0;
    for (int i = 0; i < n; i++) {
      f += x[i] * x[i];
    }
    return f;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    for (int i = 0; i < n; i++) {
      grad[i] = 2 * x[i];
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

  /** Registers {@code sphere}. */
  /** n; default 2. */
  public static final Param<Integer> DIMENSION = TestFunctions.dimension(2);

  public static final ObjectiveProvider PROVIDER = new SimpleProvider("sphere", "sum x^2; minimum 0 at the origin",
      List.of(DIMENSION), s -> new Sphere(s.get(DIMENSION)));
}
