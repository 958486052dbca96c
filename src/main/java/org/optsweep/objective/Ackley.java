package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;

/**
 * The n-dimensional Ackley function
 * f(x) = −a·exp(−b·√(Σx_i²/n)) − exp(Σcos(c·x_i)/n) + a + e,
 * with global minimum 0 at the origin (Ackley 1987, "A connectionist machine for genetic
 * hillclimbing"; Surjanovic &amp; Bingham's Virtual Library of Simulation Experiments).
 *
 * <p>At the origin the first term is not differentiable (it behaves like a cone); the gradient
 * written there is 0, which is the only sub-gradient that makes the minimiser stationary.
 * Uses {@link Math#exp}/{@link Math#cos}: fast intrinsics, reproducible on one JVM build and CPU
 * family (the seed job is chaotic, so this choice is recorded with every run).
 */
public final class Ackley implements Objective {
  private final int n;
  private final double a;
  private final double b;
  private final double c;
  private final double[] origin;

  /**
   * @param n dimension
   * @param a depth of the outer exponential, default 20
   * @param b width of the outer exponential, default 0.2
   * @param c angular frequency of the cosine ripples, default 2π
   */
  public Ackley(int n, double a, double b, double c) {
    this.n = n;
    this.a = a;
    this.b = b;
    this.c = c;
    this.origin = new double[n];
  }

  @Override
  public String name() {
    return "ackley";
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public double value(double[] x) {
    double sumSq = 0;
    double sumCos = 0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(c * x[i]);
    }
    return -a * Math.exp(-b * Math.sqrt(sumSq / n)) - Math.exp(sumCos / n) + a + Math.E;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    valueAndGradient(x, grad);
  }

  @Override
  public double valueAndGradient(double[] x, double[] grad) {
    double sumSq = 0;
    double sumCos = 0;
    for (int i = 0; i < n; i++) {
      sumSq += x[i] * x[i];
      sumCos += Math.cos(c * x[i]);
    }
    double r = Math.sqrt(sumSq / n);
    double e1 = Math.exp(-b * r);
    double e2 = Math.exp(sumCos / n);
    // d/dx_i of −a·exp(−b r) is a·b·e1·x_i/(n r); set to 0 at r = 0 (see class comment).
    double k1 = r > 0 ? a * b * e1 / (n * r) : 0.0;
    double k2 = c * e2 / n;
    for (int i = 0; i < n; i++) {
      grad[i] = k1 * x[i] + k2 * Math.sin(c * x[i]);
    }
    return -a * e1 - e2 + a + Math.E;
  }

  @Override
  public double[] minimiser() {
    return origin;
  }

  @Override
  public double minimum() {
    return 0.0;
  }

  /** n, the number of variables; default 2. */
  public static final Param<Integer> DIMENSION = TestFunctions.dimension(2);
  /** a, depth of the outer exponential; default 20 (Ackley 1987; Jamil &amp; Yang 2013, f1). */
  public static final Param<Double> A = Param.positive("a", 20, "depth of the outer exponential");
  /** b, width of the outer exponential; default 0.2. */
  public static final Param<Double> B = Param.positive("b", 0.2, "width of the outer exponential");
  /** c, angular frequency of the ripples in rad per unit; default 2π. */
  public static final Param<Double> C = Param.positive("c", 2 * Math.PI,
      "angular frequency of the cosine ripples (rad per unit)");

  /** Registers {@code ackley}. */
  public static final ObjectiveProvider PROVIDER = new SimpleProvider("ackley",
      "-a exp(-b sqrt(sum x^2/n)) - exp(sum cos(c x)/n) + a + e; minimum 0 at the origin",
      List.of(DIMENSION, A, B, C), s -> new Ackley(s.get(DIMENSION), s.get(A), s.get(B), s.get(C)));
}
