package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsweep.stats.StatsFixture.nums;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@link Quantiles} against {@code numpy.quantile(method='linear')} (make_stats.py) and by hand. */
class QuantilesTest {

  @Test
  void matchesNumpyLinearToTheBit() {
    for (JsonNode c : StatsFixture.json().get("quantiles")) {
      double[] x = Quantiles.sortNanLast(nums(c.get("values")), c.get("values").size());
      double[] probs = nums(c.get("probs"));
      double[] expected = nums(c.get("quantiles"));
      for (int i = 0; i < probs.length; i++) {
        // same formula, same operation order as numpy's _lerp: identical doubles
        assertEquals(expected[i], Quantiles.linear(x, x.length, probs[i]), 0.0, "p=" + probs[i] + " of " + c);
      }
    }
  }

  @Test
  void handWorked() {
    double[] x = {1, 2, 3, 4};
    // h = (n − 1)·p: p = 0.5 → h = 1.5 → 2 + 0.5·(3 − 2) = 2.5; p = 0.25 → h = 0.75 → 1 + 0.75 = 1.75
    assertEquals(2.5, Quantiles.median(x, 4), 0.0);
    assertEquals(1.75, Quantiles.linear(x, 4, 0.25), 0.0);
    // a prefix: the first three values only, median = 2
    assertEquals(2.0, Quantiles.median(x, 3), 0.0);
    assertTrue(Double.isNaN(Quantiles.median(x, 0)), "no data: undefined");
  }

  @Test
  void nanSortsLastAndCountsAsWorst() {
    double[] x = Quantiles.sortNanLast(new double[] {Double.NaN, 3, 1, 2, Double.NaN}, 5);
    // sorted: 1, 2, 3, NaN, NaN. p = 0.25 → h = 1 → 2 (exact rank); p = 0.5 → h = 2 → 3;
    // p = 0.6 → h = 2.4, between 3 and NaN → NaN; numpy would give NaN everywhere.
    assertEquals(2.0, Quantiles.linear(x, 5, 0.25), 0.0);
    assertEquals(3.0, Quantiles.median(x, 5), 0.0);
    assertTrue(Double.isNaN(Quantiles.linear(x, 5, 0.6)));
  }

  @Test
  void infinityIsTheLimit() {
    double[] x = {1, 2, Double.POSITIVE_INFINITY};
    // h = 2·0.75 = 1.5: between 2 and +∞ → +∞; h = 1 exactly → 2
    assertEquals(Double.POSITIVE_INFINITY, Quantiles.linear(x, 3, 0.75), 0.0);
    assertEquals(2.0, Quantiles.median(x, 3), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, Quantiles.linear(new double[] {Double.NEGATIVE_INFINITY, 0}, 2, 0.5));
  }

  @Test
  void refusesUnsortedInputAndBadArguments() {
    String m = assertThrows(IllegalArgumentException.class, () -> Quantiles.median(new double[] {2, 1}, 2))
        .getMessage();
    assertTrue(m.contains("sorted[1]") && m.contains("ascending"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Quantiles.median(new double[] {Double.NaN, 1}, 2)).getMessage();
    assertTrue(m.contains("NaN values sort last"), m);
    m = assertThrows(IllegalArgumentException.class, () -> Quantiles.linear(new double[] {1}, 1, 1.5)).getMessage();
    assertTrue(m.contains("argument p") && m.contains("1.5") && m.contains("[0, 1]"), m);
    assertThrows(IllegalArgumentException.class, () -> Quantiles.linear(new double[] {1}, 2, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.sortNanLast(null, 0));
  }
}
