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
 * @param optimum        what distances and gaps were measured against, or null when nothing is known
 * @param rung           in an adaptive search, the rung the setting stopped at; null otherwise
 */
public record SolveRecord(String job, String stage, String study, long trial, int replicate, String objective, String solver,
                          String schedule, Object[] hyper, double[] start, SolveResult result,
                          Targets.Assessment assessment, boolean minimiserKnown, boolean minimumKnown,
                          String executor, int chunk, Optimum optimum, RungAt rung) {

  /**
   * Where in an adaptive search a setting stopped.
   *
   * @param bracket the bracket's position in the study's plan
   * @param rung    the rung within it (0 = the first)
   * @param budget  the rung's iterations
   */
  public record RungAt(int bracket, int rung, int budget) {}

  /** The same solve, stopped at {@code at}. */
  public SolveRecord at(RungAt at) {
    return new SolveRecord(job, stage, study, trial, replicate, objective, solver, schedule, hyper, start, result,
        assessment, minimiserKnown, minimumKnown, executor, chunk, optimum, at);
  }

  /**
   * The reference a solve was measured against: its kind ({@code exact}, {@code spark_ml},
   * {@code polished}, {@code best_known}), the scale relative distances divide by (max(‖x*‖₂, 1)),
   * and why a distance or gap is null where one is.
   *
   * @param kind  the reference's kind
   * @param scale max(‖x*‖₂, 1), or NaN without a minimiser
   * @param note  why the distance (or gap) is null, or null when both are measured
   */
  public record Optimum(String kind, double scale, String note) {
    /** What objective {@code f} is measured against. */
    public static Optimum of(org.optsweep.objective.Objective f) {
      var ref = f.reference();
      double[] xs = f.minimiser();
      double scale = xs == null ? Double.NaN : Math.max(1, Math.sqrt(dot(xs)));
      String note = xs != null && !Double.isNaN(f.minimum()) ? null
          : ref != null && ref.note() != null ? ref.note()
          : "no reference optimum is known for objective " + f.name();
      return new Optimum(ref == null ? null : ref.kind().key(), scale, note);
    }

    private static double dot(double[] x) {
      double s = 0;
      for (double v : x) {
        s += v * v;
      }
      return s;
    }
  }

  /** The stage of the search. */
  public static final String SEARCH = "search";
  /** The stage that re-runs the best settings on fresh starts. */
  public static final String CONFIRM = "confirm";

  /** A trace sample: sample {@code index} of the record's trace. */
  public record TracePoint(SolveRecord solve, int index) {}
}
