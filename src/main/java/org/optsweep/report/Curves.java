package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.optsweep.stats.Interval;
import org.optsweep.stats.Proportion;

/**
 * The report's curves: the convergence of the best settings over iterations (the median and quartile band
 * over each setting's traced replicates, from {@code traces/}), and the λ path of jobs that sweep
 * {@code objective.lambda} (the best setting per λ: its success rate, median final value, and where
 * {@code references/} knows them the reference f* and the reference optimum's nonzero coefficients).
 */
final class Curves {
  private Curves() {}

  /** Curves of at most this many settings per study. */
  static final int PER_STUDY = 3;

  /** Convergence curves of the first settings of {@code best} in each study. */
  static List<Map<String, Object>> convergence(SweepOutput in, List<Map<String, Object>> best) throws IOException {
    Dataset<Row> traces = in.traces();
    if (traces == null || best.isEmpty()) {
      return List.of();
    }
    // the confirmation's traces where it recorded them (more replicates), else the search's
    String stage = best.get(0).get("confirm") != null
        && !traces.where(col("stage").equalTo(SweepOutput.CONFIRM)).limit(1).isEmpty()
        ? SweepOutput.CONFIRM : SweepOutput.SEARCH;
    Map<String, List<Long>> trials = new LinkedHashMap<>();
    Map<List<Object>, Map<String, Object>> chosen = new LinkedHashMap<>();
    for (Map<String, Object> b : best) {
      List<Long> t = trials.computeIfAbsent((String) b.get("study"), k -> new ArrayList<>());
      if (t.size() < PER_STUDY) {
        t.add((Long) b.get("trial"));
        chosen.put(List.of(b.get("study"), b.get("trial")), b);
      }
    }
    Column which = lit(false);
    for (Map.Entry<String, List<Long>> e : trials.entrySet()) {
      which = which.or(col("study").equalTo(e.getKey()).and(col("trial").isin(e.getValue().toArray())));
    }
    which = which.and(col("stage").equalTo(stage));
    Dataset<Row> fstar = in.runs().where(which).where("value_gap IS NOT NULL")
        .groupBy("study", "trial").agg(expr("min(value - value_gap)").as("fstar"));
    Dataset<Row> pts = traces.where(which).join(fstar, new String[] {"study", "trial"}, "left")
        .select(col("study"), col("trial"), col("iteration"), col("replicate"),
            expr("CASE WHEN fstar IS NOT NULL THEN value - fstar ELSE value END").as("y"),
            expr("fstar IS NOT NULL").as("gap"));
    boolean gap = !pts.where("gap").limit(1).isEmpty();
    Map<List<Object>, GroupQuantiles.Result> q = GroupQuantiles.of(pts, List.of("study", "trial", "iteration"), "y",
        GroupQuantiles.QUARTILES);
    Map<List<Object>, List<List<Object>>> lines = new LinkedHashMap<>();
    Map<List<Object>, Long> replicates = new LinkedHashMap<>();
    q.forEach((k, r) -> {
      List<Object> key = List.of(k.get(0), ((Number) k.get(1)).longValue());
      lines.computeIfAbsent(key, x -> new ArrayList<>()).add(Arrays.asList(((Number) k.get(2)).intValue(),
          Json.num(r.quantiles()[0]), Json.num(r.quantiles()[1]), Json.num(r.quantiles()[2])));
      replicates.merge(key, r.rows(), Math::max);
    });
    List<Map<String, Object>> out = new ArrayList<>();
    chosen.forEach((key, b) -> {
      List<List<Object>> line = lines.get(key);
      if (line == null) {
        return;
      }
      line.sort((u, v) -> Integer.compare((Integer) u.get(0), (Integer) v.get(0)));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("study", key.get(0));
      m.put("trial", key.get(1));
      m.put("label", b.get("label"));
      m.put("stage", stage);
      m.put("measure", gap ? "value_gap" : "value");
      m.put("traced_replicates", replicates.get(key));
      m.put("points", line);
      out.add(m);
    });
    return out;
  }

  /** The λ path per study, or an empty list when {@code objective_lambda} takes fewer than two values. */
  static List<Map<String, Object>> lambdaPath(SweepOutput in, Dataset<Row> summary) throws IOException {
    if (!SweepOutput.has(summary, "objective_lambda")) {
      return List.of();
    }
    Dataset<Row> search = summary.where(col("stage").equalTo(SweepOutput.SEARCH).and(col("objective_lambda").isNotNull()));
    if (search.select("objective_lambda").distinct().limit(2).count() < 2) {
      return List.of();
    }
    Column[] order = rankOrder(summary);
    Dataset<Row> best = search.withColumn("_rank", row_number().over(Window.partitionBy("study", "objective_lambda")
        .orderBy(order))).where("_rank = 1");
    List<Row> rows = best.select(col("study"), col("objective"), col("objective_lambda"), col("trial"),
        col("successes"), col("replicates"), col("gap_median")).orderBy("study", "objective_lambda").collectAsList();
    Map<List<Object>, GroupQuantiles.Result> values = GroupQuantiles.of(in.runs()
            .where(col("stage").equalTo(SweepOutput.SEARCH))
            .join(best.select("study", "trial"), new String[] {"study", "trial"}, "left_semi"),
        List.of("study", "trial"), "value", new double[] {0.5});
    Map<String, List<List<Object>>> refs = references(in);
    Map<String, Map<String, Object>> byStudy = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Object> s = byStudy.computeIfAbsent(r.getString(0), k -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", k);
        m.put("objective", r.getString(1));
        m.put("points", new ArrayList<List<Object>>());
        m.put("references", refs.getOrDefault(r.getString(1), List.of()));
        return m;
      });
      long k = r.isNullAt(4) ? 0 : r.getLong(4);
      long n = r.isNullAt(5) ? 0 : r.getLong(5);
      Interval w = Proportion.wilson(k, n);
      GroupQuantiles.Result v = values.get(List.of(r.getString(0), r.getLong(3)));
      @SuppressWarnings("unchecked")
      List<List<Object>> pts = (List<List<Object>>) s.get("points");
      pts.add(Arrays.asList(r.getDouble(2), r.getLong(3), v == null ? null : Json.num(v.quantiles()[0]),
          Json.num(w.estimate()), Json.num(w.lower()), Json.num(w.upper()),
          r.isNullAt(6) ? null : Json.num(r.getDouble(6))));
    }
    return new ArrayList<>(byStudy.values());
  }

  private static Column[] rankOrder(Dataset<Row> summary) {
    List<Column> order = new ArrayList<>(List.of(col("success_rate").desc_nulls_last()));
    for (String c : List.of("ert_iterations", "gap_median", "distance_median")) {
      if (SweepOutput.has(summary, c)) {
        order.add(col(c).asc_nulls_last());
      }
    }
    order.add(col("trial").asc());
    return order.toArray(Column[]::new);
  }

  /** Per objective, the reference optima by λ: [λ, α, f*, nonzero coefficients of x*, kind]. */
  private static Map<String, List<List<Object>>> references(SweepOutput in) throws IOException {
    Dataset<Row> ref = in.references();
    Map<String, List<List<Object>>> out = new LinkedHashMap<>();
    if (ref == null || !SweepOutput.has(ref, "objective_lambda") || !SweepOutput.has(ref, "objective")) {
      return out;
    }
    String nz = SweepOutput.has(ref, "x") ? "size(filter(x, v -> v != 0))" : "CAST(NULL AS INT)";
    String alpha = SweepOutput.has(ref, "objective_alpha") ? "CAST(objective_alpha AS DOUBLE)" : "CAST(NULL AS DOUBLE)";
    String f = SweepOutput.has(ref, "f") ? "CAST(f AS DOUBLE)" : "CAST(NULL AS DOUBLE)";
    String kind = SweepOutput.has(ref, "kind") ? "kind" : "CAST(NULL AS STRING)";
    for (Row r : ref.select(col("objective"), expr("CAST(objective_lambda AS DOUBLE)"), expr(alpha), expr(f), expr(nz),
        expr(kind)).orderBy("objective", "objective_lambda").limit(10_000).collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(Arrays.asList(r.get(1), r.get(2),
          r.isNullAt(3) ? null : Json.num(r.getDouble(3)), r.get(4), r.get(5)));
    }
    return out;
  }
}
