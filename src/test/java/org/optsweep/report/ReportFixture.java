package org.optsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.optsweep.cli.Main;
import org.optsweep.spark.SharedSpark;

/**
 * One small real output per test JVM (src/test/resources/jobs/report.yaml: 2 studies, 120 settings, 480
 * solves, traces of two replicates), made by {@code optsweep run} on the shared local[2] session.
 */
final class ReportFixture {
  private ReportFixture() {}

  private static Path out;

  static synchronized Path output() throws Exception {
    if (out == null) {
      SharedSpark.get();
      Path dir = Files.createTempDirectory("optsweep-report-test");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var all = Files.walk(dir)) {
          all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
          // a temporary directory left behind
        }
      }));
      Path job = dir.resolve("report.yaml");
      Files.copy(ReportFixture.class.getResourceAsStream("/jobs/report.yaml"), job);
      Path o = dir.resolve("out");
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"run", job.toString(), "--out", o.toString()},
          new PrintStream(buf, true, StandardCharsets.UTF_8), new PrintStream(buf, true, StandardCharsets.UTF_8));
      assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
      out = o;
    }
    return out;
  }

  static Connection duck() throws Exception {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  static String glob(String table) throws Exception {
    return "read_parquet('" + output().resolve(table) + "/**/*.parquet', hive_partitioning = true)";
  }
}
