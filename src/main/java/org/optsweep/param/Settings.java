package org.optsweep.param;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable, validated assignment of values to a component's {@link Param}s, defaults filled in.
 *
 * <p>Built once per trial by {@link #of}, which refuses unknown names (with a did-you-mean) and bad
 * values before any solve starts; the typed getters are then plain map look-ups.
 */
public final class Settings {
  private final String owner;
  private final Map<String, Object> values;

  private Settings(String owner, Map<String, Object> values) {
    this.owner = owner;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Validates raw values against the declared parameters and fills in the defaults.
   *
   * @param owner  what the parameters belong to, for messages ("solver nag")
   * @param params the declared parameters
   * @param raw    name → raw value (number, string, boolean, list); may name a subset
   * @throws InvalidParameterException on an unknown name or a bad value
   */
  public static Settings of(String owner, List<Param> params, Map<String, ?> raw) {
    Map<String, Param> byName = new LinkedHashMap<>();
    for (Param p : params) {
      byName.put(p.name(), p);
    }
    for (String key : raw.keySet()) {
      if (!byName.containsKey(key)) {
        throw new InvalidParameterException(owner, key, raw.get(key),
            "a known parameter name" + didYouMean(key, byName.keySet())
                + " (known: " + String.join(", ", byName.keySet()) + ")");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Param p : params) {
      Object v = raw.containsKey(p.name()) ? p.coerce(owner, raw.get(p.name())) : p.defaultValue();
      out.put(p.name(), v);
    }
    return new Settings(owner, out);
  }

  /** Settings with every parameter at its default. */
  public static Settings defaults(String owner, List<Param> params) {
    return of(owner, params, Map.of());
  }

  /** " — did you mean 'x'?" for the closest known name within edit distance 2, else "". */
  public static String didYouMean(String key, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " — did you mean '" + best + "'?" : "";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  public String owner() {
    return owner;
  }

  public double getDouble(String name) {
    return ((Number) require(name)).doubleValue();
  }

  public int getInt(String name) {
    return ((Number) require(name)).intValue();
  }

  public boolean getBoolean(String name) {
    return (Boolean) require(name);
  }

  /** A choice or text value; {@code null} for a text parameter that was not given. */
  public String getString(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(owner + " has no parameter " + name);
    }
    Object v = values.get(name);
    return v == null ? null : v.toString();
  }

  /** A copy of a list parameter; {@code null} when not given and without default. */
  public double[] getDoubles(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(owner + " has no parameter " + name);
    }
    double[] v = (double[]) values.get(name);
    return v == null ? null : v.clone();
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(owner + " has no value for parameter " + name);
    }
    return v;
  }

  /** Name → value, defaults included, in declaration order (arrays as double[]). */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + (v instanceof double[] d ? Arrays.toString(d) : v)));
    return owner + "{" + String.join(", ", parts) + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Settings s) || !owner.equals(s.owner) || !values.keySet().equals(s.values.keySet())) {
      return false;
    }
    for (String k : values.keySet()) {
      Object a = values.get(k);
      Object b = s.values.get(k);
      if (a instanceof double[] x && b instanceof double[] y ? !Arrays.equals(x, y) : !java.util.Objects.equals(a, b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return owner.hashCode() * 31 + values.keySet().hashCode();
  }
}
