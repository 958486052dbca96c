package org.optsweep.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent draws (Bergstra &amp; Bengio 2012): trial i's values come from a stream seeded by
 * (job seed, study, i), one uniform per parameter in declaration order.
 */
public final class RandomSearch implements SearchMethod {
  @Override
  public String name() {
    return "random";
  }

  @Override
  public long trials(Space space, long trials) {
    return trials;
  }

  @Override
  public Map<String, Object> values(Space space, long seed, int study, long i) {
    SplittableRandom rng = Seeds.stream(seed, Seeds.TRIAL, study, i);
    Map<String, Object> v = new LinkedHashMap<>();
    space.domains().forEach((k, d) -> v.put(k, d.draw(rng)));
    return v;
  }

  @Override
  public Map<String, String> refusals(Space space, long trials) {
    return Map.of();
  }

  @Override
  public boolean needsTrials() {
    return true;
  }
}
