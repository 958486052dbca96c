package org.optsweep.reference;

import java.io.Serializable;
import java.util.Objects;

/**
 * What identifies one reference optimum: the objective, the data it is fitted on and the penalty. Two
 * trials with equal keys measure against the same reference, so a job computes one reference per distinct
 * key, not one per trial.
 *
 * <p>Equality is exact (records compare doubles with {@link Double#compare}): λ = 0.1 from a job file and
 * λ = 0.1 typed elsewhere are the same double. −0.0 is stored as 0.0 so that the two zeros are one key;
 * NaN (no α, as for group_sparse) equals NaN.
 *
 * @param objective       the objective's registered name; objectives whose shape depends on more than data
 *                        and penalty add those settings in braces, e.g. {@code autoencoder{hidden=3,...}}
 * @param dataFingerprint {@link org.optsweep.objective.DataSets#fingerprint} of the matrix the objective uses
 *                        (after standardisation), or {@code null} for objectives without data
 * @param lambda          the penalty weight λ (NaN if none)
 * @param alpha           the elastic-net mixing α in [0, 1] (NaN if none)
 * @param intercept       whether the model has an (unpenalised) intercept
 */
public record ReferenceKey(String objective, String dataFingerprint, double lambda, double alpha, boolean intercept)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ReferenceKey {
    Objects.requireNonNull(objective, "objective");
    lambda = lambda == 0 ? 0.0 : lambda;
    alpha = alpha == 0 ? 0.0 : alpha;
  }

  @Override
  public String toString() {
    return objective + "[data " + (dataFingerprint == null ? "none" : dataFingerprint.substring(0,
        Math.min(12, dataFingerprint.length()))) + ", lambda " + lambda + ", alpha " + alpha + ", intercept "
        + intercept + "]";
  }
}
