package org.optsweep.cli;

import org.optsweep.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
    String solverName = cl.getOptionValue("solver");
    name("objective", cl.getOptionValue("objective"), org.optsweep.objective.Objectives.names());
    name("solver", solverName, org.optsweep.solver.Solvers.names());
    if (cl.hasOption("schedule") && !org.optsweep.solver.Solvers.find(solverName).usesSchedule()) {
      throw new InputException("option --schedule given invalid value '" + Cli.show(cl.getOptionValue("schedule"))
          + "': expected no schedule: solver " + solverName + " does not use a learning rate");
    }
    if (cl.hasOption("schedule")) {
      name("schedule", cl.getOptionValue("schedule"), org.optsweep.schedule.Schedules.names());
    }
    double[] start = Cli.numbers("start", cl.getOptionValue("start"), Double.NEGATIVE_INFINITY);
    Targets targets = new Targets(
        cl.hasOption("target-distance") ? Cli.numbers("target-distance", cl.getOptionValue("target-distance"), 0)
            : new double[0],
        cl.hasOption("target-gap") ? Cli.numbers("target-gap", cl.getOptionValue("target-gap"), 0) : new double[0]);
    int tracePoints = !cl.hasOption("trace") ? 0 : cl.getOptionValue("trace") == null ? 30
        : Cli.whole(cl, "trace", 30, 2, MAX_TRACE_POINTS);
    SolveSetup setup = SolveSetup.of(cl.getOptionValue("objective"), solverName, cl.getOptionValue("schedule"), params);
    Objective f = setup.objective();
    if (start.length != f.dimension()) {
      throw new InputException("option --start given " + start.length + " coordinates ("
          + Cli.show(cl.getOptionValue("start")) + ") but objective " + f.name() + " has dimension " + f.dimension());
    }
    SolveRequest req = setup.request(f, start, targets, tracePoints);
    SolveResult r = setup.solver().solve(req);
    Targets.Assessment a = targets.assess(r, f.minimiser() != null, !Double.isNaN(f.minimum()));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    out.println(json.writeValueAsString(Output.of(setup, r, a)));
    return 0;
  }

  /** Most trace points a solve records (as a job's trace.points). */
  static final int MAX_TRACE_POINTS = 10_000;

  private static void name(String option, String value, java.util.List<String> known) {
    if (!known.contains(value)) {
      throw new InputException("option --" + option + " given invalid value '" + Cli.show(value) + "': unknown " + option
          + " '" + Cli.show(value) + "'" + org.optsweep.param.Names.didYouMean(value, known) + " (expected one of "
          + String.join(", ", known) + ")");
    }
  }

  private static void put(CommandLine cl, Map<String, Object> params, String opt, String key) {
    if (cl.hasOption(opt)) {
      params.put(key, cl.getOptionValue(opt));
    }
  }

  /**
   * What {@code optsweep solve} prints: the result, whether it succeeded against the targets (the
   * definition the tables use), the stop as data and as a sentence, and the settings it ran with.
   * Non-finite numbers are null (JSON has no NaN).
   */
  record Output(Double[] x, Double value, Double distance, @JsonProperty("value_gap") Double valueGap, int iterations,
                @JsonProperty("f_evals") long fEvals, @JsonProperty("grad_evals") long gradEvals,
                @JsonProperty("best_value") Double bestValue, String status, String reason,
                @JsonProperty("stop_test") String stopTest, @JsonProperty("stop_value") Double stopValue,
                @JsonProperty("stop_threshold") Double stopThreshold, boolean success,
                @JsonProperty("hit_iteration") Integer hitIteration,
                @JsonProperty("final_success") boolean finalSuccess,
                @JsonProperty("distance_hits") int[] distanceHits, @JsonProperty("gap_hits") int[] gapHits,
                @JsonProperty("wall_ms") double wallMs, Map<String, Object> settings, Trace trace) {

    static Output of(SolveSetup setup, SolveResult r, Targets.Assessment a) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("objective", setup.objectiveName());
      settings.put("solver", setup.solverName());
      if (setup.scheduleName() != null) {
        settings.put("schedule", setup.scheduleName());
      }
      for (Map.Entry<String, Settings> e : setup.settings().entrySet()) {
        if (e.getValue().asMap().isEmpty()) {
          continue;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        e.getValue().asMap().forEach((k, v) -> s.put(k, v instanceof Double d && !Double.isFinite(d) ? String.valueOf(d) : v));
        settings.put(e.getKey() + "_params", s);
      }
      return new Output(r.x() == null ? null : finite(r.x()), finite(r.value()), finite(r.distance()), finite(r.valueGap()), r.iterations(),
          r.valueEvaluations(), r.gradientEvaluations(), finite(r.bestValue()), r.status().name(), r.reason(),
          r.stop().test().key(), finite(r.stop().value()), finite(r.stop().threshold()), a.success(),
          a.hitIteration(), a.finalSuccess(), r.distanceHits(), r.gapHits(), r.wallNanos() / 1e6, settings,
          r.trace() == null ? null : Trace.of(r.trace()));
    }
  }

  /** The sampled trace, one array per series. */
  record Trace(int[] iteration, Double[] value, Double[] distance, @JsonProperty("gradient_norm") Double[] gradientNorm,
               @JsonProperty("step_norm") Double[] stepNorm) {
    static Trace of(org.optsweep.solver.Trace t) {
      return new Trace(t.iterations(), finite(t.values()), finite(t.distances()), finite(t.gradientNorms()),
          finite(t.stepNorms()));
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static Double[] finite(double[] v) {
    Double[] out = new Double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = finite(v[i]);
    }
    return out;
  }
}
