package org.optsweep.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optsweep.spec.JobSpec;

/**
 * The console's answer: the best settings in {@link Ranking}'s order — by their confirmed estimate
 * (fresh replicates) with its interval, beside the search-stage count they were chosen on, or, without
 * a confirmation, by the search stage itself, labelled as such.
 */
public final class BestTable {
  private BestTable() {}

  /**
   * Prints the table.
   *
   * @param search     the search stage's best rows
   * @param confirmed  the confirmation's best rows (empty without one)
   * @param searchRows search rows by "study/trial", for the search count beside a confirmed row
   */
  public static void print(List<Object[]> search, List<Object[]> confirmed, Map<String, Object[]> searchRows,
                           Tables tables, JobSpec job, PrintStream out, String where, double seconds, long rows) {
    Table<TrialStats> t = tables.summary();
    String how = job.adaptive()
        ? String.format(Locale.ROOT, "%s: %,d settings in rungs, ranked by %s", job.method(), job.totalTrials(),
            job.metric().key())
        : String.format(Locale.ROOT, "%,d trials x %d replicates", job.totalTrials(), job.replicates());
    out.printf(Locale.ROOT, "%noptsweep: %s — %,d solves (%s%s) in %.1f s%n", job.name(), rows, how,
        confirmed.isEmpty() ? ""
            : String.format(Locale.ROOT, ", then the best %d of each study x %d fresh replicates", job.confirmTop(),
                job.confirmReplicates()), seconds);
    String targets = "targets: " + (job.targets().relative() ? "relative " : "") + "distance "
        + first(job.targets().distances()) + ", value gap "
        + first(job.targets().gaps());
    boolean confirm = !confirmed.isEmpty();
    out.println(confirm
        ? "best settings by their confirmed success rate on fresh starts (Wilson 95% interval; " + targets + "):"
        : "best settings by success rate, search stage only (Wilson 95% interval; " + targets + "):");
    List<Object[]> shown = confirm ? confirmed : search;
    // A parameter that is null in every printed row (one that only another schedule has) says nothing here.
    List<String> swept = tables.hyper().swept().stream()
        .filter(c -> shown.stream().anyMatch(r -> r[t.index(c)] != null)).toList();
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8s", "study", "trial"));
    for (String s : swept) {
      h.append(String.format(Locale.ROOT, " %14s", shorten(s)));
    }
    h.append(String.format(Locale.ROOT, " %8s %26s %24s %10s %10s", confirm ? "search" : "success",
        confirm ? "confirmed [95%]" : "rate [95%]", "ert_iter [95%]", "med_dist", "med_gap"));
    out.println(h);
    for (Object[] r : shown) {
      String key = r[t.index("study")] + "/" + ((Number) r[t.index("trial")]).longValue();
      Object[] s = confirm ? searchRows.get(key) : r;
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8d", r[t.index("study")],
          ((Number) r[t.index("trial")]).longValue()));
      for (String c : swept) {
        Object v = r[t.index(c)];
        b.append(String.format(Locale.ROOT, " %14s", v instanceof Double d ? String.format(Locale.ROOT, "%.5g", d)
            : String.valueOf(v)));
      }
      b.append(String.format(Locale.ROOT, " %8s %26s %24s %10s %10s", count(s, t),
          String.format(Locale.ROOT, "%s%.2f [%.2f, %.2f]", confirm ? count(r, t) + " = " : "",
              ((Number) r[t.index("success_rate")]).doubleValue(), number(r[t.index("success_rate_lower")]),
              number(r[t.index("success_rate_upper")])),
          r[t.index("ert_iterations")] == null ? "-" : num(r[t.index("ert_iterations")]) + " ["
              + num(r[t.index("ert_iterations_lower")]) + ", " + num(r[t.index("ert_iterations_upper")]) + "]",
          num(r[t.index("distance_median")]), num(r[t.index("gap_median")])));
      out.println(b);
    }
    out.println("output: " + where + " (runs/, traces/, summary/, references/" + (job.adaptive() ? ", rungs/" : "")
        + " as Parquet; job.json; `optsweep report` for the HTML page)");
  }

  private static String count(Object[] r, Table<TrialStats> t) {
    if (r == null) {
      return "-";
    }
    Object succ = r[t.index("successes")];
    return (succ == null ? 0 : ((Number) succ).longValue()) + "/" + ((Number) r[t.index("replicates")]).longValue();
  }

  private static double number(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
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
