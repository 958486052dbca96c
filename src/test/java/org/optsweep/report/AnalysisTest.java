package org.optsweep.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optsweep.spark.SharedSpark;
import org.optsweep.stats.FixedBudget;
import org.optsweep.stats.Interval;
import org.optsweep.stats.Proportion;
import org.optsweep.stats.RuntimeEcdf;

/**
 * The derived tables of a small real output against numbers computed outside them: the statistics package's
 * own functions on the rows read back by DuckDB (not Spark), and DuckDB queries.
 */
class AnalysisTest {
  static SweepOutput in;
  static Analysis.Result result;

  @BeforeAll
  static void compute() throws Exception {
    in = SweepOutput.open(SharedSpark.get(), ReportFixture.output().toString());
    result = Analysis.ensure(in, System.err);
  }

  /** Per study: hits (run × target), iterations and evaluations per run, from DuckDB. */
  record Runs(List<int[]> hits, List<Integer> iterations, List<Long> evals) {}

  static Map<String, Runs> runsByStudy() throws Exception {
    Map<String, Runs> out = new LinkedHashMap<>();
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT study, list_concat(distance_hits, gap_hits), iterations, "
          + "f_evals + grad_evals FROM " + ReportFixture.glob("runs") + " ORDER BY study, trial, replicate");
      while (rs.next()) {
        Runs r = out.computeIfAbsent(rs.getString(1), k -> new Runs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        Object[] a = (Object[]) rs.getArray(2).getArray();
        int[] h = new int[a.length];
        for (int i = 0; i < a.length; i++) {
          h[i] = ((Number) a[i]).intValue();
        }
        r.hits().add(h);
        r.iterations().add(rs.getInt(3));
        r.evals().add(rs.getLong(4));
      }
    }
    return out;
  }

  static List<Row> rows(List<Row> table, String... key) {
    return table.stream().filter(r -> {
      for (int i = 0; i < key.length; i++) {
        if (!String.valueOf(r.get(i)).equals(key[i])) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  @Test
  void ecdfInIterationsIsRuntimeEcdfOfTheStoredHits() throws Exception {
    Map<String, Runs> runs = runsByStudy();
    int max = runs.values().stream().flatMap(r -> r.iterations().stream()).mapToInt(Integer::intValue).max().orElseThrow();
    int[] grid = RuntimeEcdf.budgetGrid(max);
    for (var e : runs.entrySet()) {
      List<Row> ours = rows(result.ecdf(), "search", e.getKey(), e.getKey(), "iterations");
      RuntimeEcdf.Table expected = RuntimeEcdf.of(e.getValue().hits().toArray(int[][]::new), grid);
      assertArrayEquals(expected.budgets(), ours.stream().mapToInt(r -> (int) r.getLong(4)).toArray());
      assertArrayEquals(expected.fractions(), ours.stream().mapToDouble(r -> r.getDouble(7)).toArray(), 0.0, e.getKey());
      assertEquals(e.getValue().hits().size() * 3L, ours.get(0).getLong(5), "pairs = runs x 3 targets");
    }
  }

  @Test
  void ecdfInEvaluationsIsRuntimeEcdfOfProRatedHitsAndDuckDbAgrees() throws Exception {
    Map<String, Runs> runs = runsByStudy();
    long maxEvals = runs.values().stream().flatMap(r -> r.evals().stream()).mapToLong(Long::longValue).max().orElseThrow();
    int[] grid = RuntimeEcdf.budgetGrid((int) maxEvals);
    for (var e : runs.entrySet()) {
      Runs r = e.getValue();
      int[][] evalHits = new int[r.hits().size()][];
      for (int i = 0; i < evalHits.length; i++) {
        int[] h = r.hits().get(i);
        evalHits[i] = new int[h.length];
        for (int t = 0; t < h.length; t++) {
          // reached within integer budget b iff (f+g)·hit/iterations <= b iff its ceiling <= b
          double at = r.iterations().get(i) > 0 ? (double) (r.evals().get(i) * h[t]) / r.iterations().get(i) : 0;
          evalHits[i][t] = h[t] < 0 ? -1 : (int) Math.ceil(at);
        }
      }
      List<Row> ours = rows(result.ecdf(), "search", e.getKey(), e.getKey(), "evaluations");
      assertArrayEquals(RuntimeEcdf.of(evalHits, grid).fractions(),
          ours.stream().mapToDouble(x -> x.getDouble(7)).toArray(), 0.0, e.getKey());
    }
    String budgets = java.util.Arrays.stream(grid).mapToObj(Integer::toString).collect(Collectors.joining(","));
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("WITH p AS (SELECT study, iterations, f_evals + grad_evals AS evals, "
          + "unnest(list_concat(distance_hits, gap_hits)) AS hit FROM " + ReportFixture.glob("runs") + ") "
          + "SELECT study, b.budget, count(*) FILTER (WHERE hit >= 0 AND (CASE WHEN iterations > 0 THEN "
          + "evals * hit / iterations ELSE 0 END) <= b.budget), count(*) FROM p, (SELECT unnest([" + budgets
          + "]) AS budget) b GROUP BY 1, 2 ORDER BY 1, 2");
      int n = 0;
      while (rs.next()) {
        Row ours = rows(result.ecdf(), "search", rs.getString(1), rs.getString(1), "evaluations").stream()
            .filter(x -> x.getLong(4) == rs_getLong(rs, 2)).findFirst().orElseThrow();
        assertEquals(rs.getLong(3), ours.getLong(6), "reached at " + ours);
        assertEquals(rs.getLong(4), ours.getLong(5));
        n++;
      }
      assertEquals(2 * grid.length, n);
    }
  }

  private static long rs_getLong(ResultSet rs, int i) {
    try {
      return rs.getLong(i);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fixedBudgetIsFixedBudgetSummarizeOfTheTracesBestSoFar() throws Exception {
    int maxIter;
    Map<String, List<double[]>> gaps = new LinkedHashMap<>();
    Map<String, List<int[]>> iters = new LinkedHashMap<>();
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      ResultSet m = s.executeQuery("SELECT max(iterations) FROM " + ReportFixture.glob("runs"));
      m.next();
      maxIter = m.getInt(1);
      ResultSet rs = s.executeQuery("WITH f AS (SELECT study, trial, min(value - value_gap) AS fstar FROM "
          + ReportFixture.glob("runs") + " GROUP BY ALL) SELECT t.study, t.trial, t.replicate, "
          + "list(t.iteration ORDER BY t.iteration), list(t.value - f.fstar ORDER BY t.iteration) FROM "
          + ReportFixture.glob("traces") + " t JOIN f USING (study, trial) GROUP BY ALL ORDER BY 1, 2, 3");
      while (rs.next()) {
        Object[] it = (Object[]) rs.getArray(4).getArray();
        Object[] g = (Object[]) rs.getArray(5).getArray();
        iters.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(java.util.Arrays.stream(it)
            .mapToInt(x -> ((Number) x).intValue()).toArray());
        gaps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(java.util.Arrays.stream(g)
            .mapToDouble(x -> ((Number) x).doubleValue()).toArray());
      }
    }
    int[] budgets = FixedBudgetTable.budgets(maxIter);
    assertArrayEquals(new int[] {10, 100, 300}, budgets, "decades and the final iteration");
    for (String study : gaps.keySet()) {
      FixedBudget.Table expected = FixedBudget.summarize(iters.get(study).toArray(int[][]::new),
          gaps.get(study).toArray(double[][]::new), budgets, true);
      List<Row> ours = rows(result.fixedBudget(), "search", study, study, "value_gap");
      assertEquals(budgets.length, ours.size());
      for (int b = 0; b < budgets.length; b++) {
        Row r = ours.get(b);
        assertEquals(budgets[b], r.getLong(4));
        assertEquals(gaps.get(study).size(), r.getLong(5), "runs traced");
        assertEquals(expected.lowerQuartile()[b], r.getDouble(6), 0.0);
        assertEquals(expected.median()[b], r.getDouble(7), 0.0);
        assertEquals(expected.upperQuartile()[b], r.getDouble(8), 0.0);
      }
      assertEquals(budgets.length, rows(result.fixedBudget(), "search", study, study, "distance").size());
    }
  }

  @Test
  void fixedBudgetMediansAgreeWithDuckDb() throws Exception {
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("WITH f AS (SELECT study, trial, min(value - value_gap) AS fstar FROM "
          + ReportFixture.glob("runs") + " GROUP BY ALL), b AS (SELECT unnest([10, 100, 300]) AS budget), "
          + "best AS (SELECT t.study, t.trial, t.replicate, b.budget, min(t.value - f.fstar) AS g FROM "
          + ReportFixture.glob("traces") + " t JOIN f USING (study, trial), b WHERE t.iteration <= b.budget "
          + "GROUP BY ALL) SELECT study, budget, quantile_cont(g, 0.5), count(*) FROM best GROUP BY ALL ORDER BY 1, 2");
      int n = 0;
      while (rs.next()) {
        String study = rs.getString(1);
        long budget = rs.getLong(2);
        Row ours = rows(result.fixedBudget(), "search", study, study, "value_gap").stream()
            .filter(r -> r.getLong(4) == budget).findFirst().orElseThrow();
        assertEquals(rs.getDouble(3), ours.getDouble(7), 1e-12 * Math.max(1, Math.abs(rs.getDouble(3))));
        assertEquals(rs.getLong(4), ours.getLong(5));
        n++;
      }
      assertEquals(6, n);
    }
  }

  @Test
  void sensitivityAgreesWithDuckDbAndWilson() throws Exception {
    // schedule.lr0 of nag: log-uniform on [1e-3, 1], ten bins of equal width in log
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT least(9, floor(ln(schedule_lr0 / 1e-3) / (ln(1e3) / 10)))::INT AS bin, "
          + "count(*), sum(successes), sum(replicates), median(gap_median) FROM " + ReportFixture.glob("summary")
          + " WHERE study = 'nag' GROUP BY 1 ORDER BY 1");
      Map<Integer, double[]> duck = new LinkedHashMap<>();
      while (rs.next()) {
        duck.put(rs.getInt(1), new double[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5)});
      }
      List<Row> ours = rows(result.sensitivity(), "search", "nag", "schedule.lr0");
      assertEquals(10, ours.size());
      long settings = 0;
      for (Row r : ours) {
        double[] d = duck.getOrDefault(r.getInt(3), new double[] {0, 0, 0, Double.NaN});
        assertEquals((long) d[0], r.getLong(7), "settings in bin " + r.getInt(3));
        assertEquals((long) d[1], r.getLong(8));
        assertEquals((long) d[2], r.getLong(9));
        assertEquals(d[3], r.getDouble(13), 1e-12 * Math.max(1, Math.abs(d[3])));
        Interval w = Proportion.wilson(r.getLong(8), r.getLong(9));
        assertEquals(w.lower(), r.getDouble(11), 0.0);
        assertEquals(w.upper(), r.getDouble(12), 0.0);
        settings += r.getLong(7);
      }
      assertEquals(60, settings);
      // a listed parameter: one bin per value, by value
      ResultSet g = s.executeQuery("SELECT solver_gamma, count(*), sum(successes), sum(replicates) FROM "
          + ReportFixture.glob("summary") + " WHERE study = 'nag' GROUP BY 1 ORDER BY 1");
      List<Row> gamma = rows(result.sensitivity(), "search", "nag", "solver.gamma");
      assertEquals(2, gamma.size());
      for (Row r : gamma) {
        assertTrue(g.next());
        assertEquals(g.getDouble(1), r.getDouble(5), 0.0);
        assertEquals(g.getLong(2), r.getLong(7));
        assertEquals(g.getLong(3), r.getLong(8));
        assertEquals(g.getLong(4), r.getLong(9));
      }
      assertEquals(List.of("constant", "exponential"), rows(result.sensitivity(), "search", "nag", "schedule")
          .stream().map(r -> r.getString(4)).toList());
    }
  }

  @Test
  void tablesAreWrittenSortedAndTheSameOnOneOrFourShufflePartitions() throws Exception {
    assertTrue(Files.exists(ReportFixture.output().resolve("analysis.json")));
    assertTrue(Analysis.current(in, in.inputFingerprint()));
    Analysis.Result back = Analysis.read(in);
    SparkSession spark = SharedSpark.get();
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "1");
      Analysis.Result one = Analysis.compute(in);
      for (String t : org.optsweep.output.Tables.DERIVED) {
        assertEquals(str(result.table(t)), str(one.table(t)), t + " with one shuffle partition");
        assertEquals(str(result.table(t)), str(back.table(t)), t + " as read back");
        assertFalse(result.table(t).isEmpty(), t);
      }
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  static List<String> str(List<Row> rows) {
    return rows.stream().map(Row::toString).toList();
  }
}
