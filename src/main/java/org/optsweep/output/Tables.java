package org.optsweep.output;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.optsweep.solver.Trace;
import org.optsweep.spec.JobSpec;

/**
 * The tables of an output and their columns — {@code runs/} (a row per solve), {@code traces/} (a row
 * per sampled iteration) and {@code summary/} (a row per setting) — each column defined once here.
 * Built from the job on the driver and again on each executor, so nothing here is serialised.
 */
public final class Tables {
  public static final String RUNS = "runs";
  public static final String TRACES = "traces";
  public static final String SUMMARY = "summary";
  /** One row per reference optimum the runs are measured against. */
  public static final String REFERENCES = "references";
  /** The report's derived tables (org.optsweep.report.Analysis), computed from the three above. */
  public static final String ECDF = "ecdf";
  public static final String FIXED_BUDGET = "fixed_budget";
  public static final String SENSITIVITY = "sensitivity";
  public static final String IMPORTANCE = "importance";
  /** Every derived table, in the order the analysis writes them. */
  public static final java.util.List<String> DERIVED = java.util.List.of(ECDF, FIXED_BUDGET, SENSITIVITY, IMPORTANCE);

  static final DataType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType, false);
  static final DataType INTS = DataTypes.createArrayType(DataTypes.IntegerType, false);
  private static final DataType S = DataTypes.StringType;
  private static final DataType L = DataTypes.LongType;
  private static final DataType I = DataTypes.IntegerType;
  private static final DataType D = DataTypes.DoubleType;
  private static final DataType B = DataTypes.BooleanType;

  private final HyperColumns hyper;
  private final Table<SolveRecord> runs;
  private final Table<SolveRecord.TracePoint> traces;
  private final Table<TrialStats> summary;
  private static final Table<org.optsweep.reference.Reference> REFERENCES_TABLE = referencesTable();

  public Tables(JobSpec job) {
    this.hyper = new HyperColumns(job);
    this.runs = runs(hyper, job.adaptive());
    this.traces = tracesTable();
    this.summary = summary(hyper, job.adaptive());
  }

  /** references/: one row per reference optimum the job's runs are measured against. */
  public Table<org.optsweep.reference.Reference> references() {
    return REFERENCES_TABLE;
  }

  private static Table<org.optsweep.reference.Reference> referencesTable() {
    List<Column<org.optsweep.reference.Reference>> c = new ArrayList<>();
    c.add(Column.of("objective", S, false, org.optsweep.reference.Reference::objective));
    c.add(Column.of("data_fingerprint", S, true, org.optsweep.reference.Reference::dataFingerprint));
    c.add(Column.of("objective_lambda", D, true, r -> Double.isNaN(r.lambda()) ? null : r.lambda()));
    c.add(Column.of("objective_alpha", D, true, r -> Double.isNaN(r.alpha()) ? null : r.alpha()));
    c.add(Column.of("objective_intercept", B, false, org.optsweep.reference.Reference::intercept));
    c.add(Column.plain("x", DOUBLES, true, org.optsweep.reference.Reference::x));
    c.add(Column.plain("f", D, true, r -> Double.isNaN(r.f()) ? null : r.f()));
    c.add(Column.plain("kkt_residual", D, true, r -> Double.isNaN(r.kktResidual()) ? null : r.kktResidual()));
    c.add(Column.of("kind", S, false, r -> r.kind().key()));
    c.add(Column.of("method", S, false, org.optsweep.reference.Reference::method));
    c.add(Column.of("note", S, true, org.optsweep.reference.Reference::note));
    return new Table<>(REFERENCES, List.copyOf(c), List.of());
  }

  public HyperColumns hyper() {
    return hyper;
  }

  public Table<SolveRecord> runs() {
    return runs;
  }

  public Table<SolveRecord.TracePoint> traces() {
    return traces;
  }

  public Table<TrialStats> summary() {
    return summary;
  }

  /** An adaptive search's columns: where each setting stopped (null for the confirmation's rows). */
  private static <T> List<Column<T>> rungColumns(java.util.function.Function<T, SolveRecord.RungAt> at) {
    return List.of(Column.of("bracket", I, true, t -> at.apply(t) == null ? null : at.apply(t).bracket()),
        Column.of("rung", I, true, t -> at.apply(t) == null ? null : at.apply(t).rung()),
        Column.of("budget", I, true, t -> at.apply(t) == null ? null : at.apply(t).budget()));
  }

  private static Table<SolveRecord> runs(HyperColumns hyper, boolean adaptive) {
    List<Column<SolveRecord>> c = new ArrayList<>();
    c.add(Column.of("job", S, false, SolveRecord::job));
    c.add(Column.of("stage", S, false, SolveRecord::stage));
    c.add(Column.of("study", S, false, SolveRecord::study));
    c.add(Column.of("trial", L, false, SolveRecord::trial));
    c.add(Column.of("replicate", I, false, SolveRecord::replicate));
    if (adaptive) {
      c.addAll(rungColumns(SolveRecord::rung));
    }
    c.add(Column.of("objective", S, false, SolveRecord::objective));
    c.add(Column.of("solver", S, false, SolveRecord::solver));
    c.add(Column.of("schedule", S, true, SolveRecord::schedule));
    c.addAll(hyper.columns(SolveRecord::hyper));
    c.add(Column.plain("start", DOUBLES, false, SolveRecord::start));
    c.add(Column.plain("x", DOUBLES, true, r -> r.result().x()));
    c.add(Column.plain("value", D, true, r -> r.result().value()));
    // Null only where the optimum is unknown; a diverged run's NaN stays NaN, which sorts last, so
    // quartiles count it as the worst outcome rather than dropping it.
    c.add(Column.plain("distance", D, true, r -> r.minimiserKnown() ? r.result().distance() : null));
    c.add(Column.plain("relative_distance", D, true, r -> r.minimiserKnown() && r.optimum() != null
        ? r.result().distance() / r.optimum().scale() : null));
    c.add(Column.plain("value_gap", D, true, r -> r.minimumKnown() ? r.result().valueGap() : null));
    c.add(Column.of("reference_kind", S, true, r -> r.optimum() == null ? null : r.optimum().kind()));
    c.add(Column.of("reference_note", S, true, r -> r.optimum() == null ? null : r.optimum().note()));
    c.add(Column.plain("best_value", D, true, r -> r.result().bestValue()));
    c.add(Column.of("iterations", I, false, r -> r.result().iterations()));
    c.add(Column.of("f_evals", L, false, r -> r.result().valueEvaluations()));
    c.add(Column.of("grad_evals", L, false, r -> r.result().gradientEvaluations()));
    c.add(Column.of("status", S, false, r -> r.result().status().name()));
    c.add(Column.of("stop_test", S, false, r -> r.result().stop().test().key()));
    c.add(Column.of("stop_value", D, true, r -> finiteOrNull(r.result().stop().value())));
    c.add(Column.of("stop_threshold", D, true, r -> finiteOrNull(r.result().stop().threshold())));
    c.add(Column.of("stop_detail", S, true, r -> r.result().stop().detail()));
    c.add(Column.of("distance_hits", INTS, false, r -> r.result().distanceHits()));
    c.add(Column.of("gap_hits", INTS, false, r -> r.result().gapHits()));
    c.add(Column.of("success", B, false, r -> r.assessment().success()));
    c.add(Column.of("hit_iteration", I, true, r -> r.assessment().hitIteration()));
    c.add(Column.of("final_success", B, false, r -> r.assessment().finalSuccess()));
    c.add(Column.plain("wall_ms", D, false, r -> r.result().wallNanos() / 1e6));
    c.add(Column.of("executor", S, true, SolveRecord::executor));
    c.add(Column.of("chunk", I, false, SolveRecord::chunk));
    return new Table<>(RUNS, List.copyOf(c), List.of("objective", "solver", "chunk"));
  }

  /** NaN where a stop measured nothing is null in the table: "no value", not "not a number". */
  private static Double finiteOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static Table<SolveRecord.TracePoint> tracesTable() {
    List<Column<SolveRecord.TracePoint>> c = new ArrayList<>();
    c.add(Column.of("job", S, false, p -> p.solve().job()));
    c.add(Column.of("stage", S, false, p -> p.solve().stage()));
    c.add(Column.of("study", S, false, p -> p.solve().study()));
    c.add(Column.of("trial", L, false, p -> p.solve().trial()));
    c.add(Column.of("replicate", I, false, p -> p.solve().replicate()));
    c.add(Column.of("iteration", I, false, p -> trace(p).iterations()[p.index()]));
    c.add(Column.plain("value", D, true, p -> trace(p).values()[p.index()]));
    c.add(Column.plain("distance", D, true, p -> trace(p).distances()[p.index()]));
    c.add(Column.plain("gradient_norm", D, true, p -> trace(p).gradientNorms()[p.index()]));
    c.add(Column.plain("step_norm", D, true, p -> trace(p).stepNorms()[p.index()]));
    c.add(Column.of("objective", S, false, p -> p.solve().objective()));
    c.add(Column.of("solver", S, false, p -> p.solve().solver()));
    c.add(Column.of("chunk", I, false, p -> p.solve().chunk()));
    return new Table<>(TRACES, List.copyOf(c), List.of("objective", "solver", "chunk"));
  }

  private static Trace trace(SolveRecord.TracePoint p) {
    return p.solve().result().trace();
  }

  private static Table<TrialStats> summary(HyperColumns hyper, boolean adaptive) {
    // Nullable as read back from Parquet (Spark reads every file column as nullable).
    List<Column<TrialStats>> c = new ArrayList<>();
    c.add(Column.of("study", S, true, t -> t.first().study()));
    c.add(Column.of("trial", L, true, t -> t.first().trial()));
    c.add(Column.of("stage", S, true, t -> t.first().stage()));
    if (adaptive) {
      c.addAll(rungColumns(t -> t.first().rung()));
    }
    c.add(Column.of("job", S, true, t -> t.first().job()));
    c.add(Column.of("objective", S, true, t -> t.first().objective()));
    c.add(Column.of("solver", S, true, t -> t.first().solver()));
    c.add(Column.of("schedule", S, true, t -> t.first().schedule()));
    c.add(Column.of("reference_kind", S, true, t -> t.first().optimum() == null ? null : t.first().optimum().kind()));
    for (Column<TrialStats> h : hyper.<TrialStats>columns(t -> t.first().hyper())) {
      c.add(new Column<>(h.name(), h.type(), true, h.plain(), h.value()));
    }
    c.add(Column.of("replicates", L, false, TrialStats::replicates));
    c.add(Column.of("successes", L, true, TrialStats::successes));
    c.add(Column.of("success_rate", D, true, TrialStats::successRate));
    c.add(Column.of("success_rate_lower", D, true, t -> t.successInterval().lower()));
    c.add(Column.of("success_rate_upper", D, true, t -> t.successInterval().upper()));
    c.add(Column.of("final_success_rate", D, true, TrialStats::finalSuccessRate));
    c.add(Column.of("final_success_rate_lower", D, true, t -> t.finalSuccessInterval().lower()));
    c.add(Column.of("final_success_rate_upper", D, true, t -> t.finalSuccessInterval().upper()));
    c.add(Column.plain("ert_iterations", D, true, TrialStats::ertIterations));
    c.add(Column.plain("ert_iterations_lower", D, true, t -> t.ertIterationsInterval()[0]));
    c.add(Column.plain("ert_iterations_upper", D, true, t -> t.ertIterationsInterval()[1]));
    c.add(Column.plain("ert_evaluations", D, true, TrialStats::ertEvaluations));
    c.add(Column.plain("ert_evaluations_lower", D, true, t -> t.ertEvaluationsInterval()[0]));
    c.add(Column.plain("ert_evaluations_upper", D, true, t -> t.ertEvaluationsInterval()[1]));
    c.add(Column.plain("distance_q25", D, true, t -> t.distanceQuantile(0.25)));
    c.add(Column.plain("distance_median", D, true, t -> t.distanceQuantile(0.5)));
    c.add(Column.plain("distance_q75", D, true, t -> t.distanceQuantile(0.75)));
    c.add(Column.plain("gap_q25", D, true, t -> t.gapQuantile(0.25)));
    c.add(Column.plain("gap_median", D, true, t -> t.gapQuantile(0.5)));
    c.add(Column.plain("gap_q75", D, true, t -> t.gapQuantile(0.75)));
    c.add(Column.plain("gap_min", D, true, TrialStats::gapMin));
    c.add(Column.plain("iterations_mean", D, true, TrialStats::iterationsMean));
    c.add(Column.of("diverged", L, true, TrialStats::diverged));
    c.add(Column.of("failed", L, true, TrialStats::failed));
    c.add(Column.of("end_points", I, true, TrialStats::endPoints));
    return new Table<>(SUMMARY, List.copyOf(c), List.of());
  }
}
