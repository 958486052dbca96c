package org.optsweep.param;

import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggestions for mistyped names, shared by every place that refuses an unknown name. */
public final class Names {
  private Names() {}

  /**
   * " — did you mean 'x'?" for the closest known name by Levenshtein distance (case-insensitive),
   * when it is within max(2, length / 3) edits; else "".
   */
  public static String didYouMean(String key, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String k = key.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      int d = LevenshteinDistance.getDefaultInstance().apply(k, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " — did you mean '" + best + "'?" : "";
  }
}
