package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sparse autoencoder's θ layout, cost terms and generated data, by hand. */
class AutoencoderTest {

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * v = 2, h = 1, one example x = (0.5, 0.25). θ = [W1 (1×2), W2 (2×1), b1 (1), b2 (2)] as in the
   * seed, so its 7 entries are W1 = (0.2, −0.4), W2 = (0.3, −0.6), b1 = 0.1, b2 = (0.05, −0.05): the
   * W1 and W2 blocks have the same size, so only the seed's order gives this value.
   */
  @Test
  void costFollowsSeedLayout(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("one.csv");
    Files.writeString(csv, "0.5,0.25\n");
    double lambda = 0.01;
    Objective f = Objectives.find("autoencoder").create(Map.of("data", csv.toString(), "visible", 2,
        "hidden", 1, "lambda", lambda));
    assertEquals(7, f.dimension());
    double[] theta = {0.2, -0.4, 0.3, -0.6, 0.1, 0.05, -0.05};
    double a2 = sigmoid(0.2 * 0.5 - 0.4 * 0.25 + 0.1);
    double o1 = sigmoid(0.3 * a2 + 0.05);
    double o2 = sigmoid(-0.6 * a2 - 0.05);
    double reconstruction = 0.5 * ((0.5 - o1) * (0.5 - o1) + (0.25 - o2) * (0.25 - o2));
    double decay = 0.5 * lambda * (0.04 + 0.16 + 0.09 + 0.36);
    assertEquals(reconstruction + decay, f.value(theta), 1e-15);

    // β > 0 adds β·KL(ρ‖ρ̂) with ρ̂ = a2 (one example).
    double rho = 0.2;
    double beta = 3;
    Objective sparse = Objectives.find("autoencoder").create(Map.of("data", csv.toString(), "visible", 2,
        "hidden", 1, "lambda", lambda, "beta", beta, "rho", rho));
    double kl = rho * Math.log(rho / a2) + (1 - rho) * Math.log((1 - rho) / (1 - a2));
    assertEquals(reconstruction + decay + beta * kl, sparse.value(theta), 1e-15);
  }

  /** Dimension 2hv + h + v; generated examples lie in [0.1, 0.9] and depend only on the seed. */
  @Test
  void defaultsAndGeneratedData() {
    Autoencoder f = (Autoencoder) Objectives.find("autoencoder").create(Map.of());
    assertEquals(2 * 3 * 8 + 3 + 8, f.dimension());
    assertEquals(8, f.visible());
    assertEquals(3, f.hidden());
    assertEquals(20, f.examples());
    double[][] data = Autoencoder.generate(50, 8, 4);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : data) {
      assertEquals(8, row.length);
      for (double x : row) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    assertTrue(min >= 0.1 && max <= 0.9, min + " .. " + max);
    assertTrue(min < 0.15 && max > 0.85, "400 uniforms should nearly reach both ends: " + min + " .. " + max);
    assertTrue(java.util.Arrays.deepEquals(data, Autoencoder.generate(50, 8, 4)));
  }

  /** θ = 0: every activation is ½, so the cost is ½·Σ(x − ½)²/m exactly, with no weight decay. */
  @Test
  void zeroWeightsGiveHalfActivations() {
    double[][] data = Autoencoder.generate(20, 8, 1);
    double sse = 0;
    for (double[] row : data) {
      for (double x : row) {
        sse += (x - 0.5) * (x - 0.5);
      }
    }
    Objective f = Objectives.find("autoencoder").create(Map.of());
    assertEquals(0.5 * sse / 20, f.value(new double[f.dimension()]), 1e-15);
  }
}
