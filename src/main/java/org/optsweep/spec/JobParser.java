package org.optsweep.spec;

import org.optsweep.Problem;
import org.optsweep.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.objective.Objectives;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.SolverProvider;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Stopping;
import org.optsweep.solver.Targets;

/**
 * Reads and validates a job file. Every problem found is collected — unknown keys with a
 * did-you-mean, wrong types, bad ranges, unknown names, wrong start dimensions, unreadable data —
 * and reported together, each with file:line:column, the field path, the value and what was expected.
 * Nothing here starts Spark or writes anything.
 */
public final class JobParser {
  private static final Set<String> STUDY_KEYS = Set.of("name", "objective", "start", "solver", "schedule",
      "stopping", "gradient", "parameters");
  private static final Set<String> TOP_KEYS = union(STUDY_KEYS, Set.of("seed", "description", "studies", "search",
      "replicates", "targets", "trace", "execution"));
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  /** How many sample trials of each study are built during validation besides the first and last. */
  private static final int SAMPLE_TRIALS = 16;

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private boolean sampleTrials = true;
  /** Where each fixed setting of the study being read was written, for messages. */
  private final Map<String, Yaml.Node> baseNodes = new LinkedHashMap<>();
  private final Map<String, String> basePaths = new LinkedHashMap<>();

  private JobParser(String file) {
    this.file = file;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return s;
  }

  /** Reads and validates the job file at {@code path}. */
  public static JobSpec parse(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      throw new InputException(List.of(new Problem(path.toString(), 0, 0, "(file)", null,
          "a readable job file (" + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
              : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")")));
    }
    return parse(path.toString(), text);
  }

  /** Validates YAML text; {@code file} names it in messages. */
  public static JobSpec parse(String file, String text) {
    return parse(file, text, true);
  }

  /**
   * Reads YAML text already validated on the driver: executors re-read the job from its text (no
   * serialisation of the spec), skipping the sample-trial checks.
   */
  public static JobSpec parseValidated(String file, String text) {
    return parse(file, text, false);
  }

  private static JobSpec parse(String file, String text, boolean sampleTrials) {
    JobParser p = new JobParser(file);
    Yaml.Node root;
    try {
      root = Yaml.parse(text);
    } catch (Yaml.SyntaxError e) {
      throw new InputException(List.of(new Problem(file, e.line, e.column, "(document)", null, e.getMessage())));
    }
    p.sampleTrials = sampleTrials;
    JobSpec spec = p.job(root);
    if (!p.problems.isEmpty()) {
      throw new InputException(p.problems);
    }
    return spec;
  }

  private void problem(Yaml.Node at, String path, String value, String expected) {
    problems.add(new Problem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), path, value, expected));
  }

  private void checkKeys(Yaml.Node map, String path, Set<String> allowed) {
    for (Map.Entry<String, Yaml.Node> e : map.map().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        problem(e.getValue(), join(path, e.getKey()), null, "a known key" + org.optsweep.param.Names.didYouMean(e.getKey(), allowed)
            + " (allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Yaml.Node mapAt(Yaml.Node parent, String key, String path) {
    Yaml.Node n = parent.map().get(key);
    if (n == null || n.value() == null) {
      return null;
    }
    if (!n.isMap()) {
      problem(n, join(path, key), n.text(), "a mapping (key: value lines)");
      return null;
    }
    return n;
  }

  private String string(Yaml.Node n, String path) {
    if (n == null || n.value() == null) {
      return null;
    }
    if (!(n.value() instanceof String s) || s.isBlank()) {
      problem(n, path, n.text(), "a name (text)");
      return null;
    }
    return s.trim();
  }

  private Double number(Yaml.Node n, String path) {
    if (n == null || n.value() == null) {
      return null;
    }
    Object v = n.value();
    if (v instanceof Number num) {
      return num.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    problem(n, path, n.text(), "a number");
    return null;
  }

  private Long whole(Yaml.Node n, String path, long min, long max) {
    if (n != null && n.value() instanceof Long l) {
      // Exact: a 64-bit seed must not pass through a double.
      if (l < min || l > max) {
        problem(n, path, n.text(), "a whole number in [" + min + ", " + max + "]");
        return null;
      }
      return l;
    }
    Double d = number(n, path);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d) || d < min || d > max) {
      problem(n, path, n.text(), "a whole number in [" + min + ", " + max + "]");
      return null;
    }
    return d.longValue();
  }

  private double[] numbers(Yaml.Node n, String path) {
    if (n == null || n.value() == null) {
      return null;
    }
    if (n.isScalar()) {
      Double d = number(n, path);
      return d == null ? null : new double[] {d};
    }
    if (!n.isList()) {
      problem(n, path, n.text(), "a list of numbers");
      return null;
    }
    double[] out = new double[n.list().size()];
    for (int i = 0; i < out.length; i++) {
      Double d = number(n.list().get(i), path + "[" + i + "]");
      if (d == null) {
        return null;
      }
      out[i] = d;
    }
    return out;
  }

  private JobSpec job(Yaml.Node root) {
    if (!root.isMap()) {
      problem(root, "(document)", root.text(), "a mapping with name, seed, studies or objective/solver, ...");
      return null;
    }
    checkKeys(root, "", TOP_KEYS);
    Map<String, Yaml.Node> top = root.map();
    String name = string(top.get("name"), "name");
    if (top.get("name") == null) {
      problem(root, "name", null, "a job name (letters, digits, _ . -)");
    } else if (name != null && !NAME.matcher(name).matches()) {
      problem(top.get("name"), "name", top.get("name").text(), "letters, digits, _ . - (at most 100), starting with a letter or digit");
    }
    Long seed = top.get("seed") == null ? Long.valueOf(0) : whole(top.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);

    // search
    String method = "grid";
    long randomTrials = 0;
    Yaml.Node search = mapAt(root, "search", "");
    if (search != null) {
      checkKeys(search, "search", Set.of("method", "trials"));
      String m = string(search.map().get("method"), "search.method");
      if (m != null) {
        if (!Set.of("grid", "random", "sobol").contains(m)) {
          problem(search.map().get("method"), "search.method", "'" + m + "'", "grid, random or sobol"
              + org.optsweep.param.Names.didYouMean(m, List.of("grid", "random", "sobol")));
        } else {
          method = m;
        }
      }
      Yaml.Node t = search.map().get("trials");
      if (t != null) {
        Long n = whole(t, "search.trials", 1, Long.MAX_VALUE / 1024);
        randomTrials = n == null ? 0 : n;
        if (method.equals("grid")) {
          problem(t, "search.trials", t.text(), "no trials for grid search (its size is the product of the values lists)");
        }
      } else if (!method.equals("grid")) {
        problem(search, "search.trials", null, "the number of trials for " + method + " search");
      }
      if (method.equals("sobol") && randomTrials > Sobol.MAX_POINTS) {
        problem(t, "search.trials", t.text(), "at most " + Sobol.MAX_POINTS + " Sobol points");
      }
    }

    // replicates
    int replicates = 1;
    double jitter = 0;
    boolean exactFirst = true;
    Yaml.Node rep = mapAt(root, "replicates", "");
    if (rep != null) {
      checkKeys(rep, "replicates", Set.of("count", "start_jitter", "exact_first"));
      Long c = whole(rep.map().get("count"), "replicates.count", 1, 1_000_000);
      replicates = c == null ? 1 : c.intValue();
      Double j = number(rep.map().get("start_jitter"), "replicates.start_jitter");
      if (j != null && !(j >= 0 && Double.isFinite(j))) {
        problem(rep.map().get("start_jitter"), "replicates.start_jitter", rep.map().get("start_jitter").text(), "a number >= 0");
      } else if (j != null) {
        jitter = j;
      }
      Yaml.Node ef = rep.map().get("exact_first");
      if (ef != null) {
        if (ef.value() instanceof Boolean b) {
          exactFirst = b;
        } else {
          problem(ef, "replicates.exact_first", ef.text(), "true or false");
        }
      }
    }

    // targets
    Targets targets = Targets.NONE;
    Yaml.Node tg = mapAt(root, "targets", "");
    if (tg != null) {
      checkKeys(tg, "targets", Set.of("distance", "value_gap"));
      double[] d = numbers(tg.map().get("distance"), "targets.distance");
      double[] g = numbers(tg.map().get("value_gap"), "targets.value_gap");
      boolean ok = true;
      for (var e : new Object[][] {{d, "distance"}, {g, "value_gap"}}) {
        double[] arr = (double[]) e[0];
        if (arr != null) {
          for (double v : arr) {
            if (!(v >= 0) || Double.isInfinite(v)) {
              problem(tg.map().get((String) e[1]), "targets." + e[1], String.valueOf(v), "thresholds >= 0");
              ok = false;
            }
          }
        }
      }
      if (ok) {
        targets = new Targets(d == null ? new double[0] : d, g == null ? new double[0] : g);
      }
    }

    // trace
    int tracePoints = 0;
    int traceReplicates = 1;
    Yaml.Node tr = mapAt(root, "trace", "");
    if (tr != null) {
      checkKeys(tr, "trace", Set.of("points", "replicates"));
      Long p = whole(tr.map().get("points"), "trace.points", 0, 10_000);
      tracePoints = p == null ? 0 : p.intValue();
      if (tracePoints == 1) {
        problem(tr.map().get("points"), "trace.points", "1", "0 (no trace) or at least 2 points");
      }
      Long r = whole(tr.map().get("replicates"), "trace.replicates", 0, 1_000_000);
      traceReplicates = r == null ? 1 : r.intValue();
    }

    int tasksPerCore = 4;
    long trialsPerChunk = 250_000;
    Yaml.Node ex = mapAt(root, "execution", "");
    if (ex != null) {
      checkKeys(ex, "execution", Set.of("tasks_per_core", "trials_per_chunk"));
      Long t = whole(ex.map().get("tasks_per_core"), "execution.tasks_per_core", 1, 10_000);
      tasksPerCore = t == null ? 4 : t.intValue();
      Long c = whole(ex.map().get("trials_per_chunk"), "execution.trials_per_chunk", 1, Long.MAX_VALUE / 2);
      trialsPerChunk = c == null ? 250_000 : c;
    }

    // studies
    List<StudySpec> studies = new ArrayList<>();
    Yaml.Node st = root.map().get("studies");
    if (st != null) {
      if (!st.isList() || st.list().isEmpty()) {
        problem(st, "studies", st.text(), "a non-empty list of studies");
      } else {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < st.list().size(); i++) {
          Yaml.Node s = st.list().get(i);
          String path = "studies[" + i + "]";
          if (!s.isMap()) {
            problem(s, path, s.text(), "a study (mapping with name, solver, parameters, ...)");
            continue;
          }
          checkKeys(s, path, STUDY_KEYS);
          StudySpec spec = study(root, s, path, studies.size());
          if (spec != null) {
            if (!names.add(spec.name())) {
              problem(s.map().get("name"), path + ".name", "'" + spec.name() + "'", "a study name not used by another study");
            }
            studies.add(spec);
          }
        }
      }
    } else {
      StudySpec spec = study(root, root, "", 0);
      if (spec != null) {
        studies.add(spec);
      }
    }
    if (method.equals("sobol")) {
      for (int s = 0; s < studies.size(); s++) {
        if (studies.get(s).space().size() > Sobol.MAX_DIMENSION) {
          problem(null, (studies.size() > 1 ? "studies[" + s + "]." : "") + "parameters",
              studies.get(s).space().size() + " parameters", "at most " + Sobol.MAX_DIMENSION + " for sobol search");
        }
      }
    }
    if (method.equals("grid")) {
      for (int s = 0; s < studies.size(); s++) {
        for (var e : studies.get(s).space().entrySet()) {
          if (e.getValue().gridSize() < 0) {
            problem(null, (studies.size() > 1 ? "studies[" + s + "]." : "") + "parameters." + e.getKey(),
                e.getValue().describe(), "values: [...] or value: x in a grid search (a distribution needs "
                    + "search: {method: random, trials: N})");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    JobSpec job = new JobSpec(file, name, seed, studies, method, randomTrials, replicates, jitter, exactFirst,
        targets, tracePoints, traceReplicates, tasksPerCore, trialsPerChunk, asMap(root));
    if (sampleTrials) {
      validateTrials(job, root);
    }
    return job;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Yaml.Node root) {
    return (Map<String, Object>) root.plain();
  }

  /** A study's own key, or the top-level default (inherited by every study). */
  private static Yaml.Node get(Yaml.Node root, Yaml.Node study, String key) {
    Yaml.Node n = study.map().get(key);
    return n != null ? n : root.map().get(key);
  }

  private String pathOf(Yaml.Node root, Yaml.Node study, String path, String key) {
    return study.map().containsKey(key) ? join(path, key) : key;
  }

  private StudySpec study(Yaml.Node root, Yaml.Node s, String path, int index) {
    int before = problems.size();
    baseNodes.clear();
    basePaths.clear();
    Map<String, Object> base = new LinkedHashMap<>();
    // objective: name or {name: ..., params}
    String objective = named(get(root, s, "objective"), pathOf(root, s, path, "objective"), "name", base, "objective",
        Objectives.names());
    String solver = named(get(root, s, "solver"), pathOf(root, s, path, "solver"), "name", base, "solver",
        Solvers.names());
    Yaml.Node schedNode = get(root, s, "schedule");
    String schedule = "constant";
    if (schedNode != null) {
      String k = named(schedNode, pathOf(root, s, path, "schedule"), "kind", base, "schedule",
          new ArrayList<>(Schedules.all().keySet()));
      schedule = k == null ? "constant" : k;
    }
    section(get(root, s, "stopping"), pathOf(root, s, path, "stopping"), "stopping", base);
    Yaml.Node grad = get(root, s, "gradient");
    if (grad != null && grad.value() instanceof String) {
      base.put("gradient.method", grad.value());
    } else {
      section(grad, pathOf(root, s, path, "gradient"), "gradient", base);
    }
    // In the one-study shorthand the top-level name is the job's, not the study's.
    String name = s == root ? null : string(s.map().get("name"), join(path, "name"));
    if (name == null) {
      name = solver != null ? solver : "study" + index;
    } else if (!NAME.matcher(name).matches()) {
      problem(s.map().get("name"), join(path, "name"), "'" + name + "'", "letters, digits, _ . -");
    }
    StudySpec.Start start = start(get(root, s, "start"), pathOf(root, s, path, "start"), s);
    if (objective == null || solver == null || problems.size() > before) {
      return null;
    }
    validateBase(base, objective, solver, schedule);
    if (problems.size() > before) {
      return null;
    }
    LinkedHashMap<String, Domain> space = new LinkedHashMap<>();
    Yaml.Node params = get(root, s, "parameters");
    String ppath = pathOf(root, s, path, "parameters");
    if (params != null && params.value() != null) {
      if (!params.isMap()) {
        problem(params, ppath, params.text(), "a mapping of parameter name to {values: [...]} or {distribution: ...}");
      } else {
        for (Map.Entry<String, Yaml.Node> e : params.map().entrySet()) {
          String qualified = qualify(e.getKey(), e.getValue(), join(ppath, e.getKey()), objective, solver, schedule, params);
          if (qualified == null) {
            continue;
          }
          Domain d = domain(e.getValue(), join(ppath, e.getKey()), qualified, objective, solver);
          if (d != null) {
            if (space.containsKey(qualified)) {
              problem(e.getValue(), join(ppath, e.getKey()), null, "each parameter once (" + qualified + " given twice)");
            }
            space.put(qualified, d);
          }
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    // Swept values override fixed ones.
    space.keySet().forEach(base::remove);
    return new StudySpec(index, name, objective, solver, schedule, base, space, start);
  }

  /** Checks each fixed setting against its declared parameter, at the place it was written. */
  private void validateBase(Map<String, Object> base, String objective, String solver, String kind) {
    Map<String, List<Param<?>>> declared = declared(objective, solver, List.of(kind));
    for (String key : base.keySet()) {
      int dot = key.indexOf('.');
      String owner = key.substring(0, dot);
      String name = key.substring(dot + 1);
      Yaml.Node at = baseNodes.get(key);
      String path = basePaths.getOrDefault(key, key);
      List<Param<?>> ps = declared.get(owner);
      Param<?> p = ps.stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
      if (p == null) {
        List<String> names = ps.stream().map(Param::name).toList();
        String what = owner.equals("objective") ? "objective " + objective : owner.equals("solver") ? "solver " + solver
            : owner.equals("schedule") ? "schedule " + kind : owner;
        problem(at, path, null, "a parameter of " + what + org.optsweep.param.Names.didYouMean(name, names)
            + (names.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", names) + ")"));
        continue;
      }
      if (at != null) {
        coerce(at, path, p, owner);
      }
    }
  }

  /** Reads {@code name} or {@code {<nameKey>: name, p: v, ...}}; parameters go to base as owner.p. */
  private String named(Yaml.Node n, String path, String nameKey, Map<String, Object> base, String owner,
                       List<String> known) {
    if (n == null || n.value() == null) {
      if (!owner.equals("schedule")) {
        problem(null, path, null, "an " + owner + " name (one of " + String.join(", ", known) + ")");
      }
      return null;
    }
    String name;
    Yaml.Node nameNode = n;
    if (n.isMap()) {
      nameNode = n.map().get(nameKey);
      if (nameNode == null && owner.equals("schedule")) {
        nameNode = n.map().get("name");
      }
      if (nameNode == null) {
        problem(n, join(path, nameKey), null, "the " + owner + " name (one of " + String.join(", ", known) + ")");
        return null;
      }
      name = string(nameNode, join(path, nameKey));
      for (Map.Entry<String, Yaml.Node> e : n.map().entrySet()) {
        if (!e.getKey().equals(nameKey) && !(owner.equals("schedule") && e.getKey().equals("name"))) {
          base.put(owner + "." + e.getKey(), e.getValue().plain());
          baseNodes.put(owner + "." + e.getKey(), e.getValue());
          basePaths.put(owner + "." + e.getKey(), join(path, e.getKey()));
        }
      }
    } else {
      name = string(n, path);
    }
    if (name == null) {
      return null;
    }
    if (!known.contains(name)) {
      problem(nameNode, n.isMap() ? join(path, nameKey) : path, "'" + name + "'", "an " + owner + " name"
          + org.optsweep.param.Names.didYouMean(name, known) + " (known: " + String.join(", ", known) + ")");
      return null;
    }
    return name;
  }

  private void section(Yaml.Node n, String path, String owner, Map<String, Object> base) {
    if (n == null || n.value() == null) {
      return;
    }
    if (!n.isMap()) {
      problem(n, path, n.text(), "a mapping of " + owner + " parameters");
      return;
    }
    n.map().forEach((k, v) -> {
      base.put(owner + "." + k, v.plain());
      baseNodes.put(owner + "." + k, v);
      basePaths.put(owner + "." + k, join(path, k));
    });
  }

  private StudySpec.Start start(Yaml.Node n, String path, Yaml.Node study) {
    if (n == null || n.value() == null) {
      problem(study, path, null, "a start point (list of numbers) or a box {min: [...], max: [...]}");
      return null;
    }
    if (n.isMap()) {
      checkKeys(n, path, Set.of("min", "max"));
      double[] lo = numbers(n.map().get("min"), join(path, "min"));
      double[] hi = numbers(n.map().get("max"), join(path, "max"));
      if (lo == null || hi == null) {
        if (n.map().get("min") == null || n.map().get("max") == null) {
          problem(n, path, null, "both min and max corners of the start box");
        }
        return null;
      }
      if (lo.length != hi.length) {
        problem(n, path, null, "min and max of the same length (" + lo.length + " vs " + hi.length + ")");
        return null;
      }
      for (int i = 0; i < lo.length; i++) {
        if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i]) || !Double.isFinite(hi[i] - lo[i])) {
          problem(n, path + "[" + i + "]", lo[i] + " .. " + hi[i], "finite corners with a finite width");
          return null;
        }
        if (!(lo[i] <= hi[i])) {
          problem(n.map().get("min"), join(path, "min") + "[" + i + "]", String.valueOf(lo[i]),
              "min <= max (max is " + hi[i] + ")");
          return null;
        }
      }
      return new StudySpec.Start(null, lo, hi);
    }
    double[] p = numbers(n, path);
    if (p == null) {
      return null;
    }
    for (double v : p) {
      if (!Double.isFinite(v)) {
        problem(n, path, n.text(), "finite coordinates");
        return null;
      }
    }
    return new StudySpec.Start(p, null, null);
  }

  /** The qualified key (owner.name, or "schedule" for the kind), or null after reporting a problem. */
  private String qualify(String key, Yaml.Node at, String path, String objective, String solver, String defaultKind,
                         Yaml.Node params) {
    if (key.equals("schedule")) {
      if (!Solvers.find(solver).usesSchedule()) {
        problem(at, path, null, "no schedule: solver " + solver + " does not use a learning rate");
        return null;
      }
      return "schedule";
    }
    Map<String, List<Param<?>>> declared = declared(objective, solver, scheduleKinds(params, defaultKind));
    int dot = key.indexOf('.');
    if (dot > 0 && declared.containsKey(key.substring(0, dot))) {
      String owner = key.substring(0, dot);
      String name = key.substring(dot + 1);
      if (declared.get(owner).stream().anyMatch(p -> p.name().equals(name))) {
        return key;
      }
      List<String> names = declared.get(owner).stream().map(Param::name).toList();
      problem(at, path, null, "a parameter of " + owner + org.optsweep.param.Names.didYouMean(name, names)
          + " (known: " + String.join(", ", names) + ")");
      return null;
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
      problem(at, path, null, "a parameter of objective " + objective + ", solver " + solver
          + ", its schedule, stopping or gradient" + org.optsweep.param.Names.didYouMean(key, all)
          + " (known: " + String.join(", ", new LinkedHashSet<>(all)) + ")");
      return null;
    }
    if (owners.size() > 1) {
      problem(at, path, null, "a qualified name: " + key + " belongs to " + String.join(" and ", owners)
          + " (write e.g. " + owners.get(0) + "." + key + ")");
      return null;
    }
    return owners.get(0) + "." + key;
  }

  /** The schedule kinds a study can use: its default and any listed under parameters.schedule. */
  private static List<String> scheduleKinds(Yaml.Node params, String defaultKind) {
    List<String> kinds = new ArrayList<>();
    kinds.add(defaultKind);
    Yaml.Node sw = params == null || !params.isMap() ? null : params.map().get("schedule");
    if (sw != null && sw.isMap()) {
      Yaml.Node vals = sw.map().get("values");
      Yaml.Node val = sw.map().get("value");
      if (vals != null && vals.isList()) {
        kinds.clear();
        vals.list().forEach(v -> kinds.add(String.valueOf(v.value())));
      } else if (val != null) {
        kinds.clear();
        kinds.add(String.valueOf(val.value()));
      }
    }
    kinds.removeIf(k -> !Schedules.all().containsKey(k));
    return kinds;
  }

  private static Map<String, List<Param<?>>> declared(String objective, String solver, List<String> kinds) {
    ObjectiveProvider op = Objectives.find(objective);
    SolverProvider sp = Solvers.find(solver);
    Map<String, List<Param<?>>> m = new LinkedHashMap<>();
    m.put("objective", op.params());
    m.put("solver", sp.params());
    List<Param<?>> sched = new ArrayList<>();
    if (sp.usesSchedule()) {
      Set<String> seen = new HashSet<>();
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
    m.put("gradient", sp.usesGradient() ? org.optsweep.gradient.GradientMethod.PARAMS : List.of());
    return m;
  }

  private Param<?> param(String qualified, String objective, String solver) {
    int dot = qualified.indexOf('.');
    String owner = qualified.substring(0, dot);
    String name = qualified.substring(dot + 1);
    Map<String, List<Param<?>>> d = declared(objective, solver, new ArrayList<>(Schedules.all().keySet()));
    return d.get(owner).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** A domain: {value: x} | {values: [..]} | {distribution: d, min: a, max: b} | x | [..]. */
  private Domain domain(Yaml.Node n, String path, String qualified, String objective, String solver) {
    Param<?> p = qualified.equals("schedule")
        ? Param.choice("schedule", "constant", new ArrayList<>(Schedules.all().keySet()), "schedule kind")
        : param(qualified, objective, solver);
    String owner = qualified.equals("schedule") ? "schedule" : qualified.substring(0, qualified.indexOf('.'));
    if (n.isList() && p.type() != Param.Type.DOUBLE_ARRAY) {
      return values(n, path, p, owner);
    }
    if (!n.isMap()) {
      Object v = coerce(n, path, p, owner);
      return v == null ? null : new Domain.Fixed(n.plain());
    }
    checkKeys(n, path, Set.of("value", "values", "distribution", "min", "max"));
    Map<String, Yaml.Node> m = n.map();
    int kinds = (m.containsKey("value") ? 1 : 0) + (m.containsKey("values") ? 1 : 0)
        + (m.containsKey("distribution") ? 1 : 0);
    if (kinds != 1) {
      problem(n, path, null, "exactly one of value, values or distribution (with min and max)");
      return null;
    }
    if (m.containsKey("value")) {
      Object v = coerce(m.get("value"), join(path, "value"), p, owner);
      return v == null ? null : new Domain.Fixed(m.get("value").plain());
    }
    if (m.containsKey("values")) {
      if (!m.get("values").isList()) {
        problem(m.get("values"), join(path, "values"), m.get("values").text(), "a list of values");
        return null;
      }
      return values(m.get("values"), join(path, "values"), p, owner);
    }
    String dist = string(m.get("distribution"), join(path, "distribution"));
    List<String> dists = List.of("uniform", "log_uniform", "int_uniform");
    if (dist == null) {
      return null;
    }
    if (!dists.contains(dist)) {
      problem(m.get("distribution"), join(path, "distribution"), "'" + dist + "'",
          "one of " + dists + org.optsweep.param.Names.didYouMean(dist, dists));
      return null;
    }
    if (p.type() != Param.Type.DOUBLE && p.type() != Param.Type.INT) {
      problem(m.get("distribution"), join(path, "distribution"), "'" + dist + "'",
          "values: [...] (" + qualified + " is not a number)");
      return null;
    }
    if (!m.containsKey("min") || !m.containsKey("max")) {
      problem(n, path, null, "min and max for distribution " + dist);
      return null;
    }
    Double lo = number(m.get("min"), join(path, "min"));
    Double hi = number(m.get("max"), join(path, "max"));
    if (lo == null || hi == null) {
      return null;
    }
    boolean ok = coerce(m.get("min"), join(path, "min"), p, owner) != null;
    ok &= coerce(m.get("max"), join(path, "max"), p, owner) != null;
    if (!ok) {
      return null;
    }
    if (!(lo <= hi)) {
      problem(m.get("min"), join(path, "min"), String.valueOf(lo), "min <= max (max is " + hi + ")");
      return null;
    }
    if (dist.equals("log_uniform") && !(lo > 0)) {
      problem(m.get("min"), join(path, "min"), String.valueOf(lo), "min > 0 for log_uniform");
      return null;
    }
    if (dist.equals("int_uniform") && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
      problem(n, path, lo + ".." + hi, "whole-number min and max for int_uniform");
      return null;
    }
    if (p.type() == Param.Type.INT && !dist.equals("int_uniform")) {
      problem(m.get("distribution"), join(path, "distribution"), "'" + dist + "'",
          "int_uniform (" + qualified + " is an integer)");
      return null;
    }
    return switch (dist) {
      case "uniform" -> new Domain.Uniform(lo, hi);
      case "log_uniform" -> new Domain.LogUniform(lo, hi);
      default -> new Domain.IntUniform(lo.longValue(), hi.longValue());
    };
  }

  private Domain values(Yaml.Node list, String path, Param<?> p, String owner) {
    if (list.list().isEmpty()) {
      problem(list, path, "[]", "at least one value");
      return null;
    }
    List<Object> vals = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.list().size(); i++) {
      Yaml.Node v = list.list().get(i);
      ok &= coerce(v, path + "[" + i + "]", p, owner) != null;
      vals.add(v.plain());
    }
    return ok ? new Domain.Values(List.copyOf(vals)) : null;
  }

  private Object coerce(Yaml.Node v, String path, Param<?> p, String owner) {
    try {
      return p.coerce(owner, v.plain());
    } catch (InvalidParameterException e) {
      problem(v, path, v.text(), e.expected());
      return null;
    }
  }

  /** Builds sample trials of each study (first, last, and some random) to catch cross-parameter errors. */
  private void validateTrials(JobSpec job, Yaml.Node root) {
    long total;
    try {
      total = job.totalSolves();
    } catch (ArithmeticException e) {
      problem(root.map().get("search"), "search", null, "a search whose trials x replicates fit in a 64-bit count"
          + " (this grid has more than 9.2e18 points)");
      return;
    }
    for (int s = 0; s < job.studies().size(); s++) {
      StudySpec st = job.studies().get(s);
      long n = job.trials(s);
      Set<Long> sample = new LinkedHashSet<>(List.of(0L, n - 1));
      SplittableRandom rng = new SplittableRandom(job.seed());
      for (int k = 0; k < SAMPLE_TRIALS && k < n; k++) {
        sample.add(rng.nextLong(n));
      }
      Set<String> seen = new HashSet<>();
      for (long i : sample) {
        try {
          Trial t = job.trial(s, i);
          int dim = t.setup().objective().dimension();
          if (st.start().dimension() != dim && seen.add("dim")) {
            problem(null, (job.studies().size() > 1 ? "studies[" + s + "]." : "") + "start",
                String.valueOf(st.start().describe()), dim + " coordinates: objective " + st.objective()
                    + " has dimension " + dim);
          }
        } catch (IllegalArgumentException e) {
          if (seen.add(e.getMessage())) {
            problem(null, (job.studies().size() > 1 ? "studies[" + s + "]" : "study " + st.name())
                + " trial " + i + " " + job.values(s, i), null, e.getMessage());
          }
        }
      }
    }
    if (total == 0) {
      problem(root, "search", null, "at least one trial");
    }
  }

}
