package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.optsweep.gradient.GradientCheck;
import org.optsweep.gradient.GradientCheck.Verdict;

/**
 * Every built-in objective's analytic gradient agrees with central differences
 * ({@link GradientCheck}, tolerance 1e-5) at 25 random points of a box chosen away from the places
 * where the objective is not differentiable.
 */
class GradientCheckTest {
  static final int POINTS = 25;
  static final double TOLERANCE = 1e-5;

  /** name, settings, centre value (every coordinate), radius; boxes avoid the kinks noted. */
  static Stream<Arguments> objectives() {
    return Stream.of(
        // Ackley is a cone at the origin: stay at distance >= 0.5 from it.
        Arguments.of("ackley", Map.of(), 2.0, 1.5),
        Arguments.of("ackley", Map.of("dimension", 7), -3.0, 2.0),
        Arguments.of("rosenbrock", Map.of(), 0.0, 2.0),
        Arguments.of("rosenbrock", Map.of("dimension", 5), 0.5, 1.5),
        Arguments.of("rastrigin", Map.of("dimension", 4), 0.0, 5.12),
        Arguments.of("sphere", Map.of("dimension", 6), 0.0, 10.0),
        Arguments.of("quadratic", Map.of("dimension", 5, "condition_number", 1e4), 0.0, 1.0),
        Arguments.of("ridge", Map.of(), 0.0, 3.0),
        Arguments.of("ridge", Map.of("rows", 7, "dimension", 12, "lambda", 0.0, "data_seed", 5), 0.0, 3.0),
        Arguments.of("ridge", Map.of("data", Reference.file("ridge.csv"), "dimension", 4), 1.0, 2.0),
        // group_sparse: entries in [0.2, 0.8] keep every row B_i away from 0 and B away from I,
        // where ‖XB − X‖_F has its cone.
        Arguments.of("group_sparse", Map.of(), 0.5, 0.3),
        Arguments.of("group_sparse", Map.of("lambda", 0.7, "columns", 4, "rows", 9), 0.5, 0.3),
        Arguments.of("group_sparse", Map.of("data", Reference.file("group_sparse.csv"), "lambda", 2.0), 0.5, 0.3),
        Arguments.of("autoencoder", Map.of(), 0.0, 0.5),
        Arguments.of("autoencoder", Map.of("beta", 3.0, "rho", 0.1, "lambda", 1e-3, "hidden", 5), 0.0, 0.5),
        Arguments.of("autoencoder", Map.of("data", Reference.file("autoencoder.csv"), "visible", 5,
            "beta", 0.5), 0.0, 1.0),
        // elastic_net / logistic: the subgradient is the gradient away from w_j = 0, so the box stays in w > 0.
        Arguments.of("elastic_net", Map.of("alpha", 0.5), 0.5, 0.3),
        Arguments.of("elastic_net", Map.of("data", Reference.file("enet.csv"), "dimension", 4, "standardize", true),
            0.5, 0.3),
        Arguments.of("logistic", Map.of("lambda", 0.05), 0.5, 0.3),
        Arguments.of("logistic", Map.of("data", Reference.file("logistic.csv"), "dimension", 3, "intercept", false,
            "alpha", 0.3), 0.5, 0.3));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("objectives")
  void analyticGradientMatchesCentralDifferences(String name, Map<String, Object> settings, double centre,
                                                 double radius) {
    Objective f = Objectives.find(name).create(settings);
    double[] c = new double[f.dimension()];
    Arrays.fill(c, centre);
    GradientCheck.Result r = GradientCheck.check(f, c, radius, POINTS, 42, TOLERANCE);
    assertEquals(Verdict.OK, r.verdict(), r.message());
  }

  /**
   * The seed's L-BFGS-B bug: a loss whose lambda never reads its argument. The check must call it
   * INSENSITIVE rather than OK, even though its (zero) gradient agrees with finite differences.
   */
  @Test
  void objectiveIgnoringItsInputIsInsensitive() {
    Objective constant = new Objective() {
      @Override
      public String name() {
        return "ignores_x";
      }

      @Override
      public int dimension() {
        return 3;
      }

      @Override
      public double value(double[] x) {
        return 90.802022224079778; // the seed's stuck cost
      }

      @Override
      public boolean hasGradient() {
        return true;
      }

      @Override
      public void gradient(double[] x, double[] grad) {
        Arrays.fill(grad, 0.0);
      }

      @Override
      public double[] minimiser() {
        return null;
      }

      @Override
      public double minimum() {
        return Double.NaN;
      }
    };
    GradientCheck.Result r = GradientCheck.check(constant, new double[3], 1.0, POINTS, 1, TOLERANCE);
    assertEquals(Verdict.INSENSITIVE, r.verdict(), r.message());
  }

  /** Guards the OK assertions above: a gradient off by a factor (a classic ½ slip) is caught. */
  @Test
  void wrongGradientIsAMismatch() {
    Objective halfGradient = new Objective() {
      private final Sphere sphere = new Sphere(3);

      @Override
      public String name() {
        return "half_gradient_sphere";
      }

      @Override
      public int dimension() {
        return 3;
      }

      @Override
      public double value(double[] x) {
        return sphere.value(x);
      }

      @Override
      public boolean hasGradient() {
        return true;
      }

      @Override
      public void gradient(double[] x, double[] grad) {
        for (int i = 0; i < 3; i++) {
          grad[i] = x[i];
        }
      }

      @Override
      public double[] minimiser() {
        return sphere.minimiser();
      }

      @Override
      public double minimum() {
        return 0;
      }
    };
    GradientCheck.Result r = GradientCheck.check(halfGradient, new double[] {1, 1, 1}, 0.5, POINTS, 3, TOLERANCE);
    assertEquals(Verdict.MISMATCH, r.verdict(), r.message());
    assertTrue(r.worstRelError() > 0.1, r.message());
  }
}
