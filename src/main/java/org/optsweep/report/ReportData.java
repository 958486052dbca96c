package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.StudySpec;
import org.optsweep.stats.Interval;
import org.optsweep.stats.Proportion;

/**
 * Everything the report's page draws, as one JSON-ready map: the job and the state of the output, the best
 * settings ({@link BestSettings}), the success-rate heatmaps, the derived tables of {@link Analysis} reshaped
 * into series, convergence curves and the λ path ({@link Curves}). Each part is an aggregate: a few hundred to
 * a few thousand numbers, whatever the number of trials.
 */
final class ReportData {
  private ReportData() {}

  /**
   * The page's data.
   *
   * @param heatmap the two parameters (job keys) of the heatmap, or null for each study's two most important
   */
  static Map<String, Object> build(SweepOutput in, Analysis.Result a, List<String> heatmap) throws IOException {
    Dataset<Row> summary = in.summary();
    JobSpec job = in.job();
    List<Map<String, Object>> importance = importance(a.importance());
    int perStudy = job.studies().size() <= 2 ? 10 : 6;
    // independent queries from separate threads (as Analysis.compute): the driver's work overlaps the tasks'
    try (org.optsweep.Parallel p = org.optsweep.Parallel.threads(4, "optsweep-report",
        "gathering the report's data")) {
      Future<Map<String, Object>> meta = p.submit(() -> meta(in));
      Future<List<List<Map<String, Object>>>> bestAndCurves = p.submit(() -> {
        List<Map<String, Object>> best = BestSettings.of(in, summary, perStudy);
        return List.of(best, Curves.convergence(in, best));
      });
      Future<List<Map<String, Object>>> heatmaps = p.submit(() -> heatmaps(in, summary, importance, heatmap));
      Future<List<Map<String, Object>>> lambda = p.submit(() -> Curves.lambdaPath(in, summary));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("meta", p.get(meta));
      List<List<Map<String, Object>>> bc = p.get(bestAndCurves);
      d.put("best", bc.get(0));
      d.put("importance", importance);
      d.put("heatmaps", p.get(heatmaps));
      d.put("ecdf", series(a.ecdf(), EcdfTable.SCHEMA, 4,
          r -> List.of(r.getLong(4), r.getDouble(7), r.getLong(6), r.getLong(5))));
      d.put("fixed_budget", series(a.fixedBudget(), FixedBudgetTable.SCHEMA, 4,
          r -> java.util.Arrays.asList(r.getLong(4), Json.num(r.getDouble(6)), Json.num(r.getDouble(7)),
              Json.num(r.getDouble(8)), r.getLong(5))));
      d.put("sensitivity", sensitivity(a.sensitivity()));
      d.put("curves", bc.get(1));
      d.put("lambda", p.get(lambda));
      return d;
    }
  }

  private static Map<String, Object> meta(SweepOutput in) throws IOException {
    JobSpec job = in.job();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", job.name());
    m.put("location", in.location());
    m.put("complete", in.complete());
    m.put("status", in.jobJson() == null ? null : in.jobJson().path("status").asText(null));
    m.put("solves_planned", job.totalSolves());
    m.put("replicates", job.replicates());
    m.put("method", job.method());
    List<Map<String, Object>> studies = new ArrayList<>();
    for (int s = 0; s < job.studies().size(); s++) {
      StudySpec st = job.studies().get(s);
      studies.add(Map.of("name", st.name(), "solver", st.solver(), "objective", st.objective(),
          "trials", job.trials(s)));
    }
    m.put("studies", studies);
    if (job.adaptive() && SweepOutput.has(in.summary(), "budget")) {
      // A setting's search-stage rates are measured at the rung it stopped at: say how many ran the whole budget.
      long full = in.summary().where(col("stage").equalTo(SweepOutput.SEARCH)
          .and(col("budget").equalTo(lit(job.plans().get(0).maxIterations())))).count();
      m.put("adaptive", job.method() + " ranked by " + job.metric().key() + ": " + full + " settings ran the whole "
          + job.plans().get(0).maxIterations() + " iterations, the others stopped at an earlier rung (their search-stage"
          + " rates are at that budget)");
    }
    m.put("distance_targets", job.targets().distances());
    m.put("gap_targets", job.targets().gaps());
    if (in.jobJson() != null && in.jobJson().has("confirmation")) {
      m.put("confirmation", in.jobJson().get("confirmation"));
    }
    List<Map<String, Object>> outcomes = new ArrayList<>();
    for (Row r : in.summary().groupBy("stage", "study").agg(count(lit(1)),
        expr("count_if(successes > 0)"), expr("count_if(successes = replicates AND replicates > 0)"),
        sum("successes"), sum("replicates")).collectAsList()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("stage", r.getString(0));
      o.put("study", r.getString(1));
      o.put("settings", r.getLong(2));
      o.put("any_success", r.getLong(3));
      o.put("all_success", r.getLong(4));
      o.put("successes", r.isNullAt(5) ? 0 : r.getLong(5));
      o.put("replicates", r.isNullAt(6) ? 0 : r.getLong(6));
      outcomes.add(o);
    }
    List<String> studyOrder = job.studies().stream().map(StudySpec::name).toList();
    outcomes.sort(Comparator.comparing((Map<String, Object> o) -> Stages.rank((String) o.get("stage")))
        .thenComparing(o -> studyOrder.indexOf((String) o.get("study"))));
    m.put("outcomes", outcomes);
    m.put("stages", outcomes.stream().map(o -> (String) o.get("stage")).distinct().toList());
    return m;
  }

  private static List<Map<String, Object>> importance(List<Row> rows) {
    Map<String, Map<String, Object>> byStudy = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Object> s = byStudy.computeIfAbsent(r.getString(0), k -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", k);
        m.put("method", r.getString(3));
        m.put("items", new ArrayList<Map<String, Object>>());
        return m;
      });
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> items = (List<Map<String, Object>>) s.get("items");
      Map<String, Object> it = new LinkedHashMap<>();
      it.put("parameter", r.getString(1));
      it.put("importance", Json.num(r.getDouble(2)));
      items.add(it);
    }
    for (Map<String, Object> s : byStudy.values()) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> items = (List<Map<String, Object>>) s.get("items");
      items.sort(Comparator.comparing((Map<String, Object> m) -> m.get("importance") == null ? -1.0
          : (Double) m.get("importance")).reversed());
    }
    return new ArrayList<>(byStudy.values());
  }

  /** The heatmap of each study over two parameters: pooled successes and replicates per cell. */
  private static List<Map<String, Object>> heatmaps(SweepOutput in, Dataset<Row> summary,
      List<Map<String, Object>> importance, List<String> chosen) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (StudySpec st : in.job().studies()) {
      List<Axis> axes = Axis.of(st).stream().filter(a -> SweepOutput.has(summary, a.column())).toList();
      List<Axis> pick = new ArrayList<>();
      if (chosen != null) {
        for (String p : chosen) {
          axes.stream().filter(a -> a.key().equals(p) || a.column().equals(p) || a.key().endsWith("." + p))
              .findFirst().ifPresent(pick::add);
        }
      } else {
        List<String> order = importance.stream().filter(m -> m.get("study").equals(st.name())).findFirst()
            .map(m -> {
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> items = (List<Map<String, Object>>) m.get("items");
              return items.stream().map(i -> (String) i.get("parameter")).toList();
            }).orElse(List.of());
        for (String p : order) {
          axes.stream().filter(a -> a.key().equals(p)).findFirst().ifPresent(pick::add);
        }
        axes.stream().filter(a -> !pick.contains(a)).forEach(pick::add);
      }
      if (pick.size() < 2) {
        continue;
      }
      Axis x = pick.get(0);
      Axis y = pick.get(1);
      Dataset<Row> rows = summary.where(col("stage").equalTo(SweepOutput.SEARCH).and(col("study").equalTo(st.name())))
          .select(x.bin().as("bx"), y.bin().as("by"), col("successes"), col("replicates"));
      List<List<Object>> cells = new ArrayList<>();
      long left = 0;
      for (Row r : rows.groupBy("bx", "by").agg(count(lit(1)), sum("successes"), sum("replicates"))
          .orderBy("bx", "by").collectAsList()) {
        if (r.isNullAt(0) || r.isNullAt(1)) {
          left += r.getLong(2);
          continue;
        }
        long k = r.isNullAt(3) ? 0 : r.getLong(3);
        long n = r.isNullAt(4) ? 0 : r.getLong(4);
        Interval w = Proportion.wilson(k, n);
        cells.add(List.of(r.getInt(0), r.getInt(1), w.isDefined() ? w.estimate() : 0.0, r.getLong(2), k, n,
            w.isDefined() ? w.lower() : 0.0, w.isDefined() ? w.upper() : 0.0));
      }
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("study", st.name());
      h.put("x", Map.of("parameter", x.key(), "labels", x.labels()));
      h.put("y", Map.of("parameter", y.key(), "labels", y.labels()));
      h.put("cells", cells);
      h.put("settings_left_out", left);
      out.add(h);
    }
    return out;
  }

  /** Rows grouped into series by their first {@code keys} columns, each row one point. */
  private static List<Map<String, Object>> series(List<Row> rows, org.apache.spark.sql.types.StructType schema,
      int keys, java.util.function.Function<Row, List<Object>> point) {
    String[] names = schema.fieldNames();
    Map<List<Object>, Map<String, Object>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        key.add(r.get(i));
      }
      Map<String, Object> s = out.computeIfAbsent(key, k -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keys; i++) {
          m.put(names[i], k.get(i));
        }
        m.put("points", new ArrayList<List<Object>>());
        return m;
      });
      @SuppressWarnings("unchecked")
      List<List<Object>> pts = (List<List<Object>>) s.get("points");
      pts.add(point.apply(r));
    }
    return new ArrayList<>(out.values());
  }

  private static List<Map<String, Object>> sensitivity(List<Row> rows) {
    Map<List<String>, Map<String, Object>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Object> s = out.computeIfAbsent(List.of(r.getString(0), r.getString(1), r.getString(2)), k -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", k.get(0));
        m.put("study", k.get(1));
        m.put("parameter", k.get(2));
        m.put("bins", new ArrayList<Map<String, Object>>());
        return m;
      });
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("label", r.getString(4));
      b.put("settings", r.getLong(7));
      b.put("successes", r.getLong(8));
      b.put("replicates", r.getLong(9));
      b.put("rate", Json.num(r.getDouble(10)));
      b.put("lower", Json.num(r.getDouble(11)));
      b.put("upper", Json.num(r.getDouble(12)));
      b.put("median_gap", Json.num(r.getDouble(13)));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> bins = (List<Map<String, Object>>) s.get("bins");
      bins.add(b);
    }
    return new ArrayList<>(out.values());
  }
}
