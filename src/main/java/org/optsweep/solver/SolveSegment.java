package org.optsweep.solver;

/**
 * A solve run up to a pause, or to its end: what {@link Solver#solve(SolveRequest, SolverState, int)} returns.
 *
 * @param result at a pause, the result so far — what a solve with {@code max_iterations} = the pause would report
 *               (stop {@code max_iterations} with the pause as its value and threshold), except that the trace is
 *               sampled on the plan of the request's whole budget; otherwise the solve's final result
 * @param state  what the solve needs to continue, or {@code null} when it ended: a convergence or divergence test
 *               fired, a budget ran out, the objective failed, or the request's {@code max_iterations} was reached
 */
public record SolveSegment(SolveResult result, SolverState state) {

  /** Whether the solve was paused (and can be continued from {@link #state()}) rather than ended. */
  public boolean paused() {
    return state != null;
  }
}
