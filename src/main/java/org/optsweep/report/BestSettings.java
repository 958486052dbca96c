package org.optsweep.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.optsweep.spec.StudySpec;
import org.optsweep.stats.Interval;
import org.optsweep.stats.Proportion;

/**
 * The best settings of each study for the report: in the search's ranking ({@link
 * org.optsweep.output.Ranking}: success rate, then aRT, then median distance) — or, when the output has a
 * confirmation stage, the confirmed settings ranked by their confirmed success rate — each with its
 * search-stage estimate beside the confirmed one, and every rate with its interval: the table's own
 * ({@code success_rate_lower/upper}, Wilson 95%) where it has them, else Wilson 95% computed here from
 * successes and replicates ({@link Proportion#wilson}). Only the few rows shown are brought to the driver:
 * a top-k per study ({@code ORDER BY … LIMIT}), never the table.
 */
final class BestSettings {
  private BestSettings() {}

  /** The rows of the best settings; each a JSON-ready map. */
  static List<Map<String, Object>> of(SweepOutput in, Dataset<Row> summary, int perStudy) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    boolean confirmed = !summary.where(col("stage").equalTo(SweepOutput.CONFIRM)).limit(1).isEmpty();
    for (StudySpec st : in.job().studies()) {
      List<Axis> axes = Axis.of(st).stream().filter(a -> SweepOutput.has(summary, a.column())).toList();
      Dataset<Row> study = summary.where(col("study").equalTo(st.name()));
      List<Row> search;
      List<Row> confirm = List.of();
      if (confirmed) {
        confirm = ranked(study.where(col("stage").equalTo(SweepOutput.CONFIRM)), summary).limit(perStudy)
            .collectAsList();
        Object[] trials = confirm.stream().map(r -> r.getAs("trial")).toArray();
        search = trials.length == 0 ? List.of() : study.where(col("stage").equalTo(SweepOutput.SEARCH)
            .and(col("trial").isin(trials))).collectAsList();
      } else {
        // the top k over the ranking's columns only, then those k rows in full (a table has dozens of columns)
        Dataset<Row> s = study.where(col("stage").equalTo(SweepOutput.SEARCH));
        List<String> keyCols = new ArrayList<>(List.of("trial", "success_rate"));
        for (String c : List.of("ert_iterations", "distance_median")) {
          if (SweepOutput.has(summary, c)) {
            keyCols.add(c);
          }
        }
        Object[] top = ranked(s.select(keyCols.stream().map(org.apache.spark.sql.functions::col)
            .toArray(Column[]::new)), summary).limit(perStudy).collectAsList().stream().map(r -> r.get(0)).toArray();
        Map<Object, Row> full = new java.util.HashMap<>();
        if (top.length > 0) {
          s.where(col("trial").isin(top)).collectAsList().forEach(r -> full.put(r.getAs("trial"), r));
        }
        search = java.util.Arrays.stream(top).map(full::get).filter(java.util.Objects::nonNull).toList();
      }
      Map<Long, Row> searchByTrial = new LinkedHashMap<>();
      search.forEach(r -> searchByTrial.put(((Number) r.getAs("trial")).longValue(), r));
      List<Row> order = confirmed ? confirm : search;
      int rank = 1;
      for (Row r : order) {
        long trial = ((Number) r.getAs("trial")).longValue();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", rank++);
        m.put("study", st.name());
        m.put("solver", r.getAs("solver"));
        m.put("trial", trial);
        Map<String, Object> params = new LinkedHashMap<>();
        for (Axis a : axes) {
          params.put(a.key(), show(r.getAs(a.column())));
        }
        m.put("params", params);
        m.put("label", label(st.name(), trial, params));
        m.put("short", shortLabel(in.job().studies().size() > 1 ? st.name() : null, trial, params));
        m.put("search", estimates(searchByTrial.get(trial)));
        m.put("confirm", confirmed ? estimates(r) : null);
        out.add(m);
      }
    }
    return out;
  }

  /** Success rate descending, aRT, median distance ascending (nulls last, NaN after numbers), trial. */
  static Dataset<Row> ranked(Dataset<Row> rows, Dataset<Row> summary) {
    List<Column> order = new ArrayList<>(List.of(col("success_rate").desc_nulls_last()));
    for (String c : List.of("ert_iterations", "distance_median")) {
      if (SweepOutput.has(summary, c)) {
        order.add(col(c).asc_nulls_last());
      }
    }
    order.add(col("trial").asc());
    return rows.orderBy(order.toArray(Column[]::new));
  }

  /** A row's estimates with their intervals; null for no row. */
  static Map<String, Object> estimates(Row r) {
    if (r == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    long n = num(r, "replicates") == null ? 0 : num(r, "replicates").longValue();
    long k = num(r, "successes") == null ? 0 : num(r, "successes").longValue();
    m.put("successes", k);
    m.put("replicates", n);
    boolean stored = has(r, "success_rate_lower") && has(r, "success_rate_upper");
    Interval w = Proportion.wilson(k, n);
    m.put("rate", Json.num(w.estimate()));
    m.put("rate_lower", Json.num(stored ? dbl(r, "success_rate_lower") : w.lower()));
    m.put("rate_upper", Json.num(stored ? dbl(r, "success_rate_upper") : w.upper()));
    m.put("interval", stored ? "table (Wilson 95%)" : "Wilson 95%, computed by the report");
    for (String c : List.of("final_success_rate", "final_success_rate_lower", "final_success_rate_upper",
        "ert_iterations", "ert_iterations_lower", "ert_iterations_upper", "ert_evaluations",
        "ert_evaluations_lower", "ert_evaluations_upper", "distance_median", "gap_median", "end_points",
        "diverged", "reference_kind")) {
      if (has(r, c)) {
        Object v = r.getAs(c);
        m.put(c, v instanceof Number x ? Json.num(x.doubleValue()) : v);
      }
    }
    return m;
  }

  private static boolean has(Row r, String c) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(c);
  }

  private static double dbl(Row r, String c) {
    Number n = num(r, c);
    return n == null ? Double.NaN : n.doubleValue();
  }

  private static Number num(Row r, String c) {
    return has(r, c) ? (Number) r.getAs(c) : null;
  }

  /** A parameter value as people read it: numbers to four significant digits. */
  static Object show(Object v) {
    if (v instanceof Double d) {
      return Json.num(Double.parseDouble(String.format(Locale.ROOT, "%.4g", d)));
    }
    return v instanceof Number || v instanceof Boolean || v == null ? v : String.valueOf(v);
  }

  /** For a chart axis: "#376 gamma 0.2 · exponential · lr0 0.8854 · decay 0.998". */
  static String shortLabel(String study, long trial, Map<String, Object> params) {
    StringBuilder b = new StringBuilder(study == null ? "" : study + " ").append('#').append(trial);
    String sep = " ";
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (e.getValue() != null) {
        String k = e.getKey().substring(e.getKey().indexOf('.') + 1);
        b.append(sep).append(e.getValue() instanceof String v && k.equals("schedule") ? v : k + " " + e.getValue());
        sep = " · ";
      }
    }
    return b.toString();
  }

  static String label(String study, long trial, Map<String, Object> params) {
    StringBuilder b = new StringBuilder(study + " #" + trial);
    params.forEach((k, v) -> {
      if (v != null) {
        b.append(", ").append(k.substring(k.indexOf('.') + 1)).append(' ').append(v);
      }
    });
    return b.toString();
  }
}
