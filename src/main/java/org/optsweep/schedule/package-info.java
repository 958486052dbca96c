/**
 * Learning-rate schedules: constant, piecewise (the seed's {@code lr_}), step, exponential, inverse
 * time, cosine annealing, each optionally behind a linear warm-up. All are pure functions of the
 * 1-based iteration number, so a solve can be replayed from any iteration.
 */
package org.optsweep.schedule;
