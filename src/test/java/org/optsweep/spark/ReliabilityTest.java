package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.cli.Main;

/** Divergence and faulty objectives are data; the same job gives the same numbers however split. */
class ReliabilityTest {
  @TempDir
  Path tmp;

  record Outcome(int code, String out, String err) {}

  static Outcome runMain(String... args) {
    return new ReliabilityTest().run(args);
  }

  Outcome run(String... args) {
    SharedSpark.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path job(String name, String text) throws Exception {
    Path p = tmp.resolve(name + ".yaml");
    Files.writeString(p, text);
    return p;
  }

  /** The stop's sentence, rendered from runs/'s typed stop columns by the one renderer. */
  static final String REASON = "stop_reason(stop_test, stop_value, stop_threshold, stop_detail, iterations)";

  static Dataset<Row> runs(Path out) {
    org.optsweep.output.Reasons.register(SharedSpark.get());
    return SharedSpark.get().read().parquet(out.resolve("runs").toString());
  }

  @Test
  void explodingLearningRatesFinishGreenAsDivergedRows() throws Exception {
    Path job = job("diverge", "name: diverge\nobjective: {name: rosenbrock}\nstart: [-1.2, 1]\nsolver: gd\n"
        + "stopping: {max_iterations: 500}\nparameters:\n  schedule.lr0: {values: [1.0e-3, 0.5, 100]}\n"
        + "replicates: {count: 2, start_jitter: 0.1}\ntargets: {distance: 1.0e-3, value_gap: 1.0e-6}\n"
        + "confirmation: {enabled: false}\n");
    Path out = tmp.resolve("out-diverge");
    Outcome o = run("run", job.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    List<Row> rows = runs(out).filter("schedule_lr0 > 0.1").selectExpr("status", REASON, "iterations", "success")
        .collectAsList();
    assertEquals(4, rows.size());
    for (Row r : rows) {
      assertEquals("DIVERGED", r.getString(0));
      // gd with lr 0.5 on Rosenbrock at (-1.2, 1): |x| grows ~100x per step, past 1e12 within a few.
      assertTrue(r.getString(1).contains("at iteration " + r.getInt(2)), r.getString(1));
      assertTrue(r.getInt(2) < 20);
      assertFalse(r.getBoolean(3));
    }
    Row s = SharedSpark.get().read().parquet(out.resolve("summary").toString())
        .filter("schedule_lr0 = 100").first();
    assertEquals(2L, (long) s.getAs("diverged"));
    assertEquals(0.0, (double) s.getAs("success_rate"));
    assertEquals("SUCCEEDED", new ObjectMapper().readTree(out.resolve("job.json").toFile()).get("status").asText());
  }

  @Test
  void throwingAndHangingObjectivesAreFailedAndTimedOutRows() throws Exception {
    Path job = job("faulty", "name: faulty\nstart: [1, 1]\nsolver: gd\nschedule: {kind: constant, lr0: 0.1}\n"
        + "stopping: {max_iterations: 200, time_budget_ms: 200}\nstudies:\n"
        + "  - {name: fine, objective: sphere}\n"
        + "  - {name: throws, objective: {name: throwing, threshold: 0.5}}\n"
        + "  - {name: hangs, objective: hanging}\n"
        + "replicates: {count: 2, start_jitter: 0.01}\ntargets: {distance: 1.0e-3}\n"
        + "confirmation: {enabled: false}\n");
    Path out = tmp.resolve("out-faulty");
    Outcome o = run("run", job.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    List<Row> rows = runs(out).orderBy("study", "replicate").selectExpr("study", "status", REASON).collectAsList();
    assertEquals(6, rows.size());
    for (Row r : rows) {
      switch (r.getString(0)) {
        // GD with lr 0.1 multiplies x by 0.8 a step: no exact convergence in 200 steps, but near 0.
        case "fine" -> assertEquals("MAX_ITERATIONS", r.getString(1), r.getString(2));
        case "throws" -> {
          assertEquals("FAILED", r.getString(1));
          // From x0 = 1 (+-0.01) the gradient point drops below 0.5 at 0.8^4 = 0.41.
          assertTrue(r.getString(2).contains("IllegalStateException: simulated failure at x0 = 0.4"), r.getString(2));
        }
        default -> {
          assertEquals("TIMED_OUT", r.getString(1));
          assertTrue(r.getString(2).contains("did not return within the time budget of 200 ms"), r.getString(2));
        }
      }
    }
  }

  @Test
  void aCrashedJobIsMarkedFailedAndHasNoSuccessMarker() throws Exception {
    Path job = job("crash", "name: crash\nobjective: crashing\nstart: [1, 1]\nsolver: gd\n"
        + "stopping: {max_iterations: 10}\n");
    Path out = tmp.resolve("out-crash");
    Outcome o = run("run", job.toString(), "--out", out.toString());
    assertEquals(1, o.code());
    assertTrue(o.err().contains("simulated crash"), o.err());
    assertEquals("FAILED", new ObjectMapper().readTree(out.resolve("job.json").toFile()).get("status").asText());
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
    assertFalse(Files.exists(out.resolve("summary")));
  }

  @Test
  void theSameJobGivesTheSameRowsWhateverTheTasksAndChunks() throws Exception {
    String body = "name: split\nseed: 9\nobjective: {name: ackley, dimension: 2}\nstart: [3, 2]\nsolver: nag\n"
        + "stopping: {max_iterations: 300}\nparameters:\n  gamma: {distribution: uniform, min: 0, max: 0.95}\n"
        + "  schedule: {values: [constant, exponential]}\n"
        + "  schedule.lr0: {distribution: log_uniform, min: 1.0e-3, max: 1}\n"
        + "search: {method: random, trials: 40}\nreplicates: {count: 3, start_jitter: 0.1}\n"
        + "targets: {distance: 1.0e-2, value_gap: 1.0e-2}\nconfirmation: {top: 3, replicates: 10}\n";
    Path a = job("a", body + "execution: {tasks_per_core: 1}\n");
    Path b = job("b", body + "execution: {tasks_per_core: 7, trials_per_chunk: 6}\n");
    assertEquals(0, run("run", a.toString(), "--out", tmp.resolve("out-a").toString()).code());
    assertEquals(0, run("run", b.toString(), "--out", tmp.resolve("out-b").toString()).code());
    String[] timing = {"wall_ms", "executor", "chunk"};
    Dataset<Row> ra = runs(tmp.resolve("out-a")).drop(timing);
    Dataset<Row> rb = runs(tmp.resolve("out-b")).drop(timing).select(ra.columns()[0],
        java.util.Arrays.copyOfRange(ra.columns(), 1, ra.columns().length));
    // 40 trials x 3 replicates, then the best 3 on 10 fresh starts each.
    assertEquals(120 + 30, ra.count());
    assertEquals(0, ra.exceptAll(rb).count());
    assertEquals(0, rb.exceptAll(ra).count());
    assertEquals(7 + 1, runs(tmp.resolve("out-b")).select("chunk").distinct().count(),
        "40 trials in chunks of 6, then the confirmation");
    // The summaries too, intervals included: the bootstrap is seeded by the setting, not the task.
    Dataset<Row> sa = SharedSpark.get().read().parquet(tmp.resolve("out-a/summary").toString());
    Dataset<Row> sb = SharedSpark.get().read().parquet(tmp.resolve("out-b/summary").toString()).select(
        sa.columns()[0], java.util.Arrays.copyOfRange(sa.columns(), 1, sa.columns().length));
    assertEquals(40 + 3, sa.count());
    assertEquals(0, sa.exceptAll(sb).count());
    assertEquals(0, sb.exceptAll(sa).count());
  }

  @Test
  void badCommandLinesExitTwoAndWriteNothing() throws Exception {
    Path good = job("good", "name: good\nobjective: sphere\nstart: [1, 1]\nsolver: gd\n");
    Path out = tmp.resolve("nothing");
    Outcome o = run("run", good.toString(), "--out", out.toString(), "--fast");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("Unrecognized option: --fast"), o.err());
    o = run("run", good.toString(), "--out");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("Missing argument for option: out"), o.err());
    o = run("run", tmp.resolve("missing.yaml").toString(), "--out", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("missing.yaml") && o.err().contains("no such file"), o.err());
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    o = run("run", good.toString(), "--out", file.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("is a file; expected a directory"), o.err());
    o = run("run", good.toString(), "--out", out.toString(), "--conf", "spark.executor.memory");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("expected KEY=VALUE"), o.err());
    o = run("run", "--resume", tmp.resolve("nowhere").toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("no optsweep output there"), o.err());
    assertFalse(Files.exists(out));
    assertEquals("x", Files.readString(file));
    // --overwrite replaces optsweep outputs only: a folder of other files is left alone.
    Path precious = tmp.resolve("precious");
    Files.createDirectories(precious);
    Files.writeString(precious.resolve("thesis.tex"), "chapter 1");
    o = run("run", good.toString(), "--out", precious.toString(), "--overwrite");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("not an optsweep output"), o.err());
    assertEquals("chapter 1", Files.readString(precious.resolve("thesis.tex")));
  }

  @Test
  void theCompressionCodecIsSparksSettingAndAnUnshippedOneIsRefusedBeforeAnyWork() throws Exception {
    Path job = job("codec", "name: codec\nobjective: sphere\nstart: [1, 1]\nsolver: gd\n"
        + "parameters:\n  schedule.lr0: {values: [0.1, 0.2]}\nreplicates: {count: 2, start_jitter: 0.1}\n"
        + "confirmation: {enabled: false}\n");
    Path refused = tmp.resolve("out-brotli");
    Outcome o = run("run", job.toString(), "--out", refused.toString(), "--conf",
        "spark.sql.parquet.compression.codec=brotli");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("spark.sql.parquet.compression.codec=brotli: expected one of snappy, zstd"), o.err());
    assertFalse(Files.exists(refused));
    Path out = tmp.resolve("out-zstd");
    o = run("run", job.toString(), "--out", out.toString(), "--conf", "spark.sql.parquet.compression.codec=ZSTD");
    assertEquals(0, o.code(), o.err());
    try (var files = Files.walk(out)) {
      List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList();
      assertFalse(names.isEmpty());
      assertTrue(names.stream().allMatch(n -> n.endsWith(".zstd.parquet")), names.toString());
    }
    // Read by DuckDB, which decodes the pages itself.
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
         var rs = st.executeQuery("SELECT count(*), count(DISTINCT schedule_lr0) FROM read_parquet('"
             + out.resolve("runs") + "/**/*.parquet', hive_partitioning = true)")) {
      rs.next();
      assertEquals(4, rs.getLong(1));
      assertEquals(2, rs.getLong(2));
    }
  }

  @Test
  void resumingAnOutputWhoseCommittedChunksHaveNoSummaryFilesIsRefused() throws Exception {
    // What an earlier version, which wrote summary/ only at the end, leaves when it is killed.
    Path job = job("old", "name: old\nobjective: sphere\nstart: [1, 1]\nsolver: gd\n");
    Path out = tmp.resolve("out-old");
    assertEquals(0, run("run", job.toString(), "--out", out.toString()).code());
    Files.delete(out.resolve("_SUCCESS"));
    try (var files = Files.walk(out.resolve("summary"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Outcome o = run("run", job.toString(), "--resume", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("committed chunk 0 has no summary/ files"), o.err());
  }

  @Test
  void resumeWithAnotherJobFileIsRefused() throws Exception {
    Path a = job("first", "name: first\nobjective: sphere\nstart: [1, 1]\nsolver: gd\n");
    Path b = job("second", "name: second\nobjective: sphere\nstart: [2, 1]\nsolver: gd\n");
    Path out = tmp.resolve("out-first");
    assertEquals(0, run("run", a.toString(), "--out", out.toString()).code());
    Files.delete(out.resolve("_SUCCESS"));
    Outcome o = run("run", b.toString(), "--resume", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("made by a different job file"), o.err());
  }
}
