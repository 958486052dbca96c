package org.optsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.optsweep.objective.Objectives;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Names;
import org.optsweep.param.Param;
import org.optsweep.schedule.Schedules;
import org.optsweep.search.Domain;
import org.optsweep.search.Space;
import org.optsweep.solver.Solvers;

/**
 * Reads one study — objective, solver, schedule, stopping, gradient, start and the swept parameters —
 * from its own keys or the job's top-level ones it inherits. Every fixed setting and every swept
 * value is checked against its declared parameter at the position it was written; where each was
 * written is kept ({@link Parsed}) so that a problem found later, in a combination of values, is
 * reported there too.
 */
final class StudyParser {
  static final Set<String> STUDY_KEYS = Set.of("name", "objective", "start", "solver", "schedule", "stopping",
      "gradient", "parameters");
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

  /**
   * A study as read, with where its settings were written.
   *
   * @param spec      the study
   * @param fixed     qualified key → the node of its fixed value
   * @param swept     qualified key (or {@code schedule}) → the node of its domain
   * @param startNode the node of the start point
   * @param path      the study's path prefix in messages ("" or "studies[1].")
   */
  record Parsed(StudySpec spec, Map<String, Yaml.Node> fixed, Map<String, Yaml.Node> swept, Yaml.Node startNode,
                String path) {}

  private final Problems problems;
  private final DomainParser domains;

  StudyParser(Problems problems) {
    this.problems = problems;
    this.domains = new DomainParser(problems);
  }

  /** A study's own key, or the top-level default (inherited by every study). */
  private static Yaml.Node get(Yaml.Node root, Yaml.Node study, String key) {
    Yaml.Node n = study.map().get(key);
    return n != null ? n : root.map().get(key);
  }

  private static String pathOf(Yaml.Node study, String prefix, String key) {
    return study.map().containsKey(key) ? prefix + key : key;
  }

  /** Reads study {@code s} (the root itself for a one-study job); null after reporting problems. */
  Parsed study(Yaml.Node root, Yaml.Node s, String prefix, int index) {
    int before = problems.size();
    Map<String, Object> base = new LinkedHashMap<>();
    Map<String, Yaml.Node> fixed = new LinkedHashMap<>();
    Map<String, String> fixedPaths = new LinkedHashMap<>();
    String objective = named(get(root, s, "objective"), pathOf(s, prefix, "objective"), "name", "objective",
        Objectives.names(), base, fixed, fixedPaths);
    String solver = named(get(root, s, "solver"), pathOf(s, prefix, "solver"), "name", "solver", Solvers.names(),
        base, fixed, fixedPaths);
    Yaml.Node schedNode = get(root, s, "schedule");
    String schedule = "constant";
    if (schedNode != null) {
      String k = named(schedNode, pathOf(s, prefix, "schedule"), "kind", "schedule", Schedules.names(), base, fixed,
          fixedPaths);
      schedule = k == null ? "constant" : k;
      if (solver != null && !Solvers.find(solver).usesSchedule()) {
        problems.add(schedNode, pathOf(s, prefix, "schedule"), null, "no schedule: solver " + solver
            + " does not use a learning rate");
      }
    }
    section(get(root, s, "stopping"), pathOf(s, prefix, "stopping"), "stopping", base, fixed, fixedPaths);
    Yaml.Node grad = get(root, s, "gradient");
    if (grad != null && grad.isScalar()) {
      base.put("gradient.method", grad.value());
      fixed.put("gradient.method", grad);
      fixedPaths.put("gradient.method", pathOf(s, prefix, "gradient"));
    } else {
      section(grad, pathOf(s, prefix, "gradient"), "gradient", base, fixed, fixedPaths);
    }
    // In the one-study shorthand the top-level name is the job's, not the study's.
    String name = null;
    if (s != root && s.map().get("name") != null) {
      Yaml.Node nn = s.map().get("name");
      if (!(nn.value() instanceof String str) || !NAME.matcher(str).matches()) {
        problems.add(nn, prefix + "name", nn.text(), "letters, digits, _ . - (at most 100), starting with a letter or"
            + " digit");
      } else {
        name = str;
      }
    }
    if (name == null) {
      name = solver != null ? solver : "study" + index;
    }
    Yaml.Node startNode = get(root, s, "start");
    StudySpec.Start start = new StartParser(problems).start(startNode, pathOf(s, prefix, "start"), s);
    if (objective == null || solver == null || problems.size() > before) {
      return null;
    }
    Yaml.Node params = get(root, s, "parameters");
    String ppath = pathOf(s, prefix, "parameters");
    List<String> kinds = scheduleKinds(params, schedule);
    Owners owners = Owners.of(objective, solver, kinds);
    checkFixed(base, fixed, fixedPaths, Owners.of(objective, solver, List.of(schedule)), objective, solver, schedule);
    LinkedHashMap<String, Domain> space = new LinkedHashMap<>();
    Map<String, Yaml.Node> swept = new LinkedHashMap<>();
    if (params != null) {
      if (!params.isMap()) {
        problems.add(params, ppath, params.text(), "a mapping of parameter name to {values: [...]} or"
            + " {distribution: ...}");
      } else {
        for (Map.Entry<String, Yaml.Node> e : params.map().entrySet()) {
          String path = ppath + "." + e.getKey();
          String q = qualify(e.getKey(), e.getValue(), path, owners, solver, objective);
          if (q == null) {
            continue;
          }
          Param<?> p = q.equals("schedule") ? Param.choice("schedule", "constant", Schedules.names(), "schedule kind")
              : owners.param(q);
          Domain d = domains.parse(e.getValue(), path, p, q.equals("schedule") ? "schedule" : q.substring(0,
              q.indexOf('.')));
          if (d != null) {
            if (space.containsKey(q)) {
              problems.add(e.getValue(), path, null, "each parameter once (" + q + " given twice)");
            }
            space.put(q, d);
            swept.put(q, e.getValue());
          }
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    // Swept values override fixed ones.
    space.keySet().forEach(k -> {
      base.remove(k);
      fixed.remove(k);
    });
    StudySpec spec = new StudySpec(index, name, objective, solver, schedule, base, new Space(space), start);
    return new Parsed(spec, fixed, swept, startNode, prefix);
  }

  private String qualify(String key, Yaml.Node at, String path, Owners owners, String solver, String objective) {
    if (key.equals("schedule")) {
      if (!Solvers.find(solver).usesSchedule()) {
        problems.add(at, path, null, "no schedule: solver " + solver + " does not use a learning rate");
        return null;
      }
      return "schedule";
    }
    try {
      return owners.qualify(key, null, "objective " + objective + ", solver " + solver);
    } catch (InvalidParameterException e) {
      problems.add(at, path, null, e.expected());
      return null;
    }
  }

  /** Checks each fixed setting against its declared parameter, at the place it was written. */
  private void checkFixed(Map<String, Object> base, Map<String, Yaml.Node> fixed, Map<String, String> paths,
                          Owners owners, String objective, String solver, String kind) {
    for (String key : new ArrayList<>(base.keySet())) {
      String owner = key.substring(0, key.indexOf('.'));
      Param<?> p = owners.param(key);
      Yaml.Node at = fixed.get(key);
      String path = paths.getOrDefault(key, key);
      if (p == null) {
        List<String> names = owners.declared().get(owner).stream().map(Param::name).toList();
        String what = switch (owner) {
          case "objective" -> "objective " + objective;
          case "solver" -> "solver " + solver;
          case "schedule" -> "schedule " + kind;
          default -> owner;
        };
        String bare = key.substring(key.indexOf('.') + 1);
        problems.add(at, path, null, "a parameter of " + what + Names.didYouMean(bare, names)
            + (names.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", names) + ")"));
        continue;
      }
      try {
        p.coerce(owner, at.plain());
      } catch (InvalidParameterException e) {
        problems.add(at, path, at.text(), e.expected());
      }
    }
  }

  /** Reads {@code name} or {@code {<nameKey>: name, p: v, ...}}; parameters go to base as owner.p. */
  private String named(Yaml.Node n, String path, String nameKey, String owner, List<String> known,
                       Map<String, Object> base, Map<String, Yaml.Node> fixed, Map<String, String> paths) {
    if (n == null) {
      if (!owner.equals("schedule")) {
        problems.add(null, path, null, "an " + owner + " name (one of " + String.join(", ", known) + ")");
      }
      return null;
    }
    Yaml.Node nameNode = n;
    String namePath = path;
    if (n.isMap()) {
      nameNode = n.map().get(nameKey);
      if (nameNode == null && owner.equals("schedule")) {
        nameNode = n.map().get("name");
      }
      namePath = path + "." + nameKey;
      if (nameNode == null) {
        problems.add(n, namePath, null, "the " + owner + " name (one of " + String.join(", ", known) + ")");
        return null;
      }
      for (Map.Entry<String, Yaml.Node> e : n.map().entrySet()) {
        if (!e.getKey().equals(nameKey) && !(owner.equals("schedule") && e.getKey().equals("name"))) {
          put(owner + "." + e.getKey(), e.getValue(), path + "." + e.getKey(), base, fixed, paths);
        }
      }
    } else if (n.isList()) {
      problems.add(n, path, n.text(), "an " + owner + " name or {" + nameKey + ": name, ...}");
      return null;
    }
    if (!(nameNode.value() instanceof String name) || !known.contains(name)) {
      String shown = String.valueOf(nameNode.value());
      problems.add(nameNode, namePath, nameNode.text(), "an " + owner + " name" + Names.didYouMean(shown, known)
          + " (known: " + String.join(", ", known) + ")");
      return null;
    }
    return name;
  }

  private void section(Yaml.Node n, String path, String owner, Map<String, Object> base,
                       Map<String, Yaml.Node> fixed, Map<String, String> paths) {
    if (n == null) {
      return;
    }
    if (!n.isMap()) {
      problems.add(n, path, n.text(), "a mapping of " + owner + " parameters");
      return;
    }
    n.map().forEach((k, v) -> put(owner + "." + k, v, path + "." + k, base, fixed, paths));
  }

  private static void put(String key, Yaml.Node v, String path, Map<String, Object> base,
                          Map<String, Yaml.Node> fixed, Map<String, String> paths) {
    base.put(key, v.plain());
    fixed.put(key, v);
    paths.put(key, path);
  }

  /** The schedule kinds a study can use: its default and any listed under parameters.schedule. */
  private static List<String> scheduleKinds(Yaml.Node params, String defaultKind) {
    Set<String> kinds = new LinkedHashSet<>();
    Yaml.Node sw = params == null || !params.isMap() ? null : params.map().get("schedule");
    if (sw != null && sw.isMap() && sw.map().get("values") != null && sw.map().get("values").isList()) {
      sw.map().get("values").list().forEach(v -> kinds.add(String.valueOf(v.value())));
    } else if (sw != null && sw.isMap() && sw.map().get("value") != null) {
      kinds.add(String.valueOf(sw.map().get("value").value()));
    } else if (sw != null && sw.isList()) {
      sw.list().forEach(v -> kinds.add(String.valueOf(v.value())));
    } else {
      kinds.add(defaultKind);
    }
    kinds.removeIf(k -> !Schedules.all().containsKey(k));
    return new ArrayList<>(kinds.isEmpty() ? Set.of(defaultKind) : kinds);
  }
}
