package org.optsweep.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's parameter space: swept keys (qualified, {@code solver.gamma}, or {@code schedule} for the
 * schedule kind) in declaration order, each with its {@link Domain}.
 *
 * @param domains key → domain, in the order written in the job file
 */
public record Space(LinkedHashMap<String, Domain> domains) {

  /** The swept keys, in order. */
  public List<String> keys() {
    return List.copyOf(domains.keySet());
  }

  /** Number of swept parameters. */
  public int size() {
    return domains.size();
  }

  /** The domain of {@code key}, or null. */
  public Domain get(String key) {
    return domains.get(key);
  }

  /** Key → domain, read-only. */
  public Map<String, Domain> asMap() {
    return java.util.Collections.unmodifiableMap(domains);
  }
}
