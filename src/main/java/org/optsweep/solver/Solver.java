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
}
