package org.optsweep.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.optsweep.testutil.Fixtures.assertClose;
import static org.optsweep.testutil.Fixtures.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optsweep.objective.Quadratic;
import org.optsweep.schedule.Schedules;
import org.optsweep.testutil.Fixtures;

/**
 * The first-order updates against PyTorch's documented rules (torch.optim pseudo-code transcribed to
 * numpy in src/test/resources/reference/solvers/torch_rules.py) on f(x) = ½(x₀² + 10x₁²) from (1, 1),
 * which is {@link Quadratic} with condition number 10, after 1, 2, 3 and 100 steps.
 */
class TorchRulesTest {
  private static final JsonNode RUNS = Fixtures.load("solvers/torch_rules.json").get("runs");

  private static JsonNode run(String name) {
    for (JsonNode r : RUNS) {
      if (r.get("name").asText().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static Solver solverFor(String name, JsonNode p) {
    var lr = Schedules.create("constant", Map.of("lr0", p.get("lr").asDouble()));
    Map<String, Object> s = new HashMap<>();
    String kind;
    if (name.startsWith("adam")) {
      kind = "adam";
      s.put("beta1", p.get("betas").get(0).asDouble());
      s.put("beta2", p.get("betas").get(1).asDouble());
      s.put("eps", p.get("eps").asDouble());
    } else if (name.startsWith("adagrad")) {
      kind = "adagrad";
      s.put("lr_decay", p.get("lr_decay").asDouble());
      s.put("eps", p.get("eps").asDouble());
      s.put("initial_accumulator", p.get("initial_accumulator_value").asDouble());
    } else if (name.startsWith("rmsprop")) {
      kind = "rmsprop";
      s.put("alpha", p.get("alpha").asDouble());
      s.put("eps", p.get("eps").asDouble());
      s.put("momentum", p.get("momentum").asDouble());
      s.put("centered", p.get("centered").asBoolean());
    } else if (name.equals("gd")) {
      kind = "gd";
    } else if (name.equals("heavy_ball")) {
      kind = "momentum";
      s.put("gamma", p.get("gamma").asDouble());
    } else {
      kind = "nag";
      s.put("gamma", p.get("gamma").asDouble());
    }
    return Solvers.create(kind, s, lr);
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "adagrad", "adagrad_lr_decay", "rmsprop_momentum0.0_centeredFalse",
      "rmsprop_momentum0.0_centeredTrue", "rmsprop_momentum0.9_centeredFalse", "rmsprop_momentum0.9_centeredTrue",
      "gd", "heavy_ball", "seed_nag"})
  void matchesTheDocumentedRule(String name) {
    JsonNode run = run(name);
    Solver solver = solverFor(name, run.get("params"));
    for (String steps : new String[] {"1", "2", "3", "100"}) {
      SolveResult r = solver.solve(SolveRequest.of(new Quadratic(2, 10), new double[] {1, 1})
          .withStopping(Stopping.defaults().withMaxIterations(Integer.parseInt(steps))));
      assertEquals(Integer.parseInt(steps), r.iterations(), r.reason());
      // Steps 1-3: the same arithmetic up to grouping. Step 100: rounding differences compound.
      double tol = steps.equals("100") ? 1e-11 : Fixtures.SAME_ARITHMETIC;
      assertClose(doubles(run.get("after_step").get(steps).get("x")), r.x(), tol, name + " after " + steps);
    }
  }

  /**
   * Adam's first step worked by hand from PyTorch's pseudo-code: g = (1, 10); m = 0.1·g; v = 0.001·g²;
   * m̂ = g, v̂ = g², so each coordinate moves by lr·g/(|g| + ε) = 0.1/(1 + 1e-8) and 0.1·10/(10 + 1e-8):
   * the famous "Adam's first step has size lr in every coordinate".
   */
  @Test
  void adamFirstStepByHand() {
    SolveResult r = Solvers.create("adam", Map.of(), Schedules.create("constant", Map.of("lr0", 0.1)))
        .solve(SolveRequest.of(new Quadratic(2, 10), new double[] {1, 1})
            .withStopping(Stopping.defaults().withMaxIterations(1)));
    assertEquals(1 - 0.1 / (1 + 1e-8), r.x()[0], 1e-16);
    assertEquals(1 - 0.1 * 10 / (10 + 1e-8), r.x()[1], 1e-16);
  }

  /**
   * Adagrad's first two steps by hand with lr 0.1, eps 0: s₁ = g₁², x₁ = x₀ − 0.1·sign(g₁) = 0.9 in both
   * coordinates; then g₂ = (0.9, 9), s₂ = (1 + 0.81, 100 + 81), x₂ = 0.9 − 0.1·g₂/√s₂.
   */
  @Test
  void adagradTwoStepsByHand() {
    SolveResult r = Solvers.create("adagrad", Map.of("eps", 1e-300),
            Schedules.create("constant", Map.of("lr0", 0.1)))
        .solve(SolveRequest.of(new Quadratic(2, 10), new double[] {1, 1})
            .withStopping(Stopping.defaults().withMaxIterations(2)));
    assertEquals(0.9 - 0.1 * 0.9 / Math.sqrt(1.81), r.x()[0], 1e-15);
    assertEquals(0.9 - 0.1 * 9 / Math.sqrt(181), r.x()[1], 1e-15);
  }
}
