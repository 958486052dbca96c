package org.optsweep.cli;

import org.optsweep.InputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.optsweep.objective.Objective;
import org.optsweep.param.Settings;
import org.optsweep.solver.SolveRequest;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Targets;
import org.optsweep.solver.Trace;
import org.optsweep.spec.SolveSetup;

/**
 * {@code optsweep solve}: one solve, no Spark, printed as one JSON object — for debugging a setting
 * before sweeping it.
 */
final class SolveCommand implements Main.Command {

  @Override
  public String summary() {
    return "run one solve without Spark and print the result as JSON";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("objective").hasArg().argName("NAME").required()
        .desc("objective name (optsweep list objectives)").get());
    o.addOption(Option.builder().longOpt("dimension").hasArg().argName("N").desc("objective dimension").get());
    o.addOption(Option.builder().longOpt("start").hasArg().argName("X1,X2,...").required()
        .desc("start point, comma-separated").get());
    o.addOption(Option.builder().longOpt("solver").hasArg().argName("NAME").required()
        .desc("solver name (optsweep list solvers)").get());
    o.addOption(Option.builder().longOpt("schedule").hasArg().argName("KIND")
        .desc("learning-rate schedule (optsweep list schedules); default constant").get());
    o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE")
        .desc("any objective, solver, schedule, stopping or gradient parameter; repeatable; "
            + "qualify as solver.gamma if a name is ambiguous").get());
    o.addOption(Option.builder().longOpt("gradient").hasArg().argName("METHOD")
        .desc("auto | analytic | central | forward (auto: analytic where the objective has one, else central)").get());
    o.addOption(Option.builder().longOpt("h").hasArg().argName("STEP").desc("finite-difference step; 0 = relative default").get());
    o.addOption(Option.builder().longOpt("max-iterations").hasArg().argName("N").desc("iteration budget (default 1000)").get());
    o.addOption(Option.builder().longOpt("step-tolerance").hasArg().argName("TOL").desc("stop when ||x - x_prev|| <= TOL").get());
    o.addOption(Option.builder().longOpt("gradient-tolerance").hasArg().argName("TOL").desc("stop when ||grad f|| <= TOL").get());
    o.addOption(Option.builder().longOpt("time-budget-ms").hasArg().argName("MS").desc("wall-clock budget").get());
    o.addOption(Option.builder().longOpt("target-distance").hasArg().argName("D1,D2").desc("distance targets").get());
    o.addOption(Option.builder().longOpt("target-gap").hasArg().argName("G1,G2").desc("value-gap targets").get());
    o.addOption(Option.builder().longOpt("trace").optionalArg(true).hasArg().argName("POINTS")
        .desc("include a log-spaced trace (default 30 points)").get());
    return o;
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options options = options();
    CommandLine cl = Cli.parse("solve", options, args, out, "");
    if (cl == null) {
      return 0;
    }
    if (!cl.getArgList().isEmpty()) {
      throw new InputException("unexpected argument '" + cl.getArgList().get(0) + "' (see optsweep solve --help)");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    put(cl, params, "dimension", "objective.dimension");
    put(cl, params, "max-iterations", "stopping.max_iterations");
    put(cl, params, "step-tolerance", "stopping.step_tolerance");
    put(cl, params, "gradient-tolerance", "stopping.gradient_tolerance");
    put(cl, params, "time-budget-ms", "stopping.time_budget_ms");
    put(cl, params, "gradient", "gradient.method");
    put(cl, params, "h", "gradient.h");
    String[] sets = cl.getOptionValues("set");
    if (sets != null) {
      for (String kv : sets) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new InputException("option --set given invalid value '" + kv + "': expected KEY=VALUE such as gamma=0.2");
        }
        params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    String objectiveName = cl.getOptionValue("objective");
    SolveSetup setup = SolveSetup.of(objectiveName, cl.getOptionValue("solver"),
        cl.getOptionValue("schedule"), params);
    Objective f = setup.objective();
    double[] start = Cli.numbers("start", cl.getOptionValue("start"));
    if (start.length != f.dimension()) {
      throw new InputException("option --start given " + start.length + " coordinates (" + cl.getOptionValue("start")
          + ") but objective " + f.name() + " has dimension " + f.dimension());
    }
    Targets targets = new Targets(
        cl.hasOption("target-distance") ? Cli.numbers("target-distance", cl.getOptionValue("target-distance")) : new double[0],
        cl.hasOption("target-gap") ? Cli.numbers("target-gap", cl.getOptionValue("target-gap")) : new double[0]);
    int tracePoints = cl.hasOption("trace") ? (int) Cli.number(cl, "trace", 30) : 0;
    if (cl.hasOption("trace") && tracePoints < 2) {
      throw new InputException("option --trace given invalid value '" + cl.getOptionValue("trace")
          + "': expected a whole number of points >= 2");
    }
    SolveRequest req = setup.request(f, start, targets, tracePoints);
    SolveResult r = setup.solver().solve(req);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    out.println(json.writeValueAsString(toJson(json, setup, r)));
    return 0;
  }

  private static void put(CommandLine cl, Map<String, Object> params, String opt, String key) {
    if (cl.hasOption(opt)) {
      params.put(key, cl.getOptionValue(opt));
    }
  }

  static ObjectNode toJson(ObjectMapper json, SolveSetup setup, SolveResult r) {
    ObjectNode o = json.createObjectNode();
    ArrayNode x = o.putArray("x");
    for (double v : r.x()) {
      num(x, v);
    }
    num(o, "value", r.value());
    num(o, "distance", r.distance());
    num(o, "value_gap", r.valueGap());
    o.put("iterations", r.iterations());
    o.put("f_evals", r.valueEvaluations());
    o.put("grad_evals", r.gradientEvaluations());
    num(o, "best_value", r.bestValue());
    o.put("status", r.status().name());
    o.put("reason", r.reason());
    ArrayNode dh = o.putArray("distance_hits");
    for (int h : r.distanceHits()) {
      dh.add(h);
    }
    ArrayNode gh = o.putArray("gap_hits");
    for (int h : r.gapHits()) {
      gh.add(h);
    }
    o.put("wall_ms", r.wallNanos() / 1e6);
    ObjectNode settings = o.putObject("settings");
    settings.put("objective", setup.objectiveName());
    settings.put("solver", setup.solverName());
    if (setup.scheduleName() != null) {
      settings.put("schedule", setup.scheduleName());
    }
    for (Map.Entry<String, Settings> e : setup.settings().entrySet()) {
      if (e.getKey().equals("schedule") && setup.scheduleName() == null) {
        continue;
      }
      ObjectNode s = settings.putObject(e.getKey() + "_params");
      e.getValue().asMap().forEach((k, v) -> s.putPOJO(k, v instanceof Double d && !Double.isFinite(d) ? String.valueOf(d) : v));
    }
    Trace t = r.trace();
    if (t != null) {
      ObjectNode tr = o.putObject("trace");
      ArrayNode it = tr.putArray("iteration");
      ArrayNode val = tr.putArray("value");
      ArrayNode dist = tr.putArray("distance");
      ArrayNode gn = tr.putArray("gradient_norm");
      ArrayNode sn = tr.putArray("step_norm");
      for (int i = 0; i < t.size(); i++) {
        it.add(t.iterations()[i]);
        num(val, t.values()[i]);
        num(dist, t.distances()[i]);
        num(gn, t.gradientNorms()[i]);
        num(sn, t.stepNorms()[i]);
      }
    }
    return o;
  }

  /** JSON has no NaN or infinity: those are written as null. */
  private static void num(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  private static void num(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }
}
