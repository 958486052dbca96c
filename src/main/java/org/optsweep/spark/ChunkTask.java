package org.optsweep.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.optsweep.InputException;
import org.optsweep.objective.Objective;
import org.optsweep.output.ChunkCommit;
import org.optsweep.output.ParquetRows;
import org.optsweep.output.SolveRecord;
import org.optsweep.output.Tables;
import org.optsweep.output.TaskOutput;
import org.optsweep.solver.SolveResult;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;

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

  /** A job as an executor JVM read it: its text, the validated spec and its tables. */
  record Parsed(String text, JobSpec job, Tables tables) {}

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
    return parsed(jobFile, jobText);
  }

  /** The job of this text, read once per executor JVM (re-read only when another job comes). */
  static Parsed parsed(String jobFile, String jobText) {
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
      TrialWriter w = new TrialWriter(parsed.job(), parsed.tables(), files, executor,
          work.confirm() ? SolveRecord.CONFIRM : SolveRecord.SEARCH, chunk, target.sparkVersion());
      int replicates = work.confirm() ? parsed.job().confirmReplicates() : parsed.job().replicates();
      for (int k = taskNumber; ; ) {
        // A confirmation task solves one setting (many replicates); a search task a block of them.
        long[] b = work.confirm() ? new long[] {k, k + 1} : Blocks.block(lo, hi, k, tasks, cores);
        for (long g = b[0]; g < b[1]; g++) {
          // A killed attempt (a failed job's other tasks, a losing speculative copy) stops here,
          // between trials, instead of solving its block to the end.
          task.killTaskIfInterrupted();
          if (work.confirm()) {
            trial(w, parsed.job(), work.studies()[(int) g], work.trials()[(int) g], replicates);
          } else {
            JobSpec.TrialIndex at = parsed.job().locate(g);
            trial(w, parsed.job(), at.study(), at.index(), replicates);
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

  /** Solves every replicate of setting i of study s and writes its rows. */
  private void trial(TrialWriter w, JobSpec job, int s, long i, int replicates) throws IOException {
    TrialWriter.Setting st = w.begin(s, i);
    if (st == null) {
      // A combination validation could not reach: a FAILED row per replicate, never a crashed job.
      for (int r = 0; r < replicates; r++) {
        w.write(w.notRun(s, i, r, null, null, w.invalid()));
      }
      w.summary();
      return;
    }
    var setup = st.setup();
    for (int r = 0; r < replicates; r++) {
      double[] start = job.start(s, i, r, work.confirm());
      // Built-in objectives are reused across a trial's replicates (one after another on this
      // thread). A user's objective under the watchdog gets a fresh instance: an abandoned solve may
      // still be running on the old one.
      Objective f = st.guarded() ? setup.newObjective() : setup.objective();
      // The confirmation traces every replicate: its curves are the ones a report shows.
      int tracePoints = work.confirm() || r < job.traceReplicates() ? job.tracePoints() : 0;
      SolveResult res;
      try {
        var req = setup.request(f, start, st.targets(), tracePoints);
        res = st.guarded() ? watchdog().solve(setup.solver(), req) : setup.solver().solve(req);
      } catch (InputException e) {
        w.write(w.notRun(s, i, r, setup.scheduleName(), st.hyper(), e.getMessage()));
        continue;
      }
      w.write(w.record(st, r, start, res, f));
    }
    w.summary();
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
}
