package org.optsweep.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.optsweep.output.Output;

/**
 * {@code optsweep report}: one self-contained interactive HTML file for an output — the best settings with
 * their intervals (confirmed beside search-stage estimates when the output has a confirmation stage), a
 * success-rate heatmap over the two most important parameters, parameter importance and sensitivity,
 * convergence curves of the best settings, runtime ECDFs and the fixed-budget view, and the λ path of jobs
 * that sweep λ. The references are COCO's post-processing pages (cocopp), IOHanalyzer and Optuna's
 * dashboard; the statistics are {@link Analysis}'s tables.
 *
 * <p>Self-contained: Apache ECharts ({@value #ECHARTS_VERSION}, from the {@code org.webjars.npm:echarts}
 * webjar on the classpath) and the page's data (JSON, every chart an aggregate of at most a few thousand
 * points) are inlined, so the file opens with no network. The page marks itself ready for tests: after every
 * chart's {@code finished} event with drawn elements and no error, {@code <body data-report="ready">}, and
 * the title ends in {@code [ready N/N]}; a failure shows as {@code data-report="error"} with the messages in
 * {@code #report-errors}.
 */
public final class Report {
  private Report() {}

  /** The ECharts version inlined (the webjar's). */
  public static final String ECHARTS_VERSION = "5.3.1";
  private static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  /**
   * What a report run did.
   *
   * @param html    where the page was written
   * @param bytes   its size
   * @param seconds the wall time of the whole run (analysis included)
   * @param partial whether the output was partial (no {@code _SUCCESS})
   */
  public record Written(String html, long bytes, double seconds, boolean partial) {}

  /**
   * Writes the report of the output at {@code location}: the derived tables first when they are missing or
   * stale ({@link Analysis#ensure}), then the page.
   *
   * @param html    where to write the page (any Hadoop path); null for {@code OUT/report.html}
   * @param heatmap the heatmap's two parameters, or null for each study's two most important
   * @param log     where notes go (a table that could not be stored)
   */
  public static Written write(SparkSession spark, String location, String html, List<String> heatmap,
      PrintStream log) throws IOException {
    long t0 = System.nanoTime();
    SweepOutput in = SweepOutput.open(spark, location);
    Analysis.Result tables = Analysis.ensure(in, log);
    Map<String, Object> data = ReportData.build(in, tables, heatmap);
    String page = page(in.job().name(), data);
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    String target;
    if (html == null) {
      in.output().write(Output.REPORT_HTML, page);
      target = in.output().uri(Output.REPORT_HTML);
    } else {
      Path p = new Path(html.contains(":") ? html : new java.io.File(html).getAbsoluteFile().toURI().toString());
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream o = fs.create(p, true)) {
        o.write(bytes);
      }
      target = p.toString();
    }
    return new Written(target, bytes.length, (System.nanoTime() - t0) / 1e9, !in.complete());
  }

  /** The page: the template with ECharts, the data and the page's scripts inlined. */
  static String page(String title, Map<String, Object> data) throws IOException {
    Map<String, String> parts = Map.of(
        "TITLE", escape("optsweep report: " + title),
        "ECHARTS", resource(ECHARTS, "the ECharts webjar (org.webjars.npm:echarts:" + ECHARTS_VERSION + ")"),
        "ECHARTS_VERSION", ECHARTS_VERSION,
        "DATA", Json.inScript(data),
        "KIT", resource("org/optsweep/report/kit.js", "optsweep's report kit"),
        "SCRIPT", resource("org/optsweep/report/report.js", "optsweep's report script"));
    String template = resource("org/optsweep/report/report.html", "optsweep's report template");
    // One pass over the template: inlined text is never scanned for placeholders.
    Matcher m = Pattern.compile("@([A-Z_]+)@").matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 1_200_000);
    int at = 0;
    while (m.find()) {
      String v = parts.get(m.group(1));
      if (v == null) {
        continue;
      }
      out.append(template, at, m.start()).append(v);
      at = m.end();
    }
    return out.append(template, at, template.length()).toString();
  }

  private static String resource(String name, String what) throws IOException {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(what + " is not on the classpath (" + name + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
