package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsweep.stats.StatsFixture.SAME_FORMULA;
import static org.optsweep.stats.StatsFixture.assertRel;
import static org.optsweep.stats.StatsFixture.ints;
import static org.optsweep.stats.StatsFixture.nums;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@link FixedBudget} against make_stats.py (np.searchsorted + numpy.quantile) and a table worked by hand. */
class FixedBudgetTest {
  private static final double NAN = Double.NaN;

  @Test
  void decades() {
    assertArrayEquals(new int[0], FixedBudget.decades(9));
    assertArrayEquals(new int[] {10}, FixedBudget.decades(10));
    assertArrayEquals(new int[] {10, 100, 1000}, FixedBudget.decades(5000));
    assertEquals(9, FixedBudget.decades(Integer.MAX_VALUE).length); // 10 … 1e9, no overflow
  }

  @Test
  void matchesNumpyOnSampledTraces() {
    JsonNode f = StatsFixture.json().get("fixed_budget");
    int runs = f.get("iterations").size();
    int[][] iterations = new int[runs][];
    double[][] values = new double[runs][];
    for (int r = 0; r < runs; r++) {
      iterations[r] = ints(f.get("iterations").get(r));
      values[r] = nums(f.get("values").get(r));
    }
    int[] budgets = ints(f.get("budgets"));
    FixedBudget.Table sampled = FixedBudget.summarize(iterations, values, budgets, false);
    FixedBudget.Table best = FixedBudget.summarize(iterations, values, budgets, true);
    for (int b = 0; b < budgets.length; b++) {
      JsonNode row = f.get("rows").get(b);
      for (int r = 0; r < runs; r++) {
        assertEquals(row.get("sampled").get(r).asDouble(), FixedBudget.sampledValueAt(iterations[r], values[r],
            budgets[b]), 0.0, "run " + r + " at " + budgets[b]);
        assertEquals(row.get("best").get(r).asDouble(), FixedBudget.bestSoFarAt(iterations[r], values[r],
            budgets[b]), 0.0, "best of run " + r + " at " + budgets[b]);
      }
      double[] qs = nums(row.get("sampled_quartiles"));
      double[] qb = nums(row.get("best_quartiles"));
      assertRel(qs[0], sampled.lowerQuartile()[b], SAME_FORMULA, "q25 at " + budgets[b]);
      assertRel(qs[1], sampled.median()[b], SAME_FORMULA, "median at " + budgets[b]);
      assertRel(qs[2], sampled.upperQuartile()[b], SAME_FORMULA, "q75 at " + budgets[b]);
      assertRel(qb[0], best.lowerQuartile()[b], SAME_FORMULA, "best q25 at " + budgets[b]);
      assertRel(qb[1], best.median()[b], SAME_FORMULA, "best median at " + budgets[b]);
      assertRel(qb[2], best.upperQuartile()[b], SAME_FORMULA, "best q75 at " + budgets[b]);
    }
    // run 2 climbs back up (0.5 at 10, 0.9 at 100, 2.0 at 1000): the sampled value is not the best so far
    assertEquals(2.0, FixedBudget.sampledValueAt(iterations[2], values[2], 1000), 0.0);
    assertEquals(0.5, FixedBudget.bestSoFarAt(iterations[2], values[2], 1000), 0.0);
  }

  @Test
  void missingAndDivergedRunsCountAsWorst() {
    int[][] it = {{0, 5}, {20, 30}, {0, 8}, {0, 10}, {0, 2, 9}};
    double[][] v = {{4, 2}, {1, 0.5}, {3, NAN}, {6, 1}, {5, 0.5, 0.7}};
    // B = 10: sampled A 2, B none (first sample at 20) → NaN, C diverged → NaN, D 1, E 0.7
    //   sorted 0.7, 1, 2, NaN, NaN: q25 (h = 1) 1, median (h = 2) 2, q75 (h = 3) NaN
    //   best-so-far: A 2, B NaN, C 3 (NaN sample skipped), D 1, E 0.5 → 0.5, 1, 2, 3, NaN: 1, 2, 3
    // B = 30: sampled A 2, B 0.5, C NaN, D 1, E 0.7 → 0.5, 0.7, 1, 2, NaN: 0.7, 1, 2
    //   best-so-far: 2, 0.5, 3, 1, 0.5 → 0.5, 0.5, 1, 2, 3: 0.5, 1, 2
    int[] budgets = {10, 30};
    FixedBudget.Table s = FixedBudget.summarize(it, v, budgets, false);
    assertArrayEquals(new double[] {1, 0.7}, s.lowerQuartile(), 0.0);
    assertArrayEquals(new double[] {2, 1}, s.median(), 0.0);
    assertArrayEquals(new double[] {NAN, 2}, s.upperQuartile(), 0.0);
    FixedBudget.Table b = FixedBudget.summarize(it, v, budgets, true);
    assertArrayEquals(new double[] {1, 0.5}, b.lowerQuartile(), 0.0);
    assertArrayEquals(new double[] {2, 1}, b.median(), 0.0);
    assertArrayEquals(new double[] {3, 2}, b.upperQuartile(), 0.0);
    assertTrue(Double.isNaN(FixedBudget.sampledValueAt(new int[] {20}, new double[] {1}, 19)));
    assertTrue(Double.isNaN(FixedBudget.bestSoFarAt(new int[] {0, 1}, new double[] {NAN, NAN}, 5)));
  }

  @Test
  void badArgumentsAreRefusedWithNameValueAndExpectation() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> FixedBudget.sampledValueAt(new int[] {0, 5, 5}, new double[] {1, 2, 3}, 10)).getMessage();
    assertTrue(m.contains("iterations[2]") && m.contains("5") && m.contains("strictly ascending"), m);
    m = assertThrows(IllegalArgumentException.class, () -> FixedBudget.summarize(
        new int[][] {{0}, {0, -1}}, new double[][] {{1}, {1, 2}}, new int[] {10}, false)).getMessage();
    assertTrue(m.contains("iterations[1][1]") && m.contains("-1"), m);
    m = assertThrows(IllegalArgumentException.class, () -> FixedBudget.summarize(
        new int[][] {{0}}, new double[][] {{1, 2}}, new int[] {10}, false)).getMessage();
    assertTrue(m.contains("values[0].length"), m);
    m = assertThrows(IllegalArgumentException.class, () -> FixedBudget.summarize(
        new int[][] {{0}}, new double[][] {{1}}, new int[] {100, 10}, false)).getMessage();
    assertTrue(m.contains("budgets[1]"), m);
    assertThrows(IllegalArgumentException.class, () -> FixedBudget.decades(-1));
    assertThrows(IllegalArgumentException.class,
        () -> FixedBudget.summarize(new int[0][], new double[0][], new int[] {10}, false));
  }
}
