package org.optsweep.reference;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The optimum one run is measured against, with how it was obtained and how good it is — one row of the
 * {@code references/} table.
 *
 * <p>Distances are measured to {@link #x()}, value gaps to {@link #f()}. Where the minimiser is not unique
 * (ridge without penalty on dependent columns; a multi-start whose best value is reached at points far
 * apart) {@code x} is {@code null} and {@link #note()} says why, while {@code f} is still the minimum (or the
 * best value found): distances are then null with that reason, gaps are still measured.
 *
 * @param objective       the objective's name, as in {@link ReferenceKey#objective()}
 * @param dataFingerprint the data's fingerprint (see {@link ReferenceKey}), or {@code null} without data
 * @param lambda          λ, or NaN where the objective has none
 * @param alpha           α, or NaN where the objective has none
 * @param intercept       whether the model has an intercept (the last coordinate of x)
 * @param x               the minimiser (shared: never modify), or {@code null} when not unique or unknown
 * @param f               the objective's value at x (for BEST_KNOWN the best value found)
 * @param kktResidual     ∞-norm of the minimum-norm subgradient at x ({@link org.optsweep.reference.compute.Kkt}), or NaN where not defined
 *                        (non-convex or no subgradient structure)
 * @param kind            how good the reference is
 * @param method          how it was computed, with its settings and counts (one line, for people)
 * @param note            why x is {@code null} (the reason a distance is null), else {@code null}
 */
public record Reference(String objective, String dataFingerprint, double lambda, double alpha, boolean intercept,
                        double[] x, double f, double kktResidual, Kind kind, String method, String note)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public Reference {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    if (x == null && note == null) {
      throw new IllegalArgumentException("a reference without a minimiser must say why (note)");
    }
  }

  /** The key this reference is registered and looked up under. */
  public ReferenceKey key() {
    return new ReferenceKey(objective, dataFingerprint, lambda, alpha, intercept);
  }

  /** A reference for {@code key}. */
  public static Reference of(ReferenceKey key, double[] x, double f, double kktResidual, Kind kind, String method,
                             String note) {
    return new Reference(key.objective(), key.dataFingerprint(), key.lambda(), key.alpha(), key.intercept(), x, f,
        kktResidual, kind, method, note);
  }

  /**
   * The optimum an objective knows itself (closed form or published), kind EXACT.
   *
   * @param x the minimiser, or {@code null} when it is not unique ({@code note} then says why)
   */
  public static Reference exact(String objective, double[] x, double f, String method, String note) {
    return new Reference(objective, null, Double.NaN, Double.NaN, false, x, f, Double.NaN, Kind.EXACT, method,
        x == null && note == null ? "minimiser unknown" : note);
  }

  /** Whether distances can be measured (a unique minimiser is known). */
  public boolean hasMinimiser() {
    return x != null;
  }

  /** A copy attributed to another key (the same optimum for an objective known under another name). */
  public Reference withKey(ReferenceKey key) {
    return of(key, x, f, kktResidual, kind, method, note);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reference r && key().equals(r.key()) && Arrays.equals(x, r.x)
        && Double.compare(f, r.f) == 0 && Double.compare(kktResidual, r.kktResidual) == 0 && kind == r.kind
        && method.equals(r.method) && Objects.equals(note, r.note);
  }

  @Override
  public int hashCode() {
    return key().hashCode() * 31 + Arrays.hashCode(x);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Reference{%s, %s, f=%.17g, kkt=%.3g, x=%s, %s%s}", key(), kind.key(), f,
        kktResidual, x == null ? "null" : x.length + " coordinates", method, note == null ? "" : ", note: " + note);
  }
}
