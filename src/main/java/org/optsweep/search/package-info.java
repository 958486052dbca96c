/**
 * Search spaces and the methods that choose trials from them: typed parameter domains (a fixed value,
 * a list of values, uniform, log-uniform and integer distributions) and one {@link
 * org.optsweep.search.SearchMethod} per method — grid, random, Sobol — each decoding trial i from i
 * alone, with every random stream derived from (job seed, purpose, study, trial, replicate)
 * ({@link org.optsweep.search.Seeds}).
 */
package org.optsweep.search;
