package org.optsweep.stats;

import com.fasterxml.jackson.databind.JsonNode;
import org.optsweep.testutil.Fixtures;

/**
 * The values written by {@code src/test/resources/reference/stats/make_stats.py} (numpy/scipy): every
 * expected number of these tests that is not worked by hand in a comment comes from there.
 */
final class StatsFixture {
  private StatsFixture() {}

  /** Java and SciPy/numpy evaluating the same closed form: agreement to rounding. */
  static final double SAME_FORMULA = 1e-13;

  /** Two different numerical inverses of the same CDF (commons-math3's solver vs SciPy's special functions). */
  static final double NUMERICAL_INVERSE = 1e-10;

  private static JsonNode root;

  static synchronized JsonNode json() {
    if (root == null) {
      root = Fixtures.load("stats/stats.json");
    }
    return root;
  }

  /** A number of the fixture; the script writes ±∞ and NaN as the strings "Infinity", "NaN". */
  static double num(JsonNode node) {
    return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
  }

  static double[] nums(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(array.get(i));
    }
    return out;
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  static boolean[] booleans(JsonNode array) {
    boolean[] out = new boolean[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asBoolean();
    }
    return out;
  }

  /** |actual − expected| ≤ rel·max(1e-300, |expected|): a relative tolerance, exact equality for ±∞. */
  static void assertRel(double expected, double actual, double rel, String what) {
    if (expected == actual) {
      return;
    }
    double tol = rel * Math.abs(expected);
    if (!(Math.abs(actual - expected) <= tol)) {
      throw new AssertionError(what + ": expected " + expected + " but was " + actual + " (relative tolerance "
          + rel + ")");
    }
  }
}
