package org.optsweep.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * summary/'s quantities defined as one Spark SQL group-by over runs/: the reference the summary
 * rows that the tasks compute while they solve ({@link org.optsweep.output.TrialStats}) are held equal to.
 */
final class SummaryReference {
  private SummaryReference() {}

  static Dataset<Row> of(Dataset<Row> runs, org.optsweep.output.Tables tables) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(org.apache.spark.sql.functions.first("job").as("job"));
    aggs.add(org.apache.spark.sql.functions.first("objective").as("objective"));
    aggs.add(org.apache.spark.sql.functions.first("solver").as("solver"));
    aggs.add(org.apache.spark.sql.functions.first("schedule").as("schedule"));
    for (String h : hyperNames(tables)) {
      aggs.add(org.apache.spark.sql.functions.first(h).as(h));
    }
    aggs.add(expr("count(*)").as("replicates"));
    aggs.add(expr("sum(CAST(success AS INT))").as("successes"));
    aggs.add(expr("avg(CAST(success AS DOUBLE))").as("success_rate"));
    aggs.add(expr(wilson("avg(CAST(success AS DOUBLE))", -1)).as("success_rate_lower"));
    aggs.add(expr(wilson("avg(CAST(success AS DOUBLE))", 1)).as("success_rate_upper"));
    aggs.add(expr("avg(CAST(final_success AS DOUBLE))").as("final_success_rate"));
    aggs.add(expr("sum(CASE WHEN success THEN hit_iteration ELSE iterations END) "
        + "/ nullif(sum(CAST(success AS INT)), 0)").as("ert_iterations"));
    aggs.add(expr("sum(CASE WHEN success THEN (f_evals + grad_evals) * hit_iteration / greatest(iterations, 1) "
        + "ELSE f_evals + grad_evals END) / nullif(sum(CAST(success AS INT)), 0)").as("ert_evaluations"));
    // Sorted lists, not six percentile() aggregates: groups are small (the replicates) and this
    // costs a third of the time; quantiles are then read off with linear interpolation.
    aggs.add(expr("array_sort(collect_list(distance))").as("_d"));
    aggs.add(expr("array_sort(collect_list(value_gap))").as("_g"));
    aggs.add(expr("min(value_gap)").as("gap_min"));
    aggs.add(expr("avg(iterations)").as("iterations_mean"));
    aggs.add(expr("sum(CASE WHEN status = 'DIVERGED' THEN 1 ELSE 0 END)").as("diverged"));
    aggs.add(expr("sum(CASE WHEN status IN ('FAILED', 'TIMED_OUT') THEN 1 ELSE 0 END)").as("failed"));
    Dataset<Row> grouped = runs.groupBy(col("study"), col("trial"), col("stage"))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    List<Column> out = new ArrayList<>();
    for (String c : grouped.columns()) {
      if (c.equals("_d")) {
        out.add(expr(quantile("_d", 0.25)).as("distance_q25"));
        out.add(expr(quantile("_d", 0.5)).as("distance_median"));
        out.add(expr(quantile("_d", 0.75)).as("distance_q75"));
      } else if (c.equals("_g")) {
        out.add(expr(quantile("_g", 0.25)).as("gap_q25"));
        out.add(expr(quantile("_g", 0.5)).as("gap_median"));
        out.add(expr(quantile("_g", 0.75)).as("gap_q75"));
      } else {
        out.add(col(c));
      }
    }
    return grouped.select(out.toArray(new Column[0]));
  }


  /**
   * Wilson's score interval at 95% (z = 1.959963984540054) for a rate p of n = count(*) in SQL:
   * (p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n), written from Wilson (1927).
   */
  static String wilson(String p, int sign) {
    String z = "1.959963984540054";
    String n = "count(*)";
    return "((" + p + ") + " + z + " * " + z + " / (2 * " + n + ") " + (sign < 0 ? "-" : "+") + " " + z
        + " * sqrt((" + p + ") * (1 - (" + p + ")) / " + n + " + " + z + " * " + z + " / (4 * " + n + " * " + n
        + "))) / (1 + " + z + " * " + z + " / " + n + ")";
  }

  /** The hyperparameter columns: summary/'s columns between schedule and replicates. */
  static List<String> hyperNames(org.optsweep.output.Tables tables) {
    List<String> names = tables.summary().columns().stream().map(org.optsweep.output.Column::name).toList();
    return names.subList(names.indexOf("schedule") + 1, names.indexOf("replicates"));
  }

  /**
   * The p-quantile of a sorted array by numpy's default method ('linear'): h = p (n − 1), then
   * a + (b − a) t for t = h − floor(h) below one half and b − (b − a)(1 − t) from one half on
   * (numpy's _lerp, which keeps the result between a and b); null for an empty array.
   */
  static String quantile(String sorted, double p) {
    String pos = p + " * (size(" + sorted + ") - 1)";
    String t = "(" + pos + " - floor(" + pos + "))";
    String lo = "element_at(" + sorted + ", CAST(floor(" + pos + ") AS INT) + 1)";
    String hi = "element_at(" + sorted + ", CAST(ceil(" + pos + ") AS INT) + 1)";
    return "CASE WHEN size(" + sorted + ") = 0 THEN NULL WHEN floor(" + pos + ") = ceil(" + pos + ") THEN " + lo
        + " WHEN " + t + " < 0.5 THEN " + lo + " + (" + hi + " - " + lo + ") * " + t
        + " ELSE " + hi + " - (" + hi + " - " + lo + ") * (1 - " + t + ") END";
  }

}
