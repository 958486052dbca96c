package org.optsweep.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Names;
import org.optsweep.param.Param;
import org.optsweep.search.Domain;

/**
 * Reads one swept parameter's domain — {@code {value: x}}, {@code {values: [...]}}, {@code {distribution:
 * uniform | log_uniform | int_uniform, min: a, max: b}}, a bare value or a bare list — and checks every
 * value it can produce against the parameter's type and range at the position it was written.
 */
final class DomainParser {
  private static final List<String> DISTRIBUTIONS = List.of("uniform", "log_uniform", "int_uniform");
  private static final Set<String> KEYS = Set.of("value", "values", "distribution", "min", "max");

  private final Problems problems;

  DomainParser(Problems problems) {
    this.problems = problems;
  }

  /**
   * The domain written at {@code n} for parameter {@code p} (owned by {@code owner}), or null after
   * reporting what is wrong.
   */
  Domain parse(Yaml.Node n, String path, Param<?> p, String owner) {
    if (n.isList() && p.type() != Param.Type.DOUBLE_ARRAY) {
      return values(n, path, p, owner);
    }
    if (!n.isMap()) {
      return coerce(n, path, p, owner) ? new Domain.Fixed(n.plain()) : null;
    }
    Map<String, Yaml.Node> m = n.map();
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        problems.add(m.get(k), path + "." + k, null, "one of value, values, distribution, min, max"
            + Names.didYouMean(k, KEYS));
      }
    }
    int kinds = (m.containsKey("value") ? 1 : 0) + (m.containsKey("values") ? 1 : 0)
        + (m.containsKey("distribution") ? 1 : 0);
    if (kinds != 1) {
      problems.add(n, path, null, "exactly one of value, values or distribution (with min and max)");
      return null;
    }
    if (m.containsKey("value")) {
      return coerce(m.get("value"), path + ".value", p, owner) ? new Domain.Fixed(m.get("value").plain()) : null;
    }
    if (m.containsKey("values")) {
      Yaml.Node vs = m.get("values");
      if (!vs.isList()) {
        problems.add(vs, path + ".values", vs.text(), "a list of values");
        return null;
      }
      return values(vs, path + ".values", p, owner);
    }
    return distribution(n, m, path, p, owner);
  }

  private Domain distribution(Yaml.Node n, Map<String, Yaml.Node> m, String path, Param<?> p, String owner) {
    Yaml.Node dn = m.get("distribution");
    if (!(dn.value() instanceof String dist) || !DISTRIBUTIONS.contains(dist)) {
      String d = String.valueOf(dn.value());
      problems.add(dn, path + ".distribution", dn.text(), "one of " + DISTRIBUTIONS + Names.didYouMean(d, DISTRIBUTIONS));
      return null;
    }
    if (p.type() != Param.Type.DOUBLE && p.type() != Param.Type.INT) {
      problems.add(dn, path + ".distribution", dn.text(), "values: [...] (" + p.name() + " is not a number)");
      return null;
    }
    if (p.type() == Param.Type.INT && !dist.equals("int_uniform")) {
      problems.add(dn, path + ".distribution", dn.text(), "int_uniform (" + p.name() + " is an integer)");
      return null;
    }
    if (!m.containsKey("min") || !m.containsKey("max")) {
      problems.add(n, path, null, "min and max for distribution " + dist);
      return null;
    }
    Yaml.Node minNode = m.get("min");
    Yaml.Node maxNode = m.get("max");
    boolean ok = coerce(minNode, path + ".min", p, owner);
    ok &= coerce(maxNode, path + ".max", p, owner);
    if (!ok) {
      return null;
    }
    double lo = ((Number) p.coerce(owner, minNode.plain())).doubleValue();
    double hi = ((Number) p.coerce(owner, maxNode.plain())).doubleValue();
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      problems.add(Double.isFinite(lo) ? maxNode : minNode, path + (Double.isFinite(lo) ? ".max" : ".min"),
          String.valueOf(Double.isFinite(lo) ? hi : lo), "a finite bound for a distribution");
      return null;
    }
    if (!(lo <= hi)) {
      problems.add(minNode, path + ".min", String.valueOf(lo), "min <= max (max is " + hi + ")");
      return null;
    }
    if (dist.equals("int_uniform") && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
      problems.add(n, path, lo + " .. " + hi, "whole-number min and max for int_uniform");
      return null;
    }
    if (dist.equals("log_uniform") && !(lo > 0)) {
      problems.add(minNode, path + ".min", String.valueOf(lo), "min > 0 for log_uniform");
      return null;
    }
    return switch (dist) {
      case "uniform" -> new Domain.Uniform(lo, hi);
      case "log_uniform" -> new Domain.LogUniform(lo, hi);
      default -> new Domain.IntUniform((long) lo, (long) hi);
    };
  }

  private Domain values(Yaml.Node list, String path, Param<?> p, String owner) {
    if (list.list().isEmpty()) {
      problems.add(list, path, "[]", "at least one value");
      return null;
    }
    List<Object> vals = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.list().size(); i++) {
      Yaml.Node v = list.list().get(i);
      ok &= coerce(v, path + "[" + i + "]", p, owner);
      vals.add(v.plain());
    }
    return ok ? new Domain.Values(List.copyOf(vals)) : null;
  }

  private boolean coerce(Yaml.Node v, String path, Param<?> p, String owner) {
    try {
      p.coerce(owner, v.plain());
      return true;
    } catch (InvalidParameterException e) {
      problems.add(v, path, v.text(), e.expected());
      return false;
    }
  }
}
