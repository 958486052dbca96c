package org.optsweep.reference.compute;

import org.optsweep.reference.Reference;
import org.optsweep.reference.Kind;
import org.optsweep.reference.Figures;
import org.optsweep.reference.RegularizedCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.optsweep.objective.Glm;
import org.optsweep.reference.RegularizedCases.Case;
import org.optsweep.spark.SharedSpark;

/**
 * MLlib's trainers under the mapping, certified and polished, against the independent optima of
 * {@code regularized.json}. Tolerances: 1e-8 relative in w, b and f (the README's suggestion for the
 * raw-unit cases; the standardised ones meet it with room), KKT ≤ 1e-9 (the default target). The figures —
 * MLlib's own error and residual before polishing, iterations, seconds, Newton steps — go to
 * {@code target/figures/mllib-*.txt}.
 */
class MllibReferencesTest {

  private static String figures(Case c, MllibReferences.Fit fit, double seconds, Glm f, Reference r) {
    return String.format(Locale.ROOT, "%-32s MLlib it=%4d %5.1fs rel_w=%.1e rel_b=%.1e kkt=%.1e | %s rel_w=%.1e rel_b=%.1e "
        + "rel_f=%.1e kkt=%.1e", c.name(), fit.iterations(), seconds, c.relW(fit.x()), c.relB(fit.x()), Kkt.residual(f, fit.x()),
        r.kind().key(), c.relW(r.x()), c.relB(r.x()), c.relF(r.f()), r.kktResidual());
  }

  private static void check(String figures, List<Case> cases) {
    Figures.start(figures, "case, MLlib: iterations, seconds, rel_w, rel_b, KKT | reference: kind, rel_w, rel_b, rel_f, KKT, method");
    for (Case c : cases) {
      Glm f = c.build();
      long start = System.nanoTime();
      MllibReferences.Fit fit = MllibReferences.fit(SharedSpark.get(), f, MllibReferences.Options.defaults());
      double seconds = (System.nanoTime() - start) / 1e9;
      Reference r = MllibReferences.certify(f, fit, MllibReferences.Options.defaults());
      String line = figures(c, fit, seconds, f, r);
      Figures.add(figures, line + " | " + r.method());
      assertEquals(f.referenceKey(), r.key());
      assertTrue(r.kind() == Kind.SPARK_ML || r.kind() == Kind.POLISHED, line);
      assertTrue(r.kktResidual() <= 1e-9 && r.kktResidual() == Kkt.residual(f, r.x()), line);
      assertTrue(c.relW(r.x()) <= 1e-8 && c.relB(r.x()) <= 1e-8 && Math.abs(c.relF(r.f())) <= 1e-8, line);
      assertEquals(f.value(r.x()), r.f(), 0.0);
    }
  }

  /** The lasso on diabetes in original units at 6 λ (λ_max down 4 decades), plus α = 0.5 with and without intercept. */
  @Test
  void diabetesLassoAndElasticNet() {
    check("mllib-diabetes", RegularizedCases.named("diabetes_"));
  }

  /** L1-logistic (and α = 0.5) on standardised breast cancer. */
  @Test
  void standardizedBreastCancerL1Logistic() {
    check("mllib-breast-cancer", RegularizedCases.named("breast_cancer_std"));
  }

  /**
   * The mapping, where both L1 and L2 parts are active (α = 0.5). Least squares: MLlib's objective history
   * ends at F/σ_y² of its own answer — σ_y the sample std of y — so the problem it solved is optsweep's F
   * up to that factor; its answer (unpolished) is within 1e-6 of the independent optimum, while the naive
   * map (regParam = λ, elasticNetParam = α) lands 0.1 or more away. Logistic: the history ends at F itself,
   * and the identity map is right.
   */
  @Test
  void mappingWithBothPenaltiesActive() {
    Case ls = RegularizedCases.get("diabetes_enet05_1e-1");
    Glm f = ls.build();
    double sigmaY = MllibReferences.labelSampleStd(f);
    double[] params = MllibReferences.mllibParams(f);
    // By hand from the map: regParam = λ(α + (1 − α)σ_y), elasticNetParam = λα/regParam.
    assertEquals(ls.lambda() * (0.5 + 0.5 * sigmaY), params[0], 1e-12 * params[0]);
    assertEquals(ls.lambda() * 0.5 / params[0], params[1], 1e-15);
    MllibReferences.Fit fit = MllibReferences.fit(SharedSpark.get(), f, MllibReferences.Options.defaults());
    double fx = f.value(fit.x());
    Figures.start("mllib-mapping", "alpha = 0.5, unpolished MLlib fits");
    Figures.add("mllib-mapping", "least squares: " + String.format(Locale.ROOT, "sigma_y=%.17g history*sigma_y^2=%.17g F=%.17g "
        + "rel_w=%.2e", sigmaY, fit.lastObjective() * sigmaY * sigmaY, fx, ls.relW(fit.x())));
    assertEquals(fx, fit.lastObjective() * sigmaY * sigmaY, 1e-12 * fx);
    assertTrue(ls.relW(fit.x()) <= 1e-6 && ls.relB(fit.x()) <= 1e-6, "rel_w " + ls.relW(fit.x()));
    MllibReferences.Fit naive = MllibReferences.fit(SharedSpark.get(), f, MllibReferences.Options.defaults(),
        new double[] {ls.lambda(), ls.alpha()});
    Figures.add("mllib-mapping", "least squares, naive map: " + "rel_w=" + ls.relW(naive.x()));
    assertTrue(ls.relW(naive.x()) > 0.1, "the sigma_y factor matters: " + ls.relW(naive.x()));

    Case lr = RegularizedCases.get("breast_cancer_std_enet05_1e-1");
    Glm g = lr.build();
    assertEquals(List.of(lr.lambda(), lr.alpha()), List.of(MllibReferences.mllibParams(g)[0],
        MllibReferences.mllibParams(g)[1]));
    MllibReferences.Fit lfit = MllibReferences.fit(SharedSpark.get(), g, MllibReferences.Options.defaults());
    double gx = g.value(lfit.x());
    Figures.add("mllib-mapping", "logistic: " + String.format(Locale.ROOT, "history=%.17g F=%.17g rel_w=%.2e",
        lfit.lastObjective(), gx, lr.relW(lfit.x())));
    assertEquals(gx, lfit.lastObjective(), 1e-12 * gx);
    assertTrue(lr.relW(lfit.x()) <= 1e-6 && lr.relB(lfit.x()) <= 1e-6, "rel_w " + lr.relW(lfit.x()));
  }
}
