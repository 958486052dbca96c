package org.optsweep.spark;

import static org.apache.spark.sql.functions.expr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.LongAccumulator;
import org.optsweep.InputException;
import org.optsweep.spec.JobSpec;

/**
 * The driver of {@code optsweep run}: splits the job's trials into chunks (one Spark job each) and
 * each chunk into contiguous blocks (one task each). The tasks write {@code runs/}, {@code traces/}
 * and {@code summary/} as Parquet while they solve ({@link ChunkSolver}); the driver receives only
 * file names, counts and each task's best settings, commits the files ({@link TaskFiles}), prints
 * the best settings and writes {@code job.json} with the resolved job, versions, Spark
 * configuration, timings and status.
 *
 * <p>A chunk is committed by a marker file after its files are in place; {@code --resume} skips
 * committed chunks and rewrites the others, so a run killed at any point finishes with every
 * (trial, replicate) exactly once.
 */
public final class SweepRunner {
  private SweepRunner() {}

  /** Directories and files of an output. */
  public static final String RUNS = "runs";
  public static final String TRACES = "traces";
  public static final String SUMMARY = "summary";
  public static final String JOB_JSON = "job.json";
  public static final String JOB_YAML = "job.yaml";
  public static final String CHUNKS = "_chunks";
  public static final String SUCCESS = "_SUCCESS";
  /** The Parquet compression setting, Spark's own (its values and default). */
  static final String CODEC = "spark.sql.parquet.compression.codec";
  private static final String DEFAULT_CODEC = "snappy";
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
   * Checks the output location before Spark starts: refuses an existing output without
   * {@code --overwrite}/{@code --resume}, a path that is a file, and a resume of another job.
   *
   * @return the output
   */
  public static Output prepareOutput(String jobText, Options o) throws IOException {
    // The same Hadoop settings Spark will use (spark.hadoop.* from spark-submit or --conf), so that
    // job.json and the markers reach the same store with the same credentials as the tables.
    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
    Map<String, String> all = new LinkedHashMap<>();
    for (var t : new SparkConf().getAll()) {
      all.put(t._1(), t._2());
    }
    all.putAll(o.conf());
    all.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        hadoop.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    String codec = all.getOrDefault(CODEC, DEFAULT_CODEC);
    try {
      ParquetRows.codec(codec);
    } catch (IllegalArgumentException e) {
      throw new InputException(CODEC + "=" + codec + ": " + e.getMessage());
    }
    OutputGuard.checkLocation(o.resume() ? "--resume" : "--out", o.out());
    Output out = Output.open(o.resume() ? "--resume" : "--out", o.out(), hadoop);
    FileStatus st = out.status();
    if (st != null && !st.isDirectory()) {
      throw new InputException("output path " + o.out() + " is a file; expected a directory (or a path that does not exist)");
    }
    if (o.resume()) {
      if (st == null || !out.exists(JOB_YAML)) {
        throw new InputException("--resume " + o.out() + ": no optsweep output there (no " + JOB_YAML + ") to resume");
      }
      OutputGuard.checkOwn(out, o.out(), "--resume writes only into optsweep outputs, so nothing was written");
      if (!out.read(JOB_YAML).equals(jobText)) {
        throw new InputException("--resume " + o.out() + ": the output was made by a different job file (its "
            + JOB_YAML + " differs from the one given); resume with the same job, or start a new output");
      }
      if (out.exists(SUCCESS)) {
        throw new InputException("--resume " + o.out() + ": that run already finished (" + SUCCESS + " exists)");
      }
      // Committed chunks have their summary/ rows since the tasks write them (earlier versions
      // wrote summary/ at the end of a run): a resume needs them for the printed table.
      java.util.Set<Integer> summarised = new java.util.HashSet<>();
      if (out.exists(SUMMARY)) {
        for (FileStatus f : out.fs.listStatus(out.path(SUMMARY))) {
          summarised.add(TaskFiles.chunkOf(f.getPath().getName()));
        }
      }
      FileStatus[] markers = out.fs.globStatus(out.path(CHUNKS + "/*"));
      if (markers != null) {
        for (FileStatus m : markers) {
          String c = m.getPath().getName();
          if (c.matches("\\d+") && !summarised.contains(Integer.parseInt(c))) {
            throw new InputException("--resume " + o.out() + ": committed chunk " + c + " has no " + SUMMARY
                + "/ files (an output of an earlier optsweep version, which wrote " + SUMMARY
                + "/ only at the end); run the job again into a new output");
          }
        }
      }
    } else if (st != null && (out.fs.listStatus(out.root).length > 0)) {
      if (!o.overwrite()) {
        throw new InputException("output " + o.out() + " already exists; pass --overwrite to replace it, "
            + "or --resume to finish an interrupted run of the same job");
      }
      OutputGuard.checkReplaceable(out, o.out());
      // Deleted once Spark has started (a bad --conf must not cost the old output).
      out.clearOnStart = true;
    }
    return out;
  }

  /** The job text stored in an output (for {@code --resume OUT} without a job file), on any Hadoop path. */
  public static String readJobText(String location) throws IOException {
    OutputGuard.checkLocation("--resume", location);
    Output out = Output.open("--resume", location, new org.apache.hadoop.conf.Configuration());
    if (!out.exists(JOB_YAML)) {
      throw new InputException("--resume " + location + ": no optsweep output there (no " + JOB_YAML + ")");
    }
    return out.read(JOB_YAML);
  }

  /** Runs the job. The output must have been checked by {@link #prepareOutput}. */
  public static Result run(JobSpec job, String jobText, Output out, Options o) throws Exception {
    long t0 = System.nanoTime();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("format", OutputGuard.FORMAT);
    info.put("format_version", OutputGuard.FORMAT_VERSION);
    info.put("status", "RUNNING");
    info.put("started", Instant.now().toString());
    SparkSession spark = session(job, o);
    if (out.clearOnStart) {
      OutputGuard.clear(out);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Columns columns = new Columns(job);
    int chunks = job.chunks();
    int cores = jsc.defaultParallelism();
    if (!o.resume()) {
      out.write(JOB_YAML, jobText);
    }
    describe(info, job, jobText, spark, out, cores, chunks);
    out.write(JOB_JSON, json(info));
    LongAccumulator done = jsc.sc().longAccumulator("trials done");
    Progress progress = new Progress(o.console(), done, job.totalTrials());
    ChunkSolver.Target target = new ChunkSolver.Target(out.uri(""),
        jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration())),
        o.conf().getOrDefault(CODEC, jsc.getConf().get(CODEC, DEFAULT_CODEC)), spark.version());
    int ran = 0;
    int skipped = 0;
    long rows = 0;
    long iterations = 0;
    long trials = 0;
    List<Row> best = new ArrayList<>();
    StructType summarySchema = Summary.schema(columns);
    try {
      progress.start();
      long per = job.trialsPerChunk();
      double commitSeconds = 0;
      for (int c = 0; c < chunks; c++) {
        long lo = c * per;
        long hi = Math.min(job.totalTrials(), lo + per);
        if (out.exists(CHUNKS + "/" + c)) {
          skipped++;
          progress.skip(hi - lo);
          continue;
        }
        List<TaskFiles.Result> results = runChunk(jsc, job, jobText, columns, out, c, lo, hi, cores, done, target);
        long t1 = System.nanoTime();
        TaskFiles.commit(out.fs, out.root, results, c);
        out.write(CHUNKS + "/" + c, "committed " + Instant.now() + "\n");
        commitSeconds += (System.nanoTime() - t1) / 1e9;
        for (TaskFiles.Result r : results) {
          rows += r.rows();
          iterations += r.iterations();
          trials += r.trials();
          for (Object[] v : r.best()) {
            best.add(new GenericRowWithSchema(v, summarySchema));
          }
        }
        ran++;
      }
      progress.stop();
      out.delete(TaskFiles.STAGING);
      Map<String, Object> timings = new LinkedHashMap<>();
      timings.put("solve_and_write_s", (System.nanoTime() - t0) / 1e9 - commitSeconds);
      timings.put("commit_s", commitSeconds);
      if (skipped > 0) {
        // Resumed: the committed chunks' settings are in summary/ already; the table and the
        // counts are taken from all of it.
        long t2 = System.nanoTime();
        Dataset<Row> summary = spark.read().schema(summarySchema).parquet(out.uri(SUMMARY));
        Row counts = summary.agg(expr("count(*)"), expr("coalesce(sum(replicates), 0)"),
            expr("coalesce(sum(CAST(round(iterations_mean * replicates) AS BIGINT)), 0)")).first();
        trials = counts.getLong(0);
        rows = counts.getLong(1);
        iterations = counts.getLong(2);
        best = Summary.top(summary, BEST_ROWS);
        timings.put("resume_summary_read_s", (System.nanoTime() - t2) / 1e9);
      }
      best.sort(Summary.best(summarySchema));
      best = best.subList(0, Math.min(BEST_ROWS, best.size()));
      if (rows != job.totalSolves() || trials != job.totalTrials()) {
        throw new IllegalStateException("runs/ holds " + rows + " rows of " + trials + " trials, expected "
            + job.totalSolves() + " rows of " + job.totalTrials() + " trials");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Summary.printBest(best, columns, job, o.console(), out.uri(""), seconds, rows);
      info.put("timings", timings);
      info.put("status", "SUCCEEDED");
      info.put("finished", Instant.now().toString());
      info.put("seconds", seconds);
      info.put("rows", rows);
      info.put("iterations", iterations);
      info.put("chunks_run", ran);
      info.put("chunks_skipped", skipped);
      out.write(JOB_JSON, json(info));
      out.write(SUCCESS, "");
      return new Result(rows, iterations, ran, skipped, seconds);
    } catch (Exception | Error e) {
      progress.stop();
      info.put("status", "FAILED");
      info.put("error", e.toString());
      info.put("finished", Instant.now().toString());
      try {
        out.write(JOB_JSON, json(info));
      } catch (IOException io) {
        e.addSuppressed(io);
      }
      throw e;
    }
  }

  /** Runs a chunk's Spark job; the tasks write its files into staging, returned for the commit. */
  private static List<TaskFiles.Result> runChunk(JavaSparkContext jsc, JobSpec job, String jobText, Columns columns,
                                                 Output out, int c, long lo, long hi, int cores,
                                                 LongAccumulator done, ChunkSolver.Target target) throws IOException {
    // A chunk that was started but not committed (a killed run) may have left staged files and,
    // if the driver died while committing, some final ones: remove both before solving it again.
    out.delete(TaskFiles.staging(c));
    for (String table : List.of(RUNS, TRACES)) {
      deleteAll(out, out.path(table + "/*/*/chunk=" + c));
    }
    deleteAll(out, out.path(SUMMARY + "/" + TaskFiles.prefix(c) + "*"));
    int tasks = (int) Math.max(1, Math.min(hi - lo, (long) cores * job.tasksPerCore()));
    List<Integer> ids = IntStream.range(0, tasks).boxed().toList();
    jsc.setJobGroup("optsweep-chunk-" + c, "optsweep " + job.name() + " chunk " + c, false);
    List<TaskFiles.Result> results = jsc.parallelize(ids, tasks)
        .mapPartitions(new ChunkSolver(job.file(), jobText, columns, c, lo, hi, tasks, cores, done, target))
        .collect();
    if (results.stream().mapToInt(TaskFiles.Result::task).distinct().count() != tasks || results.size() != tasks) {
      throw new IllegalStateException("chunk " + c + ": " + results.size() + " task results, expected one from each of "
          + tasks + " tasks");
    }
    return results;
  }

  private static void deleteAll(Output out, org.apache.hadoop.fs.Path glob) throws IOException {
    FileStatus[] found = out.fs.globStatus(glob);
    if (found != null) {
      for (FileStatus f : found) {
        out.fs.delete(f.getPath(), true);
      }
    }
  }

  private static SparkSession session(JobSpec job, Options o) {
    var existing = SparkSession.getDefaultSession();
    if (existing.isDefined() && o.master() == null && o.conf().isEmpty()) {
      // A session of the embedding JVM (tests, a notebook): used as it is. The builder would apply
      // its options to the session's SQL state, building that state (a second of class loading
      // and set-up in a fresh JVM) for a run that needs no SQL.
      return existing.get();
    }
    SparkConf probe = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("optsweep " + job.name());
    if (o.master() != null) {
      b.master(o.master());
    } else if (!probe.contains("spark.master")) {
      b.master("local[*]");
    }
    if (!probe.contains("spark.ui.showConsoleProgress")) {
      b.config("spark.ui.showConsoleProgress", "false");
    }
    o.conf().forEach(b::config);
    return b.getOrCreate();
  }

  private static void describe(Map<String, Object> info, JobSpec job, String jobText, SparkSession spark,
                               Output out, int cores, int chunks) {
    info.put("job", job.name());
    info.put("job_file", job.file());
    info.put("job_sha256", sha256(jobText));
    info.put("seed", job.seed());
    info.put("resolved", job.resolved());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (int s = 0; s < job.studies().size(); s++) {
      counts.put(job.studies().get(s).name(), job.trials(s));
    }
    info.put("trials", counts);
    info.put("replicates", job.replicates());
    info.put("solves", job.totalSolves());
    info.put("chunks", chunks);
    info.put("trials_per_chunk", job.trialsPerChunk());
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("distance", job.targets().distances());
    targets.put("value_gap", job.targets().gaps());
    targets.put("headline", "the first distance and the first value_gap threshold; success = both hit");
    info.put("targets", targets);
    Map<String, Object> versions = new LinkedHashMap<>();
    Package pkg = SweepRunner.class.getPackage();
    versions.put("optsweep", pkg.getImplementationVersion() == null ? "dev" : pkg.getImplementationVersion());
    versions.put("spark", spark.version());
    versions.put("scala", scala.util.Properties.versionNumberString());
    versions.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version"));
    versions.put("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    versions.put("math", "java.lang.Math (HotSpot intrinsics): bit-reproducible on the same JVM build and CPU "
        + "family; another JVM or architecture can differ in the last bit, which chaotic settings amplify");
    info.put("versions", versions);
    info.put("default_parallelism", cores);
    Map<String, String> conf = new java.util.TreeMap<>();
    for (var t : spark.sparkContext().getConf().getAll()) {
      conf.put(t._1(), t._2());
    }
    info.put("spark_conf", conf);
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("runs", out.uri(RUNS));
    tables.put("traces", out.uri(TRACES));
    tables.put("summary", out.uri(SUMMARY));
    info.put("tables", tables);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(Map<String, Object> info) throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info) + "\n";
  }

  /** Console progress: trials done of total, rate and ETA, every few seconds from a daemon thread. */
  static final class Progress {
    private final PrintStream console;
    private final LongAccumulator done;
    private final long total;
    private volatile boolean running;
    private long skippedTrials;
    private Thread thread;
    private final long start = System.nanoTime();

    Progress(PrintStream console, LongAccumulator done, long total) {
      this.console = console;
      this.done = done;
      this.total = total;
    }

    void skip(long n) {
      skippedTrials += n;
    }

    void start() {
      running = true;
      thread = new Thread(() -> {
        long last = -1;
        while (running) {
          try {
            Thread.sleep(2000);
          } catch (InterruptedException e) {
            return;
          }
          long d = done.value() + skippedTrials;
          if (d != last && d > 0 && running) {
            print(d);
            last = d;
          }
        }
      }, "optsweep-progress");
      thread.setDaemon(true);
      thread.start();
    }

    private void print(long d) {
      double secs = (System.nanoTime() - start) / 1e9;
      double rate = (d - skippedTrials) / Math.max(secs, 1e-9);
      long left = total - d;
      String eta = rate > 0 ? formatSeconds(left / rate) : "?";
      console.printf(Locale.ROOT, "[optsweep] trials %,d / %,d (%.1f%%), %.0f trials/s, ETA %s%n", d, total,
          100.0 * d / total, rate, eta);
    }

    void stop() {
      running = false;
      if (thread != null) {
        thread.interrupt();
      }
    }

    static String formatSeconds(double s) {
      long t = Math.round(s);
      return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60)
          : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
  }

}
