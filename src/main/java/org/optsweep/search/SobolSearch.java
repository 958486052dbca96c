package org.optsweep.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trial i is point i of a Sobol sequence (Joe &amp; Kuo direction numbers, commons-math3) shifted
 * modulo 1 by a draw from the job seed (Cranley &amp; Patterson 1976): the first 2^m trials fill every
 * stratum of every parameter once, which random search does not.
 */
public final class SobolSearch implements SearchMethod {
  @Override
  public String name() {
    return "sobol";
  }

  @Override
  public long trials(Space space, long trials) {
    return trials;
  }

  @Override
  public Map<String, Object> values(Space space, long seed, int study, long i) {
    int d = space.size();
    SplittableRandom shiftStream = Seeds.stream(seed, Seeds.SOBOL, study);
    double[] shift = new double[d];
    for (int k = 0; k < d; k++) {
      shift[k] = shiftStream.nextDouble();
    }
    double[] u = d == 0 ? new double[0] : Sobol.point(d, i, shift);
    Map<String, Object> v = new LinkedHashMap<>();
    int k = 0;
    for (Map.Entry<String, Domain> e : space.domains().entrySet()) {
      v.put(e.getKey(), e.getValue().at(u[k++]));
    }
    return v;
  }

  @Override
  public Map<String, String> refusals(Space space, long trials) {
    Map<String, String> out = new LinkedHashMap<>();
    if (space.size() > Sobol.MAX_DIMENSION) {
      out.put("", "at most " + Sobol.MAX_DIMENSION + " swept parameters for sobol search, found " + space.size());
    }
    if (trials > Sobol.MAX_POINTS) {
      out.put("search.trials", "at most " + Sobol.MAX_POINTS + " Sobol points");
    }
    return out;
  }

  @Override
  public boolean needsTrials() {
    return true;
  }
}
