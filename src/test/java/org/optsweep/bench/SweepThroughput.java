package org.optsweep.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.optsweep.solver.SolveResult;
import org.optsweep.spark.SweepRunner;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.Trial;

/**
 * Throughput of {@code optsweep run} against the single-thread speed of the same solves, measured in
 * one run: efficiency = (iterations/s achieved by the Spark job on local[C]) / (C × iterations/s of
 * one thread solving the same trials in a plain loop). Run with {@code bench/throughput.sh}.
 *
 * <p>The Spark time is the whole {@code run}: chunks, Parquet writing of runs/, the summary and
 * job.json — everything but the session start-up (~7 s, paid once per job). The first job in a JVM
 * also pays the first-use costs of Spark's code paths (class loading, code generation, JIT: ~10 s
 * here, once per JVM), so the same job is run twice with different seeds: the first ("cold") is what
 * a short job sees, the second ("warm") what each further hour of a long job sees. Both are printed.
 * The system property {@code tasksPerCore} (default 4) sets the job's execution.tasks_per_core;
 * {@code -Dwarm=false} skips the warm run.
 */
public final class SweepThroughput {
  private SweepThroughput() {}

  public static void main(String[] args) throws Exception {
    long trials = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int maxIterations = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    PrintStream out = System.out;
    String jobText = jobText(trials, replicates, maxIterations, 1);
    JobSpec job = JobParser.parse("throughput.yaml", jobText);
    out.printf(Locale.ROOT, "NAG on 2-D Ackley from (25, 20), random search over gamma and an exponential "
        + "schedule, max_iterations %d%n", maxIterations);

    // 1. One thread, the same trials, no Spark: warm up, then time a prefix of the trials three
    // times and keep the fastest (the host is shared: a slow baseline would flatter the ratio).
    solveSerially(job, Math.min(trials, 500));
    long sample = Math.min(trials, 4000);
    double serialRate = 0;
    for (int k = 0; k < 3; k++) {
      long t0 = System.nanoTime();
      long serialIterations = solveSerially(job, sample);
      double serialSeconds = (System.nanoTime() - t0) / 1e9;
      serialRate = Math.max(serialRate, serialIterations / serialSeconds);
      out.printf(Locale.ROOT, "single thread: %,d trials x %d replicates, %,d iterations in %.2f s = %.3g iterations/s%n",
          sample, replicates, serialIterations, serialSeconds, serialIterations / serialSeconds);
    }

    // 2. For scale, what plain Java threads get on this machine: `cores` threads, each solving the
    // same sample, no Spark. Below 1 when the cores slow each other down (shared caches, lower
    // all-core clock, a busy host); the Spark figures below cannot be expected to beat it.
    double threadsRate = 0;
    for (int k = 0; k < 3; k++) {
      long[] its = new long[cores];
      Thread[] threads = new Thread[cores];
      long t0 = System.nanoTime();
      for (int c = 0; c < cores; c++) {
        int cc = c;
        threads[c] = new Thread(() -> its[cc] = solveSerially(job, sample));
        threads[c].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      threadsRate = Math.max(threadsRate, java.util.Arrays.stream(its).sum() / secs);
    }
    out.printf(Locale.ROOT, "%d plain threads, no Spark (each the same sample): %.3g iterations/s = %.3f of %d x single%n",
        cores, threadsRate, threadsRate / (cores * serialRate), cores);

    // 3. The Spark job on local[cores]: cold (first job in the JVM), then warm (another seed).
    String[] runs = Boolean.parseBoolean(System.getProperty("warm", "true"))
        ? new String[] {"cold", "warm"} : new String[] {"cold"};
    for (String what : runs) {
      double[] r = run(what.equals("cold") ? jobText(trials, replicates, maxIterations, 2) : jobText, cores, out, what);
      double sparkRate = r[0] / r[1];
      out.printf(Locale.ROOT, "  %.0f trials/s, %.0f solves/s, %.3g iterations/s; efficiency = %.3g / (%d x %.3g) = %.3f%n",
          trials / r[1], r[2] / r[1], sparkRate, sparkRate, cores, serialRate, sparkRate / (cores * serialRate));
    }
  }

  private static String jobText(long trials, int replicates, int maxIterations, long seed) {
    return String.join("\n",
        "name: throughput",
        "seed: " + seed,
        "objective: {name: ackley, dimension: 2}",
        "start: [25, 20]",
        "solver: nag",
        "schedule: exponential",
        "stopping: {max_iterations: " + maxIterations + "}",
        "parameters:",
        "  gamma: {values: [0.0, 0.2, 0.5, 0.9]}",
        "  schedule.lr0: {distribution: log_uniform, min: 1.0e-3, max: 3}",
        "  schedule.decay: {distribution: uniform, min: 0.99, max: 0.9995}",
        "search: {method: random, trials: " + trials + "}",
        "replicates: {count: " + replicates + ", start_jitter: 0.01}",
        "targets: {distance: 2.0e-4, value_gap: 5.0e-4}",
        "execution: {tasks_per_core: " + Integer.getInteger("tasksPerCore", 4) + "}",
        "");
  }

  /** Runs a job on local[cores]; returns {iterations, seconds, rows}. */
  private static double[] run(String jobText, int cores, PrintStream out, String what) throws Exception {
    JobSpec job = JobParser.parse("throughput.yaml", jobText);
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("throughput")
        .config("spark.ui.enabled", "false").getOrCreate();
    Path dir = Files.createTempDirectory("optsweep-throughput");
    SweepRunner.Options o = new SweepRunner.Options(dir.resolve("out").toString(), null, Map.of(), false, false,
        new PrintStream(java.io.OutputStream.nullOutputStream()));
    var output = SweepRunner.prepareOutput(jobText, o);
    long t1 = System.nanoTime();
    SweepRunner.Result r = SweepRunner.run(job, jobText, output, o);
    double seconds = (System.nanoTime() - t1) / 1e9;
    long iterations = spark.read().parquet(dir.resolve("out/runs").toString())
        .agg(org.apache.spark.sql.functions.sum("iterations")).first().getLong(0);
    out.printf(Locale.ROOT, "%s on local[%d]: %,d trials x %d replicates = %,d solves, %,d iterations in %.2f s%n",
        what, cores, job.totalTrials(), job.replicates(), r.rows(), iterations, seconds);
    out.println("  phases (job.json): " + new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/job.json").toFile()).get("timings"));
    return new double[] {iterations, seconds, r.rows()};
  }

  private static long solveSerially(JobSpec job, long trials) {
    long iterations = 0;
    for (long i = 0; i < trials; i++) {
      Trial t = job.trial(0, i);
      var solver = t.setup().solver();
      for (int rep = 0; rep < job.replicates(); rep++) {
        SolveResult res = solver.solve(t.setup().request(t.setup().objective(), job.start(0, i, rep), job.targets(), 0));
        iterations += res.iterations();
      }
    }
    return iterations;
  }
}
