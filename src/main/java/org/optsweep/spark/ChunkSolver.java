package org.optsweep.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.optsweep.objective.Objective;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Status;
import org.optsweep.solver.Targets;
import org.optsweep.solver.Trace;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.Trial;

/**
 * The work of one Spark task: a contiguous block of a chunk's trials, decoded by index on the
 * executor and solved replicate by replicate. The task writes its own Parquet files as it solves
 * ({@link TaskFiles}: runs/ and traces/ a row per solve and trace point, summary/ a row per trial,
 * whose replicates it solved itself) and returns only their names, counts and its best settings;
 * no row is collected or shuffled.
 *
 * <p>The job travels as its YAML text and is re-read once per executor JVM, so no spec object needs
 * to be serialisable and what runs is exactly what was validated. Every number depends only on
 * (job seed, study, trial, replicate): never on the task, partition or executor.
 */
final class ChunkSolver implements FlatMapFunction<Iterator<Integer>, TaskFiles.Result> {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, JobSpec> JOBS = new ConcurrentHashMap<>();
  /** Trace columns that are practically all distinct: no dictionary (see {@link Columns#plainEncoded}). */
  private static final List<String> TRACE_PLAIN = List.of("value", "distance", "gradient_norm", "step_norm");
  /** Summary rows a task reports for the printed table. */
  static final int BEST = 10;

  private final String jobFile;
  private final String jobText;
  private final Columns columns;
  private final int chunk;
  private final long lo;
  private final long hi;
  private final int tasks;
  private final int cores;
  private final LongAccumulator trialsDone;
  private final int width;
  private final String root;
  private final Broadcast<SerializableConfiguration> hadoop;
  private final String codec;
  private final String sparkVersion;

  /** Where and how a chunk's files are written. */
  record Target(String root, Broadcast<SerializableConfiguration> hadoop, String codec, String sparkVersion)
      implements java.io.Serializable {}

  ChunkSolver(String jobFile, String jobText, Columns columns, int chunk, long lo, long hi, int tasks, int cores,
              LongAccumulator trialsDone, Target target) {
    this.jobFile = jobFile;
    this.jobText = jobText;
    this.columns = columns;
    this.chunk = chunk;
    this.lo = lo;
    this.hi = hi;
    this.tasks = tasks;
    this.cores = cores;
    this.trialsDone = trialsDone;
    this.width = columns.solveSchema().size();
    this.root = target.root();
    this.hadoop = target.hadoop();
    this.codec = target.codec();
    this.sparkVersion = target.sparkVersion();
  }

  /**
   * The global trial range [first, last) of task k of {@code tasks} over [lo, hi), for a cluster of
   * {@code cores} cores. Spark starts a stage's tasks in index order, so the last tasks run while
   * other cores fall idle one by one: the last {@code cores} blocks are a quarter and the
   * {@code cores} before them half the size of the others, which shortens that tail. Blocks are
   * contiguous and cover [lo, hi) exactly; which task solves a trial never changes its numbers.
   */
  static long[] block(long lo, long hi, int k, int tasks, int cores) {
    long n = hi - lo;
    return new long[] {lo + n * weightBefore(k, tasks, cores) / weightBefore(tasks, tasks, cores),
        lo + n * weightBefore(k + 1, tasks, cores) / weightBefore(tasks, tasks, cores)};
  }

  /** Σ of the block weights of tasks 0..k-1: 4 each, then 2 for the second-to-last wave, 1 for the last. */
  private static long weightBefore(int k, int tasks, int cores) {
    if (cores < 1 || tasks < 4 * cores) {
      return 4L * k;
    }
    long half = tasks - 2L * cores;
    long quarter = tasks - (long) cores;
    return 4L * Math.min(k, half) + 2L * Math.max(0, Math.min(k, quarter) - half) + Math.max(0, k - quarter);
  }

  @Override
  public Iterator<TaskFiles.Result> call(Iterator<Integer> taskIds) throws Exception {
    JobSpec job = JOBS.computeIfAbsent(jobText, t -> JobParser.parseValidated(jobFile, t));
    org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
    if (task != null) {
      // Also when the task fails or is killed: no idle watchdog thread outlives its task.
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> closeWatchdog());
    }
    if (!taskIds.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    int taskNumber = taskIds.next();
    String executor = SparkEnv.get() == null ? null : SparkEnv.get().executorId();
    String staging = TaskFiles.staging(chunk) + "/attempt="
        + (task == null ? "local-" + taskNumber : task.taskAttemptId());
    // A copy: the broadcast one is shared by the executor's concurrent tasks.
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(hadoop.value().value());
    TaskFiles files = new TaskFiles(new org.apache.hadoop.fs.Path(root), staging, conf,
        ParquetRows.codec(codec), chunk, taskNumber, cores);
    try {
      Writer w = new Writer(job, files);
      for (int k = taskNumber; ; ) {
        long[] b = block(lo, hi, k, tasks, cores);
        for (long g = b[0]; g < b[1]; g++) {
          if (task != null) {
            // A killed attempt (a failed job's other tasks, a losing speculative copy) stops here,
            // between trials, instead of solving its block to the end.
            task.killTaskIfInterrupted();
          }
          w.trial(g, executor);
          trialsDone.add(1);
        }
        if (!taskIds.hasNext()) {
          break;
        }
        k = taskIds.next();
      }
      List<String> written = files.close();
      closeWatchdog();
      // Values only: a Row would carry its schema through Java serialization to the driver.
      List<Object[]> best = new ArrayList<>();
      for (org.apache.spark.sql.Row r : w.best) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.get(i);
        }
        best.add(v);
      }
      return List.of(new TaskFiles.Result(taskNumber, staging, written, w.rows, w.iterations, w.trials, best)).iterator();
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

  /** Writes one task's rows as they are solved: runs/ and traces/ per solve, summary/ per trial. */
  private final class Writer {
    private final JobSpec job;
    private final TaskFiles files;
    private final StructType solveSchema = columns.solveSchema();
    private final StructType summarySchema = Summary.schema(columns);
    private final List<String> runsColumns = columns.runsDataColumns();
    private final List<String> plainRuns = columns.plainEncoded();
    private final List<String> plainSummary = Summary.plainEncoded(columns);
    private final StructType traceSchema = Columns.traceSchema();
    private final List<String> traceColumns = Columns.traceDataColumns();
    private final TrialStats stats;
    private final int objectiveColumn;
    private final int solverColumn;
    private final int traceFrom;
    private final int iterationsColumn;
    private final Object[] point = new Object[traceSchema.size()];
    private final java.util.Comparator<org.apache.spark.sql.Row> order = Summary.best(summarySchema);
    /** The task's best summary rows, worst first, so the head is the one to drop. */
    final java.util.PriorityQueue<org.apache.spark.sql.Row> best = new java.util.PriorityQueue<>(order.reversed());
    long rows;
    long iterations;
    long trials;
    private String objective;
    private String solver;
    private org.apache.parquet.hadoop.ParquetWriter<Object[]> runs;
    private org.apache.parquet.hadoop.ParquetWriter<Object[]> traces;
    private org.apache.parquet.hadoop.ParquetWriter<Object[]> summary;

    Writer(JobSpec job, TaskFiles files) {
      this.job = job;
      this.files = files;
      this.stats = new TrialStats(solveSchema, columns.hyper.size(), summarySchema.size());
      this.objectiveColumn = solveSchema.fieldIndex("objective");
      this.solverColumn = solveSchema.fieldIndex("solver");
      this.traceFrom = solveSchema.fieldIndex("trace_iteration");
      this.iterationsColumn = solveSchema.fieldIndex("iterations");
    }

    void trial(long global, String executor) throws java.io.IOException {
      stats.reset();
      solveTrial(job, global, executor, this::solve);
      if (stats.count() > 0) {
        Object[] s = stats.row();
        if (summary == null) {
          summary = files.writer(SweepRunner.SUMMARY,
              () -> new ParquetRows(summarySchema, names(summarySchema), sparkVersion), plainSummary);
        }
        summary.write(s);
        trials++;
        var row = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(s, summarySchema);
        if (best.size() < BEST) {
          best.add(row);
        } else if (order.compare(row, best.peek()) < 0) {
          best.poll();
          best.add(row);
        }
      }
    }

    private void solve(Object[] v) throws java.io.IOException {
      if (!v[objectiveColumn].equals(objective) || !v[solverColumn].equals(solver)) {
        // A task's trials come a study at a time: the partition changes rarely, and its writers
        // are looked up only then. The previous partition's files are closed (a task holds at most
        // one runs/ and one traces/ row group in memory); should a later study come back to it, it
        // gets a new file.
        if (objective != null) {
          files.finish(partition(SweepRunner.RUNS, objective, solver));
          files.finish(partition(SweepRunner.TRACES, objective, solver));
        }
        objective = (String) v[objectiveColumn];
        solver = (String) v[solverColumn];
        runs = files.writer(partition(SweepRunner.RUNS, objective, solver),
            () -> new ParquetRows(solveSchema, runsColumns, sparkVersion), plainRuns);
        traces = null;
      }
      runs.write(v);
      rows++;
      iterations += ((Number) v[iterationsColumn]).longValue();
      stats.add(v);
      int[] its = (int[]) v[traceFrom];
      if (its != null) {
        double[][] series = {(double[]) v[traceFrom + 1], (double[]) v[traceFrom + 2], (double[]) v[traceFrom + 3],
            (double[]) v[traceFrom + 4]};
        if (traces == null) {
          traces = files.writer(partition(SweepRunner.TRACES, objective, solver),
              () -> new ParquetRows(traceSchema, traceColumns, sparkVersion), TRACE_PLAIN);
        }
        // job, study, trial, replicate: the first four columns of both schemas.
        System.arraycopy(v, 0, point, 0, 4);
        for (int p = 0; p < its.length; p++) {
          point[4] = its[p];
          for (int q = 0; q < series.length; q++) {
            point[5 + q] = series[q][p];
          }
          traces.write(point);
        }
      }
    }

    private String partition(String table, String objective, String solver) {
      return table + "/objective=" + escape(objective) + "/solver=" + escape(solver) + "/chunk=" + chunk;
    }
  }

  /** A partition directory value escaped as Spark escapes it (so that Spark reads back the same value). */
  private static String escape(String value) {
    return org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(value);
  }

  private static List<String> names(StructType schema) {
    return java.util.Arrays.asList(schema.fieldNames());
  }

  /** Receives the solve rows of a trial, one per replicate. */
  private interface RowSink {
    void accept(Object[] values) throws java.io.IOException;
  }

  private void solveTrial(JobSpec job, long global, String executor, RowSink out) throws java.io.IOException {
    int s = 0;
    long i = global;
    while (i >= job.trials(s)) {
      i -= job.trials(s);
      s++;
    }
    String study = job.studies().get(s).name();
    Trial trial;
    try {
      trial = job.trial(s, i);
    } catch (IllegalArgumentException e) {
      // A combination the driver's sample did not catch: a FAILED row per replicate, never a crash.
      for (int r = 0; r < job.replicates(); r++) {
        out.accept(failedValues(job, s, study, i, r, null, null, "invalid setting " + job.values(s, i) + ": "
            + e.getMessage(), executor));
      }
      return;
    }
    Object[] hyper = columns.values(trial);
    var solver = trial.setup().solver();
    boolean guarded = !org.optsweep.objective.Objectives.isBuiltIn(trial.setup().objectiveName())
        && trial.setup().stopping().timeBudgetMillis() > 0;
    // Built-in objectives are reused across a trial's replicates (they run one after another on this
    // thread; ridge's exact optimum is then computed once a trial, not once a replicate). A user's
    // objective gets a fresh instance: an abandoned solve may still be running on the old one.
    Objective shared = guarded ? null : trial.setup().objective();
    for (int r = 0; r < job.replicates(); r++) {
      double[] start = job.start(s, i, r);
      Objective f = shared != null ? shared : trial.setup().objective();
      int tracePoints = r < job.traceReplicates() ? job.tracePoints() : 0;
      SolveResult res;
      try {
        var req = trial.setup().request(f, start, job.targets(), tracePoints);
        res = guarded ? watchdog().solve(solver, req) : solver.solve(req);
      } catch (IllegalArgumentException e) {
        out.accept(failedValues(job, s, study, i, r, trial.setup().scheduleName(), hyper, e.getMessage(), executor));
        continue;
      }
      out.accept(row(job, study, i, r, trial, hyper, start, res, f, executor));
    }
  }

  private transient Watchdog watchdog;

  private Watchdog watchdog() {
    if (watchdog == null) {
      watchdog = new Watchdog();
    }
    return watchdog;
  }

  private Object[] row(JobSpec job, String study, long i, int r, Trial t, Object[] hyper, double[] start,
                  SolveResult res, Objective f, String executor) {
    Targets.Assessment a = job.targets().assess(res, f.minimiser() != null, !Double.isNaN(f.minimum()));
    boolean success = a.success();
    Integer hit = a.hitIteration();
    boolean finalSuccess = a.finalSuccess();
    Trace tr = res.trace();
    Object[] v = new Object[width];
    int k = identity(v, job, study, i, r, t.setup().objectiveName(), t.setup().solverName(),
        t.setup().scheduleName(), hyper);
    v[k++] = start;
    v[k++] = res.x();
    v[k++] = res.value();
    // Null only where the optimum is unknown; a diverged run's NaN stays NaN, which sorts last, so
    // quartiles count it as the worst outcome rather than dropping it.
    v[k++] = f.minimiser() == null ? null : res.distance();
    v[k++] = Double.isNaN(f.minimum()) ? null : res.valueGap();
    v[k++] = res.bestValue();
    v[k++] = res.iterations();
    v[k++] = res.valueEvaluations();
    v[k++] = res.gradientEvaluations();
    v[k++] = res.status().name();
    v[k++] = res.reason();
    v[k++] = res.distanceHits();
    v[k++] = res.gapHits();
    v[k++] = success;
    v[k++] = hit;
    v[k++] = finalSuccess;
    v[k++] = res.wallNanos() / 1e6;
    v[k++] = executor;
    v[k++] = chunk;
    v[k++] = tr == null ? null : tr.iterations();
    v[k++] = tr == null ? null : tr.values();
    v[k++] = tr == null ? null : tr.distances();
    v[k++] = tr == null ? null : tr.gradientNorms();
    v[k] = tr == null ? null : tr.stepNorms();
    return v;
  }

  /**
   * Fills the leading columns every row has — job, study, trial, replicate, objective, solver,
   * schedule and the hyperparameters (left null when {@code hyper} is) — and returns the next index.
   */
  private int identity(Object[] v, JobSpec job, String study, long i, int r, String objective, String solver,
                       String schedule, Object[] hyper) {
    int k = 0;
    v[k++] = job.name();
    v[k++] = study;
    v[k++] = i;
    v[k++] = r;
    v[k++] = objective;
    v[k++] = solver;
    v[k++] = schedule;
    if (hyper != null) {
      System.arraycopy(hyper, 0, v, k, hyper.length);
    }
    return k + columns.hyper.size();
  }

  /** A FAILED row's values; schedule and hyperparameters are null where the trial could not be decoded. */
  private Object[] failedValues(JobSpec job, int s, String study, long i, int r, String schedule, Object[] hyper,
                                String reason, String executor) {
    Object[] v = new Object[width];
    int k = identity(v, job, study, i, r, job.studies().get(s).objective(), job.studies().get(s).solver(), schedule,
        hyper);
    v[k++] = job.start(s, i, r);
    v[k++] = null;
    v[k++] = Double.NaN;
    v[k++] = null;
    v[k++] = null;
    v[k++] = Double.NaN;
    v[k++] = 0;
    v[k++] = 0L;
    v[k++] = 0L;
    v[k++] = Status.FAILED.name();
    v[k++] = reason;
    v[k++] = new int[0];
    v[k++] = new int[0];
    v[k++] = false;
    v[k++] = null;
    v[k++] = false;
    v[k++] = 0.0;
    v[k++] = executor;
    v[k] = chunk;
    return v;
  }

}
