package org.optsweep.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The providers of one kind by name: optsweep's built-ins first, then those {@link ServiceLoader}
 * finds through the thread's context class loader (which on a Spark executor sees the jars passed with
 * {@code --jars}). A built-in name cannot be taken over by a plugin. Loaded once, on first use.
 *
 * @param <P> the provider interface of the kind
 */
public final class Registry<P extends Provider> {
  private final String kind;
  private final Class<P> type;
  private final List<P> builtIns;
  private volatile Map<String, P> all;

  /**
   * @param kind     the kind for messages ("objective")
   * @param type     the provider interface, also the ServiceLoader service
   * @param builtIns optsweep's own providers, in the order {@code optsweep list} shows them
   */
  public Registry(String kind, Class<P> type, List<P> builtIns) {
    this.kind = kind;
    this.type = type;
    this.builtIns = List.copyOf(builtIns);
  }

  /** Every provider by name, built-ins first, in a stable order. */
  public Map<String, P> all() {
    Map<String, P> m = all;
    if (m == null) {
      m = new LinkedHashMap<>();
      for (P p : builtIns) {
        m.put(p.name(), p);
      }
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      for (P p : ServiceLoader.load(type, cl != null ? cl : type.getClassLoader())) {
        m.putIfAbsent(p.name(), p);
      }
      m = Collections.unmodifiableMap(m);
      all = m;
    }
    return m;
  }

  /** Names of every provider. */
  public List<String> names() {
    return new ArrayList<>(all().keySet());
  }

  /** Whether {@code name} is one of optsweep's own (they always return; a plugin's code may not). */
  public boolean isBuiltIn(String name) {
    return builtIns.stream().anyMatch(p -> p.name().equals(name));
  }

  /**
   * The provider called {@code name}.
   *
   * @throws org.optsweep.InputException naming the unknown name, the closest known one and all names
   */
  public P find(String name) {
    P p = all().get(name);
    if (p == null) {
      throw new org.optsweep.InputException("unknown " + kind + " '" + name + "'"
          + Names.didYouMean(String.valueOf(name), all().keySet()) + " (known: " + String.join(", ", all().keySet())
          + ")");
    }
    return p;
  }

  /** Validates raw values against {@code name}'s parameters. */
  public Settings settings(String name, Map<String, ?> raw) {
    P p = find(name);
    return Settings.of(kind + " " + name, p.params(), raw);
  }
}
