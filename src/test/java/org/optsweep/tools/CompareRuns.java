package org.optsweep.tools;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsweep.output.Reasons;

/**
 * Compares the runs/ tables of two outputs of the same job, column for column, with DuckDB as the
 * outside reader: every column both have (timing columns excepted) must be equal row for row; a
 * reason sentence of the older layout is compared with the sentence rendered from the newer typed
 * stop columns. Prints each difference class with a count and examples; exits 1 if any remains.
 *
 * <p>Usage: {@code CompareRuns OLD_OUT NEW_OUT [ignored,columns]} (default ignored: wall_ms,executor).
 */
public final class CompareRuns {
  private CompareRuns() {}

  public static void main(String[] args) throws Exception {
    String a = args[0];
    String b = args[1];
    Set<String> ignored = new LinkedHashSet<>(List.of((args.length > 2 ? args[2] : "wall_ms,executor").split(",")));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE VIEW a AS SELECT * FROM read_parquet('" + a + "/runs/**/*.parquet', hive_partitioning = true)");
      s.execute("CREATE VIEW b0 AS SELECT * FROM read_parquet('" + b + "/runs/**/*.parquet', hive_partitioning = true)");
      List<String> ca = columns(s, "a");
      // A newer output has a confirmation stage the older one had not: its search stage is compared.
      boolean staged = columns(s, "b0").contains("stage") && !ca.contains("stage");
      s.execute("CREATE VIEW b AS SELECT * FROM b0" + (staged ? " WHERE stage = 'search'" : ""));
      if (staged) {
        System.out.println("comparing the newer output's search stage (it also has a confirmation stage: "
            + scalar(s, "SELECT count(*) FROM b0 WHERE stage <> 'search'") + " rows)");
      }
      List<String> cb = columns(s, "b");
      List<String> common = new ArrayList<>(ca);
      common.retainAll(cb);
      common.removeAll(ignored);
      List<String> onlyA = new ArrayList<>(ca);
      onlyA.removeAll(cb);
      List<String> onlyB = new ArrayList<>(cb);
      onlyB.removeAll(ca);
      System.out.println("rows: " + scalar(s, "SELECT count(*) FROM a") + " vs " + scalar(s, "SELECT count(*) FROM b"));
      System.out.println("compared columns (" + common.size() + "): " + String.join(", ", common));
      System.out.println("only in " + a + ": " + onlyA);
      System.out.println("only in " + b + ": " + onlyB);
      String cols = String.join(", ", common.stream().map(x -> "\"" + x + "\"").toList());
      long aNotB = scalar(s, "SELECT count(*) FROM (SELECT " + cols + " FROM a EXCEPT ALL SELECT " + cols + " FROM b)");
      long bNotA = scalar(s, "SELECT count(*) FROM (SELECT " + cols + " FROM b EXCEPT ALL SELECT " + cols + " FROM a)");
      System.out.println("rows differing on the compared columns: " + aNotB + " / " + bNotA);
      int bad = (int) (aNotB + bNotA);
      if (bad > 0) {
        for (String col : common) {
          long d = scalar(s, "SELECT count(*) FROM a JOIN b USING (study, trial, replicate) WHERE a.\"" + col
              + "\" IS DISTINCT FROM b.\"" + col + "\"");
          if (d > 0) {
            System.out.println("  column " + col + ": " + d + " rows differ");
          }
        }
      }
      if (onlyA.contains("reason") && onlyB.contains("stop_test")) {
        Map<String, String> old = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT study, trial, replicate, reason FROM a")) {
          while (rs.next()) {
            old.put(rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getInt(3), rs.getString(4));
          }
        }
        long same = 0;
        long differ = 0;
        try (ResultSet rs = s.executeQuery("SELECT study, trial, replicate, stop_test, stop_value, stop_threshold, "
            + "stop_detail, iterations FROM b")) {
          while (rs.next()) {
            String key = rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getInt(3);
            String rendered = Reasons.of(rs.getString(4), (Double) rs.getObject(5), (Double) rs.getObject(6),
                rs.getString(7), rs.getInt(8));
            if (rendered.equals(old.get(key))) {
              same++;
            } else {
              if (differ++ < 5) {
                System.out.println("  reason differs at " + key + ": '" + old.get(key) + "' vs '" + rendered + "'");
              }
            }
          }
        }
        System.out.println("reason (old column) vs the sentence rendered from the stop columns: " + same + " equal, "
            + differ + " differ");
        bad += differ;
      }
      System.out.println(bad == 0 ? "IDENTICAL on every compared column" : "DIFFERENT");
      System.exit(bad == 0 ? 0 : 1);
    }
  }

  private static List<String> columns(Statement s, String view) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("DESCRIBE " + view)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long scalar(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
