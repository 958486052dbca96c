package org.optsweep.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * Compares finished outputs of the same question searched different ways (random search, successive halving,
 * Hyperband), read with DuckDB: for each, the iterations its search stage spent (every solve's iterations, so a
 * continued solve counts each iteration once), the settings it tried, and the confirmed success rate of its best
 * setting (the printed table's first row) with its Wilson 95% interval; then each one's iterations as a fraction
 * of the first output's.
 *
 * <p>Usage: {@code CompareSearch OUT...}. Exit 0.
 */
public final class CompareSearch {
  private CompareSearch() {}

  public static void main(String[] args) throws Exception {
    long first = -1;
    System.out.printf(Locale.ROOT, "%-28s %-20s %9s %14s %10s  %-32s%n", "output", "method", "settings",
        "iterations", "fraction", "best setting: confirmed [95%]");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      for (String a : args) {
        Path out = Path.of(a);
        String job = Files.readString(out.resolve("job.yaml"));
        String method = job.lines().filter(l -> l.startsWith("search:")).findFirst().orElse("search: grid")
            .replaceAll(".*method: *([a-z_]+).*", "$1");
        String runs = "read_parquet('" + out.resolve("runs") + "/**/*.parquet', hive_partitioning = true)";
        long settings;
        long iterations;
        try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT (study, trial)), sum(iterations) FROM " + runs
            + " WHERE stage = 'search'")) {
          rs.next();
          settings = rs.getLong(1);
          iterations = rs.getLong(2);
        }
        if (first < 0) {
          first = iterations;
        }
        String best;
        try (ResultSet rs = s.executeQuery("SELECT study, trial, successes, replicates, success_rate, "
            + "success_rate_lower, success_rate_upper FROM read_parquet('" + out.resolve("summary")
            + "/*.parquet') WHERE stage = 'confirm' ORDER BY success_rate DESC, ert_iterations ASC NULLS LAST, "
            + "distance_median ASC NULLS LAST, study, trial LIMIT 1")) {
          best = rs.next() ? String.format(Locale.ROOT, "%s/%d: %d/%d = %.2f [%.2f, %.2f]", rs.getString(1),
              rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7))
              : "(no confirmation stage)";
        }
        System.out.printf(Locale.ROOT, "%-28s %-20s %,9d %,14d %10.3f  %s%n", out.getFileName(), method, settings,
            iterations, (double) iterations / first, best);
      }
    }
  }
}
