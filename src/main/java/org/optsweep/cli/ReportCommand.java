package org.optsweep.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;
import org.optsweep.InputException;
import org.optsweep.report.Report;

/**
 * {@code optsweep report OUT [--html FILE] [--master URL] [--heatmap P,Q]}: the derived tables of an output
 * (computed when missing or stale) and one self-contained HTML page ({@link Report}).
 */
final class ReportCommand implements Main.Command {

  @Override
  public String summary() {
    return "write the analysis tables and a self-contained HTML report of an output";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("html").hasArg().argName("FILE").desc("where to write the page "
        + "(default OUT/report.html)").get());
    o.addOption(Option.builder().longOpt("master").hasArg().argName("URL").desc("Spark master "
        + "(default: spark-submit's, else local[*])").get());
    o.addOption(Option.builder().longOpt("heatmap").hasArg().argName("P,Q").desc("the heatmap's two parameters "
        + "(default: each study's two most important)").get());
    return o;
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    CommandLine cl = Cli.parse("report", options(), args, out, "OUT");
    if (cl == null) {
      return 0;
    }
    if (cl.getArgList().size() != 1) {
      throw new InputException("expected one output directory, got " + cl.getArgList()
          + " (usage: optsweep report OUT [--html FILE])");
    }
    List<String> heatmap = null;
    if (cl.hasOption("heatmap")) {
      heatmap = Arrays.stream(cl.getOptionValue("heatmap").split(",")).map(String::trim).toList();
      if (heatmap.size() != 2 || heatmap.stream().anyMatch(String::isEmpty)) {
        throw new InputException("option --heatmap given invalid value '" + Cli.show(cl.getOptionValue("heatmap"))
            + "': expected two parameters such as schedule.lr0,solver.gamma");
      }
    }
    String master = cl.getOptionValue("master");
    if (master != null) {
      RunCommand.checkMaster(master);
    }
    // An output that is not there is bad input, refused before Spark starts.
    String location = cl.getArgList().get(0);
    org.optsweep.output.Output o = org.optsweep.output.Output.open("OUT", location,
        new org.apache.hadoop.conf.Configuration());
    if (!o.exists(org.optsweep.output.Output.JOB_YAML) || !o.exists(org.optsweep.output.Tables.SUMMARY)) {
      throw new InputException("output " + location + " is not an optsweep output with results: expected "
          + org.optsweep.output.Output.JOB_YAML + " and " + org.optsweep.output.Tables.SUMMARY + "/ in it");
    }
    SparkSession spark = session(master);
    Report.Written w = Report.write(spark, location, cl.getOptionValue("html"), heatmap, err);
    out.printf(Locale.ROOT, "report: %s (%,d bytes, %.1f s)%s%n", w.html(), w.bytes(), w.seconds(),
        w.partial() ? " — the output is partial (no _SUCCESS): the page says so" : "");
    return 0;
  }

  private static SparkSession session(String master) {
    var existing = SparkSession.getDefaultSession();
    if (existing.isDefined() && master == null) {
      return existing.get();
    }
    SparkSession.Builder b = SparkSession.builder().appName("optsweep report");
    if (master != null) {
      b.master(master);
    } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
      b.master("local[*]");
    }
    SparkSession s = b.config("spark.ui.showConsoleProgress", "false").getOrCreate();
    if (!s.sparkContext().getConf().contains("spark.sql.shuffle.partitions")) {
      // The report's shuffles carry aggregates: Spark's default 200 partitions would be 200 tiny tasks a stage.
      s.conf().set("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * s.sparkContext().defaultParallelism())));
    }
    return s;
  }
}
