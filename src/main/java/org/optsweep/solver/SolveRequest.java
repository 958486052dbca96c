package org.optsweep.solver;

import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Objective;

/**
 * One local solve: what to minimise, from where, how to get gradients, when to stop, what to record.
 *
 * @param objective     the function (an instance owned by this solve)
 * @param start         x₀, length n; not modified
 * @param gradient      analytic or finite differences
 * @param h             finite-difference step, 0 = scipy's relative default
 * @param stopping      stopping rules
 * @param targets       thresholds whose first-hit iteration is recorded
 * @param tracePoints   number of log-spaced iterations to record f, distance, ‖∇f‖, ‖step‖ at; 0 = no trace
 */
public record SolveRequest(Objective objective, double[] start, GradientMethod gradient, double h,
                           Stopping stopping, Targets targets, int tracePoints) {

  public SolveRequest {
    if (start.length != objective.dimension()) {
      throw new IllegalArgumentException("start point has " + start.length + " coordinates but objective "
          + objective.name() + " has dimension " + objective.dimension());
    }
    if (tracePoints < 0) {
      throw new IllegalArgumentException("trace points must be >= 0, got " + tracePoints);
    }
  }

  /** Analytic gradients if the objective has them, else central differences; default stopping; no targets. */
  public static SolveRequest of(Objective f, double[] start) {
    return new SolveRequest(f, start, f.hasGradient() ? GradientMethod.ANALYTIC : GradientMethod.CENTRAL, 0,
        Stopping.defaults(), Targets.NONE, 0);
  }

  public SolveRequest withStopping(Stopping s) {
    return new SolveRequest(objective, start, gradient, h, s, targets, tracePoints);
  }

  public SolveRequest withTargets(Targets t) {
    return new SolveRequest(objective, start, gradient, h, stopping, t, tracePoints);
  }

  public SolveRequest withGradient(GradientMethod m, double step) {
    return new SolveRequest(objective, start, m, step, stopping, targets, tracePoints);
  }

  public SolveRequest withTrace(int points) {
    return new SolveRequest(objective, start, gradient, h, stopping, targets, points);
  }
}
