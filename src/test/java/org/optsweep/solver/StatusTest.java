package org.optsweep.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Ackley;
import org.optsweep.objective.Rosenbrock;
import org.optsweep.schedule.Schedules;

/**
 * Statuses tell the truth: CONVERGED only when a tolerance the user set was met, an exactly zero
 * gradient is its own status, an evaluation budget is never exceeded, and an objective that ignores
 * its input is caught by every solver where catching it costs nothing.
 */
class StatusTest {

  private static Solver solver(String name) {
    return solver(name, 0.1);
  }

  private static Solver solver(String name, double lr0) {
    return Solvers.create(name, Map.of(), Solvers.find(name).usesSchedule()
        ? Schedules.create("constant", Map.of("lr0", lr0)) : null);
  }

  /** Ignores its argument: the seed's "disconnected gradient" in objective form. */
  static final class IgnoresInput extends OpenSphere {
    @Override
    public double value(double[] x) {
      return 3.0;
    }

    @Override
    public void gradient(double[] x, double[] grad) {
      java.util.Arrays.fill(grad, 0.0);
    }
  }

  @Test
  void aForwardDifferenceGradientThatUnderflowsOnAckleysPlateauIsNotConvergence() {
    // At (36, 36) the cosine term is flat (integer coordinates) and the exponential term's slope is
    // about 1e-3: with h = 1e-13 the change of f (1e-16) is below half an ulp of f = 19.985, so the
    // forward difference is exactly zero. f = 20 + e - 20 exp(-0.2 * 36) - e (worked by hand).
    double expectedF = 20 - 20 * Math.exp(-0.2 * 36);
    SolveResult r = solver("gd").solve(SolveRequest.of(new Ackley(2, 20, 0.2, 2 * Math.PI), new double[] {36, 36})
        .withGradient(GradientMethod.FORWARD, 1e-13));
    assertEquals(Status.ZERO_GRADIENT, r.status(), r.reason());
    assertEquals(StopTest.ZERO_GRADIENT, r.stop().test());
    assertEquals(1, r.iterations());
    assertEquals(expectedF, r.value(), 1e-12);
    assertEquals(36 * Math.sqrt(2), r.distance(), 1e-12);
    assertTrue(r.reason().contains("no gradient_tolerance is set") && r.reason().contains("plateau"), r.reason());
    assertFalse(r.reason().contains("<="), r.reason());
  }

  @Test
  void aGradientToleranceTheUserSetIsConvergence() {
    SolveResult r = solver("gd").solve(SolveRequest.of(new Ackley(2, 20, 0.2, 2 * Math.PI), new double[] {36, 36})
        .withGradient(GradientMethod.FORWARD, 1e-13)
        .withStopping(new Stopping(1000, 0, 0, 1e-9, Double.NEGATIVE_INFINITY, 1e12, 0)));
    assertEquals(Status.CONVERGED, r.status(), r.reason());
    assertEquals(StopTest.GRADIENT_TOLERANCE, r.stop().test());
    assertEquals(1e-9, r.stop().threshold());
    assertEquals("||grad f|| = 0.00 <= gradient_tolerance 1.00e-09", r.reason());
  }

  @Test
  void anObjectiveThatIgnoresItsInputIsCaughtByEverySolver() {
    for (String name : Solvers.names()) {
      SolveResult r = solver(name).solve(SolveRequest.of(new IgnoresInput(), new double[] {1, 2}));
      Status expected = name.equals("nelder_mead") ? Status.STALLED : Status.ZERO_GRADIENT;
      assertEquals(expected, r.status(), name + ": " + r.reason());
      assertTrue(r.iterations() <= 1, name + " gave up at iteration " + r.iterations());
      assertTrue(r.reason().contains("ignore") || r.reason().contains("does not depend on x"), r.reason());
    }
  }

  @Test
  void nelderMeadNeverExceedsItsEvaluationBudget() {
    // Shrinks cost n evaluations at once: with n = 5 the old per-iteration check overshot.
    for (long budget : new long[] {400, 37, 12, 7}) {
      // Tolerances 0: the simplex never counts as converged, so only the budget can stop it.
      Solver nm = Solvers.create("nelder_mead", Map.of("xatol", 0, "fatol", 0), null);
      SolveResult r = nm.solve(SolveRequest.of(new Rosenbrock(5, 1, 100),
              new double[] {-1.2, 1, -1.2, 1, -1.2})
          .withStopping(Stopping.defaults().withMaxIterations(100_000).withMaxEvaluations(budget)));
      assertEquals(Status.MAX_EVALUATIONS, r.status(), r.reason());
      assertTrue(r.valueEvaluations() <= budget, r.valueEvaluations() + " of " + budget);
      assertTrue(r.valueEvaluations() > budget - 5, r.valueEvaluations() + " of " + budget);
    }
  }

  @Test
  void finiteDifferenceGradientsNeverExceedTheBudget() {
    for (String name : new String[] {"gd", "adam", "lbfgs"}) {
      // Central differences cost 2n = 4 evaluations; L-BFGS's f-and-gradient 5: 41 is not a multiple.
      SolveResult r = solver(name, 1e-3).solve(SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1})
          .withGradient(GradientMethod.CENTRAL, 0)
          .withStopping(Stopping.defaults().withMaxIterations(100_000).withMaxEvaluations(41)));
      assertEquals(Status.MAX_EVALUATIONS, r.status(), name + ": " + r.reason());
      assertTrue(r.valueEvaluations() <= 41 && r.valueEvaluations() >= 37, name + ": " + r.valueEvaluations());
    }
  }
}
