package org.optsweep.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsweep.param.InvalidParameterException;

/**
 * The rung plans against published tables — Li et al. 2018 (JMLR) Table 1 (R = 81, η = 3) and mlr3hyperband's
 * table (R = 8, η = 2) — and against budgets and roundings worked by hand; promotion with ties and NaN.
 */
class RungPlanTest {

  /** Each bracket as {n_0, r_0, n_1, r_1, ...}. */
  private static long[][] table(RungPlan plan) {
    return plan.brackets().stream().map(b -> b.rungs().stream()
        .flatMapToLong(r -> java.util.stream.LongStream.of(r.settings(), r.iterations())).toArray())
        .toArray(long[][]::new);
  }

  @Test
  void hyperbandIsLiEtAlTable1() {
    RungPlan plan = RungPlan.hyperband(81, 1, 3, 0, 1, 1);
    // Li, Jamieson, DeSalvo, Rostamizadeh & Talwalkar 2018, Table 1: n_i and r_i for s = 4, 3, 2, 1, 0.
    long[][] expected = {
        {81, 1, 27, 3, 9, 9, 3, 27, 1, 81},
        {34, 3, 11, 9, 3, 27, 1, 81},
        {15, 9, 5, 27, 1, 81},
        {8, 27, 2, 81},
        {5, 81}};
    assertArrayEquals(expected, table(plan));
    assertEquals(List.of(4, 3, 2, 1, 0), plan.brackets().stream().map(RungPlan.Bracket::s).toList());
    // Consecutive blocks of trial indices, in the order of the brackets.
    assertEquals(List.of(0L, 81L, 115L, 130L, 138L), plan.brackets().stream().map(RungPlan.Bracket::firstTrial)
        .toList());
    assertEquals(143, plan.settings());
  }

  @Test
  void hyperbandIsMlr3hyperbandsTableForEta2() {
    // mlr3hyperband's documented run with eta = 2, r_min = 1, r_max = 8.
    long[][] expected = {
        {8, 1, 4, 2, 2, 4, 1, 8},
        {6, 2, 3, 4, 1, 8},
        {4, 4, 2, 8},
        {4, 8}};
    assertArrayEquals(expected, table(RungPlan.hyperband(8, 1, 2, 0, 1, 1)));
  }

  @Test
  void budgetsNotAPowerOfEtaAreRoundedHalfUp() {
    // R = 100, r = 1, eta = 3: s_max = 4 (81 <= 100 < 243); r_i = 100/81, 100/27, 100/9, 100/3, 100 rounded.
    RungPlan p = RungPlan.hyperband(100, 1, 3, 1, 1, 1);
    assertArrayEquals(new long[][] {{81, 1, 27, 4, 9, 11, 3, 33, 1, 100}}, table(p));
    // R = 10, eta = 2: 10/8 = 1.25 -> 1, 10/4 = 2.5 -> 3 (half up), 10/2 = 5, 10.
    assertArrayEquals(new long[] {8, 1, 4, 3, 2, 5, 1, 10}, table(RungPlan.hyperband(10, 1, 2, 1, 1, 1))[0]);
    // min_iterations: R = 1000, r = 10 -> R/r = 100, again s_max = 4; the smallest rung is 1000/81 = 12.3 -> 12.
    assertEquals(12, RungPlan.hyperband(1000, 10, 3, 0, 1, 1).brackets().get(0).rungs().get(0).iterations());
  }

  @Test
  void sMaxIsExactAtPowersOfEta() {
    // log(243)/log(3) = 4.999999999999999 in doubles; 3^5 = 243 is 5 halvings.
    assertEquals(6, RungPlan.hyperband(243, 1, 3, 0, 1, 1).brackets().size());
    assertEquals(5, RungPlan.hyperband(242, 1, 3, 0, 1, 1).brackets().size());
    assertEquals(1, RungPlan.hyperband(81, 81, 3, 0, 1, 1).brackets().size());
    assertArrayEquals(new long[][] {{1, 81}}, table(RungPlan.hyperband(81, 81, 3, 0, 1, 1)));
  }

  @Test
  void successiveHalvingIsOneBracket() {
    RungPlan sh = RungPlan.successiveHalving(81, 1, 3, 0, 1, 1);
    assertEquals("successive_halving", sh.method());
    assertArrayEquals(new long[][] {{81, 1, 27, 3, 9, 9, 3, 27, 1, 81}}, table(sh));
    assertArrayEquals(table(RungPlan.hyperband(81, 1, 3, 1, 1, 1)), table(sh));
    // n = 100 settings: floor(100 / 3^i) = 100, 33, 11, 3, 1.
    assertArrayEquals(new long[][] {{100, 1, 33, 3, 11, 9, 3, 27, 1, 81}},
        table(RungPlan.successiveHalving(81, 1, 3, 100, 1, 1)));
    // r = 3, R = 27: two halvings.
    assertArrayEquals(new long[][] {{9, 3, 3, 9, 1, 27}}, table(RungPlan.successiveHalving(27, 3, 3, 0, 1, 1)));
    InvalidParameterException few = assertThrows(InvalidParameterException.class,
        () -> RungPlan.successiveHalving(81, 1, 3, 80, 1, 1));
    assertTrue(few.getMessage().contains("at least 81"), few.getMessage());
  }

  @Test
  void replicatesGrowPerRung() {
    RungPlan p = RungPlan.hyperband(9, 1, 3, 1, 2, 2);
    List<RungPlan.Rung> rungs = p.brackets().get(0).rungs();
    assertEquals(List.of(new RungPlan.Rung(0, 9, 1, 2), new RungPlan.Rung(1, 3, 3, 4), new RungPlan.Rung(2, 1, 9, 8)),
        rungs);
    // Restarting: 9x2x1 + 3x4x3 + 1x8x9 = 18 + 36 + 72. Continuing: 18, then 3 x (2 x (3-1) + 2 x 3) = 30, then
    // 1 x (4 x (9-3) + 4 x 9) = 60.
    assertEquals(126, p.iterationsRestarted());
    assertEquals(108, p.iterationsContinued());
  }

  @Test
  void theBudgetOfTable1() {
    RungPlan p = RungPlan.hyperband(81, 1, 3, 0, 1, 1);
    // Per bracket, the paper's accounting (each rung from scratch): 405, 363, 351, 378, 405 — about B = 5R each.
    assertEquals(405 + 363 + 351 + 378 + 405, p.iterationsRestarted());
    // Continued: s=4: 81 + 27x2 + 9x6 + 3x18 + 1x54 = 297; s=3: 34x3 + 11x6 + 3x18 + 54 = 276;
    // s=2: 15x9 + 5x18 + 54 = 279; s=1: 8x27 + 2x54 = 324; s=0: 5x81 = 405.
    assertEquals(297 + 276 + 279 + 324 + 405, p.iterationsContinued());
    // Against random search over the same 143 settings at the full budget: 11 583 iterations.
    assertEquals(11_583, p.settings() * 81);
  }

  @Test
  void trialsMapToBrackets() {
    RungPlan p = RungPlan.hyperband(81, 1, 3, 0, 1, 1);
    assertEquals(4, p.bracketOf(0).s());
    assertEquals(4, p.bracketOf(80).s());
    assertEquals(3, p.bracketOf(81).s());
    assertEquals(0, p.bracketOf(142).s());
    assertThrows(IndexOutOfBoundsException.class, () -> p.bracketOf(143));
    assertThrows(IndexOutOfBoundsException.class, () -> p.bracketOf(-1));
    RungPlan.Bracket b = p.brackets().get(2);
    assertEquals(115, b.trial(0));
    assertEquals(129, b.trial(14));
    assertThrows(IndexOutOfBoundsException.class, () -> b.trial(15));
    assertEquals(5, b.promoted(0));
    assertEquals(1, b.promoted(1));
    assertEquals(0, b.promoted(2));
  }

  @Test
  void badKnobsAreRefusedByName() {
    assertRefused("eta", () -> RungPlan.hyperband(81, 1, 1, 0, 1, 1));
    assertRefused("min_iterations", () -> RungPlan.hyperband(81, 82, 3, 0, 1, 1));
    assertRefused("min_iterations", () -> RungPlan.hyperband(81, 0, 3, 0, 1, 1));
    assertRefused("brackets", () -> RungPlan.hyperband(81, 1, 3, 6, 1, 1));
    assertRefused("max_iterations", () -> RungPlan.hyperband(0, 1, 3, 0, 1, 1));
    assertRefused("replicate_growth", () -> RungPlan.hyperband(81, 1, 3, 0, 1, 0));
    assertRefused("replicate_growth", () -> RungPlan.hyperband(81, 1, 3, 0, 1 << 20, 1 << 20));
  }

  private static void assertRefused(String knob, org.junit.jupiter.api.function.Executable call) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, call);
    assertTrue(e.getMessage().contains(knob), e.getMessage());
  }

  @Test
  void promotionBreaksTiesByTrialIndexAndRanksNaNLast() {
    long[] trials = {10, 3, 7, 5, 1, 8};
    double[] gaps = {0.5, Double.NaN, 0.5, 0.0, -0.0, Double.NaN};
    // -0.0 and 0.0 tie (trial 1 before 5), then 0.5 (7 before 10), then the NaNs (3 before 8).
    assertArrayEquals(new long[] {1, 5, 7, 10, 3, 8}, Promotion.ranked(trials, gaps, RankingMetric.VALUE_GAP));
    assertArrayEquals(new long[] {1, 5, 7}, Promotion.survivors(trials, gaps, RankingMetric.VALUE_GAP, 3));
    // The arrival order does not matter.
    long[] shuffled = {8, 1, 10, 5, 3, 7};
    double[] shuffledGaps = {Double.NaN, -0.0, 0.5, 0.0, Double.NaN, 0.5};
    assertArrayEquals(new long[] {1, 5, 7}, Promotion.survivors(shuffled, shuffledGaps, RankingMetric.VALUE_GAP, 3));
    // Higher is better for success; NaN is still last; +inf distance before NaN.
    assertArrayEquals(new long[] {2, 6, 4, 9}, Promotion.ranked(new long[] {4, 2, 9, 6},
        new double[] {0.5, 1.0, Double.NaN, 1.0}, RankingMetric.SUCCESS));
    assertArrayEquals(new long[] {3, 1, 2}, Promotion.ranked(new long[] {1, 2, 3},
        new double[] {Double.POSITIVE_INFINITY, Double.NaN, 1e300}, RankingMetric.DISTANCE));
    assertArrayEquals(new long[0], Promotion.survivors(trials, gaps, RankingMetric.DISTANCE, 0));
  }

  @Test
  void promotionRefusesWhatCannotBeRanked() {
    assertThrows(IllegalArgumentException.class, () -> Promotion.ranked(new long[] {1, 2}, new double[] {1},
        RankingMetric.DISTANCE));
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Promotion.ranked(new long[] {4, 2, 4}, new double[] {1, 2, 3}, RankingMetric.DISTANCE));
    assertTrue(twice.getMessage().contains("trial 4 is scored twice"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Promotion.survivors(new long[] {1}, new double[] {1},
        RankingMetric.DISTANCE, 2));
  }

  @Test
  void scoresOverReplicates() {
    assertEquals(2.0, RankingMetric.DISTANCE.score(new double[] {3, 1, 2}));
    // numpy.median([4, 1, 3, 2]) = 2.5; a NaN replicate counts as +inf.
    assertEquals(2.5, RankingMetric.VALUE_GAP.score(new double[] {4, 1, 3, 2}));
    assertEquals(3.0, RankingMetric.VALUE_GAP.score(new double[] {Double.NaN, 1, 3}));
    assertEquals(Double.POSITIVE_INFINITY, RankingMetric.VALUE_GAP.score(new double[] {Double.NaN, 1}));
    assertEquals(0.75, RankingMetric.SUCCESS.score(new double[] {1, 1, 0, 1}));
    assertEquals(0.5, RankingMetric.SUCCESS.score(new double[] {1, Double.NaN}));
    assertTrue(Double.isNaN(RankingMetric.SUCCESS.score(new double[0])));
    assertThrows(IllegalArgumentException.class, () -> RankingMetric.SUCCESS.score(new double[] {0.5}));
    assertEquals(RankingMetric.VALUE_GAP, RankingMetric.of("value_gap"));
    assertThrows(IllegalArgumentException.class, () -> RankingMetric.of("gap"));
    assertTrue(RankingMetric.SUCCESS.higherIsBetter());
  }
}
