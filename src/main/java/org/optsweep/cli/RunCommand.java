package org.optsweep.cli;

import org.optsweep.InputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.optsweep.spark.SweepRunner;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;

/**
 * {@code optsweep run JOB.yaml [--out DIR] [--master URL] [--conf k=v]... [--overwrite]} and
 * {@code optsweep run [JOB.yaml] --resume OUT}: the sweep on Spark (embedded {@code local[*]} unless a
 * master is given or spark-submit provides one).
 */
final class RunCommand implements Main.Command {

  @Override
  public String summary() {
    return "run a job on Spark and write runs/, traces/, summary/ (Parquet) and job.json";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output directory or Hadoop path "
        + "(default out/<job name>)").get());
    o.addOption(Option.builder().longOpt("master").hasArg().argName("URL").desc("Spark master "
        + "(default: spark-submit's, else local[*])").get());
    o.addOption(Option.builder().longOpt("conf").hasArg().argName("KEY=VALUE").desc("Spark configuration; repeatable").get());
    o.addOption(Option.builder().longOpt("overwrite").desc("replace an existing output").get());
    o.addOption(Option.builder().longOpt("resume").hasArg().argName("OUT").desc("finish an interrupted run in OUT "
        + "(same job file; committed chunks are kept)").get());
    return o;
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    CommandLine cl = Cli.parse("run", options(), args, out, "JOB.yaml");
    if (cl == null) {
      return 0;
    }
    boolean resume = cl.hasOption("resume");
    if (cl.getArgList().size() > 1) {
      throw new InputException("expected one job file, got " + cl.getArgList() + " (see optsweep run --help)");
    }
    if (resume && cl.hasOption("overwrite")) {
      throw new InputException("--resume and --overwrite exclude each other");
    }
    if (resume && cl.hasOption("out") && !cl.getOptionValue("out").equals(cl.getOptionValue("resume"))) {
      throw new InputException("--resume names the output; do not also give a different --out");
    }
    String jobFile;
    String jobText;
    if (cl.getArgList().isEmpty()) {
      if (!resume) {
        throw new InputException("missing the job file (usage: optsweep run JOB.yaml [--out DIR])");
      }
      jobFile = cl.getOptionValue("resume") + "/" + org.optsweep.output.Output.JOB_YAML;
      jobText = readJobCopy(cl.getOptionValue("resume"));
    } else {
      jobFile = cl.getArgList().get(0);
      jobText = JobParser.read(Cli.path(jobFile, "the job file"));
    }
    JobSpec job = JobParser.parse(jobFile, jobText);
    Map<String, String> conf = new LinkedHashMap<>();
    String[] confs = cl.getOptionValues("conf");
    if (confs != null) {
      for (String kv : confs) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new InputException("option --conf given invalid value '" + kv + "': expected KEY=VALUE such as "
              + "spark.executor.memory=2g");
        }
        if (kv.substring(0, eq).isBlank()) {
          throw new InputException("option --conf given invalid value '" + Cli.show(kv) + "': expected KEY=VALUE with a"
              + " key such as spark.executor.memory");
        }
        conf.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    if (cl.hasOption("master")) {
      checkMaster(cl.getOptionValue("master"));
    }
    String location = resume ? cl.getOptionValue("resume")
        : cl.hasOption("out") ? cl.getOptionValue("out") : "out/" + job.name();
    SweepRunner.Options o = new SweepRunner.Options(location, cl.getOptionValue("master"), conf,
        cl.hasOption("overwrite"), resume, out);
    var output = SweepRunner.prepareOutput(jobText, o);
    SweepRunner.run(job, jobText, output, o);
    return 0;
  }

  private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
      "local|local\\[(\\*|[1-9]\\d{0,5})(,[1-9]\\d{0,3})?]|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]"
          + "|spark://[^/\\s]+:\\d+(,[^/\\s]+:\\d+)*|yarn|k8s://\\S+");

  /** Spark's master URL forms, checked before Spark starts (Spark's own refusal comes after seconds of start-up). */
  static void checkMaster(String master) {
    if (!MASTER.matcher(master).matches()) {
      throw new InputException("option --master given invalid value '" + Cli.show(master) + "': expected local,"
          + " local[N] or local[*] (N >= 1 threads), local[N,F], spark://HOST:PORT, yarn or k8s://URL");
    }
  }

  private static String readJobCopy(String outDir) {
    try {
      return SweepRunner.readJobText(outDir);
    } catch (IOException e) {
      throw new InputException("--resume " + outDir + ": cannot read its " + org.optsweep.output.Output.JOB_YAML + ": " + e);
    }
  }
}
