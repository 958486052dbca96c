package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.solver.SolveResult;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;

/**
 * Hyperband on local Spark, checked from outside its driver: the survivors of every rung are DuckDB's top n by the
 * median value gap over the previous rung's rows (ties to the lower trial); a setting that reached the last rung
 * ends exactly where one uninterrupted solve of the whole budget ends; every setting appears once in runs/ and
 * summary/, at the rung it stopped, with that rung's replicates.
 */
class AdaptiveRunTest {
  /** R = 90, r = 10, eta = 3: brackets s = 2 (9x10, 3x30, 1x90), s = 1 (5x30, 1x90), s = 0 (3x90); twice. */
  static final String JOB = String.join("\n", "name: hb-test", "seed: 21", "objective: {name: ackley, dimension: 2}",
      "start: [3, 2]", "solver: nag", "stopping: {max_iterations: 90}",
      "parameters:", "  gamma: {values: [0.0, 0.5, 0.9]}", "  schedule: {values: [constant, exponential]}",
      "  schedule.lr0: {distribution: log_uniform, min: 1.0e-3, max: 1}",
      "  schedule.decay: {distribution: uniform, min: 0.9, max: 0.999}",
      "search: {method: hyperband, trials: 30, metric: value_gap, min_iterations: 10, eta: 3, replicate_growth: 2}",
      "replicates: {count: 2, start_jitter: 0.05}", "targets: {distance: 1.0e-2, value_gap: 1.0e-2}",
      "trace: {points: 6}", "confirmation: {enabled: false}", "");

  @TempDir
  static Path tmp;
  static Path out;
  static JobSpec job;

  @BeforeAll
  static void run() throws Exception {
    Path file = tmp.resolve("hb.yaml");
    Files.writeString(file, JOB);
    job = JobParser.parseValidated(file.toString(), JOB);
    out = tmp.resolve("out");
    var o = ReliabilityTest.runMain("run", file.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
  }

  static Connection duck() throws Exception {
    return RunEndToEndTest.duck();
  }

  static String rungs() {
    return "read_parquet('" + out.resolve("rungs") + "/**/*.parquet', hive_partitioning = true)";
  }

  static String runs() {
    return "read_parquet('" + out.resolve("runs") + "/**/*.parquet', hive_partitioning = true)";
  }

  @Test
  void everyRungRunsTheBestOfThePreviousByTheMedianValueGap() throws Exception {
    // Two iterations of Hyperband's outer loop (trials: 30 > 17 settings per iteration): 6 brackets.
    assertEquals(6, job.plans().get(0).brackets().size());
    int checked = 0;
    try (Connection c = duck(); Statement s = c.createStatement()) {
      for (int b = 0; b < 6; b++) {
        var bracket = job.plans().get(0).brackets().get(b);
        for (int k = 1; k < bracket.rungs().size(); k++) {
          List<Long> expected = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SELECT trial FROM " + rungs() + " WHERE bracket = " + b + " AND rung = "
              + (k - 1) + " GROUP BY trial ORDER BY median(value_gap), trial LIMIT " + bracket.rungs().get(k).settings())) {
            while (rs.next()) {
              expected.add(rs.getLong(1));
            }
          }
          List<Long> ran = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SELECT DISTINCT trial FROM " + rungs() + " WHERE bracket = " + b
              + " AND rung = " + k + " ORDER BY trial")) {
            while (rs.next()) {
              ran.add(rs.getLong(1));
            }
          }
          expected.sort(null);
          assertEquals(expected, ran, "bracket " + b + " rung " + k);
          // The rung's replicates: 2 x 2^k, each with the rung's budget.
          assertEquals(2L << k, (long) count(s, "SELECT count(*) FROM " + rungs() + " WHERE bracket = " + b
              + " AND rung = " + k + " AND trial = " + ran.get(0)));
          checked++;
        }
      }
    }
    assertEquals(2 * (2 + 1), checked);
  }

  @Test
  void aSolveContinuedThroughTheRungsEndsWhereOneUninterruptedSolveEnds() throws Exception {
    int compared = 0;
    try (Connection c = duck(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT trial, replicate, x, value, iterations, f_evals, grad_evals, distance_hits "
             + "FROM " + runs() + " WHERE rung > 0 AND budget = 90 ORDER BY trial, replicate")) {
      while (rs.next()) {
        long trial = rs.getLong(1);
        int r = rs.getInt(2);
        var setup = job.trial(0, trial).setup();
        var f = setup.objective();
        var targets = job.targets().forObjective(f);
        SolveResult whole = setup.solver().solve(setup.request(f, job.start(0, trial, r), targets,
            r < job.traceReplicates() ? job.tracePoints() : 0));
        Object[] x = (Object[]) rs.getArray(3).getArray();
        for (int k = 0; k < x.length; k++) {
          assertEquals(Double.doubleToLongBits(whole.x()[k]), Double.doubleToLongBits((Double) x[k]),
              "trial " + trial + " replicate " + r);
        }
        assertEquals(Double.doubleToLongBits(whole.value()), Double.doubleToLongBits(rs.getDouble(4)));
        assertEquals(whole.iterations(), rs.getInt(5));
        assertEquals(whole.valueEvaluations(), rs.getLong(6));
        assertEquals(whole.gradientEvaluations(), rs.getLong(7));
        Object[] hits = (Object[]) rs.getArray(8).getArray();
        assertArrayEquals(whole.distanceHits(), java.util.Arrays.stream(hits).mapToInt(h -> ((Number) h).intValue())
            .toArray());
        compared++;
      }
    }
    // The settings promoted to R: 1 + 1 per two-rung-or-more bracket, 4 or 8 replicates each.
    assertTrue(compared >= 2 * (8 + 4), compared + " solves compared");
  }

  @Test
  void everySettingOnceAtTheRungItStoppedWithThatRungsReplicates() throws Exception {
    try (Connection c = duck(); Statement s = c.createStatement()) {
      assertEquals(job.totalSolves(), count(s, "SELECT count(*) FROM " + runs()));
      assertEquals(job.totalTrials(), count(s, "SELECT count(DISTINCT trial) FROM " + runs()));
      assertEquals(job.totalTrials(), count(s, "SELECT count(*) FROM read_parquet('" + out.resolve("summary")
          + "/*.parquet')"));
      // A setting's rows in runs/ are its rows of the rung it stopped at, as rungs/ holds them.
      assertEquals(0, count(s, "SELECT count(*) FROM (SELECT trial, replicate, bracket, rung, iterations, value FROM "
          + runs() + " EXCEPT ALL SELECT trial, replicate, bracket, rung, iterations, value FROM " + rungs()
          + " r WHERE rung = (SELECT max(rung) FROM " + rungs() + " q WHERE q.trial = r.trial))"));
      assertEquals(0, count(s, "SELECT count(*) FROM (SELECT trial FROM " + runs() + " GROUP BY trial, rung HAVING "
          + "count(*) <> 2 << rung)"));
    }
  }

  static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
