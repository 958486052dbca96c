package org.optsweep.report;

import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.optsweep.search.Domain;
import org.optsweep.spec.StudySpec;

/**
 * How one swept parameter is binned for the sensitivity table, the heatmap and the importance features,
 * read from the parameter's domain in the job (not from the values that happened to be drawn, so that bins
 * are the same for every stage and every partial output):
 * <ul>
 *   <li>{@code values: [...]} of numbers — one bin per value, in ascending order ({@link Kind#VALUE});</li>
 *   <li>{@code values: [...]} of names or booleans — one bin per value, in the job's order ({@link
 *   Kind#CATEGORY});</li>
 *   <li>{@code distribution: uniform} — {@value #MAX_BINS} bins of equal width over [min, max]
 *   ({@link Kind#LINEAR}); {@code log_uniform} — equal width in log ({@link Kind#LOG});
 *   {@code int_uniform} — one bin per integer when there are at most {@value #MAX_BINS}, else equal width.</li>
 * </ul>
 * A value belongs to the last bin whose lower edge is ≤ it (as {@link org.optsweep.stats.Sensitivity} assigns
 * them), so membership agrees exactly with the edges reported; values outside the domain and nulls (the
 * parameter does not apply to that setting, e.g. a decay under a constant schedule) are in no bin.
 *
 * @param key    the parameter's qualified key in the job ({@code schedule.lr0})
 * @param column its column in the tables ({@code schedule_lr0})
 * @param kind   how it is binned
 * @param labels one label per bin ({@code 0.2}, {@code exponential}, {@code [0.01, 0.0215)})
 * @param lower  per bin, its lower edge (the value itself for {@link Kind#VALUE}); empty for categories
 * @param upper  per bin, its upper edge; empty for categories
 */
public record Axis(String key, String column, Kind kind, List<String> labels, double[] lower, double[] upper) {

  /** At most this many bins for a distribution. */
  public static final int MAX_BINS = 10;

  /** How a parameter is binned. */
  public enum Kind {
    /** One bin per listed number. */
    VALUE,
    /** One bin per listed name or boolean. */
    CATEGORY,
    /** Equal-width bins. */
    LINEAR,
    /** Equal-width bins in log(value). */
    LOG
  }

  /** The swept parameters of a study (domains with more than one value), in the job's order. */
  public static List<Axis> of(StudySpec study) {
    List<Axis> out = new ArrayList<>();
    study.space().domains().forEach((key, d) -> {
      if (d.gridSize() != 1) {
        out.add(of(key, d));
      }
    });
    return out;
  }

  /** The axis of parameter {@code key} with domain {@code d}. */
  static Axis of(String key, Domain d) {
    String column = key.replace('.', '_');
    if (d instanceof Domain.Values v) {
      boolean numeric = v.values().stream().allMatch(x -> x instanceof Number);
      if (!numeric) {
        List<String> labels = v.values().stream().map(String::valueOf).distinct().toList();
        return new Axis(key, column, Kind.CATEGORY, labels, new double[0], new double[0]);
      }
      double[] vals = v.values().stream().mapToDouble(x -> ((Number) x).doubleValue()).distinct().sorted().toArray();
      return new Axis(key, column, Kind.VALUE, labelsOf(vals), vals, vals.clone());
    } else if (d instanceof Domain.IntUniform iu && iu.max() - iu.min() + 1 <= MAX_BINS) {
      double[] vals = new double[(int) (iu.max() - iu.min() + 1)];
      for (int i = 0; i < vals.length; i++) {
        vals[i] = iu.min() + i;
      }
      return new Axis(key, column, Kind.VALUE, labelsOf(vals), vals, vals.clone());
    } else if (d instanceof Domain.LogUniform lu) {
      return widths(key, column, Kind.LOG, lu.min(), lu.max());
    } else if (d instanceof Domain.Uniform u) {
      return widths(key, column, Kind.LINEAR, u.min(), u.max());
    } else if (d instanceof Domain.IntUniform iu) {
      return widths(key, column, Kind.LINEAR, iu.min(), iu.max());
    }
    throw new IllegalArgumentException("parameter " + key + " has a fixed value: nothing to bin");
  }

  private static Axis widths(String key, String column, Kind kind, double min, double max) {
    boolean log = kind == Kind.LOG;
    double from = log ? Math.log(min) : min;
    double width = ((log ? Math.log(max) : max) - from) / MAX_BINS;
    double[] lo = new double[MAX_BINS];
    double[] hi = new double[MAX_BINS];
    for (int b = 0; b < MAX_BINS; b++) {
      lo[b] = b == 0 ? min : log ? Math.exp(from + b * width) : from + b * width;
    }
    for (int b = 0; b < MAX_BINS; b++) {
      hi[b] = b + 1 < MAX_BINS ? lo[b + 1] : max;
    }
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < MAX_BINS; b++) {
      labels.add("[" + fmt(lo[b]) + ", " + fmt(hi[b]) + (b + 1 < MAX_BINS ? ")" : "]"));
    }
    return new Axis(key, column, kind, labels, lo, hi);
  }

  private static List<String> labelsOf(double[] vals) {
    List<String> out = new ArrayList<>();
    for (double v : vals) {
      out.add(fmt(v));
    }
    return out;
  }

  /** Three significant digits, the way the printed table shows parameters. */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** Number of bins. */
  public int bins() {
    return labels.size();
  }

  /** Whether the axis is numeric (its values have an order and a position). */
  public boolean numeric() {
    return kind != Kind.CATEGORY;
  }

  /** The bin of each row as a SQL column: an int in [0, bins), null outside the domain or for null. */
  public Column bin() {
    String c = "`" + column + "`";
    StringBuilder sql = new StringBuilder();
    switch (kind) {
      case CATEGORY -> {
        sql.append("CASE CAST(").append(c).append(" AS STRING)");
        for (int i = 0; i < labels.size(); i++) {
          sql.append(" WHEN '").append(labels.get(i).replace("'", "\\'")).append("' THEN ").append(i);
        }
        sql.append(" END");
      }
      case VALUE -> {
        sql.append("CASE CAST(").append(c).append(" AS DOUBLE)");
        for (int i = 0; i < lower.length; i++) {
          sql.append(" WHEN ").append(literal(lower[i])).append(" THEN ").append(i);
        }
        sql.append(" END");
      }
      default -> {
        // the last lower edge <= v, as a chain of comparisons Spark compiles (equal edges: the last of them)
        String v = "CAST(" + c + " AS DOUBLE)";
        sql.append("CASE WHEN ").append(v).append(" >= ").append(literal(lower[0])).append(" AND ").append(v)
            .append(" <= ").append(literal(upper[upper.length - 1])).append(" THEN CASE");
        for (int i = 0; i + 1 < lower.length; i++) {
          sql.append(" WHEN ").append(v).append(" < ").append(literal(lower[i + 1])).append(" THEN ").append(i);
        }
        sql.append(" ELSE ").append(lower.length - 1).append(" END END");
      }
    }
    return expr(sql.toString());
  }

  /** A Spark SQL double literal of {@code v} (finite). */
  static String literal(double v) {
    return Double.toString(v) + "D";
  }
}
