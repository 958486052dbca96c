package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsweep.stats.StatsFixture.SAME_FORMULA;
import static org.optsweep.stats.StatsFixture.assertRel;
import static org.optsweep.stats.StatsFixture.ints;
import static org.optsweep.stats.StatsFixture.num;
import static org.optsweep.stats.StatsFixture.nums;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Sensitivity} against make_stats.py (np.histogram_bin_edges bins, scipy's Wilson, numpy medians) and a
 * grid axis worked by hand.
 */
class SensitivityTest {

  @Test
  void equalWidthBinsMatchNumpyHistogram() {
    JsonNode s = StatsFixture.json().get("sensitivity");
    double[] parameter = nums(s.get("parameter"));
    int[] successes = ints(s.get("successes"));
    int[] replicates = ints(s.get("replicates"));
    double[] gap = nums(s.get("median_gap"));
    for (JsonNode c : s.get("cases")) {
      Sensitivity.Scale scale = Sensitivity.Scale.valueOf(c.get("scale").asText());
      int k = c.get("bins").asInt();
      List<Sensitivity.Bin> bins = Sensitivity.bins(parameter, successes, replicates, gap, k, scale);
      assertEquals(k, bins.size());
      for (int b = 0; b < k; b++) {
        JsonNode e = c.get("expected").get(b);
        Sensitivity.Bin bin = bins.get(b);
        String what = scale + " " + k + " bins, bin " + b;
        assertEquals(e.get("settings").asInt(), bin.settings(), what);
        assertEquals(e.get("successes").asLong(), bin.successes(), what);
        assertEquals(e.get("replicates").asLong(), bin.replicates(), what);
        if (e.get("wilson").isNull()) {
          assertFalse(bin.successRate().isDefined(), what + ": an empty bin has no rate");
        } else {
          assertRel(e.get("wilson").get(0).asDouble(), bin.successRate().lower(), SAME_FORMULA, what);
          assertRel(e.get("wilson").get(1).asDouble(), bin.successRate().upper(), SAME_FORMULA, what);
        }
        double median = num(e.get("median_gap"));
        if (Double.isNaN(median)) {
          assertTrue(Double.isNaN(bin.medianGap()), what + ": " + bin.medianGap());
        } else {
          assertRel(median, bin.medianGap(), SAME_FORMULA, what);
        }
        assertTrue(b == 0 || bin.lower() == bins.get(b - 1).upper(), what + ": bins are contiguous");
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double p : parameter) {
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
      assertEquals(min, bins.get(0).lower(), 0.0);
      assertEquals(max, bins.get(k - 1).upper(), 0.0);
    }
  }

  @Test
  void aGridAxisGetsOneBinPerValue() {
    JsonNode g = StatsFixture.json().get("sensitivity").get("grid");
    List<Sensitivity.Bin> bins = Sensitivity.bins(nums(g.get("parameter")), ints(g.get("successes")),
        ints(g.get("replicates")), nums(g.get("median_gap")), 5, Sensitivity.Scale.LOG);
    // parameter 0.1, 0.5, 0.9, 0.5, 0.1, 0.9, 0.5: 3 distinct values ≤ 5 bins → 3 bins
    assertEquals(3, bins.size());
    // 0.1: settings 0 and 4, successes 1 + 2 = 3 of 10, gaps 1e-3, 1e-2 → median 5.5e-3
    assertBin(bins.get(0), 0.1, 2, 3, 10, 0.0055);
    // 0.5: settings 1, 3, 6, successes 4 + 5 + 3 = 12 of 15, gaps 1e-6, 1e-7, 1e-5 → median 1e-6
    assertBin(bins.get(1), 0.5, 3, 12, 15, 1e-6);
    // 0.9: settings 2 and 5, successes 0 + 1 = 1 of 10, gaps 0.5, 0.2 → median 0.35
    assertBin(bins.get(2), 0.9, 2, 1, 10, 0.35);
  }

  private static void assertBin(Sensitivity.Bin bin, double value, int settings, long succ, long reps, double gap) {
    assertEquals(value, bin.lower(), 0.0);
    assertEquals(value, bin.upper(), 0.0);
    assertEquals(settings, bin.settings());
    assertEquals(succ, bin.successes());
    assertEquals(reps, bin.replicates());
    assertEquals(Proportion.wilson(succ, reps), bin.successRate());
    assertEquals(gap, bin.medianGap(), 1e-15 * gap);
  }

  @Test
  void noSettingsNoBins() {
    assertTrue(Sensitivity.bins(new double[0], new int[0], new int[0], new double[0], 4, Sensitivity.Scale.LINEAR)
        .isEmpty());
  }

  @Test
  void badArgumentsAreRefusedWithNameValueAndExpectation() {
    double[] p = {0.1, 0.0, 1};
    int[] s = {1, 1, 1};
    int[] r = {2, 2, 2};
    double[] g = {1, 1, 1};
    String m = assertThrows(IllegalArgumentException.class,
        () -> Sensitivity.bins(p, s, r, g, 2, Sensitivity.Scale.LOG)).getMessage();
    assertTrue(m.contains("parameter[1]") && m.contains("0.0") && m.contains("LOG"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Sensitivity.bins(p, new int[] {1, 3, 1}, r, g, 2, Sensitivity.Scale.LINEAR)).getMessage();
    assertTrue(m.contains("successes[1]") && m.contains("3") && m.contains("replicates[1] = 2"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Sensitivity.bins(p, s, r, new double[2], 2, Sensitivity.Scale.LINEAR)).getMessage();
    assertTrue(m.contains("medianGap.length"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Sensitivity.bins(p, s, r, g, 0, Sensitivity.Scale.LINEAR)).getMessage();
    assertTrue(m.contains("maxBins"), m);
    assertThrows(IllegalArgumentException.class,
        () -> Sensitivity.bins(new double[] {Double.NaN}, new int[1], new int[1], new double[1], 2,
            Sensitivity.Scale.LINEAR));
    assertThrows(IllegalArgumentException.class, () -> Sensitivity.bins(p, s, r, g, 2, null));
  }
}
