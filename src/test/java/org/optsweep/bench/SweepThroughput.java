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
 * <p>The Spark time is the whole {@code run}: chunks, the tasks' Parquet writing, the commit, the
 * printed table and job.json — everything but the session start-up (~7 s, paid once per job).
 *
 * <ul>
 *   <li>cold: the first job in the JVM, which also pays the one-time costs of the code paths Spark
 *       and Parquet take (class loading, JIT compilation: several core-seconds on the same cores);
 *       what a short job sees.</li>
 *   <li>warm rounds: the same job with other seeds; what each further stretch of a long job sees.
 *       The median of the rounds is the headline, and the most conservative figure — the warm
 *       median rate against the fastest single-thread sample of the whole run — is printed too.</li>
 * </ul>
 *
 * <p>Every Spark run is compared with the mean of the single-thread samples taken right before
 * and right after it: the host is a shared VM whose speed drifts by ±10% within a minute, and a
 * reference measured at another time would move the ratio by as much.
 *
 * <p>Arguments: trials (20,000), replicates (4), cores (2), max_iterations (5,000), warm rounds
 * (3; 0 runs the cold job only). The system property {@code tasksPerCore} (default 4) sets the
 * job's execution.tasks_per_core.
 */
public final class SweepThroughput {
  private SweepThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].endsWith(".yaml")) {
      jobFile(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 2,
          args.length > 2 ? Integer.parseInt(args[2]) : 1);
      return;
    }
    long trials = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
    int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int cores = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int maxIterations = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    PrintStream out = System.out;
    JobSpec job = JobParser.parse("throughput.yaml", jobText(trials, replicates, maxIterations, 1));
    out.printf(Locale.ROOT, "NAG on 2-D Ackley from (25, 20), random search over gamma and an exponential "
        + "schedule, max_iterations %d%n", maxIterations);
    long sample = Math.min(trials, 4000);

    // 1. One thread, the same trials, no Spark: warm up, then time a prefix of the trials.
    solveSerially(job, Math.min(trials, 500));
    double[] first = serialSample(job, sample, out);
    double serialRate = first[0];
    double fastest = serialRate;

    // 2. For scale, what plain Java threads get on this machine: `cores` threads, each solving the
    // same sample, no Spark. Below 1 when the cores slow each other down (shared caches, lower
    // all-core clock, a busy host); the Spark figures below cannot be expected to beat it.
    double threadsRate = 0;
    for (int k = 0; k < 2; k++) {
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

    // 3. The Spark job on local[cores], cold (the first job in the JVM), then warm rounds (the job
    // with other seeds). Each is compared with the mean of the single-thread samples taken just
    // before and just after it, which cancels a drift of the host's speed over the run.
    double[] efficiency = new double[rounds];
    double[] rates = new double[rounds];
    double[] before = first;
    for (int k = -1; k < rounds; k++) {
      String what = k < 0 ? "cold" : "warm round " + (k + 1);
      double[] r = run(jobText(trials, replicates, maxIterations, 2 + k + 1), cores, out, what);
      double[] after = serialSample(job, sample, out);
      fastest = Math.max(fastest, after[0]);
      double e = report(out, trials, r, cores, (before[0] + after[0]) / 2, (before[1] + after[1]) / 2);
      if (k >= 0) {
        efficiency[k] = e;
        rates[k] = r[0] / r[1];
      }
      before = after;
    }
    if (rounds > 0) {
      java.util.Arrays.sort(efficiency);
      java.util.Arrays.sort(rates);
      out.printf(Locale.ROOT, "warm efficiency, median of %d rounds (each against the samples around it): "
          + "%.3f (range %.3f-%.3f)%n", rounds, median(efficiency), efficiency[0], efficiency[rounds - 1]);
      out.printf(Locale.ROOT, "warm efficiency, conservative (median warm rate / (%d x fastest sample %.3g)): %.3f%n",
          cores, fastest, median(rates) / (cores * fastest));
    }
  }

  /**
   * A job file's own solves: every trial in a plain single-thread loop, then the job through
   * {@code optsweep run} on local[cores] (cold: the first Spark job of the JVM), then the loop again;
   * rounds &gt; 1 repeat the run (warm). Prints the ratio of the run's solve phase (and of the whole
   * run) to cores × the single thread's rate, the mean of the loops around it.
   */
  private static void jobFile(Path file, int cores, int rounds) throws Exception {
    PrintStream out = System.out;
    String text = Files.readString(file);
    JobSpec job = JobParser.parse(file.toString(), text);
    out.printf(Locale.ROOT, "%s: %,d trials x %d replicates%n", file, job.totalTrials(), job.replicates());
    solveSerially(job, Math.min(job.totalTrials(), 200));
    double[] before = serialSample(job, job.totalTrials(), out);
    for (int k = 0; k < rounds; k++) {
      String what = k == 0 ? "cold" : "warm round " + k;
      Path dir = Files.createTempDirectory("optsweep-throughput");
      SweepRunner.Options o = new SweepRunner.Options(dir.resolve("out").toString(), "local[" + cores + "]", Map.of(),
          false, false, new PrintStream(java.io.OutputStream.nullOutputStream()));
      var output = SweepRunner.prepareOutput(text, o);
      Timeline timeline = new Timeline();
      if (k == 0) {
        SparkSession.builder().master("local[" + cores + "]").appName("throughput").config("spark.ui.enabled", "false")
            .getOrCreate();
      }
      SparkSession.active().sparkContext().addSparkListener(timeline);
      Map<String, Long> cpu0 = threadCpu();
      double process0 = processCpuSeconds();
      long t1 = System.nanoTime();
      SweepRunner.Result r = SweepRunner.run(job, text, output, o);
      double seconds = (System.nanoTime() - t1) / 1e9;
      Map<String, Long> cpu1 = threadCpu();
      double processCpu = processCpuSeconds() - process0;
      SparkSession.active().sparkContext().removeSparkListener(timeline);
      timeline.print(out, cores);
      printThreadCpu(out, cpu0, cpu1, processCpu);
      var timings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/job.json").toFile())
          .get("timings");
      double solve = timings.get("solve_and_write_s").asDouble();
      out.println("  phases (job.json): " + timings);
      double[] after = serialSample(job, job.totalTrials(), out);
      double single = (before[0] + after[0]) / 2;
      out.printf(Locale.ROOT, "%s optsweep run on local[%d]: %,d iterations in %.2f s (solve phase %.2f s)%n", what,
          cores, r.iterations(), seconds, solve);
      out.printf(Locale.ROOT, "  ratio, solve phase: %.3g it/s / (%d x %.3g) = %.3f; whole run: %.3f%n",
          r.iterations() / solve, cores, single, r.iterations() / solve / (cores * single),
          r.iterations() / seconds / (cores * single));
      before = after;
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * Per Spark job of a run: its wall time, its tasks' summed run time and the longest task, so a ratio
   * below 1 can be split into idle cores (few or uneven tasks) and time outside the tasks.
   */
  static final class Timeline extends org.apache.spark.scheduler.SparkListener {
    private final Map<Integer, long[]> jobs = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<Integer, Integer> stageJob = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, java.util.List<long[]>> tasks = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long first = Long.MAX_VALUE;

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
      jobs.put(e.jobId(), new long[] {e.time(), 0});
      first = Math.min(first, e.time());
      for (var st : scala.jdk.javaapi.CollectionConverters.asJava(e.stageIds())) {
        stageJob.put((Integer) st, e.jobId());
      }
    }

    @Override
    public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd e) {
      jobs.get(e.jobId())[1] = e.time();
    }

    @Override
    public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
      Integer job = stageJob.get(e.stageId());
      if (job != null) {
        tasks.computeIfAbsent(job, j -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
            .add(new long[] {e.taskInfo().launchTime(), e.taskInfo().finishTime()});
      }
    }

    void print(PrintStream out, int cores) {
      long prevEnd = -1;
      for (var j : jobs.entrySet()) {
        long[] t = j.getValue();
        var ts = tasks.getOrDefault(j.getKey(), java.util.List.of());
        long sum = ts.stream().mapToLong(x -> x[1] - x[0]).sum();
        long max = ts.stream().mapToLong(x -> x[1] - x[0]).max().orElse(0);
        long wall = t[1] - t[0];
        out.printf(Locale.ROOT, "  spark job %d: starts %+.2f s after the %s, %.2f s wall, %d tasks, %.2f task-s "
            + "(%.2f of %d cores busy), longest task %.2f s%n", j.getKey(), (t[0] - (prevEnd < 0 ? first : prevEnd)) / 1e3,
            prevEnd < 0 ? "first" : "previous", wall / 1e3, ts.size(), sum / 1e3, wall == 0 ? 0 : sum / (double) (cores * wall),
            cores, max / 1e3);
        prevEnd = t[1];
      }
    }
  }

  /** CPU nanoseconds of every live thread of this JVM, by thread name with its digits dropped (threads of a pool together). */
  private static Map<String, Long> threadCpu() {
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> byId = new java.util.HashMap<>();
    for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null) {
        long c = mx.getThreadCpuTime(info.getThreadId());
        if (c > 0) {
          byId.put(info.getThreadId() + "|" + info.getThreadName().replaceAll("[0-9]+", "N"), c);
        }
      }
    }
    return byId;
  }

  /**
   * Where the JVM's CPU went during a run, by thread group (threads that ended during the run are not counted:
   * the sum is a lower bound), so a ratio below 1 can be told apart into the solving threads and the rest.
   */
  private static void printThreadCpu(PrintStream out, Map<String, Long> before, Map<String, Long> after,
                                     double processCpu) {
    Map<String, Long> byName = new java.util.TreeMap<>();
    after.forEach((k, v) -> byName.merge(k.substring(k.indexOf('|') + 1), v - before.getOrDefault(k, 0L), Long::sum));
    double java = byName.values().stream().mapToLong(Long::longValue).sum() / 1e9;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  CPU-seconds during the run: the JVM %.2f, of "
        + "which JIT compilers, GC and other non-Java threads %.2f; Java threads:", processCpu, processCpu - java));
    byName.entrySet().stream().filter(e -> e.getValue() > 20_000_000L)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / 1e9)));
    out.println(b);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** One single-thread sample: {iterations per second, iterations per CPU-second of the thread}. */
  private static double[] serialSample(JobSpec job, long sample, PrintStream out) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = threads.getCurrentThreadCpuTime();
    long iterations = solveSerially(job, sample);
    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "single thread: %,d trials x %d replicates, %,d iterations in %.2f s = %.3g iterations/s "
        + "(%.3g per CPU-second)%n", sample, job.replicates(), iterations, seconds, iterations / seconds,
        iterations / cpu);
    return new double[] {iterations / seconds, iterations / cpu};
  }

  /** CPU time of every thread of this JVM so far, in seconds. */
  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /**
   * Prints a run's rates; returns its efficiency against {@code serialRate}. Also prints the same
   * ratio in CPU time — iterations per CPU-second of the whole JVM (task threads, JIT, GC, Spark)
   * against one thread's per CPU-second — which a busy host's stolen time does not move: it
   * shows what the run spends beside solving.
   */
  private static double report(PrintStream out, long trials, double[] r, int cores, double serialRate,
                               double serialCpuRate) {
    double sparkRate = r[0] / r[1];
    double e = sparkRate / (cores * serialRate);
    out.printf(Locale.ROOT, "  %.0f trials/s, %.0f solves/s, %.3g iterations/s; efficiency = %.3g / (%d x %.3g, "
        + "the samples around it) = %.3f%n",
        trials / r[1], r[2] / r[1], sparkRate, sparkRate, cores, serialRate, e);
    out.printf(Locale.ROOT, "  in CPU time: %.1f CPU-seconds of the JVM (%.2f of %d cores), %.3g iterations per "
        + "CPU-second = %.3f of one thread's %.3g%n", r[3], r[3] / (cores * r[1]), cores, r[0] / r[3],
        r[0] / r[3] / serialCpuRate, serialCpuRate);
    return e;
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

  /** Runs a job on local[cores]; returns {iterations, seconds, rows, CPU-seconds of the JVM}. */
  private static double[] run(String jobText, int cores, PrintStream out, String what) throws Exception {
    JobSpec job = JobParser.parse("throughput.yaml", jobText);
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("throughput")
        .config("spark.ui.enabled", "false").getOrCreate();
    Path dir = Files.createTempDirectory("optsweep-throughput");
    SweepRunner.Options o = new SweepRunner.Options(dir.resolve("out").toString(), null, Map.of(), false, false,
        new PrintStream(java.io.OutputStream.nullOutputStream()));
    var output = SweepRunner.prepareOutput(jobText, o);
    long t1 = System.nanoTime();
    double cpu0 = processCpuSeconds();
    SweepRunner.Result r = SweepRunner.run(job, jobText, output, o);
    double cpu = processCpuSeconds() - cpu0;
    double seconds = (System.nanoTime() - t1) / 1e9;
    // From the tasks' reports (job.json's count): a Spark SQL query here would leave JIT
    // compilation of its code paths running into the next timed run.
    long iterations = r.iterations();
    out.printf(Locale.ROOT, "%s on local[%d]: %,d trials x %d replicates = %,d solves, %,d iterations in %.2f s%n",
        what, cores, job.totalTrials(), job.replicates(), r.rows(), iterations, seconds);
    out.println("  phases (job.json): " + new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("out/job.json").toFile()).get("timings"));
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    return new double[] {iterations, seconds, r.rows(), cpu};
  }

  /** The job's first {@code trials} trials solved in a plain loop, traces as the job asks; the iterations. */
  private static long solveSerially(JobSpec job, long trials) {
    long iterations = 0;
    for (long g = 0; g < trials; g++) {
      JobSpec.TrialIndex at = job.locate(g);
      Trial t = job.trial(at.study(), at.index());
      var solver = t.setup().solver();
      for (int rep = 0; rep < job.replicates(); rep++) {
        int trace = rep < job.traceReplicates() ? job.tracePoints() : 0;
        SolveResult res = solver.solve(t.setup().request(t.setup().objective(), job.start(at.study(), at.index(), rep),
            job.targets(), trace));
        iterations += res.iterations();
      }
    }
    return iterations;
  }
}
