package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsweep.stats.StatsFixture.booleans;
import static org.optsweep.stats.StatsFixture.longs;
import static org.optsweep.stats.StatsFixture.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link RunningTime}: aRT worked by hand, the bootstrap against the exact bootstrap distribution enumerated by
 * make_stats.py, and the simulated restarts against their closed-form mean and spread.
 */
class RunningTimeTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void averageOnASmallTableWorkedByHand() {
    long[] spent = {120, 45, 300, 80, 300};
    boolean[] success = {true, true, false, true, false};
    // successful runs' hits 120 + 45 + 80 = 245, unsuccessful runs' budgets 300 + 300 = 600,
    // aRT = (245 + 600) / 3 successes = 845/3 = 281.666…
    assertEquals(845.0 / 3, RunningTime.average(spent, success), 0.0);
    // all successful: aRT is the mean hit, (3 + 5 + 10)/3 = 6
    assertEquals(6.0, RunningTime.average(new long[] {3, 5, 10}, new boolean[] {true, true, true}), 0.0);
  }

  @Test
  void zeroSuccessesIsInfiniteNotAnError() {
    long[] spent = {1000, 1000, 1000};
    boolean[] none = {false, false, false};
    assertEquals(INF, RunningTime.average(spent, none), 0.0);
    Interval i = RunningTime.bootstrapInterval(spent, none, 42);
    assertEquals(new Interval(INF, INF, INF), i);
  }

  @Test
  void noRunsIsUndefined() {
    assertTrue(Double.isNaN(RunningTime.average(new long[0], new boolean[0])));
    assertFalse(RunningTime.bootstrapInterval(new long[0], new boolean[0], 1).isDefined());
  }

  @Test
  void identicalRunsGiveADegenerateInterval() {
    // every resample is the data itself up to order: aRT = 50 each time
    Interval i = RunningTime.bootstrapInterval(new long[] {50, 50, 50, 50}, new boolean[] {true, true, true, true},
        0.95, 200, 9);
    assertEquals(new Interval(50, 50, 50), i);
  }

  @Test
  void percentilesLandOnTheExactBootstrapDistribution() {
    // make_stats.py enumerates all n^n resamples; with B = 100000 the empirical CDF is within 0.0005 (1 sd) of
    // the exact one, so each percentile must fall between the atoms where the exact CDF reaches p ∓ 0.004.
    for (JsonNode t : StatsFixture.json().get("bootstrap")) {
      long[] spent = longs(t.get("spent"));
      boolean[] success = booleans(t.get("success"));
      assertEquals(num(t.get("art")), RunningTime.average(spent, success), 1e-12 * num(t.get("art")));
      Interval i = RunningTime.bootstrapInterval(spent, success, 0.95, 100_000, 20240611L);
      double[] bounds = {i.lower(), i.upper()};
      for (int k = 0; k < 2; k++) {
        JsonNode p = t.get("percentiles").get(k);
        double lo = num(p.get("bracket").get(0));
        double hi = num(p.get("bracket").get(1));
        assertTrue(lo <= bounds[k] && bounds[k] <= hi,
            "percentile " + p.get("p") + " of " + t.get("spent") + ": " + bounds[k] + " not in [" + lo + ", " + hi
                + "]");
      }
    }
  }

  @Test
  void sameDataSameSeedSameIntervalHoweverTheWorkIsSplit() {
    // 200 "trials", each with its own seed: computed sequentially, then in parallel in reverse order
    SplittableRandom data = new SplittableRandom(7);
    long[][] spent = new long[200][];
    boolean[][] success = new boolean[200][];
    for (int t = 0; t < 200; t++) {
      int n = 1 + data.nextInt(15);
      spent[t] = new long[n];
      success[t] = new boolean[n];
      for (int r = 0; r < n; r++) {
        success[t][r] = data.nextInt(3) > 0;
        spent[t][r] = success[t][r] ? 1 + data.nextInt(500) : 500;
      }
    }
    Interval[] sequential = new Interval[200];
    for (int t = 0; t < 200; t++) {
      sequential[t] = RunningTime.bootstrapInterval(spent[t], success[t], 1000L + t);
    }
    Interval[] parallel = new Interval[200];
    IntStream.range(0, 200).parallel().map(t -> 199 - t).forEach(t ->
        parallel[t] = RunningTime.bootstrapInterval(spent[t].clone(), success[t].clone(), 1000L + t));
    assertArrayEquals(sequential, parallel);
    // and again, after other draws: no hidden state
    RunningTime.bootstrapInterval(spent[3], success[3], 99);
    assertEquals(sequential[0], RunningTime.bootstrapInterval(spent[0], success[0], 1000L));
  }

  @Test
  void theResamplesDependOnSeedAndCountOnly() {
    long[] spent = {10, 30, 50, 100, 100};
    boolean[] success = {true, true, true, false, false};
    double[] a = RunningTime.bootstrapSample(spent, success, 500, 5);
    assertArrayEquals(a, RunningTime.bootstrapSample(spent, success, 500, 5));
    assertFalse(java.util.Arrays.equals(a, RunningTime.bootstrapSample(spent, success, 500, 6)), "another seed");
    // the confidence level only picks other percentiles of the same resamples
    Interval i95 = RunningTime.bootstrapInterval(spent, success, 0.95, 500, 5);
    Interval i80 = RunningTime.bootstrapInterval(spent, success, 0.80, 500, 5);
    assertEquals(Quantiles.linear(a, 500, (1 - 0.95) / 2), i95.lower(), 0.0); // 0.025000000000000022
    assertEquals(Quantiles.linear(a, 500, (1 - 0.80) / 2), i80.lower(), 0.0); // 0.09999999999999998
    assertTrue(i80.lower() >= i95.lower() && i80.upper() <= i95.upper());
  }

  @Test
  void everyIntervalContainsItsEstimate() {
    SplittableRandom random = new SplittableRandom(2024);
    int rawMisses = 0;
    int tables = 3000;
    for (int t = 0; t < tables; t++) {
      int n = 1 + random.nextInt(10);
      long[] spent = new long[n];
      boolean[] success = new boolean[n];
      long budget = 1 + random.nextInt(1000);
      for (int r = 0; r < n; r++) {
        success[r] = random.nextInt(4) > 0;
        spent[r] = success[r] ? random.nextLong(budget + 1) : budget;
      }
      double conf = 0.5 + 0.49 * random.nextDouble();
      long seed = random.nextLong();
      Interval i = RunningTime.bootstrapInterval(spent, success, conf, 200, seed);
      double art = RunningTime.average(spent, success);
      assertTrue(i.lower() <= art && art <= i.upper(), "table " + t + ": " + i);
      double[] raw = RunningTime.bootstrapSample(spent, success, 200, seed);
      double lo = Quantiles.linear(raw, 200, (1 - conf) / 2);
      double hi = Quantiles.linear(raw, 200, (1 + conf) / 2);
      if (!(lo <= art && art <= hi)) {
        rawMisses++;
      }
    }
    // The widening is a guard, not the rule: the raw percentiles already contain aRT almost always.
    assertTrue(rawMisses < tables / 100, rawMisses + " raw percentile intervals missed aRT");
  }

  @Test
  void simulatedRestartsHaveMeanArtAndTheClosedFormSpread() {
    // make_stats.py: a simulated length is one uniform success plus G uniform failures, G geometric; mean = aRT
    for (JsonNode t : StatsFixture.json().get("bootstrap")) {
      long[] spent = longs(t.get("spent"));
      boolean[] success = booleans(t.get("success"));
      int samples = 200_000;
      double[] lengths = RunningTime.simulatedRestarts(spent, success, 77, new double[samples]);
      double mean = 0;
      for (double x : lengths) {
        mean += x;
      }
      mean /= samples;
      double var = 0;
      for (double x : lengths) {
        var += (x - mean) * (x - mean);
      }
      double sd = Math.sqrt(var / (samples - 1));
      double expectedMean = num(t.get("restarts").get("mean"));
      double expectedSd = num(t.get("restarts").get("sd"));
      // 5 standard errors of the mean; the sample sd within 5 % (heavy-ish tail, 2e5 samples)
      assertEquals(expectedMean, mean, 5 * expectedSd / Math.sqrt(samples), "mean of " + t.get("spent"));
      assertEquals(expectedSd, sd, 0.05 * expectedSd, "sd of " + t.get("spent"));
      assertArrayEquals(lengths, RunningTime.simulatedRestarts(spent, success, 77, new double[samples]));
    }
    double[] none = RunningTime.simulatedRestarts(new long[] {5, 5}, new boolean[] {false, false}, 1, new double[3]);
    assertArrayEquals(new double[] {INF, INF, INF}, none);
  }

  @Test
  void badArgumentsAreRefusedWithNameValueAndExpectation() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> RunningTime.average(new long[] {1, -2}, new boolean[] {true, false})).getMessage();
    assertTrue(m.contains("spent[1]") && m.contains("-2") && m.contains("≥ 0"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> RunningTime.average(new long[] {1, 2}, new boolean[] {true})).getMessage();
    assertTrue(m.contains("success.length") && m.contains("1"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> RunningTime.bootstrapInterval(new long[] {1}, new boolean[] {true}, 0.95, 0, 1)).getMessage();
    assertTrue(m.contains("resamples") && m.contains("0"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> RunningTime.average(new long[] {Long.MAX_VALUE, 1}, new boolean[] {true, true})).getMessage();
    assertTrue(m.contains("fits in a long"), m);
    assertThrows(IllegalArgumentException.class, () -> RunningTime.average(null, new boolean[0]));
    assertThrows(IllegalArgumentException.class,
        () -> RunningTime.bootstrapInterval(new long[] {1}, new boolean[] {true}, 1.5, 10, 1));
    assertThrows(IllegalArgumentException.class,
        () -> RunningTime.simulatedRestarts(new long[0], new boolean[0], 1, new double[1]));
    assertNotEquals(null, RunningTime.bootstrapInterval(new long[] {1}, new boolean[] {true}, 1));
  }
}
