package org.optsweep.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.optsweep.objective.Ackley;
import org.optsweep.objective.Rosenbrock;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.SolveRequest;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Solver;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Stopping;
import org.optsweep.solver.Targets;

/**
 * Iterations per second of one solve through the public API, on one thread. One operation is one
 * iteration ({@code @OperationsPerInvocation(ITERATIONS)}), so JMH's {@code ops/s} is iterations/s and
 * the gc profiler's {@code gc.alloc.rate.norm} is bytes allocated per iteration (the per-solve
 * buffers and result, spread over 5000 iterations).
 *
 * <p>The settings are chosen so every solve runs exactly {@link #ITERATIONS} iterations (checked in
 * setup): NAG in the seed's regime (γ = 0.2, constant rate 0.1, from (25, 20)) falls into the
 * Ackley bowl and keeps bouncing around the minimum without converging — the asker's "stalls at
 * 8e-4". Adam runs on 2-D Rosenbrock from (−1.2, 1) with rate 1e-3, still in the valley after 5000
 * steps. {@link #handWrittenNagLoop} is the NAG update written inline without the API: the baseline.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec} (all benchmarks, gc profiler), or
 * {@code mvn -Pbench test-compile exec:exec -Djmh.args="SolverBenchmark.nag -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class SolverBenchmark {
  /** Iterations per solve. */
  public static final int ITERATIONS = 5000;
  private static final double[] START = {25, 20};

  private Solver nag;
  private Solver adam;
  private Solver lbfgs;
  private SolveRequest ackley;
  private SolveRequest ackleyValueTargets;
  private SolveRequest rosenbrock;
  private SolveRequest rosenbrock2;
  private int lbfgsIterations;

  @Setup(Level.Trial)
  public void setUp() {
    nag = Solvers.create("nag", Map.of("gamma", 0.2), Schedules.create("constant", Map.of("lr0", 0.1)));
    adam = Solvers.create("adam", Map.of(), Schedules.create("constant", Map.of("lr0", 1e-3)));
    lbfgs = Solvers.create("lbfgs", Map.of("pgtol", 0.0, "ftol", 0.0), null);
    Stopping stop = Stopping.defaults().withMaxIterations(ITERATIONS);
    ackley = SolveRequest.of(new Ackley(2, 20, 0.2, 2 * Math.PI), START).withStopping(stop)
        .withTargets(new Targets(new double[] {2e-4}, new double[0]));
    ackleyValueTargets = ackley.withTargets(Targets.of(2e-4, 5e-4));
    rosenbrock = SolveRequest.of(new Rosenbrock(50, 1, 100), new double[50]).withStopping(
        Stopping.defaults().withMaxIterations(200));
    rosenbrock2 = SolveRequest.of(new Rosenbrock(2, 1, 100), new double[] {-1.2, 1}).withStopping(stop);
    for (SolveResult r : new SolveResult[] {nag.solve(ackley), adam.solve(rosenbrock2), nag.solve(ackleyValueTargets)}) {
      if (r.iterations() != ITERATIONS) {
        throw new IllegalStateException("benchmark setting does not run " + ITERATIONS + " iterations: " + r.reason());
      }
    }
    lbfgsIterations = lbfgs.solve(rosenbrock).iterations();
    System.out.println("# L-BFGS on 50-D Rosenbrock: " + lbfgsIterations + " iterations per solve");
  }

  /** NAG on 2-D Ackley through {@link Solver#solve}, with a distance target monitored each iteration. */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public SolveResult nag() {
    return nag.solve(ackley);
  }

  /** As {@link #nag} plus a value-gap target: the monitor evaluates f(x_t) every iteration too. */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public SolveResult nagWithValueTarget() {
    return nag.solve(ackleyValueTargets);
  }

  /** Adam (PyTorch's update) on 2-D Rosenbrock. */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public SolveResult adam() {
    return adam.solve(rosenbrock2);
  }

  /** L-BFGS on 50-D Rosenbrock from 0: solves per second (iterations per solve printed in setup). */
  @Benchmark
  public SolveResult lbfgsRosenbrock50() {
    return lbfgs.solve(rosenbrock);
  }

  /**
   * The baseline: the seed's NAG update with the Ackley gradient written inline, no API, no checks.
   * What a careful hand-written Java loop costs.
   */
  @Benchmark
  @OperationsPerInvocation(ITERATIONS)
  public double handWrittenNagLoop() {
    double x0 = START[0];
    double x1 = START[1];
    double u0 = 0;
    double u1 = 0;
    double gamma = 0.2;
    double lr = 0.1;
    double c = 2 * Math.PI;
    for (int t = 1; t <= ITERATIONS; t++) {
      double y0 = x0 - gamma * u0;
      double y1 = x1 - gamma * u1;
      double r = Math.sqrt((y0 * y0 + y1 * y1) / 2);
      double e2 = Math.exp((Math.cos(c * y0) + Math.cos(c * y1)) / 2);
      double k1 = r > 0 ? 20 * 0.2 * Math.exp(-0.2 * r) / (2 * r) : 0;
      double k2 = c * e2 / 2;
      double g0 = k1 * y0 + k2 * Math.sin(c * y0);
      double g1 = k1 * y1 + k2 * Math.sin(c * y1);
      u0 = gamma * u0 + lr * g0;
      u1 = gamma * u1 + lr * g1;
      x0 -= u0;
      x1 -= u1;
    }
    return x0 + x1;
  }
}
