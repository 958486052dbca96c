package org.optsweep.objective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixtures written by {@code src/test/resources/reference/objectives/make_objectives.py}: CSV data
 * and {@code objectives.json}, the numpy/scipy values every expected number in these tests comes from.
 */
final class Reference {
  private Reference() {}

  /**
   * Relative tolerance for Java vs numpy on the same doubles: the two evaluate the same formulas in a
   * different order (and {@code Math.cos} vs glibc's cos may differ by an ulp), so agreement is to
   * rounding, far below any modelling error.
   */
  static final double TOL = 1e-12;

  private static JsonNode root;

  /** The fixture directory on the test classpath. */
  static Path dir() {
    try {
      return Path.of(Reference.class.getResource("/reference/objectives/objectives.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixture file's absolute path, as a string for the {@code data} parameter. */
  static String file(String name) {
    return dir().resolve(name).toString();
  }

  static synchronized JsonNode json() {
    if (root == null) {
      try {
        root = new ObjectMapper().readTree(dir().resolve("objectives.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** An entry's parameters as raw settings, with {@code data} resolved to the fixture directory. */
  static Map<String, Object> params(JsonNode entry) {
    Map<String, Object> raw = new LinkedHashMap<>();
    entry.get("params").properties().forEach(e -> {
      JsonNode v = e.getValue();
      if (e.getKey().equals("data")) {
        raw.put("data", file(v.asText()));
      } else {
        raw.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asInt() : (Object) v.asDouble());
      }
    });
    return raw;
  }

  /** A fixture's objective, built through the registry as a job file would. */
  static Objective create(JsonNode entry) {
    return Objectives.find(entry.get("objective").asText()).create(params(entry));
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** |actual − expected| ≤ tol·max(1, scale). */
  static boolean close(double expected, double actual, double scale, double tol) {
    return Math.abs(actual - expected) <= tol * Math.max(1.0, Math.abs(scale));
  }
}
