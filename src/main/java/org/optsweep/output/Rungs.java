package org.optsweep.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.SolverState;
import org.optsweep.solver.Stop;
import org.optsweep.solver.StopTest;
import org.optsweep.solver.Trace;

/**
 * {@code rungs/}: what an adaptive search (successive halving, Hyperband) knows after each rung — a row per
 * replicate of every setting the rung ran: its result at the rung's budget (what the promotion ranks, and what
 * {@code runs/} shows of a setting that stops there) and, for a solve the rung paused, the solver's whole state
 * ({@link SolverState}'s columns, prefixed {@code state_}) from which the next rung continues it. Partitioned by
 * {@code chunk} (a rung is a chunk: committed as a whole), so every committed rung is a resume point. Doubles are
 * stored as computed (NaN and ±∞ included), so a result read back is the result written, bit for bit.
 */
public final class Rungs {
  private Rungs() {}

  /** The table's directory. */
  public static final String NAME = "rungs";

  /**
   * One replicate of a setting at a rung.
   *
   * @param solve   the solve as a runs/ row would describe it (its result at the rung's budget)
   * @param bracket the bracket's position in the study's plan
   * @param rung    the rung within the bracket
   * @param budget  the rung's iterations
   * @param state   where to continue from, or null when the solve has ended (or never ran)
   */
  public record Entry(SolveRecord solve, int bracket, int rung, int budget, SolverState state) {}

  private static final DataType S = DataTypes.StringType;
  private static final DataType L = DataTypes.LongType;
  private static final DataType I = DataTypes.IntegerType;
  private static final DataType D = DataTypes.DoubleType;
  private static final DataType B = DataTypes.BooleanType;
  private static final Table<Entry> TABLE = build();

  /** The table. */
  public static Table<Entry> table() {
    return TABLE;
  }

  private static Table<Entry> build() {
    List<Column<Entry>> c = new ArrayList<>();
    c.add(Column.of("job", S, false, e -> e.solve().job()));
    c.add(Column.of("stage", S, false, e -> e.solve().stage()));
    c.add(Column.of("study", S, false, e -> e.solve().study()));
    c.add(Column.of("trial", L, false, e -> e.solve().trial()));
    c.add(Column.of("replicate", I, false, e -> e.solve().replicate()));
    c.add(Column.of("bracket", I, false, Entry::bracket));
    c.add(Column.of("rung", I, false, Entry::rung));
    c.add(Column.of("budget", I, false, Entry::budget));
    c.add(Column.of("paused", B, false, e -> e.state() != null));
    c.add(Column.plain("x", Tables.DOUBLES, true, e -> r(e).x()));
    c.add(Column.plain("value", D, false, e -> r(e).value()));
    c.add(Column.plain("distance", D, false, e -> r(e).distance()));
    c.add(Column.plain("value_gap", D, false, e -> r(e).valueGap()));
    c.add(Column.of("iterations", I, false, e -> r(e).iterations()));
    c.add(Column.of("f_evals", L, false, e -> r(e).valueEvaluations()));
    c.add(Column.of("grad_evals", L, false, e -> r(e).gradientEvaluations()));
    c.add(Column.plain("best_value", D, false, e -> r(e).bestValue()));
    c.add(Column.of("stop_test", S, false, e -> r(e).stop().test().key()));
    c.add(Column.of("stop_value", D, false, e -> r(e).stop().value()));
    c.add(Column.of("stop_threshold", D, false, e -> r(e).stop().threshold()));
    c.add(Column.of("stop_detail", S, true, e -> r(e).stop().detail()));
    c.add(Column.of("distance_hits", Tables.INTS, false, e -> r(e).distanceHits()));
    c.add(Column.of("gap_hits", Tables.INTS, false, e -> r(e).gapHits()));
    c.add(Column.of("success", B, false, e -> e.solve().assessment().success()));
    c.add(Column.of("trace_iterations", Tables.INTS, true, e -> trace(e) == null ? null : trace(e).iterations()));
    c.add(Column.plain("trace_values", Tables.DOUBLES, true, e -> trace(e) == null ? null : trace(e).values()));
    c.add(Column.plain("trace_distances", Tables.DOUBLES, true, e -> trace(e) == null ? null : trace(e).distances()));
    c.add(Column.plain("trace_gradient_norms", Tables.DOUBLES, true,
        e -> trace(e) == null ? null : trace(e).gradientNorms()));
    c.add(Column.plain("trace_step_norms", Tables.DOUBLES, true, e -> trace(e) == null ? null : trace(e).stepNorms()));
    c.add(Column.of("wall_ns", L, false, e -> r(e).wallNanos()));
    for (SolverState.Column sc : SolverState.COLUMNS) {
      String key = sc.name();
      DataType t = sc.type() == String.class ? S : sc.type() == Integer.class ? I : sc.type() == Long.class ? L
          : sc.type() == Double.class ? D : sc.type() == int[].class ? Tables.INTS : Tables.DOUBLES;
      c.add(Column.plain(stateColumn(key), t, true, e -> e.state() == null ? null : e.state().toColumns().get(key)));
    }
    c.add(Column.of("chunk", I, false, e -> e.solve().chunk()));
    return new Table<>(NAME, List.copyOf(c), List.of("chunk"));
  }

  /** The table column of a {@link SolverState} column: {@code state_} + its name (state_version as it is). */
  static String stateColumn(String name) {
    return name.startsWith("state_") ? name : "state_" + name;
  }

  private static SolveResult r(Entry e) {
    return e.solve().result();
  }

  private static Trace trace(Entry e) {
    return e.solve().result().trace();
  }

  /** The result stored in a row read back from the table (by column name), bit for bit as it was written. */
  public static SolveResult result(org.apache.spark.sql.Row row) {
    Trace trace = row.isNullAt(row.fieldIndex("trace_iterations")) ? null
        : new Trace(ints(row, "trace_iterations"), doubles(row, "trace_values"), doubles(row, "trace_distances"),
            doubles(row, "trace_gradient_norms"), doubles(row, "trace_step_norms"));
    Stop stop = new Stop(StopTest.of(row.getAs("stop_test")), row.<Double>getAs("stop_value"),
        row.<Double>getAs("stop_threshold"), row.getAs("stop_detail"));
    return new SolveResult(row.isNullAt(row.fieldIndex("x")) ? null : doubles(row, "x"), row.<Double>getAs("value"),
        row.<Double>getAs("distance"), row.<Double>getAs("value_gap"), row.<Integer>getAs("iterations"),
        row.<Long>getAs("f_evals"), row.<Long>getAs("grad_evals"), row.<Double>getAs("best_value"), stop,
        ints(row, "distance_hits"), ints(row, "gap_hits"), trace, row.<Long>getAs("wall_ns"));
  }

  /** The state stored in a row read back from the table, or null when the solve is not paused. */
  public static SolverState state(org.apache.spark.sql.Row row) {
    if (!row.<Boolean>getAs("paused")) {
      return null;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    for (SolverState.Column sc : SolverState.COLUMNS) {
      String col = stateColumn(sc.name());
      c.put(sc.name(), sc.type().isArray() ? row.getList(row.fieldIndex(col)) : row.getAs(col));
    }
    return SolverState.fromColumns(c);
  }

  private static double[] doubles(org.apache.spark.sql.Row row, String name) {
    List<Object> l = row.getList(row.fieldIndex(name));
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).doubleValue();
    }
    return a;
  }

  private static int[] ints(org.apache.spark.sql.Row row, String name) {
    List<Object> l = row.getList(row.fieldIndex(name));
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = ((Number) l.get(i)).intValue();
    }
    return a;
  }
}
