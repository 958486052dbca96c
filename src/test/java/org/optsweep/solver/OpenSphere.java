package org.optsweep.solver;

import org.optsweep.objective.Objective;

/** Σx², open for overriding in tests that need a misbehaving objective. */
class OpenSphere implements Objective {
  private final double[] origin = new double[2];

  @Override
  public String name() {
    return "test_sphere";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double value(double[] x) {
    return x[0] * x[0] + x[1] * x[1];
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] g) {
    g[0] = 2 * x[0];
    g[1] = 2 * x[1];
  }

  @Override
  public double[] minimiser() {
    return origin;
  }

  @Override
  public double minimum() {
    return 0;
  }
}
