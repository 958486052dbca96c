package org.optsweep.spark;

/**
 * How a chunk's trials are split into Spark tasks: contiguous blocks, one per task, covering the
 * chunk exactly. Spark starts a stage's tasks in index order, so the last tasks run while other
 * cores fall idle one by one: the last {@code cores} blocks are a quarter and the {@code cores}
 * before them half the size of the others, which shortens that tail. Which task solves a trial never
 * changes its numbers.
 */
final class Blocks {
  private Blocks() {}

  /** The global trial range [first, last) of task k of {@code tasks} over [lo, hi), for {@code cores} cores. */
  static long[] block(long lo, long hi, int k, int tasks, int cores) {
    long n = hi - lo;
    return new long[] {lo + n * weightBefore(k, tasks, cores) / weightBefore(tasks, tasks, cores),
        lo + n * weightBefore(k + 1, tasks, cores) / weightBefore(tasks, tasks, cores)};
  }

  /** Σ of the block weights of tasks 0..k-1: 4 each, then 2 for the second-to-last wave, 1 for the last. */
  private static long weightBefore(int k, int tasks, int cores) {
    if (cores < 1 || tasks < 4 * cores) {
      return 4L * k;
    }
    long half = tasks - 2L * cores;
    long quarter = tasks - (long) cores;
    return 4L * Math.min(k, half) + 2L * Math.max(0, Math.min(k, quarter) - half) + Math.max(0, k - quarter);
  }
}
