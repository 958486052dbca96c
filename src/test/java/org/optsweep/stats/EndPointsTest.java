package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsweep.stats.StatsFixture.nums;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@link EndPoints}: the fast expansion's cancellation on end points at coordinates 1e4 that differ by 1e-9,
 * against exact rational arithmetic and scipy's single-linkage clusters (make_stats.py), and small cases by hand.
 */
class EndPointsTest {
  private static final double U = 0x1p-53;

  private static final JsonNode FIX = StatsFixture.json().get("end_points");
  private static final int N = FIX.get("n").asInt();
  private static final double[] POINTS = nums(FIX.get("points"));
  private static final int M = POINTS.length / N;

  @Test
  void smallIntegerPointsByHand() {
    // (0, 0), (3, 4), (3, 4.5): squared distances 25, 4.5² + 3² = 29.25, 0.25 — all exact in binary
    double[] p = EndPoints.flatten(new double[][] {{0, 0}, {3, 4}, {3, 4.5}});
    double[] expected = {0, 25, 29.25, 25, 0, 0.25, 29.25, 0.25, 0};
    assertArrayEquals(expected, EndPoints.squaredDistances(p, 3, 2, new double[9]), 0.0);
    assertArrayEquals(expected, EndPoints.exactSquaredDistances(p, 3, 2, new double[9]), 0.0);
    assertEquals(0.25, EndPoints.exactSquaredDistance(p, 2, 2, 1), 0.0);
    // threshold 0.5: the pair at distance exactly 0.5 is joined (≤), the origin stays alone
    EndPoints.Clusters c = EndPoints.clusters(p, 3, 2, 0.5);
    assertEquals(2, c.count());
    assertArrayEquals(new int[] {0, 1, 1}, c.labels());
    assertEquals(3, EndPoints.clusters(p, 3, 2, 0.49).count());
    assertEquals(1, EndPoints.clusters(p, 3, 2, 5).count());
    // a chain: 0 — 1 — 2 each 1 apart, 0 and 2 two apart: single linkage joins all three at threshold 1
    assertEquals(1, EndPoints.clusters(new double[] {0, 1, 2}, 3, 1, 1).count());
    assertEquals(0, EndPoints.clusters(new double[0], 0, 4, 1).count());
  }

  @Test
  void exactFunctionMatchesRationalArithmetic() {
    double[] exact = EndPoints.exactSquaredDistances(POINTS, M, N, new double[M * M]);
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < M; j++) {
        double e = FIX.get("exact_squared").get(i).get(j).asDouble(); // Σ(a − b)² in Fractions, then rounded
        // the differences of nearby doubles are exact (Sterbenz), so only the squares and sum round
        assertEquals(e, exact[i * M + j], 4 * N * U * e, "pair " + i + ", " + j);
        assertEquals(exact[i * M + j], EndPoints.exactSquaredDistance(POINTS, N, i, j), 0.0);
      }
    }
  }

  @Test
  void theExpansionGoesNegativeAndTheClampMatters() {
    double[] raw = EndPoints.squaredDistances(POINTS, M, N, new double[M * M], false);
    double[] clamped = EndPoints.squaredDistances(POINTS, M, N, new double[M * M]);
    double[] exact = EndPoints.exactSquaredDistances(POINTS, M, N, new double[M * M]);
    int negative = 0;
    for (int k = 0; k < M * M; k++) {
      if (raw[k] < 0) {
        negative++;
        assertTrue(Double.isNaN(Math.sqrt(raw[k])), "a negative square has no distance");
      }
      assertTrue(clamped[k] >= 0 && !Double.isNaN(Math.sqrt(clamped[k])), "clamped " + k);
      assertEquals(Math.max(0, raw[k]), clamped[k], 0.0);
    }
    assertTrue(negative > 0, "the unclamped expansion never went negative: the fixture no longer shows the trap");
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < M; j++) {
        double normI = 0;
        double normJ = 0;
        for (int k = 0; k < N; k++) {
          normI += POINTS[i * N + k] * POINTS[i * N + k];
          normJ += POINTS[j * N + k] * POINTS[j * N + k];
        }
        // Higham's dot-product bound: |fast − exact| ≤ (2n + 3)·u·(‖a‖² + ‖b‖²), here ≈ 6e-7
        double bound = (2 * N + 3) * U * (normI + normJ);
        assertTrue(Math.abs(clamped[i * M + j] - exact[i * M + j]) <= bound, "pair " + i + ", " + j + ": fast "
            + clamped[i * M + j] + " exact " + exact[i * M + j]);
        assertEquals(exact[i * M + j], exact[j * M + i], 0.0);
        assertEquals(clamped[i * M + j], clamped[j * M + i], 0.0, "symmetric");
      }
    }
  }

  @Test
  void clustersAgreeWithScipySingleLinkageOnTheExactDistances() {
    for (JsonNode c : FIX.get("clusters")) {
      double t = c.get("threshold").asDouble();
      EndPoints.Clusters got = EndPoints.clusters(POINTS, M, N, t);
      int[] expected = firstAppearance(StatsFixture.ints(c.get("labels")));
      assertArrayEquals(expected, got.labels(), "threshold " + t);
      assertEquals(max(expected) + 1, got.count(), "threshold " + t);
    }
  }

  @Test
  void theClampedExpansionAloneDecidesPairsWrongNearTheThreshold() {
    // At threshold 1e-6 (threshold² 1e-12) the near-duplicates' true d² ~ 1e-18 is buried in the expansion's
    // noise of ~1e-8: clamping makes the noise non-negative but cannot tell 1e-18 from 3e-8, so deciding on the
    // fast value alone gets pairs wrong — the reason clusters() re-checks those pairs exactly.
    double t2 = 1e-12;
    double[] clamped = EndPoints.squaredDistances(POINTS, M, N, new double[M * M]);
    double[] exact = EndPoints.exactSquaredDistances(POINTS, M, N, new double[M * M]);
    int wrong = 0;
    for (int i = 0; i < M; i++) {
      for (int j = i + 1; j < M; j++) {
        if ((clamped[i * M + j] <= t2) != (exact[i * M + j] <= t2)) {
          wrong++;
        }
      }
    }
    assertTrue(wrong > 0, "no pair decided wrongly by the fast expansion: the fixture no longer shows the trap");
  }

  private static int[] firstAppearance(int[] labels) {
    int[] out = new int[labels.length];
    java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      out[i] = seen.computeIfAbsent(labels[i], k -> seen.size());
    }
    return out;
  }

  private static int max(int[] a) {
    int m = -1;
    for (int x : a) {
      m = Math.max(m, x);
    }
    return m;
  }

  @Test
  void writesIntoTheCallersArray() {
    double[] out = new double[4];
    assertSame(out, EndPoints.squaredDistances(new double[] {1, 2}, 2, 1, out));
    assertArrayEquals(new double[] {0, 1, 1, 0}, out, 0.0);
  }

  @Test
  void badArgumentsAreRefusedWithNameValueAndExpectation() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> EndPoints.clusters(new double[] {1, 2, 3}, 2, 2, 1)).getMessage();
    assertTrue(m.contains("points.length") && m.contains("3") && m.contains("m·n = 2·2"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> EndPoints.clusters(new double[] {1, Double.NaN}, 2, 1, 1)).getMessage();
    assertTrue(m.contains("points[1]") && m.contains("NaN") && m.contains("finite"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> EndPoints.clusters(new double[] {1, 2}, 2, 1, -1)).getMessage();
    assertTrue(m.contains("threshold") && m.contains("-1"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> EndPoints.squaredDistances(new double[] {1, 2}, 2, 1, new double[3])).getMessage();
    assertTrue(m.contains("out.length") && m.contains("m·m = 4"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> EndPoints.flatten(new double[][] {{1, 2}, {3}})).getMessage();
    assertTrue(m.contains("points[1].length"), m);
    assertThrows(IllegalArgumentException.class, () -> EndPoints.exactSquaredDistance(new double[] {1, 2}, 1, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> EndPoints.clusters(new double[] {1}, 1, 0, 1));
  }
}
