package org.optsweep.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.optsweep.spec.JobSpec;

/** The console's answer: the best settings, in {@link Ranking}'s order. */
public final class BestTable {
  private BestTable() {}

  /** Prints the best settings by success rate, then aRT, then median distance. */
  public static void print(List<Object[]> best, Tables tables, JobSpec job, PrintStream out, String where,
                           double seconds, long rows) {
    Table<TrialStats> t = tables.summary();
    out.printf(Locale.ROOT, "%noptsweep: %s — %,d solves (%,d trials x %d replicates) in %.1f s%n", job.name(), rows,
        job.totalTrials(), job.replicates(), seconds);
    String targets = "targets: distance " + first(job.targets().distances()) + ", value gap "
        + first(job.targets().gaps());
    out.println("best settings by success rate, then expected iterations to success (" + targets + "):");
    List<String> swept = tables.hyper().swept();
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8s", "study", "trial"));
    for (String s : swept) {
      h.append(String.format(Locale.ROOT, " %14s", shorten(s)));
    }
    h.append(String.format(Locale.ROOT, " %9s %11s %11s %11s", "success", "ert_iter", "med_dist", "med_gap"));
    out.println(h);
    for (Object[] r : best) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-14s %8d", r[t.index("study")],
          ((Number) r[t.index("trial")]).longValue()));
      for (String s : swept) {
        Object v = r[t.index(s)];
        b.append(String.format(Locale.ROOT, " %14s", v instanceof Double d ? String.format(Locale.ROOT, "%.5g", d)
            : String.valueOf(v)));
      }
      Object succ = r[t.index("successes")];
      b.append(String.format(Locale.ROOT, " %9s %11s %11s %11s", (succ == null ? 0 : ((Number) succ).longValue()) + "/"
              + ((Number) r[t.index("replicates")]).longValue(), num(r[t.index("ert_iterations")]),
          num(r[t.index("distance_median")]), num(r[t.index("gap_median")])));
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
