package org.optsweep.objective;

/**
 * An objective of the form F(x) = s(x) + μ·Σ_{j penalised} |x_j|: a smooth part s with an analytic
 * gradient, plus an L1 term of weight μ = {@link #l1Weight()} on some coordinates (for the elastic net
 * and L1-logistic regression, μ = λα on the coefficients w; the intercept is never penalised).
 *
 * <p>Proximal solvers (ISTA, FISTA) and OWL-QN use the split: they evaluate {@link #smoothValue} and
 * {@link #smoothGradient} and treat the L1 term exactly (soft-thresholding, orthant-wise steps).
 *
 * <p>{@link #value} is the full F. {@link #gradient} writes a <b>subgradient</b> so that plain gradient
 * solvers (GD, NAG, Adam, L-BFGS) can run on F: ∇s(x) + μ·sign(x_j) on the penalised coordinates, where
 * sign(0) = 0 — the subgradient whose L1 part is 0 at x_j = 0 (not the minimum-norm subgradient, which
 * {@link org.optsweep.reference.compute.Kkt} uses). Such solvers oscillate around the kinks instead of landing on
 * exact zeros, and their gradient-norm tests measure this subgradient, not optimality; a solve that
 * differentiates a composite objective with μ &gt; 0 says so in its stop reason
 * ({@link #SUBGRADIENT_NOTE}).
 */
public interface Composite extends Objective {

  /**
   * The detail a solve's stop carries when a plain gradient solver ran on a composite objective with an L1
   * weight &gt; 0.
   */
  String SUBGRADIENT_NOTE = "f has an L1 term: the solver used a subgradient (grad of the smooth part + "
      + "l1_weight*sign(x_j), 0 at x_j = 0), so gradient-norm tests do not measure optimality and iterates do "
      + "not land on exact zeros; ista, fista and owlqn treat the L1 term exactly";

  /** s(x), the smooth part (loss plus any L2 penalty). */
  double smoothValue(double[] x);

  /**
   * s(x) and ∇s(x) together.
   *
   * @param grad written with ∇s(x), length {@link #dimension()}
   * @return s(x)
   */
  double smoothValueAndGradient(double[] x, double[] grad);

  /** Writes ∇s(x) into {@code grad}. */
  default void smoothGradient(double[] x, double[] grad) {
    smoothValueAndGradient(x, grad);
  }

  /** μ ≥ 0, the weight of the L1 term (λα for the elastic net); 0 makes F smooth. */
  double l1Weight();

  /** Whether coordinate j carries the L1 term (false for an intercept). */
  boolean isPenalised(int j);

  /** Σ_{j penalised} |x_j|. */
  default double l1Norm(double[] x) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      if (isPenalised(j)) {
        s += Math.abs(x[j]);
      }
    }
    return s;
  }

  /**
   * The smooth part as an objective of its own (value s, gradient ∇s, no known optimum), so that an
   * {@link org.optsweep.gradient.Evaluator} can count its evaluations. Allocates one small view.
   */
  default Objective smoothPart() {
    return new SmoothPart(this);
  }

  /** The view {@link #smoothPart()} returns. */
  final class SmoothPart implements Objective {
    private final Composite f;

    SmoothPart(Composite f) {
      this.f = f;
    }

    @Override
    public String name() {
      return f.name() + " (smooth part)";
    }

    @Override
    public int dimension() {
      return f.dimension();
    }

    @Override
    public double value(double[] x) {
      return f.smoothValue(x);
    }

    @Override
    public boolean hasGradient() {
      return true;
    }

    @Override
    public void gradient(double[] x, double[] grad) {
      f.smoothGradient(x, grad);
    }

    @Override
    public double valueAndGradient(double[] x, double[] grad) {
      return f.smoothValueAndGradient(x, grad);
    }

    @Override
    public double[] minimiser() {
      return null;
    }

    @Override
    public double minimum() {
      return Double.NaN;
    }
  }
}
