package org.optsweep.gradient;

import org.optsweep.objective.Objective;

/**
 * One solve's access to f and ∇f: applies the chosen {@link GradientMethod} and counts evaluations.
 *
 * <p>Counting lives here rather than in the solver so that a solver instance holds configuration only
 * (as Hipparchus' {@code Optimum} carries its own counts). Finite differences perturb {@code x} in place
 * and restore each coordinate bit for bit, so they allocate nothing. Not thread-safe: one per solve.
 */
public final class Evaluator {
  private final Objective objective;
  private final GradientMethod method;
  private final double h;
  private final long maxEvaluations;
  private long valueEvaluations;
  private long gradientEvaluations;

  /**
   * Thrown instead of an evaluation that would exceed the budget of f evaluations, so that no solver
   * can exceed it; the solver's loop catches it and ends the solve with MAX_EVALUATIONS at the last
   * complete iterate. One shared instance without a stack trace: it is control flow, not an error.
   */
  public static final class BudgetExhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final BudgetExhausted INSTANCE = new BudgetExhausted();

    private BudgetExhausted() {
      super("evaluation budget exhausted", null, false, false);
    }
  }

  /**
   * @param objective the function
   * @param method    how to get gradients; {@code ANALYTIC} requires {@link Objective#hasGradient()}
   * @param h         finite-difference step; 0 for scipy's relative default (see {@link GradientMethod})
   * @throws IllegalArgumentException if analytic gradients are asked of an objective without one
   */
  public Evaluator(Objective objective, GradientMethod method, double h) {
    this(objective, method, h, 0);
  }

  /**
   * @param maxEvaluations budget of f evaluations (finite differences included), 0 = none; an
   *                       evaluation that would exceed it throws {@link BudgetExhausted} instead
   */
  public Evaluator(Objective objective, GradientMethod method, double h, long maxEvaluations) {
    if (method == GradientMethod.ANALYTIC && !objective.hasGradient()) {
      throw new IllegalArgumentException("objective " + objective.name()
          + " has no analytic gradient: use gradient method central or forward");
    }
    if (!(h >= 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("finite-difference step h must be >= 0, got " + h);
    }
    this.objective = objective;
    this.method = method;
    this.h = h;
    this.maxEvaluations = maxEvaluations;
  }

  /** Refuses {@code count} more f evaluations when they would exceed the budget. */
  private void spend(long count) {
    if (maxEvaluations > 0 && valueEvaluations + count > maxEvaluations) {
      throw BudgetExhausted.INSTANCE;
    }
  }

  /** Evaluations of f one gradient costs, fixed for the solve. */
  private int perGradient = -1;

  private int perGradient() {
    if (perGradient < 0) {
      perGradient = evaluationsPerGradient();
    }
    return perGradient;
  }

  /** f evaluations one gradient costs with this method (0 for analytic). */
  public int evaluationsPerGradient() {
    return switch (method) {
      case ANALYTIC -> 0;
      case CENTRAL -> 2 * objective.dimension();
      case FORWARD -> objective.dimension() + 1;
    };
  }

  /** f evaluations left in the budget ({@code Long.MAX_VALUE} without one). */
  public long remainingEvaluations() {
    return maxEvaluations > 0 ? maxEvaluations - valueEvaluations : Long.MAX_VALUE;
  }



  /** f(x), counted as one evaluation. */
  public double value(double[] x) {
    spend(1);
    valueEvaluations++;
    return objective.value(x);
  }

  /** Writes ∇f(x) (or its finite-difference estimate) into {@code grad}. */
  public void gradient(double[] x, double[] grad) {
    if (maxEvaluations > 0) {
      spend(perGradient());
    }
    gradientEvaluations++;
    switch (method) {
      case ANALYTIC -> objective.gradient(x, grad);
      case CENTRAL -> central(x, grad);
      case FORWARD -> forward(x, grad, objective.value(x));
    }
    if (method == GradientMethod.FORWARD) {
      valueEvaluations++;
    }
  }

  /**
   * f(x) and ∇f(x) together: one analytic call where the objective shares the work; with forward
   * differences f(x) is reused as the base point.
   */
  public double valueAndGradient(double[] x, double[] grad) {
    if (maxEvaluations > 0) {
      spend(method == GradientMethod.FORWARD ? perGradient() : 1 + perGradient());
    }
    gradientEvaluations++;
    valueEvaluations++;
    switch (method) {
      case ANALYTIC:
        return objective.valueAndGradient(x, grad);
      case CENTRAL:
        central(x, grad);
        return objective.value(x);
      case FORWARD: {
        double f = objective.value(x);
        forward(x, grad, f);
        return f;
      }
      default:
        throw new AssertionError(method);
    }
  }

  private void central(double[] x, double[] grad) {
    int n = x.length;
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      double step = h > 0 ? h : GradientMethod.CENTRAL_RELATIVE_STEP * Math.max(1.0, Math.abs(xi));
      double fPlus;
      double fMinus;
      try {
        x[i] = xi + step;
        fPlus = objective.value(x);
        x[i] = xi - step;
        fMinus = objective.value(x);
      } finally {
        x[i] = xi;
      }
      grad[i] = (fPlus - fMinus) / (2 * step);
    }
    valueEvaluations += 2L * n;
  }

  private void forward(double[] x, double[] grad, double f0) {
    int n = x.length;
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      double step = h > 0 ? h : GradientMethod.FORWARD_RELATIVE_STEP * Math.max(1.0, Math.abs(xi));
      double fPlus;
      try {
        x[i] = xi + step;
        fPlus = objective.value(x);
      } finally {
        x[i] = xi;
      }
      grad[i] = (fPlus - f0) / step;
    }
    valueEvaluations += n;
  }

  /**
   * Carries the counts of a paused solve into this evaluator, which then counts and budgets the whole solve:
   * an evaluation that would take the total beyond the budget is refused as in one uninterrupted solve.
   *
   * @param valueEvaluationsSoFar    f evaluations the paused solve spent
   * @param gradientEvaluationsSoFar gradient evaluations the paused solve spent
   * @throws IllegalStateException if this evaluator has already counted an evaluation
   * @throws IllegalArgumentException if a count is negative
   */
  public void continueFrom(long valueEvaluationsSoFar, long gradientEvaluationsSoFar) {
    if (valueEvaluations != 0 || gradientEvaluations != 0) {
      throw new IllegalStateException("an evaluator continues a paused solve's counts before it evaluates anything");
    }
    if (valueEvaluationsSoFar < 0 || gradientEvaluationsSoFar < 0) {
      throw new IllegalArgumentException("evaluation counts must be >= 0, got " + valueEvaluationsSoFar + " and "
          + gradientEvaluationsSoFar);
    }
    valueEvaluations = valueEvaluationsSoFar;
    gradientEvaluations = gradientEvaluationsSoFar;
  }

  /** Evaluations of f so far, including those spent on finite differences. */
  public long valueEvaluations() {
    return valueEvaluations;
  }

  /** Requests for a gradient so far (each finite-difference gradient counts once here). */
  public long gradientEvaluations() {
    return gradientEvaluations;
  }
}
