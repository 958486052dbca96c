package org.optsweep.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsweep.param.Names;

/** Reads a start point ({@code [25, 20]}) or a start box ({@code {min: [...], max: [...]}}), each coordinate at its position. */
final class StartParser {
  /** Most coordinates a start point may have: the largest dimension of any objective. */
  static final int MAX_COORDINATES = 1_000_000;

  private final Problems problems;

  StartParser(Problems problems) {
    this.problems = problems;
  }

  StudySpec.Start start(Yaml.Node n, String path, Yaml.Node study) {
    if (n == null || n.isNull()) {
      problems.add(n, path, n == null ? null : n.text(), "a start point (list of numbers) or a box {min: [...],"
          + " max: [...]}");
      return null;
    }
    if (n.isMap()) {
      Map<String, Yaml.Node> m = n.map();
      for (String k : m.keySet()) {
        if (!Set.of("min", "max").contains(k)) {
          problems.add(m.get(k), path + "." + k, null, "min or max" + Names.didYouMean(k, List.of("min", "max")));
        }
      }
      if (m.get("min") == null || m.get("max") == null) {
        problems.add(n, path, null, "both min and max corners of the start box");
        return null;
      }
      double[] lo = coordinates(m.get("min"), path + ".min");
      double[] hi = coordinates(m.get("max"), path + ".max");
      if (lo == null || hi == null) {
        return null;
      }
      if (lo.length != hi.length) {
        problems.add(n, path, null, "min and max of the same length (" + lo.length + " vs " + hi.length + ")");
        return null;
      }
      for (int i = 0; i < lo.length; i++) {
        if (!Double.isFinite(hi[i] - lo[i])) {
          problems.add(n, path, lo[i] + " .. " + hi[i], "corners with a finite width");
          return null;
        }
        if (!(lo[i] <= hi[i])) {
          problems.add(m.get("min"), path + ".min[" + i + "]", String.valueOf(lo[i]), "min <= max (max is " + hi[i]
              + ")");
          return null;
        }
      }
      return new StudySpec.Start(null, lo, hi);
    }
    double[] p = coordinates(n, path);
    return p == null ? null : new StudySpec.Start(p, null, null);
  }

  /** Finite numbers, a list or one number; each bad coordinate reported at its own position. */
  private double[] coordinates(Yaml.Node n, String path) {
    List<Yaml.Node> items = n.isList() ? n.list() : n.isScalar() ? List.of(n) : null;
    if (items == null || items.isEmpty()) {
      problems.add(n, path, n.text(), "a non-empty list of finite numbers");
      return null;
    }
    if (items.size() > MAX_COORDINATES) {
      problems.add(n, path, items.size() + " coordinates", "at most " + MAX_COORDINATES + " coordinates");
      return null;
    }
    double[] out = new double[items.size()];
    boolean ok = true;
    for (int i = 0; i < out.length; i++) {
      Yaml.Node c = items.get(i);
      String at = n.isList() ? path + "[" + i + "]" : path;
      if (c.value() instanceof Number num && !(c.value() instanceof java.math.BigInteger)
          && Double.isFinite(num.doubleValue())) {
        out[i] = num.doubleValue();
      } else {
        problems.add(c, at, c.text(), "a finite number");
        ok = false;
      }
    }
    return ok ? out : null;
  }
}
