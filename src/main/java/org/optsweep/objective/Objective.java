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

  /**
   * The optimum distances and gaps are measured against, with its kind ({@code exact}, {@code spark_ml},
   * {@code polished}, {@code best_known}) and, where {@link #minimiser()} is {@code null} but a minimum is
   * known, the reason ({@link org.optsweep.reference.Reference#note()}); {@code null} when none is known.
   *
   * <p>Consistent with {@link #minimiser()} and {@link #minimum()}. This default reports an optimum the
   * objective declares itself (closed form or published) as EXACT; objectives whose optimum comes from the
   * reference stage ({@link #referenceKey()} not null) return the one registered in
   * {@link org.optsweep.reference.References} when they were built.
   */
  default org.optsweep.reference.Reference reference() {
    double[] xs = minimiser();
    double fs = minimum();
    if (xs == null && Double.isNaN(fs)) {
      return null;
    }
    return org.optsweep.reference.Reference.exact(name(), xs, fs, "known optimum of " + name(),
        xs == null ? "minimiser not unique" : null);
  }

  /**
   * The key under which this objective's optimum is computed by the reference stage and registered
   * ({@link org.optsweep.reference.References}), or {@code null} when it needs none: its optimum is known
   * in closed form, or nothing can be computed. Default {@code null}.
   */
  default org.optsweep.reference.ReferenceKey referenceKey() {
    return null;
  }
}
