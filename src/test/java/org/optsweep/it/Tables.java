package org.optsweep.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Reads output tables with DuckDB, a reader that is not Spark. */
final class Tables {
  private Tables() {}

  static String runs(Path out) {
    return "read_parquet('" + out.resolve("runs") + "/**/*.parquet', hive_partitioning = true)";
  }

  static long scalar(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Rows of summary/ of a not in b plus the reverse, every column (intervals and end points included). */
  static long summaryDifference(Path a, Path b) throws Exception {
    String sa = "SELECT * FROM read_parquet('" + a.resolve("summary") + "/*.parquet')";
    String sb = "SELECT * FROM read_parquet('" + b.resolve("summary") + "/*.parquet')";
    return scalar("SELECT (SELECT count(*) FROM (" + sa + " EXCEPT ALL " + sb + ")) + (SELECT count(*) FROM (" + sb
        + " EXCEPT ALL " + sa + "))");
  }

  /** Rows of a not in b plus rows of b not in a, over every column but the excluded ones. */
  static long difference(Path a, Path b, String excluded) throws Exception {
    String sa = "SELECT * EXCLUDE (" + excluded + ") FROM " + runs(a);
    String sb = "SELECT * EXCLUDE (" + excluded + ") FROM " + runs(b);
    return scalar("SELECT (SELECT count(*) FROM (" + sa + " EXCEPT ALL " + sb + ")) + (SELECT count(*) FROM (" + sb
        + " EXCEPT ALL " + sa + "))");
  }

  /** Rows of rungs/ of a not in b plus the reverse, every column but the wall-clock times. */
  static long rungsDifference(Path a, Path b) throws Exception {
    String sa = "SELECT * EXCLUDE (wall_ns, state_wall_nanos) FROM read_parquet('" + a.resolve("rungs")
        + "/**/*.parquet', hive_partitioning = true)";
    String sb = "SELECT * EXCLUDE (wall_ns, state_wall_nanos) FROM read_parquet('" + b.resolve("rungs")
        + "/**/*.parquet', hive_partitioning = true)";
    return scalar("SELECT (SELECT count(*) FROM (" + sa + " EXCEPT ALL " + sb + ")) + (SELECT count(*) FROM (" + sb
        + " EXCEPT ALL " + sa + "))");
  }
}
