package org.optsweep.reference;

import java.util.Locale;

/**
 * How good a {@link Reference} optimum is — the column {@code reference_kind} that tells a reader
 * whether a distance or gap is measured against a proven optimum or only against the best point known.
 * The kinds are never mixed silently: every reference carries exactly one.
 */
public enum Kind {
  /** Known in closed form or from the literature: ridge (QR/SVD), the test functions' published minima. */
  EXACT,
  /**
   * Spark MLlib's trainer ({@code LinearRegression}, {@code LogisticRegression}) as it returned, certified on
   * optsweep's own objective: its KKT residual is at most the target (1e-9 by default).
   */
  SPARK_ML,
  /**
   * MLlib's answer polished by Newton steps on its support (and sign pattern) until the KKT residual met the
   * target MLlib alone missed; certified the same way.
   */
  POLISHED,
  /**
   * Non-convex objectives: the best value a documented multi-start found ({@link org.optsweep.reference.compute.MultiStart}); not a proven
   * optimum, so a gap to it can be negative and a "success" means "as good as the best found".
   */
  BEST_KNOWN;

  /** The name stored in tables: {@code exact}, {@code spark_ml}, {@code polished}, {@code best_known}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether optimality is certified (closed form, or a KKT residual within the target), not just best found. */
  public boolean certified() {
    return this != BEST_KNOWN;
  }

  /** The kind stored as {@code key}. */
  public static Kind of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
