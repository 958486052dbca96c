package org.optsweep.objective;

/**
 * A function f: R^n → R to minimise, with its analytic gradient where one exists.
 *
 * <p>Contract, in the style of EJML: {@link #gradient} writes into the caller's buffer and allocates
 * nothing, so a solver can call it millions of times per task. An instance may keep scratch buffers
 * and is therefore <b>not</b> thread-safe: each concurrent solve gets its own instance from its
 * {@link ObjectiveProvider}. The argument {@code x} is never modified (finite differences in
 * {@code org.optsweep.gradient} perturb and restore it, so an objective must not keep a reference to it).
 */
public interface Objective {

  /** The registered name, e.g. {@code ackley}. */
  String name();

  /** The number of variables n; {@code x.length} must equal it. */
  int dimension();

  /** f(x). */
  double value(double[] x);

  /** Whether {@link #gradient} is implemented; if not, solvers use finite differences. */
  boolean hasGradient();

  /**
   * Writes ∇f(x) into {@code grad} (length n). Where f is not differentiable a documented
   * sub-gradient is written (Ackley: 0 at the origin).
   *
   * @throws UnsupportedOperationException if {@link #hasGradient()} is false
   */
  void gradient(double[] x, double[] grad);

  /**
   * f(x) and ∇f(x) together; objectives whose value and gradient share work override this.
   *
   * @return f(x)
   */
  default double valueAndGradient(double[] x, double[] grad) {
    gradient(x, grad);
    return value(x);
  }

  /**
   * The known global minimiser, or {@code null} when unknown. The array is shared: do not modify it.
   * Where minimisers are not unique (a symmetric loss), this is the one distances are measured to.
   */
  double[] minimiser();

  /** The known global minimum value, or {@code NaN} when unknown. */
  double minimum();
}
