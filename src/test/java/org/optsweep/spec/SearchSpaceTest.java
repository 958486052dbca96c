package org.optsweep.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Properties of trial decoding: grids are bijections, random draws follow their distributions. */
class SearchSpaceTest {

  static JobSpec job(String body) {
    return JobParser.parse("test.yaml", "name: t\nseed: 42\nobjective: {name: sphere, dimension: 2}\n"
        + "start: [1, 2]\nsolver: nag\n" + body);
  }

  @Test
  void gridDecodingIsABijectionWithTheLastAxisFastest() {
    JobSpec j = job("parameters:\n  gamma: {values: [0.1, 0.2, 0.3]}\n"
        + "  schedule.lr0: {values: [1, 2, 3, 4]}\n  stopping.max_iterations: {values: [10, 20, 30, 40, 50]}\n");
    assertEquals(60, j.trials(0));
    Set<List<Object>> seen = new HashSet<>();
    for (long i = 0; i < 60; i++) {
      seen.add(new ArrayList<>(j.values(0, i).values()));
    }
    assertEquals(60, seen.size(), "every combination exactly once");
    // i = 0*20 + 1*5 + 2 -> gamma[0], lr0[1], max_iterations[2]; like three nested loops in file order.
    assertEquals(List.of(0.1, 2L, 30L), new ArrayList<>(j.values(0, 7).values()));
    assertEquals(List.of(0.3, 4L, 50L), new ArrayList<>(j.values(0, 59).values()));
  }

  /** A grid of 256^axes points: five axes of 256 values each make 2^40. */
  static String bigGrid(int axes) {
    String[] keys = {"gamma", "schedule.lr0", "stopping.max_iterations", "stopping.step_tolerance", "objective.a"};
    StringBuilder b = new StringBuilder("name: big\nseed: 1\nobjective: {name: ackley, dimension: 2}\n"
        + "start: [0, 0]\nsolver: nag\nparameters:\n");
    for (int k = 0; k < axes; k++) {
      b.append("  ").append(keys[k]).append(": {values: [");
      for (int v = 1; v <= 256; v++) {
        // gamma must stay below 1; the others accept any positive number.
        b.append(k == 0 ? v / 257.0 : (double) v).append(v < 256 ? ", " : "]}\n");
      }
    }
    return b.toString();
  }

  @Test
  void aGridOfTwoToTheFortyPointsValidatesWithoutListingIt() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    JobParser.parse("warm.yaml", bigGrid(4));
    long a0 = threads.getThreadAllocatedBytes(id);
    JobSpec small = JobParser.parse("small.yaml", bigGrid(4));
    long a1 = threads.getThreadAllocatedBytes(id);
    JobSpec big = JobParser.parse("big.yaml", bigGrid(5));
    long a2 = threads.getThreadAllocatedBytes(id);
    assertEquals(1L << 32, small.trials(0));
    assertEquals(1L << 40, big.trials(0));
    // 256 times the trials, about the same memory: one more axis of 256 values, nothing per trial.
    assertTrue(a2 - a1 < 1.5 * (a1 - a0) + 1_000_000, "allocated " + (a1 - a0) + " vs " + (a2 - a1));
    // The last trial takes the last value of every axis; trial 2^40 - 256 the first of the last axis.
    Map<String, Object> last = big.values(0, (1L << 40) - 1);
    assertEquals(List.of(256 / 257.0, 256.0, 256.0, 256.0, 256.0), new ArrayList<>(last.values()));
    assertEquals(1.0, big.values(0, (1L << 40) - 256).get("objective.a"));
  }

  @Test
  void randomDrawsStayInBoundsAndFollowTheirDistributions() {
    int n = 4000;
    JobSpec j = job("parameters:\n  gamma: {distribution: uniform, min: 0.2, max: 0.6}\n"
        + "  schedule.lr0: {distribution: log_uniform, min: 1.0e-4, max: 1}\n"
        + "  stopping.max_iterations: {distribution: int_uniform, min: 1, max: 5}\n"
        + "  schedule: {values: [constant, exponential, cosine, step]}\n"
        + "search: {method: random, trials: " + n + "}\n");
    double[] u1 = new double[n];
    double[] u2 = new double[n];
    int[] ints = new int[6];
    Map<String, Integer> kinds = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> v = j.values(0, i);
      double g = ((Number) v.get("solver.gamma")).doubleValue();
      double lr = ((Number) v.get("schedule.lr0")).doubleValue();
      long it = ((Number) v.get("stopping.max_iterations")).longValue();
      assertTrue(g >= 0.2 && g <= 0.6 && lr >= 1e-4 && lr <= 1 && it >= 1 && it <= 5);
      u1[i] = (g - 0.2) / 0.4;
      u2[i] = (Math.log10(lr) + 4) / 4;          // log-uniform: log10(lr) uniform on [-4, 0]
      ints[(int) it]++;
      kinds.merge((String) v.get("schedule"), 1, Integer::sum);
    }
    // Kolmogorov-Smirnov against U(0,1); critical value at alpha = 0.001 is 1.949/sqrt(n).
    double crit = 1.949 / Math.sqrt(n);
    assertTrue(ks(u1) < crit, "uniform KS " + ks(u1));
    assertTrue(ks(u2) < crit, "log-uniform KS " + ks(u2));
    // Chi-square with 4 degrees of freedom (5 integers): critical value 18.47 at alpha = 0.001;
    // 3 degrees of freedom (4 kinds): 16.27.
    double chi = 0;
    for (int k = 1; k <= 5; k++) {
      chi += Math.pow(ints[k] - n / 5.0, 2) / (n / 5.0);
    }
    assertTrue(chi < 18.47, "int_uniform chi2 " + chi);
    double chiKinds = 0;
    for (int c : kinds.values()) {
      chiKinds += Math.pow(c - n / 4.0, 2) / (n / 4.0);
    }
    assertEquals(4, kinds.size());
    assertTrue(chiKinds < 16.27, "values chi2 " + chiKinds);
  }

  @Test
  void sobolPointsFillEveryStratumOnceAndDecodeByIndex() {
    // 64 points: each coordinate of a (shifted) Sobol sequence puts exactly one point in each of 64
    // equal bins — the stratification plain random search lacks (it leaves ~23 of 64 bins empty).
    JobSpec j = job("parameters:\n  gamma: {distribution: uniform, min: 0, max: 0.64}\n"
        + "  schedule.lr0: {distribution: log_uniform, min: 1.0e-4, max: 1}\n"
        + "search: {method: sobol, trials: 64}\n");
    int[] gammaBins = new int[64];
    int[] lrBins = new int[64];
    for (int i = 0; i < 64; i++) {
      Map<String, Object> v = j.values(0, i);
      gammaBins[(int) Math.floor(((Number) v.get("solver.gamma")).doubleValue() / 0.01)]++;
      double lr = ((Number) v.get("schedule.lr0")).doubleValue();
      lrBins[Math.min(63, (int) Math.floor((Math.log10(lr) + 4) / 4 * 64 + 1e-9))]++;
    }
    for (int b = 0; b < 64; b++) {
      assertEquals(1, gammaBins[b], "gamma bin " + b);
      assertEquals(1, lrBins[b], "lr bin " + b);
    }
    assertEquals(j.values(0, 37), job("parameters:\n  gamma: {distribution: uniform, min: 0, max: 0.64}\n"
        + "  schedule.lr0: {distribution: log_uniform, min: 1.0e-4, max: 1}\n"
        + "search: {method: sobol, trials: 64}\n").values(0, 37), "decoded from the index alone");
  }

  private static double ks(double[] u) {
    double[] s = u.clone();
    Arrays.sort(s);
    double d = 0;
    for (int i = 0; i < s.length; i++) {
      d = Math.max(d, Math.max((i + 1.0) / s.length - s[i], s[i] - (double) i / s.length));
    }
    return d;
  }

  @Test
  void theSameSeedGivesTheSameTrialsInAnyOrderOfDecoding() {
    String body = "parameters:\n  gamma: {distribution: uniform, min: 0, max: 0.9}\n"
        + "  schedule.lr0: {distribution: log_uniform, min: 1.0e-3, max: 1}\nsearch: {method: random, trials: 500}\n"
        + "replicates: {count: 4, start_jitter: 0.5}\n";
    JobSpec a = job(body);
    JobSpec b = job(body);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(5));
    Map<Integer, Map<String, Object>> forward = new java.util.HashMap<>();
    for (int i = 0; i < 500; i++) {
      forward.put(i, a.values(0, i));
    }
    for (int i : order) {
      assertEquals(forward.get(i), b.values(0, i), "trial " + i);
      assertArrayEquals(a.start(0, i, 3), b.start(0, i, 3));
    }
    assertNotEquals(a.values(0, 0), a.values(0, 1));
    JobSpec other = JobParser.parse("t.yaml", "name: t\nseed: 43\nobjective: {name: sphere, dimension: 2}\n"
        + "start: [1, 2]\nsolver: nag\n" + body);
    assertNotEquals(a.values(0, 0), other.values(0, 0), "another seed, other draws");
  }

  @Test
  void replicateStartsAreJitteredAroundTheStartExceptReplicateZero() {
    JobSpec j = job("replicates: {count: 50, start_jitter: 0.01}\n");
    assertArrayEquals(new double[] {1, 2}, j.start(0, 0, 0));
    Set<String> distinct = new HashSet<>();
    for (int r = 1; r < 50; r++) {
      double[] s = j.start(0, 0, r);
      assertTrue(Math.abs(s[0] - 1) <= 0.01 && Math.abs(s[1] - 2) <= 0.01, Arrays.toString(s));
      distinct.add(Arrays.toString(s));
    }
    assertEquals(49, distinct.size());
    JobSpec box = JobParser.parse("t.yaml", "name: t\nobjective: {name: sphere, dimension: 2}\n"
        + "start: {min: [-1, 10], max: [1, 11]}\nsolver: gd\nreplicates: {count: 20}\n");
    for (int r = 0; r < 20; r++) {
      double[] s = box.start(0, 0, r);
      assertTrue(s[0] >= -1 && s[0] <= 1 && s[1] >= 10 && s[1] <= 11);
    }
  }
}
