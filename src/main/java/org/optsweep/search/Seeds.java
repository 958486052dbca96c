package org.optsweep.search;

import java.util.SplittableRandom;

/**
 * Random streams derived only from (job seed, purpose, study, trial, replicate) — never from the
 * partition, task or executor — so that local and cluster runs, retries and resumes draw the same
 * numbers. Mixing is SplitMix64's finaliser (Steele, Lea &amp; Flood 2014) applied to each part in turn.
 */
public final class Seeds {
  private Seeds() {}

  /** Stream purpose: drawing a random-search trial's parameter values. */
  public static final long TRIAL = 0x7472_6961_6cL;
  /** Stream purpose: the random shift of a study's Sobol points. */
  public static final long SOBOL = 0x736f_626fL;
  /** Stream purpose: a replicate's start point. */
  public static final long REPLICATE = 0x7265_706cL;
  /** Stream purpose: a confirmation replicate's start point — independent of every search stream. */
  public static final long CONFIRM = 0x636f_6e66L;
  /** Stream purpose: the bootstrap resamples of a setting's aRT interval. */
  public static final long BOOTSTRAP = 0x626f_6f74L;

  /** A 64-bit hash of the parts, order-sensitive. */
  public static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = fmix(h ^ fmix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A stream for the given parts. */
  public static SplittableRandom stream(long... parts) {
    return new SplittableRandom(mix(parts));
  }
}
