/**
 * Search spaces and the methods that choose trials from them: typed parameter domains (a fixed value,
 * a list of values, uniform, log-uniform and integer distributions) and one {@link
 * org.optsweep.search.SearchMethod} per method — grid, random, Sobol — each decoding trial i from i
 * alone, with every random stream derived from (job seed, purpose, study, trial, replicate)
 * ({@link org.optsweep.search.Seeds}).
 *
 * <p>Adaptive search: {@link org.optsweep.search.RungPlan} lays out successive halving and Hyperband (brackets,
 * rungs of settings × iterations × replicates, and the block of trial indices each bracket decodes) as a pure
 * function of R, r, η and the number of brackets; {@link org.optsweep.search.Promotion} ranks a rung's settings
 * by a {@link org.optsweep.search.RankingMetric}, ties by trial index. They are not {@code SearchMethod}s: a
 * method decodes trial i from (space, seed, study, i) and counts trials from the space and {@code search.trials}
 * alone, while a plan also needs the study's {@code max_iterations} and the rung knobs, and its trials only mean
 * something to a driver that runs rungs — the driver wires them (the settings themselves are the study's random
 * or Sobol trials 0 … {@link org.optsweep.search.RungPlan#settings()} − 1).
 */
package org.optsweep.search;
