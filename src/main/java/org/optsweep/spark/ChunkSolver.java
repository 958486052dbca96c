package org.optsweep.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
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
 * executor and solved replicate by replicate, streamed out as rows (nothing is collected).
 *
 * <p>The job travels as its YAML text and is re-read once per executor JVM, so no spec object needs
 * to be serialisable and what runs is exactly what was validated. Every number depends only on
 * (job seed, study, trial, replicate): never on the task, partition or executor.
 *
 * <p>Rows leave as Spark's internal rows (UTF8String, unsafe arrays), typed by {@link
 * Columns#solveSchema}: the external-Row encoder that {@code createDataFrame} would otherwise run
 * on every row, and plan and compile on the driver before the first task, is not needed.
 */
final class ChunkSolver implements FlatMapFunction<Iterator<Integer>, InternalRow> {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, JobSpec> JOBS = new ConcurrentHashMap<>();

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

  ChunkSolver(String jobFile, String jobText, Columns columns, int chunk, long lo, long hi, int tasks, int cores,
              LongAccumulator trialsDone) {
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
  public Iterator<InternalRow> call(Iterator<Integer> taskIds) {
    JobSpec job = JOBS.computeIfAbsent(jobText, t -> JobParser.parseValidated(jobFile, t));
    org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
    if (task != null) {
      // Also when the task fails or is killed: no idle watchdog thread outlives its task.
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> {
        if (watchdog != null) {
          watchdog.close();
          watchdog = null;
        }
      });
    }
    String executor = SparkEnv.get() == null ? null : SparkEnv.get().executorId();
    DataType[] types = types(columns.solveSchema());
    return new Iterator<>() {
      private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
      private long next = -1;
      private long end = -1;

      private boolean fill() {
        while (ready.isEmpty()) {
          if (next >= end) {
            if (!taskIds.hasNext()) {
              if (watchdog != null) {
                watchdog.close();
                watchdog = null;
              }
              return false;
            }
            long[] b = block(lo, hi, taskIds.next(), tasks, cores);
            next = b[0];
            end = b[1];
            continue;
          }
          solveTrial(job, next++, executor, ready);
          trialsDone.add(1);
        }
        return true;
      }

      @Override
      public boolean hasNext() {
        return fill();
      }

      @Override
      public InternalRow next() {
        if (!fill()) {
          throw new NoSuchElementException();
        }
        return internal(ready.poll(), types);
      }
    };
  }

  private void solveTrial(JobSpec job, long global, String executor, ArrayDeque<Object[]> out) {
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
        out.add(failedValues(job, s, study, i, r, null, null, "invalid setting " + job.values(s, i) + ": "
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
        out.add(failedValues(job, s, study, i, r, trial.setup().scheduleName(), hyper, e.getMessage(), executor));
        continue;
      }
      out.add(row(job, study, i, r, trial, hyper, start, res, f, executor));
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
    Targets tg = job.targets();
    boolean distOk = f.minimiser() != null && tg.distances().length > 0;
    boolean gapOk = !Double.isNaN(f.minimum()) && tg.gaps().length > 0;
    boolean success;
    Integer hit = null;
    boolean finalSuccess;
    if (!distOk && !gapOk) {
      // No decidable target: success means a convergence test passed.
      success = res.status() == Status.CONVERGED;
      hit = success ? res.iterations() : null;
      finalSuccess = success;
    } else {
      int h = 0;
      success = true;
      finalSuccess = true;
      if (distOk) {
        h = Math.max(h, res.distanceHits()[0]);
        success &= res.distanceHits()[0] >= 0;
        finalSuccess &= res.distance() <= tg.distances()[0];
      }
      if (gapOk) {
        h = Math.max(h, res.gapHits()[0]);
        success &= res.gapHits()[0] >= 0;
        finalSuccess &= res.valueGap() <= tg.gaps()[0];
      }
      hit = success ? h : null;
    }
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
   * A DataFrame over internal rows of {@code schema}, without the external-Row encoder that
   * {@code createDataFrame} plans on the driver and runs per row. internalCreateDataFrame is public
   * in the bytecode of Spark's classic (non-Connect) session, which local mode and spark-submit give.
   */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame(org.apache.spark.sql.SparkSession spark,
      org.apache.spark.api.java.JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** The column types of a schema, in order, for {@link #internal}. */
  static DataType[] types(StructType schema) {
    return java.util.Arrays.stream(schema.fields()).map(StructField::dataType).toArray(DataType[]::new);
  }

  /**
   * External values (String, boxed numbers, double[] and int[]; validated parameter arrays are
   * double[]) as an internal row of the given types.
   */
  static InternalRow internal(Object[] v, DataType[] types) {
    Object[] out = new Object[types.length];
    for (int i = 0; i < out.length; i++) {
      Object x = i < v.length ? v[i] : null;
      if (x == null) {
        continue;
      }
      DataType t = types[i];
      if (t instanceof StringType) {
        out[i] = UTF8String.fromString(String.valueOf(x));
      } else if (t instanceof DoubleType) {
        out[i] = ((Number) x).doubleValue();
      } else if (t instanceof IntegerType) {
        out[i] = ((Number) x).intValue();
      } else if (t instanceof LongType) {
        out[i] = ((Number) x).longValue();
      } else if (t instanceof ArrayType a && a.elementType() instanceof IntegerType) {
        out[i] = UnsafeArrayData.fromPrimitiveArray((int[]) x);
      } else if (t instanceof ArrayType) {
        out[i] = UnsafeArrayData.fromPrimitiveArray((double[]) x);
      } else {
        out[i] = x;
      }
    }
    return new GenericInternalRow(out);
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
