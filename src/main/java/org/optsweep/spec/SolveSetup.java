package org.optsweep.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.InputException;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Objective;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.objective.Objectives;
import org.optsweep.param.InvalidParameterException;
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
 * Everything one setting needs, validated and built once: the objective (an instance), the solver with
 * its schedule (immutable, shared by every replicate), the stopping rules and the gradient method. Used
 * by {@code optsweep solve} and by every trial of a sweep, so the command line and job files accept
 * exactly the same names and refuse the same bad values.
 *
 * <p>Parameter keys are qualified ({@code solver.gamma}, {@code schedule.lr0}, {@code objective.lambda},
 * {@code stopping.max_iterations}, {@code gradient.h}) or bare ({@code gamma}); {@link Owners} routes them.
 */
public final class SolveSetup {
  private final String objectiveName;
  private final String solverName;
  private final String scheduleName;
  private final Map<String, Settings> settings;
  private final ObjectiveProvider objectiveProvider;
  private final Objective objective;
  private final Solver solver;
  private final Stopping stopping;

  private SolveSetup(String objectiveName, String solverName, String scheduleName, Map<String, Settings> settings) {
    this.objectiveName = objectiveName;
    this.solverName = solverName;
    this.scheduleName = scheduleName;
    this.settings = settings;
    this.objectiveProvider = Objectives.find(objectiveName);
    SolverProvider sp = Solvers.find(solverName);
    // Built here, once: cross-parameter checks (piecewise shapes, c1 < c2, a data file's shape) refuse a
    // bad setting before any work, and the trial's solves reuse what was built.
    Schedule schedule = scheduleName == null ? null
        : build("schedule " + scheduleName, () -> Schedules.find(scheduleName).create(settings.get("schedule")));
    this.solver = build("solver " + solverName, () -> sp.create(settings.get("solver"), schedule));
    this.objective = build("objective " + objectiveName, () -> objectiveProvider.create(settings.get("objective")));
    this.stopping = Stopping.from(settings.get("stopping"));
  }

  /** Runs a provider's factory; its IllegalArgumentException is bad input and becomes one. */
  private static <T> T build(String owner, java.util.function.Supplier<T> factory) {
    try {
      return factory.get();
    } catch (org.optsweep.objective.DataFileException e) {
      throw new InvalidParameterException(owner, "data", e.path(), e.getMessage());
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(owner, null, null, e.getMessage());
    }
  }

  /**
   * Routes every key to its owner, validates all values and builds the objective and solver.
   *
   * @param objective objective name
   * @param solver    solver name
   * @param schedule  schedule kind (ignored by solvers without a schedule); {@code null} = constant
   * @param params    key → raw value; keys bare or qualified
   * @throws InputException naming the key, the value and what was expected
   */
  public static SolveSetup of(String objective, String solver, String schedule, Map<String, ?> params) {
    SolverProvider sp = Solvers.find(solver);
    String kind = schedule == null ? "constant" : schedule;
    if (!sp.usesSchedule() && schedule != null) {
      throw new InvalidParameterException("solver " + solver, "schedule", schedule,
          "no schedule: solver " + solver + " does not use a learning rate");
    }
    Owners owners = Owners.of(objective, solver, List.of(kind));
    Map<String, Map<String, Object>> routed = new LinkedHashMap<>();
    for (String o : Owners.ORDER) {
      routed.put(o, new LinkedHashMap<>());
    }
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String q = owners.qualify(e.getKey(), e.getValue(), "objective " + objective + ", solver " + solver
          + (sp.usesSchedule() ? ", schedule " + kind : ""));
      int dot = q.indexOf('.');
      routed.get(q.substring(0, dot)).put(q.substring(dot + 1), e.getValue());
    }
    Map<String, Settings> s = new LinkedHashMap<>();
    for (String o : Owners.ORDER) {
      String owner = switch (o) {
        case "objective" -> "objective " + objective;
        case "solver" -> "solver " + solver;
        case "schedule" -> "schedule " + kind;
        default -> o;
      };
      s.put(o, Settings.of(owner, owners.declared().get(o), routed.get(o)));
    }
    return new SolveSetup(objective, solver, sp.usesSchedule() ? kind : null, java.util.Collections.unmodifiableMap(s));
  }

  /**
   * The validated settings of each owner: objective, solver, schedule, stopping, gradient (empty for
   * an owner that does not apply: schedule and gradient of a derivative-free solver).
   */
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
    return scheduleName;
  }

  /** The objective built with the setting; not thread-safe, so one thread's solves at a time. */
  public Objective objective() {
    return objective;
  }

  /** A fresh objective instance (for a solve that may be abandoned while running on the shared one). */
  public Objective newObjective() {
    return objectiveProvider.create(settings.get("objective"));
  }

  /** The configured solver (immutable; may be shared). */
  public Solver solver() {
    return solver;
  }

  /** The stopping rules. */
  public Stopping stopping() {
    return stopping;
  }

  /**
   * A request for {@code objective} from {@code start}.
   *
   * @throws InputException if the start point has the wrong dimension, or analytic gradients are asked
   *     of an objective without one
   */
  public SolveRequest request(Objective objective, double[] start, Targets targets, int tracePoints) {
    Settings g = settings.get("gradient");
    String method = g.asMap().isEmpty() ? "auto" : g.get(GradientMethod.METHOD);
    GradientMethod m = GradientMethod.resolve(method, objective);
    if (m == GradientMethod.ANALYTIC && !objective.hasGradient()) {
      throw new InvalidParameterException("gradient", "method", "analytic",
          "central or forward: objective " + objective.name() + " has no analytic gradient");
    }
    if (start.length != objective.dimension()) {
      throw new InputException("start point has " + start.length + " coordinates but objective "
          + objective.name() + " has dimension " + objective.dimension());
    }
    return new SolveRequest(objective, start, m, g.asMap().isEmpty() ? 0 : g.get(GradientMethod.H), stopping,
        targets, tracePoints);
  }
}
