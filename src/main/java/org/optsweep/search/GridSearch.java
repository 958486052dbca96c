package org.optsweep.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cartesian product of the {@code values} lists. Trial i is i in mixed radix, the last axis
 * fastest, as nested loops written in file order would run.
 */
public final class GridSearch implements SearchMethod {
  @Override
  public String name() {
    return "grid";
  }

  @Override
  public long trials(Space space, long trials) {
    long n = 1;
    for (Domain d : space.domains().values()) {
      n = Math.multiplyExact(n, d.gridSize());
    }
    return n;
  }

  @Override
  public Map<String, Object> values(Space space, long seed, int study, long i) {
    List<String> keys = space.keys();
    Object[] picked = new Object[keys.size()];
    long rest = i;
    for (int k = keys.size() - 1; k >= 0; k--) {
      Domain d = space.get(keys.get(k));
      long size = d.gridSize();
      picked[k] = d.gridValue(rest % size);
      rest /= size;
    }
    Map<String, Object> v = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      v.put(keys.get(k), picked[k]);
    }
    return v;
  }

  @Override
  public Map<String, String> refusals(Space space, long trials) {
    Map<String, String> out = new LinkedHashMap<>();
    space.domains().forEach((k, d) -> {
      if (d.gridSize() < 0) {
        out.put(k, "values: [...] or value: x in a grid search (a distribution needs search: {method: random,"
            + " trials: N})");
      }
    });
    return out;
  }

  @Override
  public boolean needsTrials() {
    return false;
  }
}
