package org.optsweep.objective;

import java.util.Arrays;
import java.util.List;
import org.optsweep.param.Param;

/**
 * The n-dimensional (chained) Rosenbrock function
 * f(x) = Σ_{i<n−1} [ b·(x_{i+1} − x_i²)² + (a − x_i)² ], minimum 0 at (a, a², …) — for the
 * default a = 1, b = 100 at (1, …, 1). The same definition as {@code scipy.optimize.rosen}.
 */
public final class Rosenbrock implements Objective {
  private final int n;
  private final double a;
  private final double b;
  private final double[] minimiser;

  /**
   * @param n dimension, at least 2
   * @param a location of the valley's minimum, default 1
   * @param b steepness of the valley walls, default 100
   */
  public Rosenbrock(int n, double a, double b) {
    this.n = n;
    this.a = a;
    this.b = b;
    this.minimiser = new double[n];
    java.util.Arrays.fill(minimiser, 1.0);
  }

  @Override
  public String name() {
    return "rosenbrock";
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] x) {
    double f = 0;
    for (int i = 0; i < n - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = a - x[i];
      f += b * t * t + u * u;
    }
    return f;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    Arrays.fill(grad, 0.0);
    for (int i = 0; i < n - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      grad[i] += -4 * b * x[i] * t - 2 * (a - x[i]);
      grad[i + 1] += 2 * b * t;
    }
  }

  /** Known only for a = 1, where it is all ones; {@code null} otherwise. */
  @Override
  public double[] minimiser() {
    return a == 1 ? minimiser : null;
  }

  @Override
  public double minimum() {
    return a == 1 ? 0.0 : Double.NaN;
  }

  /** Registers {@code rosenbrock}. */
  /** n ≥ 2; default 2. */
  public static final Param<Integer> DIMENSION = Param.integer("dimension", 2, 2, TestFunctions.MAX_DIMENSION,
      "number of variables n");
  /** a, where the valley's minimum lies; default 1 (the known optimum holds only for a = 1). */
  public static final Param<Double> A = Param.real("a", 1, -1e6, 1e6,
      "location of the valley minimum (known optimum only for a = 1)");
  /** b, steepness of the valley walls; default 100 (Rosenbrock 1960). */
  public static final Param<Double> B = Param.positive("b", 100, "steepness of the valley walls");

  public static final ObjectiveProvider PROVIDER = new SimpleProvider("rosenbrock",
      "sum b (x[i+1]-x[i]^2)^2 + (a-x[i])^2 (scipy.optimize.rosen); minimum 0 at (1,...,1) for a=1",
      List.of(DIMENSION, A, B), s -> new Rosenbrock(s.get(DIMENSION), s.get(A), s.get(B)));
}
