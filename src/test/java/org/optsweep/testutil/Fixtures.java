package org.optsweep.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the JSON fixtures written by the checked-in reference scripts under src/test/resources/reference. */
public final class Fixtures {
  private Fixtures() {}

  /** Tolerance for "the same arithmetic, possibly grouped differently": a few ulps. */
  public static final double SAME_ARITHMETIC = 1e-14;

  /** The parsed fixture at {@code reference/<path>} on the test classpath. */
  public static JsonNode load(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/reference/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture reference/" + path);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON array of numbers as a double[]. */
  public static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** Asserts |a_i − e_i| ≤ rel·max(1, |e_i|) for every i. */
  public static void assertClose(double[] expected, double[] actual, double rel, String what) {
    if (expected.length != actual.length) {
      throw new AssertionError(what + ": length " + actual.length + " != " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double tol = rel * Math.max(1, Math.abs(expected[i]));
      if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
        throw new AssertionError(what + ": component " + i + " expected " + expected[i] + " but was " + actual[i]
            + " (tolerance " + tol + ")");
      }
    }
  }
}
