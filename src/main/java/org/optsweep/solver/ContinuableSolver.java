package org.optsweep.solver;

/**
 * A solver that can pause a solve after any iteration and continue it exactly where it stopped
 * ({@link Solver#continuable}): a solve continued through its pauses ends bit for bit where one
 * uninterrupted solve of the same length ends. Every built-in solver is one; each says on its {@link #run}
 * what its state holds.
 */
abstract class ContinuableSolver implements Solver {
  @Override
  public final SolveResult solve(SolveRequest req) {
    return run(req, null, Integer.MAX_VALUE).result();
  }

  @Override
  public final boolean continuable() {
    return true;
  }

  @Override
  public final SolveSegment solve(SolveRequest req, SolverState from, int pauseAt) {
    SolveMonitor.checkState(name(), from, pauseAt);
    return run(req, from, pauseAt);
  }

  /**
   * Solves from the request's start ({@code from} null) or from a paused solve's state, until the solve ends
   * or iteration {@code pauseAt} is done (then the segment carries the state to continue from).
   */
  abstract SolveSegment run(SolveRequest req, SolverState from, int pauseAt);
}
