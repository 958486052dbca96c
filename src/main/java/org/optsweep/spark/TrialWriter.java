package org.optsweep.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetWriter;
import org.optsweep.InputException;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;
import org.optsweep.output.Ranking;
import org.optsweep.output.SolveRecord;
import org.optsweep.output.Table;
import org.optsweep.output.Tables;
import org.optsweep.output.TaskOutput;
import org.optsweep.output.TrialStats;
import org.optsweep.search.Seeds;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Stop;
import org.optsweep.solver.StopTest;
import org.optsweep.solver.Targets;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.SolveSetup;
import org.optsweep.spec.Trial;

/**
 * Writes a task's rows as its settings are solved: a {@code runs/} row and {@code traces/} points per solve, a
 * {@code summary/} row per setting once all its replicates are in (every replicate of a setting is written by the
 * same task, one after another). Also decodes a setting and judges a result, so that the search, the confirmation
 * and the rungs of an adaptive search make their rows the same way.
 */
final class TrialWriter {
  /**
   * A decoded setting of a study, ready to solve.
   *
   * @param study    the study's position
   * @param name     the study's name
   * @param trial    the trial index within the study
   * @param hyper    its hyperparameter values in table order
   * @param setup    objective, solver, schedule and stopping rules
   * @param targets  the targets for this objective (relative distances scaled by its optimum)
   * @param optimum  what distances and gaps are measured against
   * @param guarded  whether solves run under the watchdog (a user's objective with a time budget)
   */
  record Setting(int study, String name, long trial, Object[] hyper, SolveSetup setup, Targets targets,
                 SolveRecord.Optimum optimum, boolean guarded) {}

  private final JobSpec job;
  private final Tables tables;
  private final TaskOutput files;
  private final String executor;
  private final String stage;
  private final int chunk;
  private final String sparkVersion;
  private final TrialStats stats = new TrialStats();
  /** The best summary rows of each study: the confirmation re-runs the top ones. */
  private final Map<String, Ranking.Best> best = new LinkedHashMap<>();
  private final int keep;
  long rows;
  long iterations;
  long trials;
  private String partition;
  /** The objective and solver names {@link #partition} was made from. */
  private String partitionObjective;
  private String partitionSolver;
  private ParquetWriter<Object[]> runs;
  private ParquetWriter<Object[]> traces;
  private String invalid;

  TrialWriter(JobSpec job, Tables tables, TaskOutput files, String executor, String stage, int chunk,
              String sparkVersion) {
    this.job = job;
    this.tables = tables;
    this.files = files;
    this.executor = executor;
    this.stage = stage;
    this.chunk = chunk;
    this.sparkVersion = sparkVersion;
    this.keep = Math.max(ChunkTask.BEST, job.confirmTop());
  }

  private boolean confirm() {
    return stage.equals(SolveRecord.CONFIRM);
  }

  /** The values of its best summary rows, for the driver. */
  List<Object[]> best() {
    List<Object[]> out = new ArrayList<>();
    best.values().forEach(b -> out.addAll(b.sorted()));
    return out;
  }

  /**
   * Starts setting i of study s: its summary statistics begin anew.
   *
   * @return the setting, or null when this combination of values is invalid ({@link #invalid()} says why; a
   *     validation checks bounds, not every draw)
   */
  Setting begin(int s, long i) {
    long bootstrap = Seeds.mix(job.seed(), Seeds.BOOTSTRAP, confirm() ? 1 : 0, s, i);
    stats.reset(bootstrap, 0);
    Trial trial;
    try {
      trial = job.trial(s, i);
    } catch (InputException e) {
      invalid = "invalid setting " + job.values(s, i) + ": " + e.getMessage();
      return null;
    }
    var setup = trial.setup();
    Targets targets = job.targets().forObjective(setup.objective());
    // End points are linked within the headline distance.
    stats.reset(bootstrap, targets.distances().length > 0 ? targets.distances()[0] : 0);
    boolean guarded = !Objectives.isBuiltIn(setup.objectiveName()) && setup.stopping().timeBudgetMillis() > 0;
    return new Setting(s, job.studies().get(s).name(), i, tables.hyper().values(trial), setup, targets,
        SolveRecord.Optimum.of(setup.objective()), guarded);
  }

  /** Why the last {@link #begin} returned null. */
  String invalid() {
    return invalid;
  }

  /** The record of replicate r of a setting: the result judged against the setting's targets. */
  SolveRecord record(Setting st, int r, double[] start, SolveResult res, Objective f) {
    boolean minimiser = f.minimiser() != null;
    boolean minimum = !Double.isNaN(f.minimum());
    Targets.Assessment a = st.targets().assess(res, minimiser, minimum);
    return new SolveRecord(job.name(), stage, st.name(), st.trial(), r, st.setup().objectiveName(),
        st.setup().solverName(), st.setup().scheduleName(), st.hyper(), start, res, a, minimiser, minimum, executor,
        chunk, st.optimum(), null);
  }

  /** A FAILED record for a replicate that could not run: no point reached, no target met. */
  SolveRecord notRun(int s, long i, int r, String schedule, Object[] hyper, String why) {
    double[] start = job.start(s, i, r, confirm());
    SolveResult res = SolveResult.notRun(Stop.because(StopTest.COULD_NOT_RUN, why), null, job.targets(), 0);
    return new SolveRecord(job.name(), stage, job.studies().get(s).name(), i, r, job.studies().get(s).objective(),
        job.studies().get(s).solver(), schedule, hyper, start, res, new Targets.Assessment(false, null, false), false,
        false, executor, chunk, null, null);
  }

  /** Ends the setting begun last: its summary row. */
  void summary() throws IOException {
    if (stats.replicates() == 0) {
      return;
    }
    Table<TrialStats> t = tables.summary();
    Object[] row = t.row(stats);
    files.writer(Tables.SUMMARY, t, sparkVersion).write(row);
    trials++;
    best.computeIfAbsent(stats.first().study(), k -> new Ranking.Best(t, keep)).offer(row);
  }

  /** Writes one solve's runs/ row and traces/ points, and counts it in the setting's summary. */
  void write(SolveRecord rec) throws IOException {
    if (!rec.objective().equals(partitionObjective) || !rec.solver().equals(partitionSolver)) {
      partitionObjective = rec.objective();
      partitionSolver = rec.solver();
      enter("objective=" + escape(rec.objective()) + "/solver=" + escape(rec.solver()) + "/chunk=" + chunk);
    }
    runs.write(tables.runs().row(rec));
    rows++;
    iterations += rec.result().iterations();
    stats.add(rec);
    var trace = rec.result().trace();
    if (trace != null) {
      if (traces == null) {
        traces = files.writer(Tables.TRACES + "/" + partition, tables.traces(), sparkVersion);
      }
      Table<SolveRecord.TracePoint> tt = tables.traces();
      for (int k = 0; k < trace.size(); k++) {
        traces.write(tt.row(new SolveRecord.TracePoint(rec, k)));
      }
    }
  }

  /** Moves to partition directory {@code p} (objective, solver, chunk) if it is another. */
  private void enter(String p) throws IOException {
    if (!p.equals(partition)) {
      // A task's trials come a study at a time: the partition changes rarely, and its writers are
      // looked up only then. The previous partition's files are closed (a task holds at most one
      // runs/ and one traces/ row group in memory); should a later study come back to it, it gets
      // a new file.
      if (partition != null) {
        files.finish(Tables.RUNS + "/" + partition);
        files.finish(Tables.TRACES + "/" + partition);
      }
      partition = p;
      runs = files.writer(Tables.RUNS + "/" + p, tables.runs(), sparkVersion);
      traces = null;
    }
  }

  /** A partition directory value escaped as Spark escapes it (so that Spark reads back the same value). */
  private static String escape(String value) {
    return org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(value);
  }
}
