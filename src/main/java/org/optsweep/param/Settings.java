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
  public static Settings of(String owner, List<? extends Param<?>> params, Map<String, ?> raw) {
    Map<String, Param<?>> byName = new LinkedHashMap<>();
    for (Param<?> p : params) {
      byName.put(p.name(), p);
    }
    for (String key : raw.keySet()) {
      if (!byName.containsKey(key)) {
        throw new InvalidParameterException(owner, key, raw.get(key),
            "a known parameter name" + Names.didYouMean(key, byName.keySet())
                + " (known: " + String.join(", ", byName.keySet()) + ")");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Param<?> p : params) {
      Object v = raw.containsKey(p.name()) ? p.coerce(owner, raw.get(p.name())) : p.defaultValue();
      out.put(p.name(), v);
    }
    return new Settings(owner, out);
  }

  /** Settings with every parameter at its default. */
  public static Settings defaults(String owner, List<? extends Param<?>> params) {
    return of(owner, params, Map.of());
  }

  public String owner() {
    return owner;
  }

  /**
   * The value of {@code p}, of its declared type.
   *
   * @throws IllegalArgumentException if {@code p} is not one of this owner's parameters
   */
  public <T> T get(Param<T> p) {
    if (!values.containsKey(p.name())) {
      throw new IllegalArgumentException(owner + " has no parameter " + p.name());
    }
    Object v = values.get(p.name());
    @SuppressWarnings("unchecked")
    T t = (T) (v instanceof double[] d ? d.clone() : v);
    return t;
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
