package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.cli.Main;

/**
 * {@code optsweep run} end to end on local[2]: a two-study job, read back by Spark and by DuckDB
 * (a Parquet reader that is not Spark), with the numbers recomputed from what was stored.
 */
class RunEndToEndTest {
  @TempDir
  static Path tmp;
  static Path out;
  static String console;
  static final long TRIALS = 8 + 3;
  static final int REPLICATES = 3;

  @BeforeAll
  static void runJob() throws Exception {
    SharedSpark.get();
    Path job = tmp.resolve("e2e.yaml");
    Files.copy(RunEndToEndTest.class.getResourceAsStream("/jobs/e2e.yaml"), job);
    out = tmp.resolve("out");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"run", job.toString(), "--out", out.toString()},
        new PrintStream(buf, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    console = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  static Connection duck() throws Exception {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  /** A table's search-stage rows (the confirmation's are tested in ConfirmationTest). */
  static String glob(String table) {
    return "(SELECT * FROM read_parquet('" + out.resolve(table) + "/**/*.parquet', hive_partitioning = true)"
        + " WHERE stage = 'search')";
  }

  @Test
  void runsHaveEveryTrialAndReplicateExactlyOnce() {
    Dataset<Row> runs = SharedSpark.get().read().parquet(out.resolve("runs").toString()).filter("stage = 'search'");
    assertEquals(TRIALS * REPLICATES, runs.count());
    assertEquals(TRIALS * REPLICATES, runs.select("study", "trial", "replicate").distinct().count());
    // Trial indices are 0..7 for the 2x2x2 grid of the nag study and 0..2 for adam.
    List<Row> perStudy = runs.groupBy("study").agg(org.apache.spark.sql.functions.max("trial"),
        org.apache.spark.sql.functions.count("*")).orderBy("study").collectAsList();
    assertEquals("adam", perStudy.get(0).getString(0));
    assertEquals(2L, perStudy.get(0).getLong(1));
    assertEquals(9L, perStudy.get(0).getLong(2));
    assertEquals(7L, perStudy.get(1).getLong(1));
    assertEquals(24L, perStudy.get(1).getLong(2));
  }

  @Test
  void duckdbReadsTheSameRowsAndTheStoredDistancesAreRight() throws Exception {
    try (Connection c = duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT (study, trial, replicate)) FROM " + glob("runs"));
      rs.next();
      assertEquals(TRIALS * REPLICATES, rs.getLong(1));
      assertEquals(TRIALS * REPLICATES, rs.getLong(2));
      // Ackley's minimiser is the origin: distance = ||x||, value_gap = f(x) recomputed from x.
      rs = s.executeQuery("SELECT max(abs(distance - sqrt(list_sum(list_transform(x, lambda v: v * v))))), "
          + "max(abs(value_gap - (-20 * exp(-0.2 * sqrt(list_sum(list_transform(x, lambda v: v * v)) / 2)) "
          + "- exp(list_sum(list_transform(x, lambda v: cos(2 * pi() * v))) / 2) + 20 + exp(1)))) "
          + "FROM " + glob("runs") + " WHERE status <> 'DIVERGED'");
      rs.next();
      assertTrue(rs.getDouble(1) < 1e-12, "distance error " + rs.getDouble(1));
      assertTrue(rs.getDouble(2) < 1e-12, "gap error " + rs.getDouble(2));
      // Replicate 0 starts exactly at (3, 2); the others within 0.05 of it.
      rs = s.executeQuery("SELECT count(*) FILTER (WHERE replicate = 0 AND start <> [3.0, 2.0]), "
          + "max(abs(start[1] - 3)), max(abs(start[2] - 2)) FROM " + glob("runs"));
      rs.next();
      assertEquals(0, rs.getLong(1));
      assertTrue(rs.getDouble(2) <= 0.05 && rs.getDouble(3) <= 0.05);
      // Hyperparameters are typed columns: NAG rows carry gamma, Adam rows beta1, not the other.
      rs = s.executeQuery("SELECT count(*) FILTER (WHERE study = 'nag' AND solver_gamma IS NULL), "
          + "count(*) FILTER (WHERE study = 'adam' AND solver_beta1 IS NULL), "
          + "count(*) FILTER (WHERE study = 'adam' AND solver_gamma IS NOT NULL), "
          + "count(DISTINCT schedule_lr0) FILTER (WHERE study = 'nag') FROM " + glob("runs"));
      rs.next();
      assertEquals(0, rs.getLong(1));
      assertEquals(0, rs.getLong(2));
      assertEquals(0, rs.getLong(3));
      assertEquals(2, rs.getLong(4));
    }
  }

  @Test
  void summaryAgreesWithTheRunsItSummarises() throws Exception {
    try (Connection c = duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("WITH r AS (SELECT study, trial, "
          + "avg(CASE WHEN distance_hits[1] >= 0 AND gap_hits[1] >= 0 THEN 1.0 ELSE 0.0 END) AS rate, "
          + "median(distance) AS med, quantile_cont(value_gap, 0.25) AS g25, quantile_cont(distance, 0.75) AS d75, "
          + "count(*) AS n FROM " + glob("runs") + " GROUP BY study, trial) "
          + "SELECT count(*), max(abs(r.rate - m.success_rate)), max(abs(r.med - m.distance_median)), "
          + "min(m.replicates), max(abs(r.g25 - m.gap_q25)), max(abs(r.d75 - m.distance_q75)) "
          + "FROM r JOIN " + glob("summary") + " m USING (study, trial)");
      rs.next();
      assertEquals(TRIALS, rs.getLong(1));
      assertEquals(0.0, rs.getDouble(2), 0.0);
      assertEquals(0.0, rs.getDouble(3), 1e-12);
      assertEquals(REPLICATES, rs.getLong(4));
      // Quartiles of 3 values interpolate halfway between two of them (DuckDB's quantile_cont).
      assertEquals(0.0, rs.getDouble(5), 1e-12);
      assertEquals(0.0, rs.getDouble(6), 1e-12);
    }
  }

  @Test
  void theSummaryTheTasksWroteEqualsTheGroupByReference() throws Exception {
    var spark = SharedSpark.get();
    var tables = new org.optsweep.output.Tables(org.optsweep.spec.JobParser.parse(tmp.resolve("e2e.yaml")));
    Dataset<Row> reference = SummaryReference.of(spark.read().parquet(out.resolve("runs").toString()), tables);
    // The columns the query defines are the table's, field for field, in the table's order (the
    // bootstrap intervals and end points, which SQL cannot compute, are tested in ConfirmationTest).
    List<String> cols = List.of(reference.columns());
    var schema = tables.summary().schema();
    assertEquals(cols, java.util.Arrays.stream(schema.fieldNames()).filter(cols::contains).toList());
    for (String c : cols) {
      assertEquals(reference.schema().apply(c), schema.apply(c), c);
    }
    Dataset<Row> written = spark.read().parquet(out.resolve("summary").toString())
        .selectExpr(cols.toArray(new String[0]));
    assertEquals(TRIALS, written.filter("stage = 'search'").count());
    // Wilson's bounds by two formulas (SQL and Java): equal to the last bits, so compared rounded.
    var round = cols.stream().map(c -> c.startsWith("success_rate_") ? "round(" + c + ", 12) AS " + c : c)
        .toArray(String[]::new);
    assertEquals(0, reference.selectExpr(round).exceptAll(written.selectExpr(round)).count());
    assertEquals(0, written.selectExpr(round).exceptAll(reference.selectExpr(round)).count());
  }

  @Test
  void sparkReadsBackTheTypesItWouldHaveWrittenAndNoStagedFileRemains() throws Exception {
    var spark = SharedSpark.get();
    var runs = new org.optsweep.output.Tables(org.optsweep.spec.JobParser.parse(tmp.resolve("e2e.yaml"))).runs();
    // Spark puts the directory (partition) columns last; the file columns keep their order and types.
    StructType expected = runs.schema();
    List<String> order = new java.util.ArrayList<>(runs.dataColumns());
    order.addAll(runs.partitions());
    StructType read = spark.read().parquet(out.resolve("runs").toString()).schema();
    assertEquals(order, List.of(read.fieldNames()));
    for (String c : order) {
      // As read, arrays may hold nulls (Spark reads every file column as nullable).
      assertEquals(expected.apply(c).dataType().simpleString(), read.apply(c).dataType().simpleString(), c);
    }
    assertEquals(List.of("job", "stage", "study", "trial", "replicate", "iteration", "value", "distance", "gradient_norm",
        "step_norm", "objective", "solver", "chunk"),
        List.of(spark.read().parquet(out.resolve("traces").toString()).schema().fieldNames()));
    assertFalse(Files.exists(out.resolve("_temporary")));
    try (var files = Files.walk(out)) {
      // Chunks of 5, 5 and 1 trials on local[2] at 2 tasks per core: 4 + 4 + 1 tasks, a summary file each;
      // then the confirmation's 2 + 2 settings, a task each.
      assertEquals(13, files.filter(f -> f.getParent().endsWith("summary") && f.toString().endsWith(".parquet"))
          .count());
    }
  }

  @Test
  void tracesStartAtTheStartPointForTheFirstTwoReplicates() throws Exception {
    try (Connection c = duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT count(DISTINCT (study, trial, replicate)), max(replicate), "
          + "count(*) FILTER (WHERE iteration = 0), "
          + "max(abs(distance - sqrt(13))) FILTER (WHERE iteration = 0 AND replicate = 0) FROM " + glob("traces"));
      rs.next();
      assertEquals(TRIALS * 2, rs.getLong(1));
      assertEquals(1, rs.getLong(2));
      assertEquals(TRIALS * 2, rs.getLong(3));
      assertTrue(rs.getDouble(4) < 1e-12);
    }
  }

  @Test
  void jobJsonRecordsTheRunAndTheConsoleShowsTheBestSettings() throws Exception {
    JsonNode j = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertEquals("SUCCEEDED", j.get("status").asText());
    // The search's rows and the confirmation's: the best 2 of each of the 2 studies, 4 fresh replicates each.
    assertEquals(TRIALS * REPLICATES + 2 * 2 * 4, j.get("rows").asLong());
    assertEquals(3, j.get("chunks").asInt());
    assertEquals(11, j.get("seed").asInt());
    assertTrue(j.get("versions").get("spark").asText().startsWith("4."));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertTrue(console.contains("best settings by their confirmed success rate on fresh starts"), console);
    // The first row of the printed table is DuckDB's first by the same order over the confirmed rows.
    try (Connection c = duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT study, trial, successes FROM read_parquet('" + out.resolve("summary")
          + "/*.parquet') WHERE stage = 'confirm' ORDER BY "
          + "success_rate DESC, ert_iterations ASC NULLS LAST, distance_median ASC NULLS LAST, study, trial LIMIT 1");
      rs.next();
      String header = console.lines().filter(l -> l.trim().startsWith("study")).findFirst().orElseThrow();
      String first = console.lines().dropWhile(l -> !l.equals(header)).skip(1).findFirst().orElseThrow();
      String[] cells = first.trim().split("\\s+");
      assertEquals(rs.getString(1), cells[0], console);
      assertEquals(rs.getLong(2), Long.parseLong(cells[1]), console);
    }
    assertTrue(console.contains(out.toString()), console);
    // The iteration count the tasks reported is what runs/ holds.
    try (Connection c = duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT sum(iterations) FROM read_parquet('" + out.resolve("runs")
          + "/**/*.parquet')");
      rs.next();
      assertEquals(rs.getLong(1), j.get("iterations").asLong());
    }
  }

  @Test
  void anExistingOutputIsRefusedAndLeftAlone() throws Exception {
    long before = Files.getLastModifiedTime(out.resolve("job.json")).toMillis();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"run", tmp.resolve("e2e.yaml").toString(), "--out", out.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("already exists; pass --overwrite"));
    assertEquals(before, Files.getLastModifiedTime(out.resolve("job.json")).toMillis());
    assertFalse(Files.exists(out.resolve(".job.json.tmp")));
  }
}
