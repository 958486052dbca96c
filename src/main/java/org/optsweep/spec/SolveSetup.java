package org.optsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Objective;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.objective.Objectives;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.SolveRequest;
import org.optsweep.solver.Solver;
import org.optsweep.solver.SolverProvider;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Stopping;
import org.optsweep.solver.Targets;

/**
 * Everything one solve needs, by name: objective, solver, schedule, stopping rules and gradient method,
 * each with its raw parameter values. Used by {@code optsweep solve} and by every trial of a sweep, so
 * the command line and job files accept exactly the same names and refuse the same bad values.
 *
 * <p>Parameter keys are either qualified ({@code solver.gamma}, {@code schedule.lr0},
 * {@code objective.lambda}, {@code stopping.max_iterations}, {@code gradient.h}) or bare ({@code gamma});
 * a bare key must belong to exactly one of them.
 */
public final class SolveSetup {
  /** The owners a parameter key can belong to, in the order bare keys are looked up. */
  public static final List<String> OWNERS = List.of("objective", "solver", "schedule", "stopping", "gradient");

  /** Parameters of the gradient method: {@code method} and {@code h}. */
  public static final List<Param> GRADIENT_PARAMS = List.of(
      Param.choice("method", "auto", List.of("auto", "analytic", "central", "forward"),
          "analytic gradient, or central / forward finite differences; auto = analytic where the objective "
              + "has one, else central"),
      Param.nonNegative("h", 0, "finite-difference step; 0 = scipy's relative default eps^(1/3) or eps^(1/2) times max(1,|x_i|)"));

  private final String objectiveName;
  private final String solverName;
  private final String scheduleName;
  private final Map<String, Settings> settings;

  private SolveSetup(String objectiveName, String solverName, String scheduleName,
                     Map<String, Map<String, Object>> raw) {
    this.objectiveName = objectiveName;
    this.solverName = solverName;
    this.scheduleName = scheduleName;
    Map<String, Settings> out = new LinkedHashMap<>();
    out.put("objective", Settings.of("objective " + objectiveName, Objectives.find(objectiveName).params(),
        raw.get("objective")));
    out.put("solver", Settings.of("solver " + solverName, Solvers.find(solverName).params(), raw.get("solver")));
    out.put("schedule", Settings.of("schedule " + scheduleName, Schedules.kind(scheduleName).params(),
        raw.get("schedule")));
    out.put("stopping", Settings.of("stopping", Stopping.PARAMS, raw.get("stopping")));
    out.put("gradient", Settings.of("gradient", GRADIENT_PARAMS, raw.get("gradient")));
    this.settings = java.util.Collections.unmodifiableMap(out);
  }

  /**
   * Routes every key to its owner and validates all values.
   *
   * @param objective objective name
   * @param solver    solver name
   * @param schedule  schedule kind (ignored by solvers without a schedule); {@code null} = constant
   * @param params    key → raw value; keys bare or qualified
   * @throws IllegalArgumentException naming the key, the value and what was expected
   */
  public static SolveSetup of(String objective, String solver, String schedule, Map<String, ?> params) {
    ObjectiveProvider op = Objectives.find(objective);
    SolverProvider sp = Solvers.find(solver);
    String kind = schedule == null ? "constant" : schedule;
    Schedules.Kind sk = Schedules.kind(kind);
    Map<String, List<Param>> declared = new LinkedHashMap<>();
    declared.put("objective", op.params());
    declared.put("solver", sp.params());
    declared.put("schedule", sp.usesSchedule() ? sk.params() : List.of());
    declared.put("stopping", Stopping.PARAMS);
    declared.put("gradient", sp.usesGradient() ? GRADIENT_PARAMS : List.of());
    Map<String, Map<String, Object>> routed = new LinkedHashMap<>();
    for (String o : OWNERS) {
      routed.put(o, new LinkedHashMap<>());
    }
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String key = e.getKey();
      int dot = key.indexOf('.');
      if (dot > 0 && OWNERS.contains(key.substring(0, dot))) {
        String owner = key.substring(0, dot);
        String name = key.substring(dot + 1);
        if (declared.get(owner).stream().noneMatch(p -> p.name().equals(name))) {
          throw unknown(key, e.getValue(), owner, declared, objective, solver, kind);
        }
        routed.get(owner).put(name, e.getValue());
        continue;
      }
      List<String> owners = new ArrayList<>();
      for (String o : OWNERS) {
        if (declared.get(o).stream().anyMatch(p -> p.name().equals(key))) {
          owners.add(o);
        }
      }
      if (owners.isEmpty()) {
        throw unknown(key, e.getValue(), null, declared, objective, solver, kind);
      }
      if (owners.size() > 1) {
        throw new InvalidParameterException("setting", key, e.getValue(),
            "a qualified name, since " + key + " belongs to " + String.join(" and ", owners)
                + " (write e.g. " + owners.get(0) + "." + key + ")");
      }
      routed.get(owners.get(0)).put(key, e.getValue());
    }
    SolveSetup s = new SolveSetup(objective, solver, kind, routed);
    // Cross-parameter checks (piecewise shapes, c1 < c2, data files) now, before any work.
    s.solver();
    s.objective();
    return s;
  }

  private static IllegalArgumentException unknown(String key, Object value, String owner,
                                                  Map<String, List<Param>> declared, String objective,
                                                  String solver, String schedule) {
    List<String> known = new ArrayList<>();
    declared.forEach((o, ps) -> ps.forEach(p -> known.add(o.equals(owner) || owner == null ? p.name() : o + "." + p.name())));
    String bare = key.contains(".") ? key.substring(key.indexOf('.') + 1) : key;
    return new InvalidParameterException("setting", key, value, "a parameter of objective " + objective
        + ", solver " + solver + ", schedule " + schedule + ", stopping or gradient"
        + Settings.didYouMean(bare, known) + " (known: " + String.join(", ", known) + ")");
  }

  /** The validated settings of each owner: objective, solver, schedule, stopping, gradient. */
  public Map<String, Settings> settings() {
    return settings;
  }

  public String objectiveName() {
    return objectiveName;
  }

  public String solverName() {
    return solverName;
  }

  /** The schedule kind, or {@code null} for solvers that take no schedule. */
  public String scheduleName() {
    return Solvers.find(solverName).usesSchedule() ? scheduleName : null;
  }

  /** A new objective instance (one per concurrent solve). */
  public Objective objective() {
    return Objectives.find(objectiveName).create(settings().get("objective"));
  }

  /** The configured solver (immutable; may be shared). */
  public Solver solver() {
    SolverProvider sp = Solvers.find(solverName);
    Schedule schedule = sp.usesSchedule() ? Schedules.create(scheduleName, settings().get("schedule")) : null;
    return sp.create(settings().get("solver"), schedule);
  }

  /** The stopping rules. */
  public Stopping stopping() {
    return Stopping.from(settings().get("stopping"));
  }

  /**
   * A request for {@code objective} from {@code start}.
   *
   * @throws IllegalArgumentException if the start point has the wrong dimension, or analytic gradients
   *     are asked of an objective without one
   */
  public SolveRequest request(Objective objective, double[] start, Targets targets, int tracePoints) {
    Settings g = settings().get("gradient");
    String method = g.getString("method");
    GradientMethod m = method.equals("auto")
        ? (objective.hasGradient() ? GradientMethod.ANALYTIC : GradientMethod.CENTRAL)
        : GradientMethod.parse(method);
    if (m == GradientMethod.ANALYTIC && !objective.hasGradient()) {
      throw new InvalidParameterException("gradient", "method", "analytic",
          "central or forward: objective " + objective.name() + " has no analytic gradient");
    }
    return new SolveRequest(objective, start, m, g.getDouble("h"), stopping(), targets, tracePoints);
  }
}
