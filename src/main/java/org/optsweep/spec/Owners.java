package org.optsweep.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Names;
import org.optsweep.param.Param;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.SolverProvider;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Stopping;
import org.optsweep.objective.Objectives;

/**
 * Who owns a parameter key: the one place that routes {@code gamma} to {@code solver.gamma} and
 * {@code lr0} to {@code schedule.lr0}, for the job parser, a trial's settings and the table columns.
 *
 * <p>The owners of one study are its objective, its solver, the solver's schedule (every kind the
 * study may use), the stopping rules and, for gradient solvers, the gradient method. A key is either
 * qualified ({@code owner.name}) or bare, and then must belong to exactly one owner.
 *
 * @param declared owner → its parameters, in lookup order
 */
public record Owners(Map<String, List<Param<?>>> declared) {
  /** The owners, in the order a bare key is looked up. */
  public static final List<String> ORDER = List.of("objective", "solver", "schedule", "stopping", "gradient");

  /** The owners of a study of {@code objective} and {@code solver} whose schedule is one of {@code kinds}. */
  public static Owners of(String objective, String solver, Collection<String> kinds) {
    SolverProvider sp = Solvers.find(solver);
    Map<String, List<Param<?>>> m = new LinkedHashMap<>();
    m.put("objective", Objectives.find(objective).params());
    m.put("solver", sp.params());
    List<Param<?>> sched = new ArrayList<>();
    if (sp.usesSchedule()) {
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      for (String k : kinds) {
        for (Param<?> p : Schedules.find(k).params()) {
          if (seen.add(p.name())) {
            sched.add(p);
          }
        }
      }
    }
    m.put("schedule", sched);
    m.put("stopping", Stopping.PARAMS);
    m.put("gradient", sp.usesGradient() ? GradientMethod.PARAMS : List.of());
    return new Owners(m);
  }

  /** The parameter a qualified key names, or null. */
  public Param<?> param(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot <= 0 || !declared.containsKey(qualified.substring(0, dot))) {
      return null;
    }
    String name = qualified.substring(dot + 1);
    return declared.get(qualified.substring(0, dot)).stream().filter(p -> p.name().equals(name)).findFirst()
        .orElse(null);
  }

  /**
   * The qualified key ({@code solver.gamma}) for a bare or qualified key.
   *
   * @param what the study's description for messages ("objective ackley, solver nag")
   * @throws InvalidParameterException for an unknown or ambiguous key, with a did-you-mean
   */
  public String qualify(String key, Object value, String what) {
    int dot = key.indexOf('.');
    if (dot > 0 && declared.containsKey(key.substring(0, dot))) {
      String owner = key.substring(0, dot);
      if (param(key) != null) {
        return key;
      }
      List<String> names = declared.get(owner).stream().map(Param::name).toList();
      throw new InvalidParameterException("setting", key, value, "a parameter of " + owner
          + Names.didYouMean(key.substring(dot + 1), names)
          + (names.isEmpty() ? " (" + owner + " takes none here)" : " (known: " + String.join(", ", names) + ")"));
    }
    List<String> owners = new ArrayList<>();
    List<String> all = new ArrayList<>();
    declared.forEach((o, ps) -> ps.forEach(p -> {
      all.add(p.name());
      if (p.name().equals(key)) {
        owners.add(o);
      }
    }));
    if (owners.isEmpty()) {
      throw new InvalidParameterException("setting", key, value, "a parameter of " + what
          + ", its schedule, stopping or gradient" + Names.didYouMean(key, all)
          + " (known: " + String.join(", ", new LinkedHashSet<>(all)) + ")");
    }
    if (owners.size() > 1) {
      throw new InvalidParameterException("setting", key, value, "a qualified name: " + key + " belongs to "
          + String.join(" and ", owners) + " (write e.g. " + owners.get(0) + "." + key + ")");
    }
    return owners.get(0) + "." + key;
  }
}
