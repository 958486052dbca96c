package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Values, gradients and known optima of every built-in objective against numpy/scipy
 * ({@code make_objectives.py} → {@code objectives.json}), evaluated by both sides on the same CSVs.
 */
class ObjectiveReferenceTest {

  /** One dynamic test per fixture entry: f and ∇f at each of its points. */
  @TestFactory
  List<DynamicTest> valuesAndGradientsMatchNumpy() {
    List<DynamicTest> tests = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : Reference.json().get("entries")) {
      String label = (index++) + " " + entry.get("objective").asText() + " " + entry.get("params");
      tests.add(DynamicTest.dynamicTest(label, () -> {
        Objective f = Reference.create(entry);
        for (JsonNode c : entry.get("cases")) {
          double[] x = Reference.doubles(c.get("x"));
          double[] expectedGrad = Reference.doubles(c.get("grad"));
          double expected = c.get("f").asDouble();
          assertEquals(x.length, f.dimension(), label + ": dimension");
          double[] before = x.clone();
          double actual = f.value(x);
          assertTrue(Reference.close(expected, actual, expected, Reference.TOL),
              label + " f" + Arrays.toString(x) + ": expected " + expected + ", got " + actual);
          double[] grad = new double[x.length];
          f.gradient(x, grad);
          double gradScale = Arrays.stream(expectedGrad).map(Math::abs).max().orElse(0);
          for (int i = 0; i < x.length; i++) {
            assertTrue(Reference.close(expectedGrad[i], grad[i], gradScale, Reference.TOL),
                label + " grad[" + i + "] at " + Arrays.toString(x) + ": expected " + expectedGrad[i]
                    + ", got " + grad[i]);
          }
          double[] grad2 = new double[x.length];
          double both = f.valueAndGradient(x, grad2);
          assertEquals(actual, both, 0.0, label + ": valueAndGradient's value");
          assertTrue(Arrays.equals(grad, grad2), label + ": valueAndGradient's gradient");
          assertTrue(Arrays.equals(before, x), label + ": the objective modified its argument");
        }
      }));
    }
    return tests;
  }

  /**
   * The fixtures ({@code objectives.json}, and {@code penalized.json} for the penalised GLMs) exercise every
   * built-in objective, so a new built-in without reference data fails.
   */
  @Test
  void everyBuiltInHasReferenceData() {
    Set<String> covered = new TreeSet<>();
    for (JsonNode entry : Reference.json().get("entries")) {
      covered.add(entry.get("objective").asText());
    }
    try {
      for (JsonNode entry : PenalizedObjectivesTest.json().get("entries")) {
        covered.add(entry.get("objective").asText());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertEquals(new TreeSet<>(List.of("ackley", "rosenbrock", "rastrigin", "sphere", "quadratic", "ridge",
        "group_sparse", "autoencoder", "elastic_net", "logistic")), covered);
  }

  /**
   * Ridge: the EJML QR/SVD optimum equals numpy.linalg.solve of the normal equations to 1e-10
   * relative, its value is numpy's f(w*), and ∇f(w*) vanishes (relative to the gradient's size at the
   * fixture's random points). For the collinear CSV with λ = 0 the minimiser is not unique: it is
   * reported as null and the minimum equals f at numpy.linalg.lstsq's solution.
   */
  @Test
  void ridgeOptimumMatchesNumpySolve() {
    int checked = 0;
    for (JsonNode entry : Reference.json().get("entries")) {
      if (!entry.get("objective").asText().equals("ridge")) {
        continue;
      }
      Objective f = Reference.create(entry);
      double minimum = entry.get("minimum").asDouble();
      assertTrue(Reference.close(minimum, f.minimum(), minimum, 1e-10),
          entry.get("params") + ": minimum expected " + minimum + ", got " + f.minimum());
      if (entry.get("minimiser").isNull()) {
        assertNull(f.minimiser(), entry.get("params") + ": singular system must report no unique minimiser");
        continue;
      }
      double[] expected = Reference.doubles(entry.get("minimiser"));
      double[] w = f.minimiser();
      assertNotNull(w);
      double norm = Math.sqrt(Arrays.stream(expected).map(v -> v * v).sum());
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], w[j], 1e-10 * norm, entry.get("params") + ": w*[" + j + "]");
      }
      double[] grad = new double[w.length];
      f.gradient(w, grad);
      double typical = Arrays.stream(Reference.doubles(entry.get("cases").get(0).get("grad")))
          .map(Math::abs).max().orElseThrow();
      for (double g : grad) {
        assertEquals(0.0, g, 1e-12 * typical, entry.get("params") + ": gradient at w* " + Arrays.toString(grad));
      }
      checked++;
    }
    assertEquals(2, checked, "ridge fixtures with a unique minimiser (lambda 0.1 and 0)");
  }

  /** group_sparse with λ = 0 reports the identity as minimiser and numpy's loss there, 0. */
  @Test
  void groupSparseOptimumMatchesNumpy() {
    for (JsonNode entry : Reference.json().get("entries")) {
      if (!entry.get("objective").asText().equals("group_sparse")) {
        continue;
      }
      Objective f = Reference.create(entry);
      if (entry.get("minimiser").isNull()) {
        assertNull(f.minimiser());
        assertTrue(Double.isNaN(f.minimum()));
      } else {
        double[] eye = Reference.doubles(entry.get("minimiser"));
        assertTrue(Arrays.equals(eye, f.minimiser()));
        assertEquals(entry.get("minimum").asDouble(), f.minimum(), 0.0);
        assertEquals(0.0, f.value(eye), 0.0);
      }
    }
  }

  /** Published values, as computed by the numpy script (independent of the Java code). */
  @Test
  void publishedValuesFromScript() {
    JsonNode pub = Reference.json().get("published");
    Objective ackley = Objectives.find("ackley").create(java.util.Map.of());
    assertEquals(pub.get("ackley_1_1").asDouble(), ackley.value(new double[] {1, 1}), 1e-14);
    assertEquals(3.6253849384403627, pub.get("ackley_1_1").asDouble(), 0.0,
        "the script's value is the one quoted in the design");
    assertEquals(pub.get("ackley_origin").asDouble(), ackley.value(new double[] {0, 0}), 1e-14);
    Objective rosen = Objectives.find("rosenbrock").create(java.util.Map.of());
    assertEquals(pub.get("rosenbrock_m1.2_1").asDouble(), rosen.value(new double[] {-1.2, 1}), 1e-13);
    assertEquals(pub.get("rosenbrock_1_1").asDouble(), rosen.value(new double[] {1, 1}), 0.0);
    Objective rastrigin = Objectives.find("rastrigin").create(java.util.Map.of());
    assertEquals(pub.get("rastrigin_1_1").asDouble(), rastrigin.value(new double[] {1, 1}), 1e-13);
  }
}
