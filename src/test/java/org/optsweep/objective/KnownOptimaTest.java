package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published optima and values by hand formula: the numbers a reader can check on paper.
 */
class KnownOptimaTest {

  private static Objective make(String name, Map<String, Object> settings) {
    return Objectives.find(name).create(settings);
  }

  /**
   * Each objective with a known optimum: f(minimiser) equals minimum (to rounding), the gradient there
   * is zero, and the minimiser has the published coordinates.
   */
  @ParameterizedTest(name = "{0} n={1} at {2}")
  @CsvSource({
      "ackley,     2, 0",
      "ackley,     9, 0",
      "rosenbrock, 2, 1",
      "rosenbrock, 7, 1",
      "rastrigin,  3, 0",
      "sphere,     4, 0",
      "quadratic,  5, 0",
  })
  void publishedMinimum(String name, int n, double coordinate) {
    Objective f = make(name, Map.of("dimension", n));
    double[] expected = new double[n];
    Arrays.fill(expected, coordinate);
    assertArrayEquals(expected, f.minimiser(), 0.0);
    assertEquals(0.0, f.minimum(), 0.0);
    // Ackley's −20·e⁰ − e¹ + 20 + e cancels to within a few ulps of 20, not exactly.
    assertEquals(0.0, f.value(f.minimiser()), 1e-14);
    double[] grad = new double[n];
    f.gradient(f.minimiser(), grad);
    assertArrayEquals(new double[n], grad, 1e-12);
  }

  /** Ackley (1,1): −20·exp(−0.2) − exp(cos 2π) + 20 + e = 20 − 20·exp(−0.2) ≈ 3.6253849384403627. */
  @Test
  void ackleyAtOneOne() {
    Objective f = make("ackley", Map.of());
    double byHand = 20 - 20 * Math.exp(-0.2);
    assertEquals(byHand, f.value(new double[] {1, 1}), 1e-14);
    assertEquals(3.6253849384403627, f.value(new double[] {1, 1}), 1e-14);
  }

  /** Rosenbrock (−1.2, 1), the classic start: 100·(1 − 1.44)² + 2.2² = 19.36 + 4.84 = 24.2. */
  @Test
  void rosenbrockClassicStart() {
    Objective f = make("rosenbrock", Map.of());
    assertEquals(24.2, f.value(new double[] {-1.2, 1}), 1e-12);
    double[] grad = new double[2];
    f.gradient(new double[] {-1.2, 1}, grad);
    // ∂/∂x = −400x(y − x²) − 2(1 − x) = −215.6, ∂/∂y = 200(y − x²) = −88
    assertArrayEquals(new double[] {-215.6, -88}, grad, 1e-10);
    assertEquals(0.0, f.value(new double[] {1, 1}), 0.0);
  }

  /** Rastrigin at integer points: every cosine is 1, so f = Σx_i²; (1,1) → 2, (2,−3) → 13. */
  @Test
  void rastriginAtIntegers() {
    Objective f = make("rastrigin", Map.of());
    assertEquals(2.0, f.value(new double[] {1, 1}), 1e-12);
    assertEquals(13.0, f.value(new double[] {2, -3}), 1e-12);
  }

  /** Quadratic with κ = 100, n = 2: f(1,1) = ½(1 + 100) = 50.5; sphere: f(1,2,3) = 14. */
  @Test
  void quadraticAndSphereByHand() {
    assertEquals(50.5, make("quadratic", Map.of()).value(new double[] {1, 1}), 1e-12);
    assertEquals(14.0, make("sphere", Map.of("dimension", 3)).value(new double[] {1, 2, 3}), 0.0);
  }

  /**
   * group_sparse with λ = 0: ‖X·I − X‖_F = 0 at the identity, whatever the data; the chosen
   * sub-gradient there is 0; the reported minimiser is the flattened identity.
   */
  @Test
  void groupSparseIdentityIsOptimalWithoutPenalty() {
    for (Map<String, Object> s : java.util.List.<Map<String, Object>>of(Map.of(),
        Map.of("columns", 5, "rows", 8, "data_seed", 9),
        Map.of("data", Reference.file("group_sparse.csv")))) {
      Objective f = make("group_sparse", s);
      int p = (int) Math.round(Math.sqrt(f.dimension()));
      double[] eye = new double[p * p];
      for (int i = 0; i < p; i++) {
        eye[i * p + i] = 1;
      }
      assertArrayEquals(eye, f.minimiser(), 0.0, s.toString());
      assertEquals(0.0, f.minimum(), 0.0);
      assertEquals(0.0, f.value(eye), 0.0, s.toString());
      double[] grad = new double[p * p];
      Arrays.fill(grad, Double.NaN);
      f.gradient(eye, grad);
      assertArrayEquals(new double[p * p], grad, 0.0, "documented sub-gradient at R = 0");
    }
  }

  /**
   * group_sparse by hand: X = [[1, 0], [0, 2]] (a CSV), B = 0: ‖−X‖_F = √5 and every row norm is 0;
   * B = diag(4, 0): R = [[3, 0], [0, −2]], ‖R‖ = √13, penalty λ·(4^½ + 0) = 2λ.
   */
  @Test
  void groupSparseByHand(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path csv = dir.resolve("x.csv");
    java.nio.file.Files.writeString(csv, "1,0\n0,2\n");
    Objective f = make("group_sparse", Map.of("data", csv.toString(), "columns", 2, "lambda", 0.5));
    assertEquals(Math.sqrt(5), f.value(new double[4]), 1e-15);
    assertEquals(Math.sqrt(13) + 0.5 * 2, f.value(new double[] {4, 0, 0, 0}), 1e-15);
    assertNull(f.minimiser(), "unknown for lambda > 0");
    assertTrue(Double.isNaN(f.minimum()));
    // ∇ at B = diag(4, 0): XᵀR/‖R‖ = [[3, 0], [0, −4]]/√13; penalty row 0: λ·½·4^{−3/2}·(4, 0) = (0.125, 0);
    // row 1 is zero, so its penalty sub-gradient is 0.
    double[] grad = new double[4];
    f.gradient(new double[] {4, 0, 0, 0}, grad);
    double s13 = Math.sqrt(13);
    assertArrayEquals(new double[] {3 / s13 + 0.125, 0, 0, -4 / s13}, grad, 1e-15);
  }

  /** Data-driven objectives with no closed-form optimum say so. */
  @Test
  void autoencoderOptimumUnknown() {
    Objective f = make("autoencoder", Map.of());
    assertNull(f.minimiser());
    assertTrue(Double.isNaN(f.minimum()));
  }
}
