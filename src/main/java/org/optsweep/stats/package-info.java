/**
 * The statistics behind optsweep's tables and report ("honest answers"): how often a setting reaches
 * the optimum and with what certainty, what a success costs, and how the answer depends on a parameter.
 *
 * <p>A single run of a chaotic solver is no evidence that a setting works (DESIGN.md: one ulp in a cosine
 * moves the end point from 7.6e-9 to 0.95), so every number the product reports about reliability comes
 * with an interval, and the definitions live here, once: success-rate intervals ({@link
 * org.optsweep.stats.Proportion}), COCO's average running time and its bootstrap ({@link
 * org.optsweep.stats.RunningTime}), runtime ECDFs ({@link org.optsweep.stats.RuntimeEcdf}), the
 * fixed-budget view ({@link org.optsweep.stats.FixedBudget}), the one quantile definition ({@link
 * org.optsweep.stats.Quantiles}), binned parameter sensitivity ({@link org.optsweep.stats.Sensitivity}) and
 * the number of distinct end points ({@link org.optsweep.stats.EndPoints}).
 *
 * <p>The package is pure: no Spark, no I/O, only the JDK, commons-math3 (for the beta and normal
 * quantiles) and EJML (for the Gram matrix). Inputs are primitive arrays; methods allocate at most their
 * result and, where stated, one scratch array per call — never per element or per resample. Anything
 * random takes a caller-given seed, so a number is a function of (data, seed) alone, however Spark splits
 * the work. Every method refuses bad arguments with an {@link java.lang.IllegalArgumentException} that
 * names the argument, the value and what was expected.
 */
package org.optsweep.stats;
