package org.optsweep.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Rosenbrock;

/** Finite differences against their formulas, and the evaluation counts they cost. */
class EvaluatorTest {

  /** A cubic with a known gradient 3x², whose difference quotients have a closed form. */
  private static final Objective CUBE = new Objective() {
    public String name() {
      return "cube";
    }

    public int dimension() {
      return 1;
    }

    public double value(double[] x) {
      return x[0] * x[0] * x[0];
    }

    public boolean hasGradient() {
      return false;
    }

    public void gradient(double[] x, double[] g) {
      throw new UnsupportedOperationException();
    }

    public double[] minimiser() {
      return null;
    }

    public double minimum() {
      return Double.NaN;
    }
  };

  @Test
  void centralDifferenceOfACubeIsThreeXSquaredPlusHSquared() {
    // ((x+h)^3 - (x-h)^3) / 2h = 3x^2 + h^2 exactly (in exact arithmetic).
    Evaluator e = new Evaluator(CUBE, GradientMethod.CENTRAL, 0.01);
    double[] g = new double[1];
    e.gradient(new double[] {2}, g);
    assertEquals(12 + 1e-4, g[0], 1e-10);
    assertEquals(2, e.valueEvaluations());
    assertEquals(1, e.gradientEvaluations());
  }

  @Test
  void forwardDifferenceOfACubeIsThreeXSquaredPlusThreeXhPlusHSquared() {
    // ((x+h)^3 - x^3) / h = 3x^2 + 3xh + h^2
    Evaluator e = new Evaluator(CUBE, GradientMethod.FORWARD, 0.01);
    double[] g = new double[1];
    double f = e.valueAndGradient(new double[] {2}, g);
    assertEquals(8, f);
    assertEquals(12 + 0.06 + 1e-4, g[0], 1e-10);
    assertEquals(2, e.valueEvaluations(), "f(x) is reused as the base point");
  }

  @Test
  void relativeDefaultStepIsAccurateOnRosenbrockAndRestoresX() {
    Rosenbrock f = new Rosenbrock(4, 1, 100);
    double[] x = {-1.2, 1, 0.3, 2};
    double[] copy = x.clone();
    double[] exact = new double[4];
    f.gradient(x, exact);
    double[] central = new double[4];
    new Evaluator(f, GradientMethod.CENTRAL, 0).gradient(x, central);
    assertArrayEquals(copy, x, "x restored bit for bit");
    for (int i = 0; i < 4; i++) {
      assertEquals(exact[i], central[i], 1e-6 * Math.max(1, Math.abs(exact[i])), "coordinate " + i);
    }
  }

  @Test
  void xIsRestoredEvenWhenTheObjectiveThrows() {
    double[] x = {3, 4};
    Evaluator e = new Evaluator(new Objective() {
      public String name() {
        return "flaky";
      }

      public int dimension() {
        return 2;
      }

      public double value(double[] p) {
        if (p[0] != 3) {
          throw new IllegalStateException("off the grid");
        }
        return 0;
      }

      public boolean hasGradient() {
        return false;
      }

      public void gradient(double[] p, double[] g) {
      }

      public double[] minimiser() {
        return null;
      }

      public double minimum() {
        return Double.NaN;
      }
    }, GradientMethod.CENTRAL, 0.5);
    assertThrows(IllegalStateException.class, () -> e.gradient(x, new double[2]));
    assertArrayEquals(new double[] {3, 4}, x);
  }

  @Test
  void analyticGradientIsRefusedForAnObjectiveWithoutOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Evaluator(CUBE, GradientMethod.ANALYTIC, 0));
    assertEquals("objective cube has no analytic gradient: use gradient method central or forward", e.getMessage());
  }
}
