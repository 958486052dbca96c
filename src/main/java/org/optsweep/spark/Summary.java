package org.optsweep.spark;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.optsweep.spec.JobSpec;

/**
 * The {@code summary/} table: one row per setting (study, trial) over its replicates, computed by
 * the task that solved them ({@link TrialStats}); its schema, the order of the printed table, and
 * the table itself.
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

  /**
   * The schema of summary/ (a test holds it equal to that of the SQL group-by over runs/ that
   * defines the same quantities).
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

  /** The first {@code n} rows of a summary table in the order of {@link #best}. */
  static List<Row> top(Dataset<Row> summary, int n) {
    return summary.orderBy(col("success_rate").desc(), col("ert_iterations").asc_nulls_last(),
        col("distance_median").asc_nulls_last(), col("study"), col("trial")).limit(n).collectAsList();
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
