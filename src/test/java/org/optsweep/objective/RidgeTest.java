package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ridge regression: hand-solvable cases and the documented generator. */
class RidgeTest {

  /**
   * Orthogonal design, solvable by hand: A = [[2,0],[0,2],[0,0],[0,0]] so AᵀA/m = I, y = (2,4,1,1) so
   * Aᵀy/m = (1,2); w* = (1,2)/(1+λ). For λ = 1: w* = (0.5, 1), residual (−1,−2,−1,−1), f = 7/4 + 1.25 = 3.
   */
  @Test
  void orthogonalDesignByHand(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("orthogonal.csv");
    Files.writeString(csv, "a1,a2,y\n2,0,2\n0,2,4\n0,0,1\n0,0,1\n\n");
    Objective f = Objectives.find("ridge").create(Map.of("data", csv.toString(), "dimension", 2, "lambda", 1));
    assertArrayEquals(new double[] {0.5, 1.0}, f.minimiser(), 1e-15);
    assertEquals(3.0, f.minimum(), 1e-15);
    // ∇f(0) = −2Aᵀy/m = (−2, −4); f(0) = ‖y‖²/m = 22/4.
    double[] grad = new double[2];
    assertEquals(5.5, f.valueAndGradient(new double[2], grad), 0.0);
    assertArrayEquals(new double[] {-2, -4}, grad, 1e-15);
  }

  /**
   * The generator follows its documentation: A row by row, then w_true, then the noise, each a
   * Box-Muller normal √(−2 ln(1 − u₁))·cos(2π u₂) from SplittableRandom(seed). Re-derived here from
   * that description; with noise 0 and λ = 0, w* is w_true and the minimum is 0.
   */
  @Test
  void generatedDataFollowsDocumentedStream() {
    int m = 12;
    int d = 3;
    SplittableRandom rng = new SplittableRandom(77);
    double[][] a = new double[m][d];
    for (double[] row : a) {
      for (int j = 0; j < d; j++) {
        row[j] = boxMuller(rng);
      }
    }
    double[] wTrue = new double[d];
    for (int j = 0; j < d; j++) {
      wTrue[j] = boxMuller(rng);
    }
    double noise = 0.25;
    double[][] data = Ridge.generate(m, d, noise, 77);
    for (int i = 0; i < m; i++) {
      assertArrayEquals(a[i], Arrays.copyOf(data[i], d), 0.0, "row " + i);
      double y = 0;
      for (int j = 0; j < d; j++) {
        y += a[i][j] * wTrue[j];
      }
      assertEquals(y + noise * boxMuller(rng), data[i][d], 1e-15, "y " + i);
    }
    Objective exact = Objectives.find("ridge").create(Map.of("rows", m, "dimension", d, "noise", 0,
        "lambda", 0, "data_seed", 77));
    assertArrayEquals(wTrue, exact.minimiser(), 1e-12);
    assertEquals(0.0, exact.minimum(), 1e-24);
  }

  private static double boxMuller(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  /** Same seed, same data (trials on different executors see one problem); another seed, another. */
  @Test
  void generationIsDeterministic() {
    assertTrue(Arrays.deepEquals(Ridge.generate(30, 4, 0.1, 3), Ridge.generate(30, 4, 0.1, 3)));
    assertFalse(Arrays.deepEquals(Ridge.generate(30, 4, 0.1, 3), Ridge.generate(30, 4, 0.1, 4)));
    Objective f = Objectives.find("ridge").create(Map.of());
    assertEquals(5, f.dimension());
    assertEquals(100, ((Ridge) f).rows());
  }

  /**
   * More features than observations with λ = 0 (m = 3 &lt; d = 5): infinitely many exact fits, so the
   * minimiser is reported as unknown and the minimum is 0 (a linear system with more unknowns than
   * equations and A of full row rank is solvable).
   */
  @Test
  void underdeterminedWithoutPenaltyHasNoUniqueMinimiser() {
    Objective f = Objectives.find("ridge").create(Map.of("rows", 3, "dimension", 5, "lambda", 0));
    assertEquals(null, f.minimiser());
    assertEquals(0.0, f.minimum(), 1e-20);
    Objective penalised = Objectives.find("ridge").create(Map.of("rows", 3, "dimension", 5, "lambda", 0.01));
    assertTrue(penalised.minimiser() != null, "lambda > 0 makes the optimum unique");
    double[] grad = new double[5];
    penalised.gradient(penalised.minimiser(), grad);
    assertArrayEquals(new double[5], grad, 1e-12);
  }
}
