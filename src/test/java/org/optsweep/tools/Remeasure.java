package org.optsweep.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optsweep.cli.Main;

/**
 * Re-measures the printed best setting of an output on independent starts: reads (with DuckDB) the
 * confirmed row the console ranked first and its swept values, writes a job that fixes those values
 * and solves N replicates from starts of another seed (no confirmation), runs it, and prints whether
 * the re-measured success rate lies inside the printed confirmed interval.
 *
 * <p>Usage: {@code Remeasure OUT JOB.yaml [N=400] [SEED=20261130]}. Exit 0 when inside.
 */
public final class Remeasure {
  private Remeasure() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    String jobText = Files.readString(Path.of(args[1]));
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261130L;
    List<String> swept = new ArrayList<>();
    String study;
    long trial;
    long successes;
    long replicates;
    double lo;
    double hi;
    List<String> fixed = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE VIEW m AS SELECT * FROM read_parquet('" + out.resolve("summary") + "/*.parquet')");
      try (ResultSet rs = s.executeQuery("SELECT * FROM m WHERE stage = 'confirm' ORDER BY success_rate DESC, "
          + "ert_iterations ASC NULLS LAST, distance_median ASC NULLS LAST, study, trial LIMIT 1")) {
        if (!rs.next()) {
          throw new IllegalStateException("no confirmed rows in " + out);
        }
        study = rs.getString("study");
        trial = rs.getLong("trial");
        successes = rs.getLong("successes");
        replicates = rs.getLong("replicates");
        lo = rs.getDouble("success_rate_lower");
        hi = rs.getDouble("success_rate_upper");
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String col = md.getColumnName(i);
          Object v = rs.getObject(i);
          if (v != null && (col.startsWith("solver_") || col.startsWith("schedule_") || col.equals("schedule"))) {
            swept.add(col + " = " + v);
            String key = col.equals("schedule") ? "schedule" : col.replaceFirst("_", ".");
            String value = v instanceof java.sql.Array a ? java.util.Arrays.toString((Object[]) a.getArray())
                : String.valueOf(v);
            fixed.add("  " + key + ": {value: " + value + "}");
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "printed best: study %s, trial %d: %d/%d confirmed, Wilson 95%% [%.3f, %.3f]%n", study,
        trial, successes, replicates, lo, hi);
    System.out.println("  setting: " + String.join(", ", swept));
    // The job's own settings with the best setting's values fixed, N replicates from another seed.
    String body = jobText.replaceAll("(?m)^(seed|name|search|replicates|confirmation|trace|parameters):.*$\\n?", "")
        .replaceAll("(?m)^  \\S.*$\\n?", "");
    String job = "name: remeasure\nseed: " + seed + "\n" + body + "parameters:\n" + String.join("\n", fixed) + "\n"
        + "replicates: {count: " + n + ", start_jitter: " + jitter(jobText) + ", exact_first: false}\n"
        + "confirmation: {enabled: false}\n";
    Path dir = Files.createTempDirectory("remeasure");
    Files.writeString(dir.resolve("job.yaml"), job);
    int code = Main.run(new String[] {"run", dir.resolve("job.yaml").toString(), "--out", dir.resolve("out").toString(),
        "--master", "local[2]"}, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err);
    if (code != 0) {
      System.err.println(job);
      System.exit(code);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT successes, replicates FROM read_parquet('" + dir.resolve("out/summary")
             + "/*.parquet')")) {
      rs.next();
      long k = rs.getLong(1);
      double rate = (double) k / rs.getLong(2);
      boolean inside = lo <= rate && rate <= hi;
      System.out.printf(Locale.ROOT, "re-measured on %d independent starts (seed %d): %d/%d = %.3f — %s the printed"
          + " confirmed interval [%.3f, %.3f]%n", n, seed, k, rs.getLong(2), rate, inside ? "inside" : "OUTSIDE", lo, hi);
      System.exit(inside ? 0 : 1);
    }
  }

  private static String jitter(String jobText) {
    var m = java.util.regex.Pattern.compile("start_jitter:\\s*([0-9.eE+-]+)").matcher(jobText);
    return m.find() ? m.group(1) : "0";
  }
}
