package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;

/**
 * The Rastrigin function f(x) = A·n + Σ (x_i² − A·cos(2π x_i)), minimum 0 at the origin
 * (Rastrigin 1974; A = 10 as in most benchmark suites). Highly multimodal: a local solver's
 * success rate from random starts is the interesting number.
 */
public final class Rastrigin implements Objective {
  private static final double TWO_PI = 2 * Math.PI;
  private final int n;
  private final double amplitude;
  private final double[] origin;

  /**
   * @param n dimension
   * @param amplitude A, the depth of the ripples, default 10
   */
  public Rastrigin(int n, double amplitude) {
    this.n = n;
    this.amplitude = amplitude;
    this.origin = new double[n];
  }

  @Override
  public String name() {
    return "rastrigin";
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] x) {
    double f = amplitude * n;
    for (int i = 0; i < n; i++) {
      f += x[i] * x[i] - amplitude * Math.cos(TWO_PI * x[i]);
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
      grad[i] = 2 * x[i] + amplitude * TWO_PI * Math.sin(TWO_PI * x[i]);
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

  /** Registers {@code rastrigin}. */
  /** n; default 2. */
  public static final Param<Integer> DIMENSION = TestFunctions.dimension(2);
  /** A, depth of the cosine ripples; default 10 (Rastrigin 1974). */
  public static final Param<Double> AMPLITUDE = Param.nonNegative("amplitude", 10, "A, depth of the cosine ripples");

  public static final ObjectiveProvider PROVIDER = new SimpleProvider("rastrigin",
      "A n + sum x^2 - A cos(2 pi x); minimum 0 at the origin", List.of(DIMENSION, AMPLITUDE),
      s -> new Rastrigin(s.get(DIMENSION), s.get(AMPLITUDE)));
}
