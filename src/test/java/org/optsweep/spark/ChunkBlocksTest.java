package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a chunk's trials are split into task blocks (no Spark needed). */
class ChunkBlocksTest {
  @Test
  void blocksAreContiguousAndCoverTheChunkExactly() {
    long[][] cases = {{0, 20_000}, {250_000, 500_000}, {7, 8}, {3, 19}, {1L << 40, (1L << 40) + 123_457}};
    for (long[] c : cases) {
      for (int cores : new int[] {1, 2, 3, 16}) {
        for (int tasks : new int[] {1, 2, 5, 8, 64}) {
          long next = c[0];
          for (int k = 0; k < tasks; k++) {
            long[] b = Blocks.block(c[0], c[1], k, tasks, cores);
            assertEquals(next, b[0]);
            assertTrue(b[1] >= b[0]);
            next = b[1];
          }
          assertEquals(c[1], next);
        }
      }
    }
  }

  @Test
  void theLastWavesAreHalfAndQuarterBlocks() {
    // 8 tasks on 2 cores over 22,000 trials: weights 4,4,4,4,2,2,1,1 of 22 → 4,000 … 2,000 … 1,000.
    long[] sizes = new long[8];
    for (int k = 0; k < 8; k++) {
      long[] b = Blocks.block(0, 22_000, k, 8, 2);
      sizes[k] = b[1] - b[0];
    }
    assertEquals(java.util.List.of(4000L, 4000L, 4000L, 4000L, 2000L, 2000L, 1000L, 1000L),
        java.util.Arrays.stream(sizes).boxed().toList());
    // Too few tasks per core to taper: equal blocks.
    assertEquals(5000, Blocks.block(0, 20_000, 3, 4, 2)[1] - Blocks.block(0, 20_000, 3, 4, 2)[0]);
  }
}
