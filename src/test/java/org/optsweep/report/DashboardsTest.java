package org.optsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optsweep.output.Reasons;
import org.optsweep.spark.SharedSpark;

/**
 * docs/dashboards.md's queries, run as a reader would paste them: every DuckDB block in DuckDB and every
 * Spark SQL block in Spark, against a real output with its derived tables; the DuckDB stop sentence equals
 * {@link Reasons#of} (the renderer of {@code optsweep solve}) on every row, and its number format equals
 * Java's {@code %.3g} / {@code %.6g}.
 */
class DashboardsTest {
  static List<String> duck = new ArrayList<>();
  static List<String> spark = new ArrayList<>();
  static Path out;

  @BeforeAll
  static void readDoc() throws Exception {
    out = ReportFixture.output();
    Analysis.ensure(SweepOutput.open(SharedSpark.get(), out.toString()), System.err);
    Matcher m = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("docs/dashboards.md")));
    while (m.find()) {
      String block = m.group(1).replace("'OUT/", "'" + out + "/");
      (block.startsWith("-- DuckDB") ? duck : spark).add(block);
    }
    assertTrue(duck.size() >= 5 && spark.size() >= 4, duck.size() + " DuckDB and " + spark.size() + " Spark blocks");
  }

  /** A block's statements (split at a semicolon that ends a line). */
  static List<String> statements(String block) {
    return List.of(block.split(";\\s*\n")).stream().map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s).toList();
  }

  @Test
  void everyDuckDbQueryRunsAndReturnsRows() throws Exception {
    for (String block : duck) {
      try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
        List<String> st = statements(block);
        for (int i = 0; i < st.size() - 1; i++) {
          s.execute(st.get(i));
        }
        ResultSet rs = s.executeQuery(st.get(st.size() - 1));
        assertTrue(rs.next(), "no rows from:\n" + block);
      }
    }
  }

  @Test
  void theDuckDbStopSentenceIsReasonsOfOnEveryRow() throws Exception {
    String block = duck.stream().filter(b -> b.contains("MACRO stop_reason")).findFirst().orElseThrow();
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      for (String st : statements(block)) {
        s.execute(st);
      }
      ResultSet rs = s.executeQuery("SELECT stop_test, stop_value, stop_threshold, stop_detail, iterations, reason FROM runs");
      int n = 0;
      java.util.Set<String> tests = new java.util.TreeSet<>();
      while (rs.next()) {
        Double v = rs.getObject(2) == null ? null : rs.getDouble(2);
        Double th = rs.getObject(3) == null ? null : rs.getDouble(3);
        assertEquals(Reasons.of(rs.getString(1), v, th, rs.getString(4), rs.getInt(5)), rs.getString(6));
        tests.add(rs.getString(1));
        n++;
      }
      assertEquals(480, n);
      assertTrue(tests.size() >= 2, "stop tests seen: " + tests);
    }
  }

  @Test
  void javaGMacroFormatsAsJava() throws Exception {
    String block = duck.stream().filter(b -> b.contains("MACRO java_g")).findFirst().orElseThrow();
    double[] xs = {0.0, 1e-5, 1.234567e-4, 9.87654e-5, 0.5, 1, 3.14159, 99.97, 123.4567, 999.7, 1234.5678,
        98765.4321, 1e6, -3.14159, -0.000123, 2.5e-300, 1.7e300, 0.1, 0.001, 1e-4, 7.0e-3};
    try (Connection c = ReportFixture.duck(); Statement s = c.createStatement()) {
      for (String st : statements(block)) {
        if (st.contains("CREATE OR REPLACE MACRO")) {
          s.execute(st);
        }
      }
      for (int p : new int[] {3, 6}) {
        for (double x : xs) {
          ResultSet rs = s.executeQuery("SELECT java_g(" + x + "::DOUBLE, " + p + ")");
          rs.next();
          assertEquals(String.format(Locale.ROOT, "%." + p + "g", x), rs.getString(1), "x = " + x + ", p = " + p);
        }
      }
    }
  }

  @Test
  void everySparkSqlQueryRuns() {
    SparkSession s = SharedSpark.get();
    for (String t : List.of("runs", "summary", "ecdf", "fixed_budget", "sensitivity", "importance")) {
      s.read().parquet(out.resolve(t).toString()).createOrReplaceTempView(t);
    }
    Reasons.register(s);
    for (String block : spark) {
      assertTrue(s.sql(block).count() > 0, "no rows from:\n" + block);
    }
  }
}
