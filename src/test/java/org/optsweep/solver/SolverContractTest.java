package org.optsweep.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Rosenbrock;
import org.optsweep.objective.Sphere;
import org.optsweep.schedule.Schedules;

/**
 * The contract every solver keeps, run against all of them (in the manner of EJML's generic tests):
 * counts are carried by the result, NaN and exceptions become statuses, targets record their first
 * hit, budgets stop the solve, and an instance carries no state from one solve to the next.
 */
class SolverContractTest {

  /** Every registered solver, with a learning rate that suits the 2-D sphere (curvature 2). */
  static Stream<Solver> solvers() {
    return solvers(0.1);
  }

  /** Every solver, with a learning rate that keeps the plain gradient methods stable on Rosenbrock. */
  static Stream<Solver> slowSolvers() {
    return solvers(1e-3);
  }

  static Stream<Solver> solvers(double gdRate) {
    return Solvers.names().stream().map(name -> {
      SolverProvider p = Solvers.find(name);
      double lr0 = switch (name) {
        case "adam", "rmsprop", "adagrad" -> 0.05;
        default -> gdRate;
      };
      return Solvers.create(name, Map.of(), p.usesSchedule()
          ? Schedules.create("constant", Map.of("lr0", lr0)) : null);
    });
  }

  @org.junit.jupiter.api.Test
  void everyRegisteredSolverIsCovered() {
    assertEquals(List.of("gd", "momentum", "nag", "adam", "adagrad", "rmsprop", "lbfgs", "nelder_mead", "ista",
        "fista", "owlqn"), Solvers.names());
  }

  private static boolean derivativeFree(Solver s) {
    return !Solvers.find(s.name()).usesGradient();
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void reachesTheSphereMinimumAndRecordsTargets(Solver solver) {
    Sphere f = new Sphere(2);
    SolveRequest req = SolveRequest.of(f, new double[] {1.0, -0.5})
        .withStopping(Stopping.defaults().withMaxIterations(5000).withStepTolerance(1e-12))
        .withTargets(new Targets(new double[] {1e-1, 1e-3}, new double[] {1e-2, 1e-6}));
    SolveResult r = solver.solve(req);
    // Published optimum: 0 at the origin.
    assertTrue(r.distance() < 1e-3, solver + " ended at distance " + r.distance() + " " + r.reason());
    assertEquals(Math.hypot(r.x()[0], r.x()[1]), r.distance(), 1e-15);
    assertEquals(r.x()[0] * r.x()[0] + r.x()[1] * r.x()[1], r.value(), 1e-15);
    assertEquals(r.value(), r.valueGap(), 0.0);
    assertTrue(r.bestValue() <= r.value());
    // The start is at distance 1.118 and gap 1.25: no target is met at iteration 0.
    for (int[] hits : new int[][] {r.distanceHits(), r.gapHits()}) {
      assertTrue(hits[0] >= 1 && hits[0] <= r.iterations(), solver + " " + java.util.Arrays.toString(hits));
      assertTrue(hits[1] >= hits[0], "a tighter target is not met before a looser one");
    }
    assertTrue(req.targets().assess(r, true, true).success());
    // Every iteration of a gradient solver takes at least one gradient; a derivative-free one evaluates f.
    if (derivativeFree(solver)) {
      assertTrue(r.valueEvaluations() > r.iterations(), solver + " " + r.valueEvaluations());
    } else {
      assertTrue(r.gradientEvaluations() >= r.iterations(), solver + " " + r.gradientEvaluations());
    }
    if (derivativeFree(solver)) {
      assertEquals(0, r.gradientEvaluations());
      // n + 1 initial vertices plus at least one trial point per iteration.
      assertTrue(r.valueEvaluations() >= 3 + r.iterations());
    } else {
      assertTrue(r.gradientEvaluations() >= r.iterations(), solver + " grads " + r.gradientEvaluations());
    }
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void nanObjectiveIsDivergedNotAnException(Solver solver) {
    Objective nan = new OpenSphere() {
      @Override
      public double value(double[] x) {
        return Double.NaN;
      }

      @Override
      public void gradient(double[] x, double[] g) {
        g[0] = Double.NaN;
        g[1] = Double.NaN;
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        gradient(x, g);
        return Double.NaN;
      }
    };
    SolveResult r = solver.solve(SolveRequest.of(nan, new double[] {1, 1}));
    assertEquals(Status.DIVERGED, r.status(), solver + ": " + r.reason());
    assertTrue(r.reason().contains("NaN"), r.reason());
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void throwingObjectiveIsFailedWithTheMessage(Solver solver) {
    Objective bad = new OpenSphere() {
      int calls;

      @Override
      public double value(double[] x) {
        if (++calls > 2) {
          throw new IllegalStateException("model file vanished");
        }
        return super.value(x);
      }

      @Override
      public void gradient(double[] x, double[] g) {
        value(x);
        super.gradient(x, g);
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        super.gradient(x, g);
        return value(x);
      }
    };
    SolveResult r = solver.solve(SolveRequest.of(bad, new double[] {1, 1}));
    assertEquals(Status.FAILED, r.status());
    assertTrue(r.reason().contains("IllegalStateException: model file vanished"), r.reason());
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void anObjectiveThatNeverWorksReportsNoValue(Solver solver) {
    Objective broken = new OpenSphere() {
      @Override
      public double value(double[] x) {
        throw new IllegalStateException("no licence");
      }

      @Override
      public void gradient(double[] x, double[] g) {
        value(x);
      }
    };
    SolveResult r = solver.solve(SolveRequest.of(broken, new double[] {3, 4}));
    assertEquals(Status.FAILED, r.status());
    assertTrue(Double.isNaN(r.value()), "value " + r.value());
    assertArrayEquals(new double[] {3, 4}, r.x(), "the reported point is the start, not a perturbed one");
  }

  @ParameterizedTest
  @MethodSource("slowSolvers")
  void iterationBudgetIsHonoured(Solver solver) {
    SolveResult r = solver.solve(SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1})
        .withStopping(Stopping.defaults().withMaxIterations(3)));
    assertEquals(Status.MAX_ITERATIONS, r.status(), r.reason());
    assertEquals(3, r.iterations());
  }

  @ParameterizedTest
  @MethodSource("slowSolvers")
  void evaluationBudgetIsHonoured(Solver solver) {
    SolveResult r = solver.solve(SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1})
        .withGradient(GradientMethod.CENTRAL, 0)
        .withStopping(Stopping.defaults().withMaxEvaluations(40)));
    assertEquals(Status.MAX_EVALUATIONS, r.status(), r.reason());
    assertTrue(r.reason().contains("max_evaluations"), r.reason());
    // Never exceeded: an evaluation that would pass the budget is refused. What is left unused is less
    // than one indivisible unit of work: a central-difference gradient with f (2n + 1 = 5), or a shrink.
    assertTrue(r.valueEvaluations() <= 40 && r.valueEvaluations() > 40 - 5, "evals " + r.valueEvaluations());
  }

  @ParameterizedTest
  @MethodSource("solvers")
  void timeBudgetStopsASlowObjective(Solver solver) {
    Objective slow = new OpenSphere() {
      @Override
      public double value(double[] x) {
        sleep();
        return super.value(x);
      }

      @Override
      public void gradient(double[] x, double[] g) {
        sleep();
        super.gradient(x, g);
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        sleep();
        super.gradient(x, g);
        return super.value(x);
      }

      private void sleep() {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    SolveResult r = solver.solve(SolveRequest.of(slow, new double[] {1e6, 1e6})
        .withStopping(new Stopping(Integer.MAX_VALUE, 0, 0, 0, Double.NEGATIVE_INFINITY, 1e300, 30)));
    // Sphere from far away with tolerances that cannot be met: only the clock can stop it, unless the
    // solver converges exactly (L-BFGS on a quadratic), which is CONVERGED.
    assertTrue(r.status() == Status.TIMED_OUT || r.status() == Status.CONVERGED, r.status() + " " + r.reason());
    if (r.status() == Status.TIMED_OUT) {
      assertTrue(r.wallNanos() >= 30_000_000L);
      assertTrue(r.reason().contains("30 ms"), r.reason());
    }
  }

  @ParameterizedTest
  @MethodSource("slowSolvers")
  void aSolverInstanceKeepsNoStateBetweenSolves(Solver solver) {
    SolveRequest req = SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1})
        .withStopping(Stopping.defaults().withMaxIterations(200)).withTrace(12);
    SolveResult a = solver.solve(req);
    SolveResult b = solver.solve(req);
    SolveResult untraced = solver.solve(req.withTrace(0));
    assertArrayEquals(a.x(), b.x());
    assertArrayEquals(a.x(), untraced.x(), "sampling a trace never changes a result");
    assertEquals(a.status(), untraced.status());
    assertEquals(a.valueEvaluations(), b.valueEvaluations());
    assertEquals(a.gradientEvaluations(), b.gradientEvaluations());
    assertArrayEquals(a.trace().values(), b.trace().values());
    // The trace starts at iteration 0 with f(x0) = 24.2 (Rosenbrock at (-1.2, 1)) and ends at the last one.
    assertEquals(0, a.trace().iterations()[0]);
    if (derivativeFree(solver)) {
      // Nelder-Mead's iterate is its best vertex, already no worse than x0 at iteration 0.
      assertTrue(a.trace().values()[0] <= 24.2 + 1e-12);
    } else {
      assertEquals(24.2, a.trace().values()[0], 1e-12);
    }
    assertEquals(a.iterations(), a.trace().iterations()[a.trace().size() - 1]);
    assertEquals(a.value(), a.trace().values()[a.trace().size() - 1], 0.0);
  }

  @ParameterizedTest
  @MethodSource("slowSolvers")
  void startPointIsNotModified(Solver solver) {
    double[] start = {-1.2, 1};
    solver.solve(SolveRequest.of(new Rosenbrock(2, 1, 100), start)
        .withStopping(Stopping.defaults().withMaxIterations(50)));
    assertArrayEquals(new double[] {-1.2, 1}, start);
  }
}
