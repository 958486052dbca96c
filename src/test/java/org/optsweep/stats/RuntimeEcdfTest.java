package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link RuntimeEcdf} on tables worked by hand. */
class RuntimeEcdfTest {

  @Test
  void budgetGridIsTheOneTwoFiveSeriesEndingAtTheMax() {
    assertArrayEquals(new int[] {1}, RuntimeEcdf.budgetGrid(1));
    assertArrayEquals(new int[] {1, 2, 5, 10, 20, 50}, RuntimeEcdf.budgetGrid(50));
    // 300 is not on the series: it closes the grid so the curve ends at the whole budget
    assertArrayEquals(new int[] {1, 2, 5, 10, 20, 50, 100, 200, 300}, RuntimeEcdf.budgetGrid(300));
    assertArrayEquals(new int[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}, RuntimeEcdf.budgetGrid(1000));
    int[] all = RuntimeEcdf.budgetGrid(Integer.MAX_VALUE);
    // 1, 2, 5 for each decade 1e0 … 1e8 (27 points), then 1e9 and 2e9, then Integer.MAX_VALUE: no overflow
    assertEquals(30, all.length);
    assertEquals(2_000_000_000, all[28]);
    assertEquals(Integer.MAX_VALUE, all[29]);
  }

  @Test
  void fractionOfRunTargetPairsOnAHandMadeTable() {
    // 3 runs × 2 targets = 6 pairs; -1 = never
    int[][] hits = {
        {0, 7},   // target 1 reached at the start point, target 2 at iteration 7
        {3, -1},  // target 2 never
        {12, 40},
    };
    int[] budgets = {1, 2, 5, 10, 20, 50};
    // ≤1: {0} → 1/6; ≤2: 1/6; ≤5: {0, 3} → 2/6; ≤10: {0, 3, 7} → 3/6; ≤20: +12 → 4/6; ≤50: +40 → 5/6
    // (never 6/6: the run that missed target 2 keeps the curve below 1)
    RuntimeEcdf.Table t = RuntimeEcdf.of(hits, budgets);
    assertArrayEquals(budgets, t.budgets());
    assertArrayEquals(new double[] {1 / 6.0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0}, t.fractions(), 0.0);
  }

  @Test
  void writesIntoTheCallersArray() {
    double[] out = new double[3];
    assertSame(out, RuntimeEcdf.fractionsReached(new int[][] {{-1}, {5}}, new int[] {0, 4, 5}, out));
    // 2 pairs: budget 0 and 4 reach none, budget 5 reaches the second run's hit at 5
    assertArrayEquals(new double[] {0, 0, 0.5}, out, 0.0);
  }

  @Test
  void badArgumentsAreRefusedWithNameValueAndExpectation() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> RuntimeEcdf.of(new int[][] {{1, 2}, {3}}, new int[] {1})).getMessage();
    assertTrue(m.contains("hits[1].length") && m.contains("2 targets"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> RuntimeEcdf.of(new int[][] {{-2}}, new int[] {1})).getMessage();
    assertTrue(m.contains("hits[0][0]") && m.contains("-2"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> RuntimeEcdf.of(new int[][] {{1}}, new int[] {5, 5})).getMessage();
    assertTrue(m.contains("budgets[1]") && m.contains("strictly ascending"), m);
    m = assertThrows(IllegalArgumentException.class, () -> RuntimeEcdf.budgetGrid(0)).getMessage();
    assertTrue(m.contains("maxBudget") && m.contains("0"), m);
    assertThrows(IllegalArgumentException.class, () -> RuntimeEcdf.of(new int[0][], new int[] {1}));
    assertThrows(IllegalArgumentException.class, () -> RuntimeEcdf.of(new int[][] {{}}, new int[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> RuntimeEcdf.fractionsReached(new int[][] {{1}}, new int[] {1, 2}, new double[1]));
  }
}
