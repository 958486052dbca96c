package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.optsweep.stats.FixedBudget;

/**
 * {@code fixed_budget/}: what the traced runs of each stage, study and solver had reached by a budget of
 * B iterations, B = 10, 100, 1000, … up to the largest iteration count in {@code runs/}
 * ({@link FixedBudget#decades}), and that largest count itself (where the runs ended): the median and
 * quartiles over runs, and how many runs.
 *
 * <p>A run's value at B is its <em>best sampled value by B</em> — the smallest sample at an iteration ≤ B,
 * {@link FixedBudget#bestSoFarAt} — not the true best-so-far: traces are sampled (log-spaced), and a
 * solver's iterate can be better between samples. Quantiles are {@link org.optsweep.stats.Quantiles}'
 * (numpy 'linear'); a run with no number by B counts as NaN, the worst (as {@link FixedBudget#summarize}).
 *
 * <p>Measures: {@code value_gap} — the trace's value minus the run's f*, where {@code runs/} knows the
 * gap (f* = value − value_gap of the trial's runs, so a λ path gets each λ's own f*); {@code value} — the
 * objective value itself, where the minimum is unknown; {@code distance} — ‖x − x*‖ where the traces carry
 * it (the minimiser is known).
 *
 * <p>Per run and budget the minimum is taken on the executors; the quantiles by {@link GroupQuantiles}.
 */
public final class FixedBudgetTable {
  private FixedBudgetTable() {}

  /** The columns of {@code fixed_budget/}. */
  public static final StructType SCHEMA = new StructType()
      .add("stage", DataTypes.StringType, false)
      .add("study", DataTypes.StringType, false)
      .add("solver", DataTypes.StringType, false)
      .add("measure", DataTypes.StringType, false)
      .add("budget", DataTypes.LongType, false)
      .add("runs", DataTypes.LongType, false)
      .add("q25", DataTypes.DoubleType, false)
      .add("median", DataTypes.DoubleType, false)
      .add("q75", DataTypes.DoubleType, false);

  private static final List<String> KEYS = List.of("stage", "study", "solver", "measure", "budget");

  /** The table's rows from {@code runs} and {@code traces} (null: no traces, no rows), sorted. */
  static List<Row> compute(Dataset<Row> runs, Dataset<Row> traces, long maxIterations) {
    if (traces == null) {
      return List.of();
    }
    int[] budgets = budgets((int) Math.min(Integer.MAX_VALUE, maxIterations));
    if (budgets.length == 0) {
      return List.of();
    }
    Dataset<Row> perRun = perRunBest(runs, traces, budgets);
    Dataset<Row> measures = perRun.select(col("stage"), col("study"), col("solver"), col("measure"),
            col("budget"), expr("coalesce(best_v, double('NaN'))").as("v"))
        .union(perRun.where("has_distance").select(col("stage"), col("study"), col("solver"),
            expr("'distance'").as("measure"), col("budget"), expr("coalesce(best_d, double('NaN'))").as("v")));
    Map<List<Object>, GroupQuantiles.Result> q = GroupQuantiles.of(measures, KEYS, "v", GroupQuantiles.QUARTILES);
    List<List<Object>> keys = new ArrayList<>(q.keySet());
    keys.sort(FixedBudgetTable::compareKeys);
    List<Row> out = new ArrayList<>();
    for (List<Object> k : keys) {
      GroupQuantiles.Result r = q.get(k);
      out.add(RowFactory.create(k.get(0), k.get(1), k.get(2), k.get(3), ((Number) k.get(4)).longValue(), r.count(),
          r.quantiles()[0], r.quantiles()[1], r.quantiles()[2]));
    }
    return out;
  }

  /** {@link FixedBudget#decades} up to {@code maxIterations}, and {@code maxIterations} itself (the final state). */
  static int[] budgets(int maxIterations) {
    int[] d = FixedBudget.decades(maxIterations);
    if (maxIterations < 1 || (d.length > 0 && d[d.length - 1] == maxIterations)) {
      return d;
    }
    int[] out = java.util.Arrays.copyOf(d, d.length + 1);
    out[d.length] = maxIterations;
    return out;
  }

  /**
   * One row per traced run and budget: the measure ({@code value_gap} or {@code value}), the best
   * sample by the budget ({@code best_v}, {@code best_d}: null when no sample by then is a number) and
   * whether the run's trace carries distances at all.
   */
  static Dataset<Row> perRunBest(Dataset<Row> runs, Dataset<Row> traces, int[] budgets) {
    Dataset<Row> fstar = runs.where("value_gap IS NOT NULL")
        .groupBy("stage", "study", "trial").agg(expr("min(value - value_gap)").as("fstar"));
    Dataset<Row> points = traces.join(fstar, new String[] {"stage", "study", "trial"}, "left")
        .select(col("stage"), col("study"), col("solver"), col("trial"), col("replicate"), col("iteration"),
            expr("CASE WHEN fstar IS NOT NULL THEN 'value_gap' ELSE 'value' END").as("measure"),
            expr("CASE WHEN fstar IS NOT NULL THEN value - fstar ELSE value END").as("v"),
            expr("CASE WHEN isnan(distance) THEN NULL ELSE distance END").as("d"),
            expr("explode(" + EcdfTable.array(budgets) + ")").as("budget"));
    // min() skips NaN when a number is there (Spark orders NaN above every number), as bestSoFarAt does
    return points.groupBy("stage", "study", "solver", "trial", "replicate", "measure", "budget")
        .agg(expr("min(CASE WHEN iteration <= budget THEN v END)").as("best_v"),
            expr("min(CASE WHEN iteration <= budget THEN d END)").as("best_d"),
            expr("max(d IS NOT NULL)").as("has_distance"));
  }

  private static int compareKeys(List<Object> a, List<Object> b) {
    int c = Stages.compare((String) a.get(0), (String) b.get(0));
    for (int i = 1; c == 0 && i < 4; i++) {
      c = ((String) a.get(i)).compareTo((String) b.get(i));
    }
    return c != 0 ? c : Long.compare(((Number) a.get(4)).longValue(), ((Number) b.get(4)).longValue());
  }
}
