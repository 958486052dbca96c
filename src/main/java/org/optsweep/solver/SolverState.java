package org.optsweep.solver;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a paused solve needs to continue exactly where it stopped: the iterate, the solver's own state
 * (momentum, moment estimates, curvature pairs, simplex, ...) and the monitor's (iteration and evaluation
 * counts, best value, target first-hits, trace samples, wall time). Made by {@link Solver#solve(SolveRequest,
 * SolverState, int)} at a pause and given back to it to continue: the continued solve is bit-identical to an
 * uninterrupted one of the same total length (wall time aside).
 *
 * <p>Plain typed values only, so that a driver can keep it as one Parquet row: {@link #toColumns()} and
 * {@link #fromColumns(Map)} are that flat form, column by column as listed in {@link #COLUMNS}. Each solver
 * documents the layout of its {@code solverReals} and {@code solverInts} (see {@code saveState} in each).
 *
 * <p>A state is valid only with the request it was made with (the same objective, gradient method, stopping
 * rules, targets and trace points; the start is ignored) and a solver of the same name and settings: the
 * solver name, the dimension, the target counts, the solver's array lengths and the trace plan are checked on
 * resume, the settings cannot be (the driver decodes them again from the trial index).
 *
 * @param solver              the registered name of the solver that made it ({@code nag})
 * @param iterations          k ≥ 1, the last iteration completed; the continuation starts with iteration k + 1
 *                            (so a schedule continues with lr(k + 1), warm-up and decays included)
 * @param x                   x_k
 * @param valueEvaluations    f evaluations spent so far (the evaluation budget holds for the whole solve)
 * @param gradientEvaluations gradient evaluations spent so far
 * @param bestValue           the monitor's lowest f so far (+∞ when none was known: the pause's own evaluation of
 *                            f(x_k) for the paused result is not in it, as an uninterrupted solve would not have it)
 * @param distanceHits        first-hit iteration of each distance target so far, or −1
 * @param gapHits             first-hit iteration of each value-gap target so far, or −1
 * @param trace               the trace samples recorded up to k (planned from the request's whole
 *                            {@code max_iterations}, not from the pause); empty arrays when no trace is recorded
 * @param wallNanos           wall-clock time spent so far, in ns: the time budget holds for the whole solve
 * @param solverReals         the solver's own numbers, in the layout its class documents
 * @param solverInts          the solver's own integers, in the layout its class documents
 */
public record SolverState(String solver, int iterations, double[] x, long valueEvaluations, long gradientEvaluations,
                          double bestValue, int[] distanceHits, int[] gapHits, Trace trace, long wallNanos,
                          double[] solverReals, int[] solverInts) {

  /** The layout version written in {@code state_version}; a state of another version is refused. */
  public static final int VERSION = 1;

  /**
   * One column of the flat form.
   *
   * @param name the column name
   * @param type the Java type of its value: {@code String}, {@code Integer}, {@code Long}, {@code Double},
   *             {@code double[]} or {@code int[]} (arrays never null; empty where there is nothing)
   */
  public record Column(String name, Class<?> type) {}

  /** The columns of {@link #toColumns()}, in order; none is ever null. */
  public static final List<Column> COLUMNS = List.of(
      new Column("state_version", Integer.class),
      new Column("solver", String.class),
      new Column("iterations", Integer.class),
      new Column("x", double[].class),
      new Column("value_evaluations", Long.class),
      new Column("gradient_evaluations", Long.class),
      new Column("best_value", Double.class),
      new Column("distance_hits", int[].class),
      new Column("gap_hits", int[].class),
      new Column("trace_iterations", int[].class),
      new Column("trace_values", double[].class),
      new Column("trace_distances", double[].class),
      new Column("trace_gradient_norms", double[].class),
      new Column("trace_step_norms", double[].class),
      new Column("wall_nanos", Long.class),
      new Column("solver_reals", double[].class),
      new Column("solver_ints", int[].class));

  /** An empty trace, for a solve that records none. */
  static final Trace NO_TRACE = new Trace(new int[0], new double[0], new double[0], new double[0], new double[0]);

  public SolverState {
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(distanceHits, "distanceHits");
    Objects.requireNonNull(gapHits, "gapHits");
    Objects.requireNonNull(solverReals, "solverReals");
    Objects.requireNonNull(solverInts, "solverInts");
    trace = trace == null ? NO_TRACE : trace;
    if (iterations < 1) {
      throw new IllegalArgumentException("a solver state is taken after iteration k >= 1, got " + iterations);
    }
    if (valueEvaluations < 0 || gradientEvaluations < 0 || wallNanos < 0) {
      throw new IllegalArgumentException("evaluation counts and wall time must be >= 0, got " + valueEvaluations + ", "
          + gradientEvaluations + ", " + wallNanos);
    }
    int samples = trace.iterations().length;
    if (trace.values().length != samples || trace.distances().length != samples
        || trace.gradientNorms().length != samples || trace.stepNorms().length != samples) {
      throw new IllegalArgumentException("the trace arrays of a solver state must have one length, got "
          + samples + ", " + trace.values().length + ", " + trace.distances().length + ", "
          + trace.gradientNorms().length + ", " + trace.stepNorms().length);
    }
  }

  /** The flat form: column name → value, in {@link #COLUMNS} order, with the types listed there. */
  public Map<String, Object> toColumns() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("state_version", VERSION);
    c.put("solver", solver);
    c.put("iterations", iterations);
    c.put("x", x.clone());
    c.put("value_evaluations", valueEvaluations);
    c.put("gradient_evaluations", gradientEvaluations);
    c.put("best_value", bestValue);
    c.put("distance_hits", distanceHits.clone());
    c.put("gap_hits", gapHits.clone());
    c.put("trace_iterations", trace.iterations().clone());
    c.put("trace_values", trace.values().clone());
    c.put("trace_distances", trace.distances().clone());
    c.put("trace_gradient_norms", trace.gradientNorms().clone());
    c.put("trace_step_norms", trace.stepNorms().clone());
    c.put("wall_nanos", wallNanos);
    c.put("solver_reals", solverReals.clone());
    c.put("solver_ints", solverInts.clone());
    return c;
  }

  /**
   * Reads the flat form back. Scalars may be any boxed integer or floating type that holds the value exactly;
   * arrays may be primitive arrays or {@code java.util.List}s of numbers (as Spark's {@code Row.getList} gives
   * them). Columns not in {@link #COLUMNS} are ignored, so a whole table row can be passed.
   *
   * @throws IllegalArgumentException naming the column when one is missing, null, of another type or not exact,
   *                                  or when the version is not {@link #VERSION}
   */
  public static SolverState fromColumns(Map<String, ?> c) {
    int version = integer(c, "state_version");
    if (version != VERSION) {
      throw new IllegalArgumentException("solver state column state_version = " + version + ": this optsweep reads "
          + "version " + VERSION + " only");
    }
    Object solver = get(c, "solver");
    if (!(solver instanceof String s)) {
      throw new IllegalArgumentException("solver state column solver: expected a string, got " + describe(solver));
    }
    Trace trace = new Trace(ints(c, "trace_iterations"), reals(c, "trace_values"), reals(c, "trace_distances"),
        reals(c, "trace_gradient_norms"), reals(c, "trace_step_norms"));
    return new SolverState(s, integer(c, "iterations"), reals(c, "x"), longValue(c, "value_evaluations"),
        longValue(c, "gradient_evaluations"), real(c, "best_value"), ints(c, "distance_hits"), ints(c, "gap_hits"),
        trace, longValue(c, "wall_nanos"), reals(c, "solver_reals"), ints(c, "solver_ints"));
  }

  private static Object get(Map<String, ?> c, String name) {
    Object v = c.get(name);
    if (v == null) {
      throw new IllegalArgumentException("solver state column " + name + " is " + (c.containsKey(name) ? "null"
          : "missing"));
    }
    return v;
  }

  private static String describe(Object v) {
    return v.getClass().getSimpleName() + " " + (v instanceof Object[] a ? Arrays.toString(a) : v);
  }

  private static long longValue(Map<String, ?> c, String name) {
    Object v = get(c, name);
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException("solver state column " + name + ": expected a whole number, got " + describe(v));
  }

  private static int integer(Map<String, ?> c, String name) {
    long v = longValue(c, name);
    if (v != (int) v) {
      throw new IllegalArgumentException("solver state column " + name + " = " + v + " does not fit in an int");
    }
    return (int) v;
  }

  private static double real(Map<String, ?> c, String name) {
    Object v = get(c, name);
    if (v instanceof Double d) {
      return d;
    }
    throw new IllegalArgumentException("solver state column " + name + ": expected a double, got " + describe(v));
  }

  private static double[] reals(Map<String, ?> c, String name) {
    Object v = get(c, name);
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof List<?> list) {
      double[] out = new double[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Double d)) {
          throw new IllegalArgumentException("solver state column " + name + "[" + i + "]: expected a double, got "
              + (list.get(i) == null ? "null" : describe(list.get(i))));
        }
        out[i] = d;
      }
      return out;
    }
    throw new IllegalArgumentException("solver state column " + name + ": expected an array of doubles, got "
        + describe(v));
  }

  private static int[] ints(Map<String, ?> c, String name) {
    Object v = get(c, name);
    if (v instanceof int[] a) {
      return a.clone();
    }
    if (v instanceof List<?> list) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Integer k)) {
          throw new IllegalArgumentException("solver state column " + name + "[" + i + "]: expected an int, got "
              + (list.get(i) == null ? "null" : describe(list.get(i))));
        }
        out[i] = k;
      }
      return out;
    }
    throw new IllegalArgumentException("solver state column " + name + ": expected an array of ints, got "
        + describe(v));
  }

  /** Equal when every field is, arrays compared element by element ({@link Arrays#equals(double[], double[])}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SolverState s && solver.equals(s.solver) && iterations == s.iterations
        && Arrays.equals(x, s.x) && valueEvaluations == s.valueEvaluations
        && gradientEvaluations == s.gradientEvaluations
        && Double.doubleToLongBits(bestValue) == Double.doubleToLongBits(s.bestValue)
        && Arrays.equals(distanceHits, s.distanceHits) && Arrays.equals(gapHits, s.gapHits)
        && Arrays.equals(trace.iterations(), s.trace.iterations()) && Arrays.equals(trace.values(), s.trace.values())
        && Arrays.equals(trace.distances(), s.trace.distances())
        && Arrays.equals(trace.gradientNorms(), s.trace.gradientNorms())
        && Arrays.equals(trace.stepNorms(), s.trace.stepNorms()) && wallNanos == s.wallNanos
        && Arrays.equals(solverReals, s.solverReals) && Arrays.equals(solverInts, s.solverInts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(solver, iterations, Arrays.hashCode(x), valueEvaluations, Arrays.hashCode(solverReals));
  }

  @Override
  public String toString() {
    return "SolverState{" + solver + " after iteration " + iterations + ", x=" + Arrays.toString(x) + ", "
        + solverReals.length + " reals, " + solverInts.length + " ints}";
  }
}
