package org.optsweep.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;


import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.optsweep.spec.JobSpec;

/**
 * The {@code summary/} table: one row per setting (study, trial) over its replicates.
 *
 * <ul>
 *   <li>{@code success_rate}: share of replicates that hit every headline target at some iteration
 *       (COCO's anytime success); {@code final_success_rate}: share whose final point meets them.</li>
 *   <li>{@code ert_iterations}: COCO's average running time, (Σ hit iteration over successes +
 *       Σ iterations over failures) / successes — the expected iterations to a success when
 *       failed runs are restarted; null without successes.</li>
 *   <li>{@code ert_evaluations}: the same in f + ∇f evaluations, a run's evaluations pro-rated to
 *       its hit iteration.</li>
 *   <li>quartiles of the final distance and value gap, the best final gap, and counts of DIVERGED
 *       and FAILED/TIMED_OUT replicates.</li>
 * </ul>
 */
final class Summary {
  private Summary() {}

  static Dataset<Row> of(Dataset<Row> runs, Columns columns) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(org.apache.spark.sql.functions.first("job").as("job"));
    aggs.add(org.apache.spark.sql.functions.first("objective").as("objective"));
    aggs.add(org.apache.spark.sql.functions.first("solver").as("solver"));
    aggs.add(org.apache.spark.sql.functions.first("schedule").as("schedule"));
    for (String h : columns.hyperNames()) {
      aggs.add(org.apache.spark.sql.functions.first(h).as(h));
    }
    aggs.add(expr("count(*)").as("replicates"));
    aggs.add(expr("sum(CAST(success AS INT))").as("successes"));
    aggs.add(expr("avg(CAST(success AS DOUBLE))").as("success_rate"));
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
    Dataset<Row> grouped = runs.groupBy(col("study"), col("trial"))
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
   * The schema of summary/, as {@link #of} produces it (a test holds the two equal), built without
   * analysing that query: a cold JVM spends seconds parsing and resolving its expressions.
   */
  static StructType schema(Columns columns) {
    List<StructField> fs = new ArrayList<>();
    // Nullable as read back from Parquet (Spark reads every file column as nullable).
    fs.add(new StructField("study", DataTypes.StringType, true, Metadata.empty()));
    fs.add(new StructField("trial", DataTypes.LongType, true, Metadata.empty()));
    for (String c : List.of("job", "objective", "solver", "schedule")) {
      fs.add(new StructField(c, DataTypes.StringType, true, Metadata.empty()));
    }
    for (Columns.HyperColumn h : columns.hyper) {
      fs.add(new StructField(h.column(), h.sparkType(), true, Metadata.empty()));
    }
    fs.add(new StructField("replicates", DataTypes.LongType, false, Metadata.empty()));
    fs.add(new StructField("successes", DataTypes.LongType, true, Metadata.empty()));
    for (String c : List.of("success_rate", "final_success_rate", "ert_iterations", "ert_evaluations", "distance_q25",
        "distance_median", "distance_q75", "gap_q25", "gap_median", "gap_q75", "gap_min", "iterations_mean")) {
      fs.add(new StructField(c, DataTypes.DoubleType, true, Metadata.empty()));
    }
    fs.add(new StructField("diverged", DataTypes.LongType, true, Metadata.empty()));
    fs.add(new StructField("failed", DataTypes.LongType, true, Metadata.empty()));
    return new StructType(fs.toArray(new StructField[0]));
  }

  /**
   * The order of the printed table for rows of {@code schema}: success rate (descending), then ERT,
   * then median distance (ascending, nulls last); (study, trial) breaks ties so that the table is
   * the same however the rows were split into tasks.
   */
  static java.util.Comparator<Row> best(StructType schema) {
    int rate = schema.fieldIndex("success_rate");
    int ert = schema.fieldIndex("ert_iterations");
    int dist = schema.fieldIndex("distance_median");
    int study = schema.fieldIndex("study");
    int trial = schema.fieldIndex("trial");
    return (a, b) -> {
      int c = compare(b, a, rate);
      if (c == 0) {
        c = compare(a, b, ert);
      }
      if (c == 0) {
        c = compare(a, b, dist);
      }
      if (c == 0) {
        c = a.getString(study).compareTo(b.getString(study));
      }
      return c != 0 ? c : Long.compare(a.getLong(trial), b.getLong(trial));
    };
  }

  /** Ascending, nulls last, NaN after numbers (Spark SQL's order). */
  private static int compare(Row a, Row b, int i) {
    boolean an = a.isNullAt(i);
    boolean bn = b.isNullAt(i);
    if (an || bn) {
      return an ? (bn ? 0 : 1) : -1;
    }
    return Double.compare(((Number) a.get(i)).doubleValue(), ((Number) b.get(i)).doubleValue());
  }

  /** Columns of summary/ that are practically all distinct (see {@link Columns#plainEncoded}). */
  static List<String> plainEncoded(Columns columns) {
    List<String> out = new ArrayList<>(List.of("ert_iterations", "ert_evaluations", "distance_q25", "distance_median",
        "distance_q75", "gap_q25", "gap_median", "gap_q75", "gap_min", "iterations_mean"));
    out.addAll(columns.continuousHyper());
    return out;
  }

  /** What the summary pass found. */
  record Written(String method, long rowsRead, long trials, List<Row> best) {}

  /**
   * The p-quantile of a sorted array with linear interpolation between closest ranks — numpy's
   * default, Spark's percentile and DuckDB's quantile_cont; null for an empty array.
   */
  static String quantile(String sorted, double p) {
    String pos = p + " * (size(" + sorted + ") - 1)";
    String lo = "element_at(" + sorted + ", CAST(floor(" + pos + ") AS INT) + 1)";
    String hi = "element_at(" + sorted + ", CAST(ceil(" + pos + ") AS INT) + 1)";
    return "CASE WHEN size(" + sorted + ") = 0 THEN NULL WHEN floor(" + pos + ") = ceil(" + pos + ") THEN " + lo
        + " ELSE " + lo + " + (" + pos + " - floor(" + pos + ")) * (" + hi + " - " + lo + ") END";
  }

  /**
   * Writes summary/ from runs/: in one streaming pass per file ({@link TrialSummarizer}) when every
   * trial's replicates turn out to be consecutive in one file, else (a trial split over files) with
   * the group-by of {@link #of}. The pass counts the rows it read and the summary rows it wrote, and
   * keeps each task's best settings, in accumulators of the write job itself (a result stage: Spark
   * applies each partition's updates once, however often a task is retried), so the row-count check
   * and the printed table need no further pass over the data.
   *
   * @param runsSchema the schema of runs/ as written (read with it, Spark skips a job inferring it)
   * @param top        rows to keep for the printed table
   */
  static Written write(SparkSession spark, String runsPath, StructType runsSchema, String summaryPath,
                       Columns columns, long trials, int top) {
    var conf = spark.conf();
    String maxBytes = conf.get("spark.sql.files.maxPartitionBytes");
    String openCost = conf.get("spark.sql.files.openCostInBytes");
    // Read each file whole (never split), so a trial's rows stay together.
    conf.set("spark.sql.files.maxPartitionBytes", String.valueOf(1L << 40));
    conf.set("spark.sql.files.openCostInBytes", String.valueOf(1L << 40));
    StructType schema = schema(columns);
    var sc = spark.sparkContext();
    var rowsRead = sc.longAccumulator("summary: runs rows read");
    var trialsOut = sc.longAccumulator("summary: trials");
    org.apache.spark.util.CollectionAccumulator<Row> best = sc.collectionAccumulator("summary: best");
    try {
      Dataset<Row> runs = spark.read().schema(runsSchema).parquet(runsPath);
      List<Column> in = new ArrayList<>();
      TrialSummarizer.inputColumns(columns).forEach(c -> in.add(col(c)));
      var internal = runs.select(in.toArray(new Column[0])).queryExecution().toRdd().toJavaRDD();
      var summaries = internal.mapPartitions(
          new TrialSummarizer(schema, columns.hyperNames().size(), rowsRead, trialsOut, best, top));
      Columns.plain(ChunkSolver.frame(spark, summaries, schema).write().mode(SaveMode.Overwrite),
          plainEncoded(columns)).parquet(summaryPath);
    } finally {
      conf.set("spark.sql.files.maxPartitionBytes", maxBytes);
      conf.set("spark.sql.files.openCostInBytes", openCost);
    }
    if (trialsOut.value() == trials) {
      List<Row> rows = new ArrayList<>(best.value());
      rows.sort(best(schema));
      return new Written("streamed", rowsRead.value(), trialsOut.value(), rows.subList(0, Math.min(top, rows.size())));
    }
    // A trial's replicates were split over files: the shuffle does it right, and is checked again.
    Dataset<Row> allRuns = spark.read().schema(runsSchema).parquet(runsPath);
    of(allRuns, columns).write().mode(SaveMode.Overwrite).parquet(summaryPath);
    Dataset<Row> written = spark.read().schema(schema).parquet(summaryPath);
    Row check = written.agg(expr("count(*)"), expr("sum(replicates)")).first();
    List<Row> rows = written.orderBy(col("success_rate").desc(), col("ert_iterations").asc_nulls_last(),
        col("distance_median").asc_nulls_last(), col("study"), col("trial")).limit(top).collectAsList();
    return new Written("group-by", check.isNullAt(1) ? 0 : check.getLong(1), check.getLong(0), rows);
  }

  /** Prints the best settings by success rate, then ERT, then median distance. */
  static void printBest(List<Row> best, Columns columns, JobSpec job, PrintStream out, String where,
                        double seconds, long rows) {
    out.printf(Locale.ROOT, "%noptsweep: %s — %,d solves (%,d trials x %d replicates) in %.1f s%n", job.name(), rows,
        job.totalTrials(), job.replicates(), seconds);
    String targets = "targets: distance " + first(job.targets().distances()) + ", value gap "
        + first(job.targets().gaps());
    out.println("best settings by success rate, then expected iterations to success (" + targets + "):");
    List<String> swept = columns.swept;
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8s", "study", "trial"));
    for (String s : swept) {
      h.append(String.format(Locale.ROOT, " %14s", shorten(s)));
    }
    h.append(String.format(Locale.ROOT, " %9s %11s %11s %11s", "success", "ert_iter", "med_dist", "med_gap"));
    out.println(h);
    for (Row r : best) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8d", r.getAs("study"),
          (long) r.getAs("trial")));
      for (String s : swept) {
        Object v = r.getAs(s);
        b.append(String.format(Locale.ROOT, " %14s", v instanceof Double d ? String.format(Locale.ROOT, "%.5g", d)
            : String.valueOf(v)));
      }
      long succ = r.getAs("successes") == null ? 0 : (long) r.getAs("successes");
      long reps = r.getAs("replicates");
      b.append(String.format(Locale.ROOT, " %9s %11s %11s %11s", succ + "/" + reps, num(r.getAs("ert_iterations")),
          num(r.getAs("distance_median")), num(r.getAs("gap_median"))));
      out.println(b);
    }
    out.println("output: " + where + " (runs/, traces/, summary/ as Parquet; job.json)");
  }

  private static String first(double[] a) {
    return a.length == 0 ? "none" : String.valueOf(a[0]);
  }

  private static String shorten(String col) {
    return col.length() <= 14 ? col : col.substring(col.indexOf('_') + 1);
  }

  private static String num(Object o) {
    return o == null ? "-" : String.format(Locale.ROOT, "%.3g", ((Number) o).doubleValue());
  }
}
