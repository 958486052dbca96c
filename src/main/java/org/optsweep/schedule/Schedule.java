package org.optsweep.schedule;

/**
 * A learning rate as a function of the iteration number.
 *
 * <p>{@code t} is 1-based, exactly the seed question's loop variable ({@code for i in range(1,
 * num_iters+1): ... lr(i)}), so the seed's piecewise {@code lr_} is expressed with its own boundaries.
 * The decaying schedules are written in k = t − 1, the number of steps already taken, so that the
 * first step uses {@code lr0} as PyTorch's {@code ExponentialLR}, {@code StepLR} and
 * {@code CosineAnnealingLR} do. Implementations are immutable and allocation-free.
 */
public interface Schedule {

  /** The learning rate for iteration {@code t ≥ 1}. */
  double rate(int t);
}
