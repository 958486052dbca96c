package org.optsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code optsweep solve} and {@code optsweep list} through {@link Main#run}, as a user types them. */
class SolveCommandTest {

  record Outcome(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpIsPrintedEvenThoughRequiredOptionsAreMissing() {
    for (String h : new String[] {"--help", "-h"}) {
      Outcome o = run("solve", h);
      // solve has its own --h (the finite-difference step), so -h is that option, not help.
      if (h.equals("-h")) {
        assertEquals(2, o.code(), o.out());
        continue;
      }
      assertEquals(0, o.code(), o.err());
      assertTrue(o.out().startsWith("usage: optsweep solve"), o.out());
      assertTrue(o.out().contains("--target-distance"), o.out());
    }
    Outcome o = run("check", "-h");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("usage: optsweep check"), o.out());
  }

  @Test
  void solvesRosenbrockWithNelderMeadLikeScipy() throws Exception {
    Outcome o = run("solve", "--objective", "rosenbrock", "--start", "-1.2,1", "--solver", "nelder_mead");
    assertEquals(0, o.code(), o.err());
    JsonNode j = o.json();
    // scipy.optimize.minimize(rosen, [-1.2, 1], method='Nelder-Mead'): nfev 159, nit 85, x below.
    assertEquals(159, j.get("f_evals").asInt());
    assertEquals(84, j.get("iterations").asInt());
    assertEquals(1.0000220217835696, j.get("x").get(0).asDouble(), 1e-15);
    assertEquals("CONVERGED", j.get("status").asText());
    for (String k : new String[] {"x", "value", "distance", "value_gap", "iterations", "f_evals", "grad_evals",
        "status", "reason"}) {
      assertTrue(j.has(k), k);
    }
  }

  @Test
  void seedCommandWithTraceAndTargets() throws Exception {
    Outcome o = run("solve", "--objective", "ackley", "--dimension", "2", "--start", "25,20", "--solver", "nag",
        "--set", "gamma=0.2", "--schedule", "exponential", "--set", "lr0=1.5", "--set", "decay=0.995",
        "--max-iterations", "5000", "--target-distance", "2e-4", "--target-gap", "5e-4", "--trace");
    assertEquals(0, o.code(), o.err());
    JsonNode j = o.json();
    assertEquals("nag", j.get("settings").get("solver").asText());
    assertEquals(0.2, j.get("settings").get("solver_params").get("gamma").asDouble());
    JsonNode trace = j.get("trace");
    assertEquals(0, trace.get("iteration").get(0).asInt());
    // Ackley at (25, 20), worked by hand: -20 exp(-0.2 sqrt(512.5)) - exp((cos 50pi + cos 40pi)/2) + 20 + e
    double r = Math.sqrt((625 + 400) / 2.0);
    assertEquals(-20 * Math.exp(-0.2 * r) - Math.exp(1) + 20 + Math.E, trace.get("value").get(0).asDouble(), 1e-12);
    assertEquals(Math.hypot(25, 20), trace.get("distance").get(0).asDouble(), 1e-12);
    assertEquals(j.get("iterations").asInt(), trace.get("iteration").get(trace.get("iteration").size() - 1).asInt());
  }

  @Test
  void finiteDifferencesCountTheirEvaluations() throws Exception {
    Outcome o = run("solve", "--objective", "sphere", "--dimension", "3", "--start", "1,2,3", "--solver", "gd",
        "--set", "lr0=0.1", "--gradient", "central", "--max-iterations", "10");
    assertEquals(0, o.code(), o.err());
    // 10 gradients by central differences in 3-D: 2 * 3 evaluations each.
    assertEquals(60, o.json().get("f_evals").asInt());
    assertEquals(10, o.json().get("grad_evals").asInt());
  }

  @Test
  void badInputExitsTwoWithAMessageNamingIt() {
    Outcome o = run("solve", "--objective", "ackly", "--start", "1,2", "--solver", "nag");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("unknown objective 'ackly'") && o.err().contains("did you mean 'ackley'"), o.err());
    o = run("solve", "--objective", "ackley", "--start", "1,2,3", "--solver", "nag");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("3 coordinates") && o.err().contains("dimension 2"), o.err());
    o = run("solve", "--objective", "ackley", "--start", "1,2", "--solver", "adam", "--set", "beta1=1.0");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("beta1 given invalid value '1.0'") && o.err().contains("[0, 1)"), o.err());
    o = run("solve", "--objective", "ackley", "--start", "1,2", "--solver", "nag", "--set", "gama=0.2");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("did you mean 'gamma'"), o.err());
    o = run("solve", "--objective", "ackley", "--start", "1,x", "--solver", "nag");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("--start given invalid value '1,x'"), o.err());
    o = run("solve", "--objective", "ackley", "--solver", "nag");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("Missing required option: start"), o.err());
    o = run("solve", "--objective", "ackley", "--start", "1,2", "--solver", "nag", "--set", "lr0=-1");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("lr0 given invalid value '-1'"), o.err());
    o = run("solvee");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("did you mean 'solve'"), o.err());
    assertEquals("", o.out());
  }

  @Test
  void listShowsEveryNameWithDefaults() {
    Outcome o = run("list", "solvers");
    assertEquals(0, o.code());
    for (String s : new String[] {"gd", "momentum", "nag", "adam", "adagrad", "rmsprop", "lbfgs", "nelder_mead"}) {
      assertTrue(o.out().contains(s + " — "), s);
    }
    assertTrue(o.out().contains("beta2") && o.out().contains("0.999"));
    assertTrue(run("list", "schedules").out().contains("piecewise"));
    assertTrue(run("list", "objectives").out().contains("group_sparse"));
    assertEquals(2, run("list", "things").code());
  }
}
