package org.optsweep.output;

import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Targets;

/**
 * Everything a {@code runs/} row says about one solve: which trial and replicate of which study, the
 * setting (hyperparameter values in {@link HyperColumns} order), where it started, the result, and
 * how it was judged against the targets.
 *
 * @param job            the job name
 * @param stage          {@link #SEARCH} or {@link #CONFIRM}
 * @param study          the study name
 * @param trial          the trial index within the study
 * @param replicate      the replicate
 * @param objective      the objective name
 * @param solver         the solver name
 * @param schedule       the schedule kind, or null for solvers without one
 * @param hyper          the hyperparameter values, or null when the setting could not be decoded
 * @param start          the start point
 * @param result         the solve's result
 * @param assessment     success, hit iteration, final success
 * @param minimiserKnown whether distances are measured (else the distance column is null)
 * @param minimumKnown   whether value gaps are measured (else the gap column is null)
 * @param executor       the Spark executor that solved it
 * @param chunk          the chunk it belongs to
 */
public record SolveRecord(String job, String stage, String study, long trial, int replicate, String objective, String solver,
                          String schedule, Object[] hyper, double[] start, SolveResult result,
                          Targets.Assessment assessment, boolean minimiserKnown, boolean minimumKnown,
                          String executor, int chunk) {

  /** The stage of the search. */
  public static final String SEARCH = "search";
  /** The stage that re-runs the best settings on fresh starts. */
  public static final String CONFIRM = "confirm";

  /** A trace sample: sample {@code index} of the record's trace. */
  public record TracePoint(SolveRecord solve, int index) {}
}
