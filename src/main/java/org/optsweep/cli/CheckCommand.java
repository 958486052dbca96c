package org.optsweep.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.optsweep.InputException;
import org.optsweep.gradient.GradientCheck;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;

/**
 * {@code optsweep check}: an objective with its settings, its analytic gradient against central
 * differences at random points, and the coordinates f does not read — the seed's "disconnected
 * gradients" answered by a command. Exit 0 when it passes, 1 when it does not.
 */
final class CheckCommand implements Main.Command {

  @Override
  public String summary() {
    return "check an objective's gradient against central differences, and which coordinates it reads";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("objective").hasArg().argName("NAME").required()
        .desc("objective name (optsweep list objectives)").get());
    o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE")
        .desc("an objective parameter, such as dimension=3 or lambda=0.1; repeatable").get());
    o.addOption(Option.builder().longOpt("at").hasArg().argName("X1,X2,...")
        .desc("centre of the box the points are drawn from (default: the origin)").get());
    o.addOption(Option.builder().longOpt("radius").hasArg().argName("R").desc("half-width of the box (default 1)").get());
    o.addOption(Option.builder().longOpt("points").hasArg().argName("N").desc("points checked (default 10)").get());
    o.addOption(Option.builder().longOpt("tolerance").hasArg().argName("T")
        .desc("largest relative gradient error accepted (default 1e-5)").get());
    o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of the points (default 1)").get());
    return o;
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = Cli.parse("check", options(), args, out, "");
    if (cl == null) {
      return 0;
    }
    if (!cl.getArgList().isEmpty()) {
      throw new InputException("unexpected argument '" + Cli.show(cl.getArgList().get(0)) + "' (see optsweep check"
          + " --help)");
    }
    String name = cl.getOptionValue("objective");
    if (!Objectives.names().contains(name)) {
      throw new InputException("option --objective given invalid value '" + Cli.show(name) + "': unknown objective '"
          + Cli.show(name) + "'" + org.optsweep.param.Names.didYouMean(name, Objectives.names()));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    String[] sets = cl.getOptionValues("set");
    if (sets != null) {
      for (String kv : sets) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new InputException("option --set given invalid value '" + Cli.show(kv) + "': expected KEY=VALUE such as"
              + " dimension=3");
        }
        params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    Objective f = Objectives.find(name).create(params);
    double[] at = cl.hasOption("at") ? Cli.numbers("at", cl.getOptionValue("at"), Double.NEGATIVE_INFINITY)
        : new double[f.dimension()];
    if (at.length != f.dimension()) {
      throw new InputException("option --at given " + at.length + " coordinates but objective " + name
          + " has dimension " + f.dimension());
    }
    double radius = Cli.number(cl, "radius", 1);
    double tolerance = Cli.number(cl, "tolerance", 1e-5);
    if (!(radius > 0) || !(tolerance > 0)) {
      throw new InputException("options --radius and --tolerance: expected numbers > 0");
    }
    int points = Cli.whole(cl, "points", 10, 1, 1_000_000);
    long seed = (long) Cli.number(cl, "seed", 1);
    GradientCheck.Result r = GradientCheck.check(f, at, radius, points, seed, tolerance);
    out.println((r.passed() ? "passed: " : "FAILED: ") + r.verdict() + " — " + r.message());
    if (r.worstPoint() != null && !r.passed()) {
      out.println(String.format(Locale.ROOT, "worst point: %s", java.util.Arrays.toString(r.worstPoint())));
    }
    return r.passed() ? 0 : Main.EXIT_FAILURE;
  }
}
