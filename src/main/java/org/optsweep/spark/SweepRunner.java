package org.optsweep.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.optsweep.InputException;
import org.optsweep.output.BestTable;
import org.optsweep.output.ChunkCommit;
import org.optsweep.output.JobInfo;
import org.optsweep.output.Output;
import org.optsweep.output.ParquetRows;
import org.optsweep.output.Tables;
import org.optsweep.spec.JobSpec;

/**
 * The driver of {@code optsweep run}: splits the job's trials into chunks (one Spark job each) and
 * each chunk into contiguous blocks (one task each, {@link ChunkTask}); commits each chunk's files
 * ({@link ChunkCommit}) and marks it committed; prints the best settings and keeps {@code job.json}
 * ({@link JobInfo}) up to date. A chunk's marker is written after its files are in place, so
 * {@code --resume} skips committed chunks and redoes the others, and a run killed at any point
 * finishes with every (trial, replicate) exactly once.
 */
public final class SweepRunner {
  private SweepRunner() {}

  /** The Parquet compression setting, Spark's own (its values and default). */
  static final String CODEC = "spark.sql.parquet.compression.codec";
  private static final String DEFAULT_CODEC = "snappy";
  /** Spark's setting naming the commit protocol (spark-hadoop-cloud's for S3A committers). */
  static final String COMMIT_PROTOCOL = "spark.sql.sources.commitProtocolClass";
  /** Rows of the printed table. */
  private static final int BEST_ROWS = 10;

  /**
   * How to run.
   *
   * @param out       output location (a directory or any Hadoop path)
   * @param master    Spark master, or null (spark-submit's, else local[*])
   * @param conf      extra Spark configuration
   * @param overwrite replace an existing output
   * @param resume    finish an existing output of the same job
   * @param console   where progress and the result table go
   */
  public record Options(String out, String master, Map<String, String> conf, boolean overwrite, boolean resume,
                        PrintStream console) {}

  /** What the run did. */
  public record Result(long rows, long iterations, int chunksRun, int chunksSkipped, double seconds) {}

  /**
   * Checks the output location and the settings read before Spark starts (the compression codec):
   * bad ones are refused with exit 2 and nothing written.
   */
  public static Output prepareOutput(String jobText, Options o) throws IOException {
    Map<String, String> all = sparkSettings(o);
    String codec = all.getOrDefault(CODEC, DEFAULT_CODEC);
    try {
      ParquetRows.codec(codec);
    } catch (IllegalArgumentException e) {
      throw new InputException(CODEC + "=" + codec + ": " + e.getMessage());
    }
    return Output.prepare(o.out(), jobText, o.overwrite(), o.resume(), hadoop(all));
  }

  /** Spark's settings as the session will see them: spark-submit's, then --conf. */
  private static Map<String, String> sparkSettings(Options o) {
    Map<String, String> all = new LinkedHashMap<>();
    for (var t : new SparkConf().getAll()) {
      all.put(t._1(), t._2());
    }
    all.putAll(o.conf());
    return all;
  }

  /** The Hadoop settings Spark will use (spark.hadoop.*), so job.json reaches the store the tables do. */
  private static Configuration hadoop(Map<String, String> all) {
    Configuration hadoop = new Configuration();
    all.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        hadoop.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    return hadoop;
  }

  /** The job text stored in an output (for {@code --resume OUT} without a job file), on any Hadoop path. */
  public static String readJobText(String location) throws IOException {
    return Output.jobText(location, new Configuration());
  }

  /** Runs the job. The output must have been checked by {@link #prepareOutput}. */
  public static Result run(JobSpec job, String jobText, Output out, Options o) throws Exception {
    long t0 = System.nanoTime();
    SparkSession spark = Sessions.get(job, o.master(), o.conf());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    out.clearIfReplacing();
    Tables tables = new Tables(job);
    int cores = jsc.defaultParallelism();
    if (!o.resume()) {
      out.write(Output.JOB_YAML, jobText);
    }
    Map<String, String> sparkConf = new LinkedHashMap<>();
    for (var t : spark.sparkContext().getConf().getAll()) {
      sparkConf.put(t._1(), t._2());
    }
    JobInfo info = new JobInfo(job, jobText, spark.version(), sparkConf, cores, out);
    out.write(Output.JOB_JSON, info.json());
    LongAccumulator done = jsc.sc().longAccumulator("trials done");
    long confirmTrials = 0;
    for (int st = 0; st < job.studies().size(); st++) {
      confirmTrials += job.confirmedTrials(st);
    }
    List<JobSpec.RungRef> rungs = job.adaptive() ? job.rungs() : List.of();
    long searchUnits = job.adaptive() ? rungs.stream().mapToLong(r -> r.settings(job)).sum() : job.totalTrials();
    Progress progress = new Progress(o.console(), done, searchUnits + confirmTrials);
    Configuration conf = ChunkCommit.configure(jsc.hadoopConfiguration(), out.uri(""));
    String protocol = jsc.getConf().get(COMMIT_PROTOCOL, ChunkCommit.DEFAULT_PROTOCOL);
    int keep = Math.max(BEST_ROWS, job.confirmTop());
    Stages stages = new Stages(tables, keep);
    long rows = 0;
    long iterations = 0;
    long trials = 0;
    int ran = 0;
    int skipped = 0;
    ChunkCommit commit = null;
    try {
      ReferencePrep prep = ReferencePrep.of(spark, job);
      String codec = o.conf().getOrDefault(CODEC, jsc.getConf().get(CODEC, DEFAULT_CODEC));
      out.writeTable(tables.references(), prep.references(), spark.version(), codec);
      info.references(prep.references().size(), prep.computed(), prep.seconds());
      ChunkTask.Target target = new ChunkTask.Target(jsc.broadcast(new SerializableConfiguration(conf)), codec,
          spark.version(), jsc.broadcast(prep));
      progress.start();
      double commitSeconds = 0;
      double confirmSeconds = 0;
      var committed = out.committedChunks();
      int confirmChunk = job.chunks();
      for (int c = 0; c <= confirmChunk; c++) {
        boolean confirm = c == confirmChunk;
        if (confirm && job.confirmTop() == 0) {
          break;
        }
        if (committed.contains(c)) {
          skipped++;
          progress.skip(confirm ? confirmTrials : job.adaptive() ? rungs.get(c).settings(job)
              : Math.min(job.totalTrials(), (c + 1) * job.trialsPerChunk()) - c * job.trialsPerChunk());
          continue;
        }
        long tc = System.nanoTime();
        ChunkTask.Work work;
        if (confirm) {
          if (skipped > 0) {
            // The committed chunks' best settings are in summary/: the selection reads them all.
            stages = Stages.of(Resumed.read(spark, out, tables, keep), tables, keep);
          }
          work = stages.confirmation(job);
        } else {
          long lo = c * job.trialsPerChunk();
          work = job.adaptive() ? null
              : ChunkTask.Work.search(c, lo, Math.min(job.totalTrials(), lo + job.trialsPerChunk()));
        }
        out.removeUncommitted(c);
        commit = ChunkCommit.setUp(protocol, conf, out.uri(""), c);
        List<ChunkTask.Result> results = work == null
            ? RungRunner.run(spark, jsc, job, jobText, out, rungs.get(c), cores, done, commit, target)
            : runChunk(jsc, job, jobText, work, cores, done, commit, target);
        long t1 = System.nanoTime();
        List<FileCommitProtocol.TaskCommitMessage> messages = new ArrayList<>();
        for (ChunkTask.Result r : results) {
          messages.add(r.message());
          rows += r.rows();
          iterations += r.iterations();
          trials += r.trials();
          r.best().forEach(stages::offer);
        }
        commit.commit(conf, messages);
        commit = null;
        out.write(Output.CHUNKS + "/" + c, "committed " + Instant.now() + "\n");
        commitSeconds += (System.nanoTime() - t1) / 1e9;
        if (confirm) {
          confirmSeconds = (System.nanoTime() - tc) / 1e9;
        }
        ran++;
      }
      progress.stop();
      Map<String, Double> timings = new LinkedHashMap<>();
      timings.put("solve_and_write_s", (System.nanoTime() - t0) / 1e9 - commitSeconds);
      timings.put("commit_s", commitSeconds);
      timings.put("confirmation_s", confirmSeconds);
      if (skipped > 0) {
        // Resumed: the committed chunks' settings are in summary/ already; the table and the counts
        // are taken from all of it.
        long t2 = System.nanoTime();
        Resumed r = Resumed.read(spark, out, tables, keep);
        trials = r.trials();
        rows = r.rows();
        iterations = r.iterations();
        stages = Stages.of(r, tables, keep);
        timings.put("resume_summary_read_s", (System.nanoTime() - t2) / 1e9);
      }
      long expectedRows = job.totalSolves() + job.confirmSolves();
      long expectedTrials = job.totalTrials() + confirmTrials;
      if (rows != expectedRows || trials != expectedTrials) {
        throw new IllegalStateException("runs/ holds " + rows + " rows of " + trials + " settings, expected "
            + expectedRows + " rows of " + expectedTrials + " settings");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      BestTable.print(stages.top(BEST_ROWS, false), stages.top(BEST_ROWS, true), stages.searchRows(), tables, job,
          o.console(), out.uri(""), seconds, rows);
      info.succeeded(seconds, rows, iterations, ran, skipped, timings);
      out.write(Output.JOB_JSON, info.json());
      out.write(Output.SUCCESS, "");
      return new Result(rows, iterations, ran, skipped, seconds);
    } catch (Exception | Error e) {
      progress.stop();
      // The failed chunk's other task attempts are being killed; one still writing when the staged files are
      // removed would leave its file behind, so they are given time to stop (between trials) first.
      if (commit != null) {
        org.optsweep.output.TaskOutput.awaitAttempts(commit, 60_000);
      }
      // Staged files first: on a full disk, removing them is what makes room for job.json.
      try {
        if (commit != null) {
          commit.abort(conf);
        }
        out.delete(ChunkCommit.STAGING);
      } catch (Exception | Error cleanup) {
        e.addSuppressed(cleanup);
      }
      String why = org.optsweep.Failures.describe(e);
      String diagnosis = out.unwritable();
      if (diagnosis != null && !why.contains(diagnosis)) {
        why += " (" + diagnosis + ")";
      }
      info.failed((System.nanoTime() - t0) / 1e9, why);
      try {
        out.write(Output.JOB_JSON, info.json());
      } catch (IOException io) {
        e.addSuppressed(io);
      }
      throw new org.optsweep.Failures.RunFailed(why, e);
    }
  }

  /** Runs a chunk's Spark job; the tasks write and commit their attempts' files. */
  private static List<ChunkTask.Result> runChunk(JavaSparkContext jsc, JobSpec job, String jobText, ChunkTask.Work work,
                                                 int cores, LongAccumulator done, ChunkCommit commit,
                                                 ChunkTask.Target target) {
    int c = work.chunk();
    // The confirmation's settings each solve many replicates: one task per setting balances them.
    int tasks = (int) Math.max(1, Math.min(work.size(), work.confirm() ? Integer.MAX_VALUE
        : (long) cores * job.tasksPerCore()));
    List<Integer> ids = IntStream.range(0, tasks).boxed().toList();
    jsc.setJobGroup("optsweep-chunk-" + c, "optsweep " + job.name() + " chunk " + c, false);
    List<ChunkTask.Result> results = jsc.parallelize(ids, tasks)
        .mapPartitions(new ChunkTask(job.file(), jobText, work, tasks, cores, done, commit, target))
        .collect();
    if (results.stream().mapToInt(ChunkTask.Result::task).distinct().count() != tasks || results.size() != tasks) {
      throw new IllegalStateException("chunk " + c + ": " + results.size() + " task results, expected one from each of "
          + tasks + " tasks");
    }
    return results;
  }
}
