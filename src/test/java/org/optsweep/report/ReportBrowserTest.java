package org.optsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.cli.Main;
import org.apache.spark.sql.functions;
import org.optsweep.spark.SharedSpark;

/**
 * The report as a browser shows it: headless Chromium (Debian's {@code chromium}, {@code /usr/bin/chromium})
 * loads the page from disk with the network off, runs its scripts for up to 20 s of virtual time and dumps the
 * DOM. The page marks {@code <body data-report="ready">} only after every chart's {@code finished} event with
 * drawn elements and no error ({@code kit.js}); the test reads that, the chart counts and the error count, and
 * looks for uncaught errors in Chromium's console log. It also saves a screenshot
 * ({@code target/report-screenshot.png}) and shows that the check fails when a chart cannot draw.
 */
class ReportBrowserTest {
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  static final Pattern BODY = Pattern.compile("<body([^>]*)>");

  @TempDir
  static Path tmp;
  static Path html;

  @BeforeAll
  static void writeReport() throws Exception {
    assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing: apt-get install -y chromium");
    html = tmp.resolve("report.html");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"report", ReportFixture.output().toString(), "--html", html.toString()},
        new PrintStream(buf, true, StandardCharsets.UTF_8), new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
    SharedSpark.get();
  }

  /** What Chromium printed: the DOM (stdout) and its log (stderr). */
  record Run(String dom, String log) {
    String body() {
      Matcher m = BODY.matcher(dom);
      assertTrue(m.find(), "no <body> in the dumped DOM:\n" + dom.substring(0, Math.min(2000, dom.length())) + "\n" + log);
      return m.group(1);
    }

    String attr(String name) {
      Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body());
      return m.find() ? m.group(1) : null;
    }
  }

  static Run chromium(Path page, String... extra) throws Exception {
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000"));
    cmd.addAll(List.of(extra));
    cmd.add(page.toUri().toString());
    Path out = tmp.resolve("chromium-" + System.nanoTime() + ".out");
    Path err = tmp.resolve("chromium-" + System.nanoTime() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 180 s: " + cmd);
    }
    return new Run(Files.readString(out), Files.readString(err));
  }

  static void assertRendered(Run r) {
    String expected = r.attr("data-charts-expected");
    assertEquals("ready", r.attr("data-report"), "page state; errors: " + errors(r) + "\nlog:\n" + consoleLines(r));
    assertEquals("0", r.attr("data-errors"), errors(r));
    assertNotEquals("0", expected, "no chart on the page");
    assertEquals(expected, r.attr("data-charts-rendered"), "charts rendered");
    assertFalse(consoleLines(r).contains("Uncaught"), consoleLines(r));
  }

  static String errors(Run r) {
    Matcher m = Pattern.compile("<pre id=\"report-errors\"[^>]*>([^<]*)</pre>").matcher(r.dom());
    return m.find() ? m.group(1) : "";
  }

  static String consoleLines(Run r) {
    return r.log().lines().filter(l -> l.contains(":CONSOLE")).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void everyChartRendersWithoutAnErrorAndAScreenshotIsSaved() throws Exception {
    Run r = chromium(html, "--dump-dom");
    assertRendered(r);
    // the sections of this job: best settings, heatmap, importance and sensitivity, convergence, ECDFs, fixed budget
    int charts = Integer.parseInt(r.attr("data-charts-expected"));
    assertTrue(charts >= 10, "charts: " + charts);
    for (String id : List.of("chart-best", "chart-heatmap-0", "chart-importance-0", "chart-convergence",
        "chart-ecdf-iterations", "chart-ecdf-evaluations", "chart-fixed-value_gap")) {
      assertTrue(r.dom().matches("(?s).*id=\"" + id + "\"[^>]*data-rendered=\"true\".*"), id + " not rendered");
    }
    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    chromium(html, "--hide-scrollbars", "--window-size=1400,3000", "--screenshot=" + shot);
    assertTrue(Files.size(shot) > 50_000, "screenshot " + shot);
  }

  @Test
  void theCheckFailsWhenTheChartLibraryIsMissing() throws Exception {
    String page = Files.readString(html);
    int start = page.indexOf("<script>") + "<script>".length();
    Path broken = tmp.resolve("no-echarts.html");
    Files.writeString(broken, page.substring(0, start) + page.substring(page.indexOf("</script>", start)));
    Run r = chromium(broken, "--dump-dom");
    assertEquals("error", r.attr("data-report"));
    assertTrue(errors(r).contains("echarts is not defined"), errors(r));
  }

  @Test
  void theCheckFailsWhenOneChartCannotDraw() throws Exception {
    Path hidden = tmp.resolve("hidden-chart.html");
    Files.writeString(hidden, Files.readString(html).replace("</style>",
        "#chart-ecdf-iterations { display: none; }\n</style>"));
    Run r = chromium(hidden, "--dump-dom");
    assertNotEquals("ready", r.attr("data-report"));
    assertEquals(Integer.parseInt(r.attr("data-charts-expected")) - 1, Integer.parseInt(r.attr("data-charts-rendered")));
  }

  static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static Path copyOutput(String name, boolean keepSuccess) throws Exception {
    Path copy = tmp.resolve(name);
    try (Stream<Path> all = Files.walk(ReportFixture.output())) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = copy.resolve(ReportFixture.output().relativize(p).toString());
        String n = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if ((keepSuccess || !n.equals("_SUCCESS")) && !n.equals("analysis.json")) {
          Files.copy(p, to);
        }
      }
    }
    return copy;
  }

  /**
   * An output as the confirmation stage will write it (issue 13): summary/ with a stage column, interval
   * columns and end points, and confirm rows for the best three settings of each study (100 replicates).
   */
  @Test
  void aConfirmedOutputShowsConfirmedEstimatesBesideTheSearchStage() throws Exception {
    Path copy = copyOutput("confirmed", true);
    var spark = SharedSpark.get();
    var summary = spark.read().parquet(ReportFixture.output().resolve("summary").toString());
    var search = summary.withColumn("stage", functions.lit("search"))
        .withColumn("success_rate_lower", functions.expr("greatest(0D, success_rate - 0.3D)"))
        .withColumn("success_rate_upper", functions.expr("least(1D, success_rate + 0.3D)"))
        .withColumn("end_points", functions.lit(1L));
    var top = search.orderBy(functions.col("success_rate").desc(), functions.col("trial")).limit(3)
        .union(search.where("study = 'adam'").orderBy(functions.col("success_rate").desc(), functions.col("trial")).limit(3));
    var confirm = top.withColumn("stage", functions.lit("confirm")).withColumn("replicates", functions.lit(100L))
        .withColumn("successes", functions.expr("(trial * 7) % 60"))
        .withColumn("success_rate", functions.expr("successes / 100D"))
        .withColumn("success_rate_lower", functions.expr("greatest(0D, success_rate - 0.08D)"))
        .withColumn("success_rate_upper", functions.expr("least(1D, success_rate + 0.08D)"))
        .withColumn("end_points", functions.lit(2L));
    deleteTree(copy.resolve("summary"));
    search.unionByName(confirm).coalesce(1).write().parquet(copy.resolve("summary").toString());

    SweepOutput in = SweepOutput.open(spark, copy.toString());
    var best = BestSettings.of(in, in.summary(), 10);
    var nag = best.stream().filter(m -> m.get("study").equals("nag")).toList();
    assertEquals(3, nag.size());
    for (int i = 0; i < nag.size(); i++) {
      @SuppressWarnings("unchecked")
      var c = (java.util.Map<String, Object>) nag.get(i).get("confirm");
      @SuppressWarnings("unchecked")
      var s = (java.util.Map<String, Object>) nag.get(i).get("search");
      assertEquals(100L, c.get("replicates"));
      assertEquals("table (Wilson 95%)", c.get("interval"));
      assertTrue(s != null && (Long) s.get("replicates") == 4L, "search-stage estimate beside the confirmed one");
      if (i > 0) {
        @SuppressWarnings("unchecked")
        var prev = (java.util.Map<String, Object>) nag.get(i - 1).get("confirm");
        assertTrue((Double) prev.get("rate") >= (Double) c.get("rate"), "ranked by the confirmed rate");
      }
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    assertEquals(0, Main.run(new String[] {"report", copy.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8),
        new PrintStream(buf, true, StandardCharsets.UTF_8)), buf.toString(StandardCharsets.UTF_8));
    Run r = chromium(copy.resolve("report.html"), "--dump-dom");
    assertRendered(r);
    assertTrue(r.dom().contains("confirmed on fresh replicates"), "headline from the confirmed estimate");
    assertTrue(r.dom().contains("search stage (Wilson 95%)") && r.dom().contains("confirmed (95%)"));
  }

  @Test
  void aPartialOutputSaysSo() throws Exception {
    Path copy = copyOutput("partial", false);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"report", copy.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("partial"), buf.toString(StandardCharsets.UTF_8));
    Run r = chromium(copy.resolve("report.html"), "--dump-dom");
    assertRendered(r);
    assertTrue(r.dom().contains("Partial output: the run has not finished"), "no partial-output notice");
  }
}
