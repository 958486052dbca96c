package org.optsweep.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.optsweep.InputException;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;
import org.optsweep.output.ChunkCommit;
import org.optsweep.output.ParquetRows;
import org.optsweep.output.Ranking;
import org.optsweep.output.SolveRecord;
import org.optsweep.output.Table;
import org.optsweep.output.Tables;
import org.optsweep.output.TaskOutput;
import org.optsweep.output.TrialStats;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Stop;
import org.optsweep.solver.StopTest;
import org.optsweep.solver.Targets;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.Trial;

/**
 * The work of one Spark task: a contiguous block of a chunk's trials ({@link Blocks}), decoded by
 * index on the executor and solved replicate by replicate. The task writes its own Parquet files as
 * it solves — a {@code runs/} row per solve, {@code traces/} points, a {@code summary/} row per trial
 * (it solved every replicate itself) — commits them through the chunk's {@link ChunkCommit}, and
 * returns only the commit message, counts and its best settings; no row is collected or shuffled.
 *
 * <p>The job travels as its YAML text and is re-read once per executor JVM, so no spec object needs
 * to be serialisable and what runs is exactly what was validated. Every number depends only on
 * (job seed, study, trial, replicate): never on the task, partition or executor.
 */
final class ChunkTask implements FlatMapFunction<Iterator<Integer>, ChunkTask.Result> {
  private static final long serialVersionUID = 1L;
  /** Summary rows a task reports for the printed table. */
  static final int BEST = 10;
  /** The job this JVM read last: one job per run, so one entry, replaced when another job comes. */
  private static volatile Parsed lastJob;

  private record Parsed(String text, JobSpec job, Tables tables) {}

  /**
   * What a task attempt hands the driver.
   *
   * @param task       the task number within the chunk
   * @param message    the commit message of its files, for the chunk's job commit
   * @param rows       solve rows written
   * @param iterations iterations over those solves
   * @param trials     summary rows written
   * @param best       the values of its best summary rows
   */
  record Result(int task, FileCommitProtocol.TaskCommitMessage message, long rows, long iterations, long trials,
                List<Object[]> best) implements Serializable {}

  /** Where and how a chunk's files are written. */
  record Target(Broadcast<SerializableConfiguration> hadoop, String codec, String sparkVersion,
                Broadcast<ReferencePrep> prepared) implements Serializable {}

  /**
   * The trials of one chunk: a range of global trial indices (the search), or an explicit list of
   * (study, trial) pairs (the confirmation of the best settings).
   *
   * @param chunk   the chunk number (the confirmation is the chunk after the search's last)
   * @param confirm whether this is the confirmation stage
   * @param lo      the first global trial index of a search chunk
   * @param hi      one past its last
   * @param studies for the confirmation: the study of each trial
   * @param trials  for the confirmation: the trial index within its study
   */
  record Work(int chunk, boolean confirm, long lo, long hi, int[] studies, long[] trials) implements Serializable {
    static Work search(int chunk, long lo, long hi) {
      return new Work(chunk, false, lo, hi, null, null);
    }

    static Work confirm(int chunk, int[] studies, long[] trials) {
      return new Work(chunk, true, 0, trials.length, studies, trials);
    }

    long size() {
      return hi - lo;
    }
  }

  private final String jobFile;
  private final String jobText;
  private final int chunk;
  private final Work work;
  private final long lo;
  private final long hi;
  private final int tasks;
  private final int cores;
  private final LongAccumulator trialsDone;
  private final ChunkCommit commit;
  private final Target target;
  private transient Watchdog watchdog;

  ChunkTask(String jobFile, String jobText, Work work, int tasks, int cores, LongAccumulator trialsDone,
            ChunkCommit commit, Target target) {
    this.jobFile = jobFile;
    this.jobText = jobText;
    this.chunk = work.chunk();
    this.work = work;
    this.lo = work.lo();
    this.hi = work.hi();
    this.tasks = tasks;
    this.cores = cores;
    this.trialsDone = trialsDone;
    this.commit = commit;
    this.target = target;
  }

  private Parsed job() {
    Parsed p = lastJob;
    if (p == null || !p.text().equals(jobText)) {
      JobSpec job = JobParser.parseValidated(jobFile, jobText);
      p = new Parsed(jobText, job, new Tables(job));
      lastJob = p;
    }
    return p;
  }

  @Override
  public Iterator<Result> call(Iterator<Integer> taskIds) throws Exception {
    // The driver's data sets and reference optima, before any objective is built.
    target.prepared().value().install();
    Parsed parsed = job();
    TaskContext task = TaskContext.get();
    // Also when the task fails or is killed: no idle watchdog thread outlives its task.
    task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> closeWatchdog());
    if (!taskIds.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    int taskNumber = taskIds.next();
    String executor = SparkEnv.get() == null ? null : SparkEnv.get().executorId();
    // A copy: the broadcast one is shared by the executor's concurrent tasks.
    org.apache.hadoop.conf.Configuration conf =
        new org.apache.hadoop.conf.Configuration(target.hadoop().value().value());
    TaskOutput files = new TaskOutput(commit, conf, ParquetRows.codec(target.codec()), task.partitionId(),
        task.attemptNumber(), cores);
    try {
      Writer w = new Writer(parsed, files, executor);
      for (int k = taskNumber; ; ) {
        // A confirmation task solves one setting (many replicates); a search task a block of them.
        long[] b = work.confirm() ? new long[] {k, k + 1} : Blocks.block(lo, hi, k, tasks, cores);
        for (long g = b[0]; g < b[1]; g++) {
          // A killed attempt (a failed job's other tasks, a losing speculative copy) stops here,
          // between trials, instead of solving its block to the end.
          task.killTaskIfInterrupted();
          if (work.confirm()) {
            w.trial(work.studies()[(int) g], work.trials()[(int) g]);
          } else {
            JobSpec.TrialIndex at = parsed.job().locate(g);
            w.trial(at.study(), at.index());
          }
          trialsDone.add(1);
        }
        if (!taskIds.hasNext()) {
          break;
        }
        k = taskIds.next();
      }
      FileCommitProtocol.TaskCommitMessage message = files.commit();
      closeWatchdog();
      return List.of(new Result(taskNumber, message, w.rows, w.iterations, w.trials, w.best())).iterator();
    } catch (Exception | Error e) {
      files.abort(e);
      throw e;
    }
  }

  private void closeWatchdog() {
    if (watchdog != null) {
      watchdog.close();
      watchdog = null;
    }
  }

  private Watchdog watchdog() {
    if (watchdog == null) {
      watchdog = new Watchdog();
    }
    return watchdog;
  }

  /** Writes one task's rows as they are solved: runs/ and traces/ per solve, summary/ per trial. */
  private final class Writer {
    private final JobSpec job;
    private final Tables tables;
    private final TaskOutput files;
    private final String executor;
    private final TrialStats stats = new TrialStats();
    private final String stage;
    private final int replicates;
    /** The best summary rows of each study: the confirmation re-runs the top ones. */
    final java.util.Map<String, Ranking.Best> best = new java.util.LinkedHashMap<>();
    private final int keep;
    long rows;
    long iterations;
    long trials;
    private String partition;
    private ParquetWriter<Object[]> runs;
    private ParquetWriter<Object[]> traces;

    Writer(Parsed parsed, TaskOutput files, String executor) {
      this.job = parsed.job();
      this.tables = parsed.tables();
      this.files = files;
      this.executor = executor;
      this.stage = work.confirm() ? SolveRecord.CONFIRM : SolveRecord.SEARCH;
      this.replicates = work.confirm() ? job.confirmReplicates() : job.replicates();
      this.keep = Math.max(BEST, job.confirmTop());
    }

    List<Object[]> best() {
      List<Object[]> out = new java.util.ArrayList<>();
      best.values().forEach(b -> out.addAll(b.sorted()));
      return out;
    }

    void trial(int s, long i) throws IOException {
      long bootstrap = org.optsweep.search.Seeds.mix(job.seed(), org.optsweep.search.Seeds.BOOTSTRAP,
          work.confirm() ? 1 : 0, s, i);
      stats.reset(bootstrap, 0);
      String study = job.studies().get(s).name();
      Trial trial;
      try {
        trial = job.trial(s, i);
      } catch (InputException e) {
        // A combination validation could not reach (it checks bounds, not every draw): a FAILED row
        // per replicate, never a crashed job.
        for (int r = 0; r < replicates; r++) {
          write(notRun(s, study, i, r, null, null, "invalid setting " + job.values(s, i) + ": " + e.getMessage()));
        }
        summary();
        return;
      }
      Object[] hyper = tables.hyper().values(trial);
      var setup = trial.setup();
      // Targets for this objective (relative distances scaled by its optimum); end points are linked
      // within the headline distance.
      Targets targets = job.targets().forObjective(setup.objective());
      SolveRecord.Optimum optimum = SolveRecord.Optimum.of(setup.objective());
      stats.reset(bootstrap, targets.distances().length > 0 ? targets.distances()[0] : 0);
      boolean guarded = !Objectives.isBuiltIn(setup.objectiveName()) && setup.stopping().timeBudgetMillis() > 0;
      for (int r = 0; r < replicates; r++) {
        double[] start = job.start(s, i, r, work.confirm());
        // Built-in objectives are reused across a trial's replicates (one after another on this
        // thread). A user's objective under the watchdog gets a fresh instance: an abandoned solve may
        // still be running on the old one.
        Objective f = guarded ? setup.newObjective() : setup.objective();
        // The confirmation traces every replicate: its curves are the ones a report shows.
        int tracePoints = work.confirm() || r < job.traceReplicates() ? job.tracePoints() : 0;
        SolveResult res;
        try {
          var req = setup.request(f, start, targets, tracePoints);
          res = guarded ? watchdog().solve(setup.solver(), req) : setup.solver().solve(req);
        } catch (InputException e) {
          write(notRun(s, study, i, r, setup.scheduleName(), hyper, e.getMessage()));
          continue;
        }
        Targets.Assessment a = targets.assess(res, f.minimiser() != null, !Double.isNaN(f.minimum()));
        write(new SolveRecord(job.name(), stage, study, i, r, setup.objectiveName(), setup.solverName(),
            setup.scheduleName(), hyper, start, res, a, f.minimiser() != null, !Double.isNaN(f.minimum()), executor,
            chunk, optimum));
      }
      summary();
    }

    private SolveRecord notRun(int s, String study, long i, int r, String schedule, Object[] hyper, String why) {
      double[] start = job.start(s, i, r, work.confirm());
      SolveResult res = SolveResult.notRun(Stop.because(StopTest.COULD_NOT_RUN, why), null, job.targets(), 0);
      return new SolveRecord(job.name(), stage, study, i, r, job.studies().get(s).objective(), job.studies().get(s).solver(),
          schedule, hyper, start, res, new Targets.Assessment(false, null, false), false, false, executor, chunk, null);
    }

    private void summary() throws IOException {
      if (stats.replicates() == 0) {
        return;
      }
      Table<TrialStats> t = tables.summary();
      Object[] row = t.row(stats);
      files.writer(Tables.SUMMARY, t, target.sparkVersion()).write(row);
      trials++;
      best.computeIfAbsent(stats.first().study(), k -> new Ranking.Best(t, keep)).offer(row);
    }

    private void write(SolveRecord rec) throws IOException {
      String p = "objective=" + escape(rec.objective()) + "/solver=" + escape(rec.solver()) + "/chunk=" + chunk;
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
        runs = files.writer(Tables.RUNS + "/" + p, tables.runs(), target.sparkVersion());
        traces = null;
      }
      runs.write(tables.runs().row(rec));
      rows++;
      iterations += rec.result().iterations();
      stats.add(rec);
      var trace = rec.result().trace();
      if (trace != null) {
        if (traces == null) {
          traces = files.writer(Tables.TRACES + "/" + p, tables.traces(), target.sparkVersion());
        }
        Table<SolveRecord.TracePoint> tt = tables.traces();
        for (int k = 0; k < trace.size(); k++) {
          traces.write(tt.row(new SolveRecord.TracePoint(rec, k)));
        }
      }
    }
  }

  /** A partition directory value escaped as Spark escapes it (so that Spark reads back the same value). */
  private static String escape(String value) {
    return org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(value);
  }
}
