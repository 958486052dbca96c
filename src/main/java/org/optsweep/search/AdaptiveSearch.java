package org.optsweep.search;

import java.util.Map;

/**
 * Successive halving and Hyperband ({@link RungPlan}): the settings are drawn as random search draws them (trial
 * i from the stream of (job seed, study, i)), and how many there are, how long each runs and which go on is the
 * plan's, built from the study's {@code max_iterations} and the {@code search} knobs
 * ({@link RungPlan#MIN_ITERATIONS}, {@link RungPlan#ETA}, {@link RungPlan#BRACKETS},
 * {@link RungPlan#REPLICATE_GROWTH}) and ranked by the job's {@link RankingMetric}.
 */
public final class AdaptiveSearch implements SearchMethod {
  /** {@code successive_halving}. */
  public static final String SUCCESSIVE_HALVING = "successive_halving";
  /** {@code hyperband}. */
  public static final String HYPERBAND = "hyperband";

  private final String name;
  private final RandomSearch sampler = new RandomSearch();

  /** @param name {@link #SUCCESSIVE_HALVING} or {@link #HYPERBAND} */
  public AdaptiveSearch(String name) {
    if (!name.equals(SUCCESSIVE_HALVING) && !name.equals(HYPERBAND)) {
      throw new IllegalArgumentException("adaptive search " + name);
    }
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Not known from the space alone: a study's trials are its {@link RungPlan#settings()}. */
  @Override
  public long trials(Space space, long trials) {
    throw new UnsupportedOperationException(name + ": the number of settings is the rung plan's");
  }

  @Override
  public Map<String, Object> values(Space space, long seed, int study, long i) {
    return sampler.values(space, seed, study, i);
  }

  @Override
  public Map<String, String> refusals(Space space, long trials) {
    return Map.of();
  }

  @Override
  public boolean needsTrials() {
    return false;
  }

  /**
   * {@code search.trials} is optional: successive halving's number of settings (absent: η^s_max), Hyperband's least
   * number of settings (absent: one iteration of its outer loop).
   */
  @Override
  public boolean allowsTrials() {
    return true;
  }

  @Override
  public boolean adaptive() {
    return true;
  }

  /**
   * The plan of a study whose solves run at most {@code maxIterations}.
   *
   * @param settings {@code search.trials}: successive halving's number of settings (0: η^s_max); for Hyperband
   *                 at least this many settings, in as many iterations of its outer loop as that takes (0: one)
   */
  public RungPlan plan(int maxIterations, int minIterations, int eta, int brackets, long settings, int replicates,
                       int growth) {
    return name.equals(HYPERBAND) ? RungPlan.hyperband(maxIterations, minIterations, eta, brackets, settings, replicates,
        growth)
        : RungPlan.successiveHalving(maxIterations, minIterations, eta, settings, replicates, growth);
  }
}
