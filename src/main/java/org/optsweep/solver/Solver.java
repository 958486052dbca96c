package org.optsweep.solver;

/**
 * A configured local solver. An instance holds only its immutable, validated configuration, so
 * one instance can serve any number of solves, concurrently; all per-solve state lives in the call.
 */
public interface Solver {

  /** The registered name ({@code nag}). */
  String name();

  /** Runs one solve. Never throws for a failing or diverging solve: that is a result with a status. */
  SolveResult solve(SolveRequest request);

  /**
   * Whether {@link #solve(SolveRequest, SolverState, int)} can pause a solve and continue it bit for bit. Every
   * built-in solver can; a solver a jar registers cannot unless it says so (a driver then runs it from its start
   * with the larger budget, or refuses it in adaptive search).
   */
  default boolean continuable() {
    return false;
  }

  /**
   * Runs a solve from its start, or continues a paused one, and pauses it after iteration {@code pauseAt}.
   * Continuing the state of a pause at k up to N gives, field for field and bit for bit, the result of one
   * uninterrupted solve of the same request ({@link SolveResult#wallNanos()} aside), for any 1 ≤ k &lt; N.
   *
   * <p>The request is the whole solve's, the same at every pause: its {@code max_iterations} is the whole budget
   * N (the trace is planned from it, and the final stop reports it), its start is used only when {@code from}
   * is null. A pause falls between iterations only (never inside a line search).
   *
   * @param request the whole solve
   * @param from    a state an earlier call of this solver (same name and settings) returned, or {@code null} to
   *                start from {@code request.start()}
   * @param pauseAt the iteration after which to pause, greater than {@code from.iterations()}; at or beyond
   *                {@code max_iterations} the solve runs to its end
   * @return the result so far and, unless the solve ended first, the state to continue from
   * @throws IllegalArgumentException if {@code pauseAt} is not after the state's iteration, or the state was not
   *                                  made by this solver for this request (name, dimension, targets, layout)
   * @throws UnsupportedOperationException if the solver is not {@link #continuable()} and a pause or a state is asked
   */
  default SolveSegment solve(SolveRequest request, SolverState from, int pauseAt) {
    if (from == null && pauseAt >= request.stopping().maxIterations()) {
      return new SolveSegment(solve(request), null);
    }
    throw new UnsupportedOperationException("solver " + name() + " cannot pause a solve and continue it");
  }
}
