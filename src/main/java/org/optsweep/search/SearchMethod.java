package org.optsweep.search;

import java.util.List;
import java.util.Map;

/**
 * How a study's trials are chosen from its {@link Space}. Trial i is decoded from i alone — on any
 * executor, in any order — so the driver never holds a list of trials and the same job gives the same
 * trials however it is split. One implementation per method; adaptive methods (successive halving,
 * Hyperband) join here.
 */
public interface SearchMethod {

  /** The name used in job files ({@code grid}). */
  String name();

  /**
   * Number of trials of a study.
   *
   * @param trials the job's {@code search.trials} (ignored by grid search, whose size is the space's)
   * @throws ArithmeticException if the count does not fit in a long
   */
  long trials(Space space, long trials);

  /**
   * The swept values of trial i of study {@code study}: key → raw value, in the space's order.
   *
   * @param seed the job seed
   */
  Map<String, Object> values(Space space, long seed, int study, long i);

  /**
   * What this method cannot do with the space: key → what was expected (grid search cannot sweep a
   * distribution; Sobol points have at most {@link Sobol#MAX_DIMENSION} dimensions). Empty if fine.
   */
  Map<String, String> refusals(Space space, long trials);

  /** Whether {@code search.trials} must be given ({@code false} for grid search). */
  boolean needsTrials();

  /** Whether {@code search.trials} may be given (by default: when it must). */
  default boolean allowsTrials() {
    return needsTrials();
  }

  /** Whether the method runs rungs ({@link AdaptiveSearch}) rather than every trial to the end. */
  default boolean adaptive() {
    return false;
  }

  /** The built-in methods by name. */
  static List<SearchMethod> all() {
    return List.of(new GridSearch(), new RandomSearch(), new SobolSearch(),
        new AdaptiveSearch(AdaptiveSearch.SUCCESSIVE_HALVING), new AdaptiveSearch(AdaptiveSearch.HYPERBAND));
  }
}
