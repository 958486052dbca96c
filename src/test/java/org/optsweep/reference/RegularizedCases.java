package org.optsweep.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optsweep.objective.Glm;
import org.optsweep.objective.Objectives;

/**
 * The independent reference optima of {@code src/test/resources/reference/regularized/regularized.json}
 * (numpy coordinate descent / proximal Newton to a KKT residual of 1e-12, cross-checked with scikit-learn
 * and scipy; see the README there), and the comparisons the tests make against them.
 *
 * <p>Relative errors, as in that README: rel_w = max_j |w_j − w*_j| / max(max_j |w*_j|, 1) — the guard 1
 * only matters at λ = λ_max, where w* = 0 and the error is absolute; rel_b = |b − b*| / max(1, |b*|);
 * rel_f = (F − F*)/F*.
 */
public final class RegularizedCases {
  private RegularizedCases() {}

  /**
   * One case.
   *
   * @param name       e.g. {@code diabetes_lasso_k3}
   * @param loss       {@code least_squares} or {@code logistic}
   * @param data       CSV path from the repository root (the working directory of the tests)
   * @param kktFloat64 the residual of the stored point evaluated in double, as a Java check sees it
   */
  public record Case(String name, String loss, String data, boolean standardize, double lambda, double alpha,
                     boolean intercept, double[] w, double b, double f, double kktFloat64, double lambdaMax) {

    /** The objective's registered name. */
    public String objective() {
      return loss.equals("least_squares") ? "elastic_net" : "logistic";
    }

    /** The objective on this case's data, built through the registry as a job file would. */
    public Glm build() {
      return (Glm) Objectives.find(objective()).create(Map.of("data", data, "dimension", w.length, "lambda", lambda,
          "alpha", alpha, "intercept", intercept, "standardize", standardize));
    }

    /** (w*, b*), b* last when there is an intercept. */
    public double[] x() {
      double[] x = java.util.Arrays.copyOf(w, intercept ? w.length + 1 : w.length);
      if (intercept) {
        x[w.length] = b;
      }
      return x;
    }

    /** rel_w of a point (w, b). */
    public double relW(double[] x) {
      double err = 0;
      double scale = 1;
      for (int j = 0; j < w.length; j++) {
        err = Math.max(err, Math.abs(x[j] - w[j]));
        scale = Math.max(scale, Math.abs(w[j]));
      }
      return err / scale;
    }

    /** rel_b of a point (0 without intercept). */
    public double relB(double[] x) {
      return intercept ? Math.abs(x[w.length] - b) / Math.max(1, Math.abs(b)) : 0.0;
    }

    /** rel_f of an objective value. */
    public double relF(double value) {
      return (value - f) / f;
    }
  }

  private static List<Case> cases;

  /** Every case, in file order. */
  public static synchronized List<Case> all() {
    if (cases == null) {
      try {
        JsonNode root = new ObjectMapper().readTree(
            Path.of("src/test/resources/reference/regularized/regularized.json").toFile());
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
          double[] w = new double[c.get("w").size()];
          for (int j = 0; j < w.length; j++) {
            w[j] = c.get("w").get(j).asDouble();
          }
          out.add(new Case(c.get("name").asText(), c.get("loss").asText(), c.get("data").asText(),
              c.get("standardize").asBoolean(), c.get("lambda").asDouble(), c.get("alpha").asDouble(),
              c.get("intercept").asBoolean(), w, c.get("b").asDouble(), c.get("f").asDouble(),
              c.get("kkt_residual_float64").asDouble(), c.get("lambda_max").asDouble()));
        }
        cases = List.copyOf(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cases;
  }

  /** The cases whose name starts with {@code prefix}. */
  public static List<Case> named(String prefix) {
    return all().stream().filter(c -> c.name().startsWith(prefix)).toList();
  }

  /** One case by its full name. */
  public static Case get(String name) {
    return all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }
}
