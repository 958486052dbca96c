package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.optsweep.stats.RuntimeEcdf;

/**
 * {@code ecdf/}: the runtime ECDF per stage, study and solver — the fraction of (run, target) pairs whose
 * target was reached within a budget, on the 1–2–5 log grid of {@link RuntimeEcdf#budgetGrid} — in
 * iterations and in evaluations (COCO, arXiv:1605.03560; IOHprofiler, arXiv:1810.05281; the definition is
 * {@link RuntimeEcdf#fractionsReached}).
 *
 * <p>The targets are every threshold of the job, distance and value gap: {@code runs/}' {@code
 * distance_hits} and {@code gap_hits} give each run's first-hit iteration per target (−1 never). A run's
 * evaluations at its hit are pro-rated as COCO's aRT does for a run measured in iterations:
 * {@code (f_evals + grad_evals) · hit / iterations}; reached within budget b when that is ≤ b.
 *
 * <p>The executors put each (run, target) pair into the first grid budget that covers it and count pairs
 * per bucket; the driver receives one count per (group, budget) and accumulates them. The grid is one per
 * budget kind for the whole output, up to the largest iteration count (evaluation count) in {@code runs/},
 * so curves of different studies share their budgets.
 */
public final class EcdfTable {
  private EcdfTable() {}

  /** The columns of {@code ecdf/}. */
  public static final StructType SCHEMA = new StructType()
      .add("stage", DataTypes.StringType, false)
      .add("study", DataTypes.StringType, false)
      .add("solver", DataTypes.StringType, false)
      .add("budget_kind", DataTypes.StringType, false)
      .add("budget", DataTypes.LongType, false)
      .add("pairs", DataTypes.LongType, false)
      .add("reached", DataTypes.LongType, false)
      .add("fraction", DataTypes.DoubleType, false);

  /**
   * The table and what it was measured against.
   *
   * @param rows           the ECDF rows, sorted by stage, study, solver, budget kind and budget
   * @param maxIterations  the largest {@code iterations} of any run (0 without runs)
   * @param maxEvaluations the largest {@code f_evals + grad_evals} of any run
   */
  record Result(List<Row> rows, long maxIterations, long maxEvaluations) {}

  /** The 1–2–5 series up to 2·10⁹: every budget grid is these and its own last budget. */
  private static final int[] SERIES = RuntimeEcdf.budgetGrid(Integer.MAX_VALUE);

  /** The ECDF of {@code runs}, in one pass over them. */
  static Result compute(Dataset<Row> runs) {
    Dataset<Row> pairs = runs.select(col("stage"), col("study"), col("solver"), col("iterations"),
        expr("coalesce(f_evals, 0) + coalesce(grad_evals, 0)").as("evals"),
        expr("explode(concat(coalesce(distance_hits, array()), coalesce(gap_hits, array())))").as("hit"));
    // bucket = how many series budgets lie below the hit: reached within series[g] iff bucket <= g
    String evalsAtHit = "CASE WHEN iterations > 0 THEN evals * hit / iterations ELSE 0D END";
    String iterBucket = "CASE WHEN hit >= 0 THEN " + firstAtLeast("hit") + " ELSE -1 END";
    String evalBucket = "CASE WHEN hit >= 0 THEN " + firstAtLeast(evalsAtHit) + " ELSE -1 END";
    // both budget kinds from one scan of runs/
    Dataset<Row> buckets = pairs.select(col("stage"), col("study"), col("solver"),
            expr("explode(array(named_struct('kind', 'iterations', 'bucket', " + iterBucket
                + ", 'spent', CAST(iterations AS BIGINT)), named_struct('kind', 'evaluations', 'bucket', " + evalBucket
                + ", 'spent', evals)))").as("k"))
        .select(col("stage"), col("study"), col("solver"), col("k.kind").as("kind"), col("k.bucket").as("bucket"),
            col("k.spent").as("spent"));
    List<Row> counts = buckets.groupBy("stage", "study", "solver", "kind", "bucket")
        .agg(count(lit(1)), max("spent")).collectAsList();
    Map<List<String>, TreeMap<Integer, Long>> groups = new TreeMap<>(EcdfTable::compareKeys);
    long maxIter = 0;
    long maxEvals = 0;
    for (Row c : counts) {
      List<String> key = List.of(c.getString(0), c.getString(1), c.getString(2), c.getString(3));
      groups.computeIfAbsent(key, x -> new TreeMap<>()).merge(c.getInt(4), c.getLong(5), Long::sum);
      long spent = c.isNullAt(6) ? 0 : c.getLong(6);
      if (key.get(3).equals("iterations")) {
        maxIter = Math.max(maxIter, spent);
      } else {
        maxEvals = Math.max(maxEvals, spent);
      }
    }
    int[] iterGrid = RuntimeEcdf.budgetGrid((int) Math.max(1, Math.min(Integer.MAX_VALUE, maxIter)));
    int[] evalGrid = RuntimeEcdf.budgetGrid((int) Math.max(1, Math.min(Integer.MAX_VALUE, maxEvals)));
    List<Row> out = new ArrayList<>();
    groups.forEach((key, hist) -> {
      int[] grid = key.get(3).equals("iterations") ? iterGrid : evalGrid;
      long total = hist.values().stream().mapToLong(Long::longValue).sum();
      for (int budget : grid) {
        // A grid's last budget, when off the series, is the largest cost of any run: every hit is within it.
        long reached = 0;
        for (Map.Entry<Integer, Long> e : hist.entrySet()) {
          int b = e.getKey();
          if (b >= 0 && (budget == grid[grid.length - 1] || (b < SERIES.length && SERIES[b] <= budget))) {
            reached += e.getValue();
          }
        }
        out.add(RowFactory.create(key.get(0), key.get(1), key.get(2), key.get(3), (long) budget, total, reached,
            (double) reached / total));
      }
    });
    return new Result(out, maxIter, maxEvals);
  }

  /** Stage (search first), study, solver, then iterations before evaluations. */
  private static int compareKeys(List<String> a, List<String> b) {
    int c = Stages.compare(a.get(0), b.get(0));
    for (int i = 1; c == 0 && i < 3; i++) {
      c = a.get(i).compareTo(b.get(i));
    }
    return c != 0 ? c : -a.get(3).compareTo(b.get(3));
  }

  /**
   * The index of the first series budget ≥ x (= how many lie below it), SERIES.length beyond the last, as a
   * chain of comparisons that Spark compiles (a lambda over an array literal would be interpreted per row).
   */
  static String firstAtLeast(String x) {
    StringBuilder b = new StringBuilder("CASE");
    for (int i = 0; i < SERIES.length; i++) {
      b.append(" WHEN (").append(x).append(") <= ").append(SERIES[i]).append(" THEN ").append(i);
    }
    return b.append(" ELSE ").append(SERIES.length).append(" END").toString();
  }

  static String array(int[] grid) {
    return "array(" + Arrays.stream(grid).mapToObj(Integer::toString).collect(Collectors.joining(", ")) + ")";
  }
}
