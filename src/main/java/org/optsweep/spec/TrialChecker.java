package org.optsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.InputException;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.search.Domain;

/**
 * Finds before any work what a run would find: builds the setting of every combination of swept
 * values that can matter — each value of a values list, both bounds of a distribution — so that a
 * value that is invalid only with another (a dimension that does not match the start, c1 ≥ c2, a
 * ragged file among swept data files) is refused by {@code validate} and {@code run} alike, at the
 * position of the value at fault.
 *
 * <p>Up to {@link #MAX_COMBINATIONS} combinations per study are all checked; beyond, every pair of
 * values of every two parameters is (all-pairs coverage: any conflict between two settings shows),
 * the others at their first value. Data files are read once each (the data cache), generated data
 * and exact optima are built once per distinct setting.
 */
final class TrialChecker {
  /** Combinations per study checked exhaustively. */
  static final int MAX_COMBINATIONS = 4096;
  /** Combinations per study checked at most (all-pairs coverage of a very large space). */
  static final int MAX_PAIRS = 200_000;

  private final Problems problems;
  private final GradientCheckSettings gradientCheck;
  /** Objective settings already gradient-checked (each once, however many trials share it). */
  private final java.util.Set<String> checked = new java.util.HashSet<>();

  /**
   * The job's {@code check:} settings for gradient checks.
   *
   * @param points    random points per objective setting
   * @param tolerance largest relative gradient error
   * @param jitter    the replicates' start jitter (the box around a start point is at least ±1 and ±jitter)
   * @param seed      the job seed (the points' stream)
   */
  record GradientCheckSettings(int points, double tolerance, double jitter, long seed) {}

  /** @param gradientCheck null, or the settings of a gradient check of each objective setting */
  TrialChecker(Problems problems, GradientCheckSettings gradientCheck) {
    this.problems = problems;
    this.gradientCheck = gradientCheck;
  }

  /** One swept key's candidate values and where each was written. */
  private record Axis(String key, List<Object> values, List<Yaml.Node> nodes, List<String> paths) {}

  void check(StudyParser.Parsed study) {
    StudySpec st = study.spec();
    List<Axis> axes = new ArrayList<>();
    for (Map.Entry<String, Domain> e : st.space().domains().entrySet()) {
      axes.add(axis(e.getKey(), e.getValue(), study.swept().get(e.getKey()), study.path()));
    }
    long combinations = 1;
    for (Axis a : axes) {
      combinations = Math.min(Long.MAX_VALUE / 1024, combinations * a.values().size());
    }
    int before = problems.size();
    if (combinations <= MAX_COMBINATIONS) {
      int[] pick = new int[axes.size()];
      for (long c = 0; c < combinations && problems.size() - before < 20; c++) {
        long rest = c;
        for (int k = axes.size() - 1; k >= 0; k--) {
          pick[k] = (int) (rest % axes.get(k).values().size());
          rest /= axes.get(k).values().size();
        }
        build(study, axes, pick);
      }
      return;
    }
    int checked = 0;
    for (int i = 0; i < axes.size() && checked < MAX_PAIRS; i++) {
      for (int j = i + 1; j < axes.size() && checked < MAX_PAIRS; j++) {
        for (int a = 0; a < axes.get(i).values().size() && checked < MAX_PAIRS; a++) {
          for (int b = 0; b < axes.get(j).values().size() && checked < MAX_PAIRS; b++) {
            int[] pick = new int[axes.size()];
            pick[i] = a;
            pick[j] = b;
            build(study, axes, pick);
            checked++;
          }
        }
      }
    }
    if (axes.size() == 1) {
      for (int a = 0; a < axes.get(0).values().size(); a++) {
        build(study, axes, new int[] {a});
      }
    }
  }

  private static Axis axis(String key, Domain d, Yaml.Node node, String prefix) {
    String path = prefix + "parameters." + key;
    List<Object> values = new ArrayList<>();
    List<Yaml.Node> nodes = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    Yaml.Node valuesNode = node.isMap() && node.map().get("values") != null ? node.map().get("values")
        : node.isList() ? node : null;
    if (d instanceof Domain.Values v) {
      for (int i = 0; i < v.values().size(); i++) {
        values.add(v.values().get(i));
        nodes.add(valuesNode != null && valuesNode.isList() ? valuesNode.list().get(i) : node);
        paths.add(path + (node.isMap() ? ".values" : "") + "[" + i + "]");
      }
    } else if (d instanceof Domain.Continuous c) {
      values.add(c.at(0.0));
      values.add(c.at(Math.nextDown(1.0)));
      Yaml.Node min = node.isMap() ? node.map().get("min") : node;
      Yaml.Node max = node.isMap() ? node.map().get("max") : node;
      nodes.add(min);
      nodes.add(max);
      paths.add(path + ".min");
      paths.add(path + ".max");
    } else {
      values.add(d.gridValue(0));
      nodes.add(node.isMap() && node.map().get("value") != null ? node.map().get("value") : node);
      paths.add(path);
    }
    return new Axis(key, values, nodes, paths);
  }

  /** Builds one combination; a refusal is reported at the value it names, or the first swept one. */
  private void build(StudyParser.Parsed study, List<Axis> axes, int[] pick) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int k = 0; k < axes.size(); k++) {
      values.put(axes.get(k).key(), axes.get(k).values().get(pick[k]));
    }
    StudySpec st = study.spec();
    Trial t;
    try {
      t = JobSpec.trial(st, 0, values);
    } catch (InputException e) {
      blame(study, axes, pick, values, e);
      return;
    }
    int dim = t.setup().objective().dimension();
    if (gradientCheck != null && st.start().dimension() == dim
        && checked.add(st.objective() + t.setup().settings().get("objective"))) {
      gradients(study, t);
    }
    if (st.start().dimension() != dim) {
      Yaml.Node at = study.startNode();
      problems.add(at, study.path().isEmpty() || study.spec().start() == null ? "start" : study.path() + "start",
          String.valueOf(st.start().describe()) + with(values), dim + " coordinates: objective " + st.objective()
              + " has dimension " + dim);
    }
  }

  /** The gradient check of one objective setting, on points around the study's start. */
  private void gradients(StudyParser.Parsed study, Trial t) {
    StudySpec.Start start = study.spec().start();
    int n = start.dimension();
    double[] centre = new double[n];
    double radius = Math.max(1, gradientCheck.jitter());
    for (int i = 0; i < n; i++) {
      centre[i] = start.point() != null ? start.point()[i] : (start.min()[i] + start.max()[i]) / 2;
      if (start.point() == null) {
        radius = Math.max(radius, (start.max()[i] - start.min()[i]) / 2);
      }
    }
    var r = org.optsweep.gradient.GradientCheck.check(t.setup().objective(), centre, radius, gradientCheck.points(),
        gradientCheck.seed(), gradientCheck.tolerance());
    if (!r.passed()) {
      problems.add(study.startNode(), study.path() + "objective (check.gradient)", String.valueOf(
          t.setup().settings().get("objective")), "an objective whose gradient passes the check: " + r.message());
    }
  }

  private void blame(StudyParser.Parsed study, List<Axis> axes, int[] pick, Map<String, Object> values,
                     InputException e) {
    String owner = e instanceof InvalidParameterException ip ? ip.owner() : null;
    String param = e instanceof InvalidParameterException ip ? ip.parameter() : null;
    String ownerKind = owner == null ? null : owner.split(" ")[0];
    // The value at fault: the swept value of the parameter the refusal names, else its fixed value,
    // else (a whole owner refused, such as a data file) the first swept value of that owner.
    for (int k = 0; k < axes.size(); k++) {
      Axis a = axes.get(k);
      if (param != null && a.key().equals(ownerKind + "." + param)) {
        report(a.nodes().get(pick[k]), a.paths().get(pick[k]), a.values().get(pick[k]), others(values, a.key()), e);
        return;
      }
    }
    if (param != null && study.fixed().get(ownerKind + "." + param) != null) {
      Yaml.Node at = study.fixed().get(ownerKind + "." + param);
      report(at, ownerKind + "." + param, at.plain(), with(values), e);
      return;
    }
    for (int k = 0; k < axes.size(); k++) {
      Axis a = axes.get(k);
      if (ownerKind != null && a.key().startsWith(ownerKind + ".")) {
        report(a.nodes().get(pick[k]), a.paths().get(pick[k]), a.values().get(pick[k]), others(values, a.key()), e);
        return;
      }
    }
    for (Map.Entry<String, Yaml.Node> f : study.fixed().entrySet()) {
      if (ownerKind != null && f.getKey().startsWith(ownerKind + ".")) {
        report(f.getValue(), study.path() + f.getKey(), f.getValue().plain(), with(values), e);
        return;
      }
    }
    Axis first = axes.isEmpty() ? null : axes.get(0);
    if (first != null) {
      report(first.nodes().get(pick[0]), first.paths().get(pick[0]), first.values().get(pick[0]),
          others(values, first.key()), e);
    } else {
      problems.add(study.startNode(), study.path() + "(study " + study.spec().name() + ")", null, message(e));
    }
  }

  private void report(Yaml.Node at, String path, Object value, String context, InputException e) {
    problems.add(at, path, String.valueOf(value) + context, message(e));
  }

  private static String message(InputException e) {
    return e instanceof InvalidParameterException ip && ip.parameter() != null
        ? ip.owner() + " parameter " + ip.parameter() + ": " + ip.expected() : e.getMessage();
  }

  private static String others(Map<String, Object> values, String except) {
    Map<String, Object> rest = new LinkedHashMap<>(values);
    rest.remove(except);
    return with(rest);
  }

  private static String with(Map<String, Object> values) {
    return values.isEmpty() ? "" : " (with " + values.toString().replaceAll("^\\{|\\}$", "") + ")";
  }
}
