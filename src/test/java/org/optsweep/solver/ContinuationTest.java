package org.optsweep.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;
import org.optsweep.objective.Quadratic;
import org.optsweep.objective.Rosenbrock;
import org.optsweep.schedule.Schedule;
import org.optsweep.schedule.Schedules;

/**
 * A paused and continued solve is the uninterrupted one, bit for bit: for every registered solver (and the
 * settings that give it more state: L-BFGS with a memory that wraps, centred RMSProp with momentum, ISTA and
 * FISTA with backtracking and restart, ...), for schedules whose position matters, and for the evaluation and
 * time budgets. The reference is always the uninterrupted solve of the same request; every state goes through
 * its flat form ({@link SolverState#toColumns()} and back, half the time as boxed lists as Spark rows give them)
 * before it is continued.
 */
class ContinuationTest {

  /** The whole budget of the Rosenbrock and elastic-net cases: none of their solves converges before it. */
  static final int N = 40;

  /** Each registered solver with its defaults, then variants with more state to carry. */
  static Stream<Solver> solvers() {
    List<Solver> out = new ArrayList<>();
    for (String name : Solvers.names()) {
      out.add(solver(name, Map.of()));
    }
    out.add(solver("momentum", Map.of("gamma", 0.5)));
    out.add(solver("rmsprop", Map.of("centered", true, "momentum", 0.5)));
    out.add(solver("adagrad", Map.of("lr_decay", 1e-3, "initial_accumulator", 0.1)));
    out.add(solver("lbfgs", Map.of("memory", 3)));
    out.add(solver("nelder_mead", Map.of("adaptive", true)));
    out.add(solver("ista", Map.of("backtracking", true)));
    out.add(solver("fista", Map.of("backtracking", true, "restart", true)));
    out.add(solver("fista", Map.of("restart", true)));
    out.add(solver("owlqn", Map.of("memory", 3)));
    return out.stream();
  }

  private static Solver solver(String name, Map<String, ?> settings) {
    double lr0 = switch (name) {
      case "adam", "rmsprop", "adagrad" -> 0.05;
      default -> 1e-3;
    };
    return Solvers.create(name, settings, Solvers.find(name).usesSchedule()
        ? Schedules.create("constant", Map.of("lr0", lr0)) : null);
  }

  /** 4-D Rosenbrock from (−1.2, 1, −1.2, 1): no solver converges in N iterations; targets and a trace on. */
  static SolveRequest rosenbrock() {
    return SolveRequest.of(new Rosenbrock(4, 1, 100), new double[] {-1.2, 1, -1.2, 1})
        .withStopping(Stopping.defaults().withMaxIterations(N))
        .withTargets(new Targets(new double[] {3, 2, 1.5}, new double[] {20, 5, 3}))
        .withTrace(12);
  }

  /** A lasso with generated data (5 features and an intercept; zeros in its optimum): the L1 paths. */
  static SolveRequest lasso() {
    Objective f = Objectives.find("elastic_net").create(Map.of("lambda", 0.5));
    return SolveRequest.of(f, new double[f.dimension()])
        .withStopping(Stopping.defaults().withMaxIterations(N))
        .withTrace(12);
  }

  static Stream<Arguments> solversOnRosenbrock() {
    return solvers().map(s -> Arguments.of(s, rosenbrock()));
  }

  static Stream<Arguments> solversOnBoth() {
    return solvers().flatMap(s -> Stream.of(Arguments.of(s, rosenbrock()), Arguments.of(s, lasso())));
  }

  @Test
  void everyRegisteredSolverContinues() {
    for (String name : Solvers.names()) {
      assertTrue(solver(name, Map.of()).continuable(), name);
    }
  }

  @ParameterizedTest
  @MethodSource("solversOnRosenbrock")
  void thePauseMattersOnRosenbrock(Solver solver, SolveRequest req) {
    SolveResult whole = solver.solve(req);
    assertEquals(Status.MAX_ITERATIONS, whole.status(), solver + ": " + whole.reason());
    assertEquals(N, whole.iterations());
    for (int k = 1; k < N; k++) {
      assertTrue(solver.solve(req, null, k).paused(), solver + " did not pause at " + k);
    }
  }

  @ParameterizedTest
  @MethodSource("solversOnBoth")
  void oneContinuationIsTheUninterruptedSolve(Solver solver, SolveRequest req) {
    SolveResult whole = solver.solve(req);
    for (int k : new int[] {1, 2, 7, N / 2, N - 1}) {
      SolveSegment first = solver.solve(req, null, k);
      if (!first.paused()) {
        assertSame(whole, first.result(), solver + " ended before " + k);
        continue;
      }
      SolveSegment rest = solver.solve(req, roundTrip(first.state(), k % 2 == 0), N);
      assertFalse(rest.paused());
      assertSame(whole, rest.result(), solver + " paused at " + k);
    }
  }

  /** Hyperband's rungs: pause after 1, 3, 9 and 27 iterations, continue each time, end at N. */
  @ParameterizedTest
  @MethodSource("solversOnBoth")
  void aChainOfRungsIsTheUninterruptedSolve(Solver solver, SolveRequest req) {
    SolveResult whole = solver.solve(req);
    SolverState state = null;
    SolveSegment seg = null;
    for (int rung : new int[] {1, 3, 9, 27, N}) {
      seg = solver.solve(req, state == null ? null : roundTrip(state, rung % 2 == 1), rung);
      if (!seg.paused()) {
        break;
      }
      state = seg.state();
      assertEquals(rung, state.iterations());
    }
    assertSame(whole, seg.result(), solver.toString());
  }

  /**
   * What a rung ranks by: the result at a pause is the result of a solve with max_iterations = the pause
   * (its stop says max_iterations with the pause as threshold), all but the trace, which follows the whole
   * budget's plan.
   */
  @ParameterizedTest
  @MethodSource("solversOnRosenbrock")
  void theResultAtAPauseIsTheShorterSolves(Solver solver, SolveRequest req) {
    for (int k : new int[] {1, 9, 27}) {
      SolveResult paused = solver.solve(req, null, k).result();
      SolveResult shorter = solver.solve(req.withStopping(req.stopping().withMaxIterations(k)));
      assertSame(withoutTrace(shorter), withoutTrace(paused), solver + " at " + k);
      int[] planned = TraceSampler.logSpaced(N, 12);
      int[] expected = java.util.stream.IntStream.concat(java.util.Arrays.stream(planned).filter(t -> t <= k),
          java.util.Arrays.stream(planned).anyMatch(t -> t == k) ? java.util.stream.IntStream.empty()
              : java.util.stream.IntStream.of(k)).toArray();
      assertArrayEquals(expected, paused.trace().iterations(), solver + " at " + k);
    }
  }

  /**
   * Solves that converge (a step tolerance, or the value target for those whose steps shrink slowly): a pause
   * after the convergence is no pause, one before it continues to it.
   */
  @ParameterizedTest
  @MethodSource("solvers")
  void aSolveThatConvergesBeforeThePauseEnds(Solver solver) {
    SolveRequest req = SolveRequest.of(new Quadratic(2, 10), new double[] {1.0, -0.5})
        .withStopping(new Stopping(20_000, 0, 1e-7, 0, 1e-8, 1e12, 0))
        .withTargets(new Targets(new double[] {1e-1, 1e-3}, new double[] {1e-2, 1e-6}))
        .withTrace(20);
    SolveResult whole = solver.solve(req);
    assertEquals(Status.CONVERGED, whole.status(), solver + ": " + whole.reason());
    int c = whole.iterations();
    for (int k : new int[] {c + 1, c + 100, 19_999}) {
      SolveSegment seg = solver.solve(req, null, k);
      assertFalse(seg.paused(), solver + " converged at " + c + " but paused at " + k);
      assertNull(seg.state());
      assertSame(whole, seg.result(), solver + " to " + k);
    }
    for (int k : new int[] {c / 2, c - 1, c}) {
      if (k < 1) {
        continue;
      }
      SolveSegment first = solver.solve(req, null, k);
      SolveResult end = first.paused() ? solver.solve(req, roundTrip(first.state(), true), 20_000).result()
          : first.result();
      assertSame(whole, end, solver + " paused at " + k + " of " + c);
    }
  }

  /** The evaluation budget holds for the whole solve: it ends where the uninterrupted one does. */
  @ParameterizedTest
  @MethodSource("solvers")
  void theEvaluationBudgetSpansThePause(Solver solver) {
    SolveRequest free = rosenbrock().withGradient(GradientMethod.CENTRAL, 0);
    long spent = solver.solve(free).valueEvaluations();
    SolveRequest req = free.withStopping(free.stopping().withMaxEvaluations(spent / 2));
    SolveResult whole = solver.solve(req);
    assertEquals(Status.MAX_EVALUATIONS, whole.status(), solver + ": " + whole.reason());
    for (int k : new int[] {1, whole.iterations() / 2, whole.iterations() - 1, whole.iterations()}) {
      if (k < 1) {
        continue;
      }
      SolveSegment first = solver.solve(req, null, k);
      SolveResult end = first.paused() ? solver.solve(req, roundTrip(first.state(), false), N).result()
          : first.result();
      assertSame(whole, end, solver + " paused at " + k);
    }
  }

  /** The time budget holds for the whole solve: a state that has used it up times out when continued. */
  @ParameterizedTest
  @MethodSource("solvers")
  void theTimeBudgetSpansThePause(Solver solver) {
    long budgetMillis = 60_000;
    SolveRequest req = rosenbrock().withStopping(rosenbrock().stopping().withMaxIterations(200));
    req = req.withStopping(new Stopping(200, 0, 0, 0, Double.NEGATIVE_INFINITY, 1e12, budgetMillis));
    SolveSegment first = solver.solve(req, null, 10);
    assertTrue(first.paused(), solver + ": " + first.result().reason());
    SolverState s = first.state();
    assertTrue(s.wallNanos() > 0 && s.wallNanos() < budgetMillis * 1_000_000L);
    long spent = budgetMillis * 1_000_000L + 1;
    SolverState late = new SolverState(s.solver(), s.iterations(), s.x(), s.valueEvaluations(),
        s.gradientEvaluations(), s.bestValue(), s.distanceHits(), s.gapHits(), s.trace(), spent, s.solverReals(),
        s.solverInts());
    SolveResult r = solver.solve(req, late, 200).result();
    assertEquals(Status.TIMED_OUT, r.status(), solver + ": " + r.reason());
    // The gradient methods read the clock every 64 iterations, the others every iteration.
    assertTrue(r.iterations() > 10 && r.iterations() <= 64, solver + " " + r.iterations());
    assertTrue(r.wallNanos() >= spent, "the wall time carries over: " + r.wallNanos());
  }

  /** Each schedule kind whose rate depends on t, for solvers of each kind of state, scaled by the solver's rate. */
  static Stream<Arguments> schedules() {
    List<Arguments> out = new ArrayList<>();
    for (String solver : List.of("nag", "momentum", "adam", "adagrad", "rmsprop", "fista")) {
      double lr = switch (solver) {
        case "adam", "rmsprop", "adagrad" -> 0.05;
        default -> 1e-3;
      };
      Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();
      kinds.put("exponential", Map.of("lr0", lr, "decay", 0.99));
      kinds.put("step", Map.of("lr0", lr, "step_size", 30, "factor", 0.5));
      kinds.put("cosine", Map.of("lr0", lr, "period", 150, "lr_min", lr / 100));
      kinds.put("piecewise", Map.of("boundaries", List.of(5, 50, 120), "values", List.of(lr / 100, lr / 2, lr,
          lr / 5)));
      kinds.put("inverse_time", Map.of("lr0", lr, "decay_rate", 0.05));
      kinds.put("warmup_cosine", Map.of("lr0", lr, "period", 150, "lr_min", lr / 100, "warmup", 40));
      kinds.put("warmup_constant", Map.of("lr0", lr, "warmup", 60));
      kinds.forEach((label, params) -> out.add(Arguments.of(solver, label, params)));
    }
    return out.stream();
  }

  private static Schedule schedule(String label, Map<String, Object> params) {
    String kind = label.startsWith("warmup_") ? label.substring("warmup_".length()) : label;
    return Schedules.create(kind, params);
  }

  /**
   * 2-D Rosenbrock from (−1.2, 1), 200 iterations, still in the valley at the end: lr(t) continues from t = k + 1 —
   * decays and warm-up do not restart. The check is sensitive to that: continuing the same state with the schedule
   * restarted at the pause (lr'(t) = lr(t − k)) ends elsewhere.
   */
  @ParameterizedTest
  @MethodSource("schedules")
  void theSchedulePositionContinues(String solverName, String label, Map<String, Object> params) {
    int total = 200;
    Schedule lr = schedule(label, params);
    Solver solver = Solvers.create(solverName, Map.of(), lr);
    SolveRequest req = SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1})
        .withStopping(Stopping.defaults().withMaxIterations(total))
        .withTargets(Targets.of(1, 4))
        .withTrace(15);
    SolveResult whole = solver.solve(req);
    assertEquals(total, whole.iterations(), solverName + " " + label + ": " + whole.reason());
    for (int k : new int[] {1, 5, 39, 40, 64, 100, 199}) {
      SolveSegment first = solver.solve(req, null, k);
      assertTrue(first.paused());
      assertSame(whole, solver.solve(req, roundTrip(first.state(), k % 2 == 0), total).result(),
          solverName + " " + label + " paused at " + k);
    }
    int k = 40;
    SolverState state = solver.solve(req, null, k).state();
    Solver restarted = Solvers.create(solverName, Map.of(), t -> lr.rate(t - k));
    SolveResult wrong = restarted.solve(req, state, total).result();
    assertNotEquals(whole.x()[0], wrong.x()[0], "a schedule restarted at the pause must show: " + label);
  }

  @Test
  void theFlatFormKeepsEveryBit() {
    double nanWithPayload = Double.longBitsToDouble(0x7ff8_0000_0000_0123L);
    double[] specials = {Double.NaN, nanWithPayload, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1.0 / 3};
    Trace trace = new Trace(new int[] {0, 1, 5}, new double[] {Double.NaN, -0.0, 1}, new double[] {
        Double.POSITIVE_INFINITY, 2, 3}, new double[] {Double.NaN, Double.NaN, nanWithPayload}, new double[] {
        Double.NaN, Double.NEGATIVE_INFINITY, -0.0});
    SolverState s = new SolverState("owlqn", 5, specials, Long.MAX_VALUE, 0, -0.0, new int[] {-1, 3}, new int[0],
        trace, Long.MAX_VALUE, specials, new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
    for (boolean lists : new boolean[] {false, true}) {
      SolverState back = roundTrip(s, lists);
      assertEquals(s, back);
      assertBits(s.x(), back.x(), "x");
      assertBits(s.solverReals(), back.solverReals(), "solver_reals");
      assertBits(s.trace().values(), back.trace().values(), "trace_values");
      assertBits(s.trace().gradientNorms(), back.trace().gradientNorms(), "trace_gradient_norms");
      assertBits(s.trace().stepNorms(), back.trace().stepNorms(), "trace_step_norms");
      assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.bestValue()));
    }
    Map<String, Object> columns = s.toColumns();
    assertEquals(SolverState.COLUMNS.stream().map(SolverState.Column::name).toList(),
        List.copyOf(columns.keySet()));
    for (SolverState.Column c : SolverState.COLUMNS) {
      assertTrue(c.type().isInstance(columns.get(c.name())), c.name() + " is " + columns.get(c.name()).getClass());
    }
  }

  @Test
  void aBadFlatFormIsRefusedByColumn() {
    Map<String, Object> good = rosenbrockState().toColumns();
    Map<String, Object> missing = new LinkedHashMap<>(good);
    missing.remove("solver_reals");
    assertMessage("solver state column solver_reals is missing", () -> SolverState.fromColumns(missing));
    Map<String, Object> version = new LinkedHashMap<>(good);
    version.put("state_version", 99);
    assertMessage("state_version = 99", () -> SolverState.fromColumns(version));
    Map<String, Object> type = new LinkedHashMap<>(good);
    type.put("iterations", 3.0);
    assertMessage("solver state column iterations: expected a whole number", () -> SolverState.fromColumns(type));
    Map<String, Object> element = new LinkedHashMap<>(good);
    element.put("x", java.util.Arrays.asList(1.0, null));
    assertMessage("solver state column x[1]", () -> SolverState.fromColumns(element));
    Map<String, Object> wide = new LinkedHashMap<>(good);
    wide.put("iterations", 1L << 40);
    assertMessage("does not fit in an int", () -> SolverState.fromColumns(wide));
    Map<String, Object> extra = new LinkedHashMap<>(good);
    extra.put("trial", 17L);
    assertEquals(rosenbrockState(), SolverState.fromColumns(extra));
  }

  private static SolverState rosenbrockState() {
    SolverState s = solver("nag", Map.of()).solve(rosenbrock(), null, 9).state();
    return new SolverState(s.solver(), s.iterations(), s.x(), s.valueEvaluations(), s.gradientEvaluations(),
        s.bestValue(), s.distanceHits(), s.gapHits(), s.trace(), 0, s.solverReals(), s.solverInts());
  }

  @Test
  void aStateThatDoesNotFitIsRefused() {
    Solver nag = solver("nag", Map.of());
    SolveRequest req = rosenbrock();
    SolverState s = nag.solve(req, null, 9).state();
    assertMessage("a state of solver nag cannot be continued by solver adam",
        () -> solver("adam", Map.of()).solve(req, s, N));
    assertMessage("must be after iteration 9", () -> nag.solve(req, s, 9));
    assertMessage("pause at iteration 0", () -> nag.solve(req, null, 0));
    assertMessage("trace plan", () -> nag.solve(req.withTrace(30), s, N));
    assertMessage("trace plan", () -> nag.solve(req.withStopping(req.stopping().withMaxIterations(1000)), s, N));
    assertMessage("max_iterations = 5", () -> nag.solve(req.withStopping(req.stopping().withMaxIterations(5)), s, N));
    assertMessage("targets", () -> nag.solve(req.withTargets(Targets.NONE), s, N));
    SolverState shortReals = new SolverState("nag", 9, s.x(), 0, 0, 1, s.distanceHits(), s.gapHits(), s.trace(), 0,
        new double[3], new int[0]);
    assertMessage("solver_reals", () -> nag.solve(req, shortReals, N));
    SolveRequest twoD = SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1})
        .withStopping(Stopping.defaults().withMaxIterations(N));
    SolverState l = solver("lbfgs", Map.of()).solve(twoD, null, 5).state();
    SolverState tooMany = new SolverState("lbfgs", 5, l.x(), 0, 0, 1, l.distanceHits(), l.gapHits(), l.trace(), 0,
        l.solverReals(), new int[] {11});
    assertMessage("0 <= pairs <= memory 10", () -> solver("lbfgs", Map.of()).solve(twoD, tooMany, N));
    assertMessage("dimension 4", () -> solver("lbfgs", Map.of()).solve(rosenbrock(), l, N));
  }

  /** A solver a jar registers says nothing about continuing: it runs whole, and refuses a pause. */
  @Test
  void aSolverThatCannotContinueSaysSo() {
    Solver plugin = new Solver() {
      @Override
      public String name() {
        return "plugin";
      }

      @Override
      public SolveResult solve(SolveRequest request) {
        return solver("gd", Map.of()).solve(request);
      }
    };
    assertFalse(plugin.continuable());
    SolveRequest req = rosenbrock();
    assertSame(plugin.solve(req), plugin.solve(req, null, N).result(), "plugin");
    assertThrows(UnsupportedOperationException.class, () -> plugin.solve(req, null, 5));
  }

  /** The flat form and back, as primitive arrays or as boxed lists (Spark's {@code Row.getList}). */
  static SolverState roundTrip(SolverState s, boolean asLists) {
    Map<String, Object> columns = s.toColumns();
    if (asLists) {
      columns.replaceAll((name, v) -> v instanceof double[] a ? java.util.Arrays.stream(a).boxed().toList()
          : v instanceof int[] a ? java.util.Arrays.stream(a).boxed().toList() : v);
    }
    return SolverState.fromColumns(columns);
  }

  private static SolveResult withoutTrace(SolveResult r) {
    return new SolveResult(r.x(), r.value(), r.distance(), r.valueGap(), r.iterations(), r.valueEvaluations(),
        r.gradientEvaluations(), r.bestValue(), r.stop(), r.distanceHits(), r.gapHits(), null, r.wallNanos());
  }

  /** Every field but the wall time, doubles by their bits. */
  static void assertSame(SolveResult expected, SolveResult actual, String what) {
    assertBits(expected.x(), actual.x(), what + ": x");
    assertBits(expected.value(), actual.value(), what + ": value");
    assertBits(expected.distance(), actual.distance(), what + ": distance");
    assertBits(expected.valueGap(), actual.valueGap(), what + ": valueGap");
    assertEquals(expected.iterations(), actual.iterations(), what + ": iterations");
    assertEquals(expected.valueEvaluations(), actual.valueEvaluations(), what + ": valueEvaluations");
    assertEquals(expected.gradientEvaluations(), actual.gradientEvaluations(), what + ": gradientEvaluations");
    assertBits(expected.bestValue(), actual.bestValue(), what + ": bestValue");
    assertEquals(expected.stop().test(), actual.stop().test(), what + ": stop");
    assertBits(expected.stop().value(), actual.stop().value(), what + ": stop value");
    assertBits(expected.stop().threshold(), actual.stop().threshold(), what + ": stop threshold");
    assertEquals(expected.stop().detail(), actual.stop().detail(), what + ": stop detail");
    assertEquals(expected.status(), actual.status(), what + ": status");
    assertEquals(expected.reason(), actual.reason(), what + ": reason");
    assertArrayEquals(expected.distanceHits(), actual.distanceHits(), what + ": distanceHits");
    assertArrayEquals(expected.gapHits(), actual.gapHits(), what + ": gapHits");
    if (expected.trace() == null || actual.trace() == null) {
      assertEquals(expected.trace(), actual.trace(), what + ": trace");
      return;
    }
    assertArrayEquals(expected.trace().iterations(), actual.trace().iterations(), what + ": trace iterations");
    assertBits(expected.trace().values(), actual.trace().values(), what + ": trace values");
    assertBits(expected.trace().distances(), actual.trace().distances(), what + ": trace distances");
    assertBits(expected.trace().gradientNorms(), actual.trace().gradientNorms(), what + ": trace gradient norms");
    assertBits(expected.trace().stepNorms(), actual.trace().stepNorms(), what + ": trace step norms");
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": " + expected + " vs " + actual);
  }

  private static void assertBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertBits(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
