package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsweep.stats.StatsFixture.NUMERICAL_INVERSE;
import static org.optsweep.stats.StatsFixture.SAME_FORMULA;
import static org.optsweep.stats.StatsFixture.assertRel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Proportion} against SciPy's {@code binomtest(k, n).proportion_ci} (make_stats.py) and by hand. */
class ProportionTest {

  @Test
  void wilsonForSevenOfEightWorkedByHand() {
    // z = 1.959964 (Φ⁻¹(0.975) to 7 digits), z² = 3.841458881, n + z² = 11.841458881
    // centre = (k + z²/2)/(n + z²) = (7 + 1.920729441)/11.841458881 = 8.920729441/11.841458881 = 0.753347162
    // half   = z·√(k(n−k)/n + z²/4)/(n + z²) = 1.959964·√(0.875 + 0.960364720)/11.841458881
    //        = 1.959964·1.354756332/11.841458881 = 2.655273640/11.841458881 = 0.224235347
    // lower = 0.753347162 − 0.224235347 = 0.529111815,  upper = 0.753347162 + 0.224235347 = 0.977582509
    // (z rounded to 7 digits moves the bounds by ~3e-9, hence the tolerance)
    Interval w = Proportion.wilson(7, 8);
    assertEquals(0.875, w.estimate(), 0.0);
    assertEquals(0.529111815, w.lower(), 1e-8);
    assertEquals(0.977582509, w.upper(), 1e-8);
  }

  @Test
  void clopperPearsonAllOrNothingClosedForms() {
    // k = n: lower = (α/2)^(1/n); k = 0: upper = 1 − (α/2)^(1/n). For n = 8, α = 0.05:
    // 0.025^(1/8) = exp(ln 0.025 / 8) = exp(−3.688879454/8) = exp(−0.461109932) = 0.630583352
    assertEquals(0.630583352, Proportion.clopperPearson(8, 8).lower(), 1e-9);
    assertEquals(1.0, Proportion.clopperPearson(8, 8).upper(), 0.0);
    assertEquals(0.0, Proportion.clopperPearson(0, 8).lower(), 0.0);
    assertEquals(1 - 0.630583352, Proportion.clopperPearson(0, 8).upper(), 1e-9);
    // n = 1, k = 1: lower = 0.025 exactly (the 1-run case)
    assertEquals(0.025, Proportion.clopperPearson(1, 1).lower(), 1e-15);
  }

  @Test
  void zMatchesScipyNormPpf() {
    for (JsonNode c : StatsFixture.json().get("proportion")) {
      assertRel(c.get("z").asDouble(), Proportion.z(c.get("confidence").asDouble()), SAME_FORMULA,
          "z at " + c.get("confidence"));
    }
  }

  @Test
  void bothIntervalsMatchScipy() {
    // required cases 0/8, 7/8, 8/8, 171/400, 1/1 at 0.95, and a few other levels
    for (JsonNode c : StatsFixture.json().get("proportion")) {
      long k = c.get("k").asLong();
      long n = c.get("n").asLong();
      double conf = c.get("confidence").asDouble();
      String what = k + "/" + n + " at " + conf;
      Interval w = Proportion.wilson(k, n, conf);
      assertEquals((double) k / n, w.estimate(), 0.0, what);
      assertRel(c.get("wilson").get(0).asDouble(), w.lower(), SAME_FORMULA, "Wilson lower " + what);
      assertRel(c.get("wilson").get(1).asDouble(), w.upper(), SAME_FORMULA, "Wilson upper " + what);
      Interval e = Proportion.clopperPearson(k, n, conf);
      assertEquals((double) k / n, e.estimate(), 0.0, what);
      assertRel(c.get("exact").get(0).asDouble(), e.lower(), NUMERICAL_INVERSE, "Clopper-Pearson lower " + what);
      assertRel(c.get("exact").get(1).asDouble(), e.upper(), NUMERICAL_INVERSE, "Clopper-Pearson upper " + what);
    }
  }

  @Test
  void edgesAreExact() {
    for (long n : new long[] {1, 2, 8, 400}) {
      assertEquals(0.0, Proportion.wilson(0, n).lower(), 0.0);
      assertEquals(1.0, Proportion.wilson(n, n).upper(), 0.0);
      assertEquals(0.0, Proportion.clopperPearson(0, n).lower(), 0.0);
      assertEquals(1.0, Proportion.clopperPearson(n, n).upper(), 0.0);
    }
  }

  @Test
  void noTrialsIsUndefinedNotAnError() {
    assertFalse(Proportion.wilson(0, 0).isDefined());
    assertTrue(Double.isNaN(Proportion.clopperPearson(0, 0, 0.9).lower()));
  }

  @Test
  void everyIntervalContainsItsEstimate() {
    SplittableRandom random = new SplittableRandom(12345);
    for (int i = 0; i < 3000; i++) {
      long n = 1 + random.nextInt(60);
      long k = random.nextInt((int) n + 1);
      double conf = 0.5 + 0.49 * random.nextDouble();
      Interval w = Proportion.wilson(k, n, conf);
      Interval e = Proportion.clopperPearson(k, n, conf);
      double p = (double) k / n;
      String what = k + "/" + n + " at " + conf;
      assertTrue(w.lower() <= p && p <= w.upper() && w.lower() >= 0 && w.upper() <= 1, "Wilson " + what + " " + w);
      assertTrue(e.lower() <= p && p <= e.upper() && e.lower() >= 0 && e.upper() <= 1, "exact " + what + " " + e);
    }
  }

  @Test
  void badArgumentsAreRefusedWithNameValueAndExpectation() {
    String m = assertThrows(IllegalArgumentException.class, () -> Proportion.wilson(9, 8)).getMessage();
    assertTrue(m.contains("successes") && m.contains("9") && m.contains("[0, trials = 8]"), m);
    m = assertThrows(IllegalArgumentException.class, () -> Proportion.clopperPearson(0, -1)).getMessage();
    assertTrue(m.contains("trials") && m.contains("-1"), m);
    m = assertThrows(IllegalArgumentException.class, () -> Proportion.wilson(1, 2, 1.0)).getMessage();
    assertTrue(m.contains("confidence") && m.contains("(0, 1)"), m);
    assertThrows(IllegalArgumentException.class, () -> Proportion.z(Double.NaN));
  }
}
