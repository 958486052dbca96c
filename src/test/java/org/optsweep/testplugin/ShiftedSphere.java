package org.optsweep.testplugin;

import java.util.Arrays;
import java.util.List;
import org.optsweep.objective.Objective;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * A user-style plugin objective, f(x) = Σ (x_i − s)², minimum 0 at (s, …, s). It lives outside
 * {@code org.optsweep.objective} and is found only through
 * {@code META-INF/services/org.optsweep.objective.ObjectiveProvider}, exactly as a jar passed with
 * {@code --jars} would be.
 */
public final class ShiftedSphere implements Objective {
  private final double shift;
  private final double[] minimiser;

  /**
   * @param n     dimension
   * @param shift s, the coordinate of the minimiser in every direction
   */
  public ShiftedSphere(int n, double shift) {
    this.shift = shift;
    this.minimiser = new double[n];
    Arrays.fill(minimiser, shift);
  }

  @Override
  public String name() {
    return "shifted_sphere";
  }

  @Override
  public int dimension() {
    return minimiser.length;
  }

  @Override
  public double value(double[] x) {
    double f = 0;
    for (int i = 0; i < minimiser.length; i++) {
      double d = x[i] - shift;
      f += d * d;
    }
    return f;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    for (int i = 0; i < minimiser.length; i++) {
      grad[i] = 2 * (x[i] - shift);
    }
  }

  @Override
  public double[] minimiser() {
    return minimiser;
  }

  @Override
  public double minimum() {
    return 0;
  }

  /** Registers {@code shifted_sphere} through {@link java.util.ServiceLoader}. */
  public static final class Provider implements ObjectiveProvider {
    /** Needed by ServiceLoader. */
    public Provider() {}

    @Override
    public String name() {
      return "shifted_sphere";
    }

    @Override
    public String description() {
      return "sum (x - shift)^2; minimum 0 at (shift, ..., shift) (test plugin)";
    }

    static final Param<Integer> DIMENSION = Param.integer("dimension", 2, 1, 1_000_000, "number of variables n");
    static final Param<Double> SHIFT = Param.real("shift", 1, -1e6, 1e6, "s, every coordinate of the minimiser");

    @Override
    public List<Param<?>> params() {
      return List.of(DIMENSION, SHIFT);
    }

    @Override
    public Objective create(Settings s) {
      return new ShiftedSphere(s.get(DIMENSION), s.get(SHIFT));
    }
  }
}
