package org.optsweep.spec;

import org.optsweep.InputException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsweep.cli.Main;

/** Every kind of bad job file gets a message naming the place, the field and the value. */
class JobParserTest {
  @TempDir
  Path tmp;

  static final String HEAD = "name: t\nseed: 1\nobjective: {name: ackley, dimension: 2}\nstart: [25, 20]\n";

  /** Parses and expects exactly the problems containing each of the fragments. */
  static InputException refused(String yaml, String... fragments) {
    InputException e = assertThrows(InputException.class, () -> JobParser.parse("job.yaml", yaml));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "expected «" + f + "» in:\n" + e.getMessage());
    }
    return e;
  }

  @Test
  void unknownKeysWithDidYouMean() {
    var e = refused(HEAD + "solver: nag\nreplicate: {count: 3}\n", "job.yaml:6:12: replicate",
        "did you mean 'replicates'?");
    assertEquals(1, e.problems().size());
    refused(HEAD + "solver: nag\nparameters:\n  gama: {values: [0.1]}\n", "parameters.gama", "did you mean 'gamma'?");
    refused(HEAD + "solver: nag\nparameters:\n  gamma: {vlues: [0.1]}\n", "parameters.gamma.vlues",
        "did you mean 'values'?");
  }

  @Test
  void adaptiveSearchKnobs() {
    String sweep = "solver: nag\nstopping: {max_iterations: 810}\nparameters:\n  gamma: {values: [0.2, 0.9]}\n";
    refused(HEAD + sweep + "search: {method: hyperband}\n", "search.metric", "value_gap, distance, success");
    refused(HEAD + sweep + "search: {method: random, trials: 9, eta: 3}\n", "search.eta = 3",
        "no eta for random search");
    refused(HEAD + sweep + "search: {method: hyperband, metric: gap}\n", "search.metric = 'gap'", "value_gap");
    refused(HEAD + sweep + "search: {method: hyperband, metric: value_gap, min_iterations: 1000}\n",
        "search.min_iterations = 1000", "1 .. max_iterations = 810");
    refused(HEAD + sweep + "search: {method: successive_halving, metric: value_gap, min_iterations: 10, trials: 5}\n",
        "search.trials = 5", "at least 81");
    refused(HEAD + "solver: nag\nparameters:\n  max_iterations: {values: [100, 810]}\n"
        + "search: {method: hyperband, metric: value_gap}\n", "max_iterations", "a fixed stopping.max_iterations");
    // R = 810, r = 10, eta = 3: Li et al.'s Table 1 scaled by 10: brackets of 81, 34, 15, 8 and 5 settings.
    JobSpec j = JobParser.parse("job.yaml", HEAD + sweep + "search: {method: hyperband, metric: distance, "
        + "min_iterations: 10}\nreplicates: {count: 2}\n");
    assertEquals(143, j.totalTrials());
    assertEquals(5, j.chunks());
    assertEquals(org.optsweep.search.RankingMetric.DISTANCE, j.metric());
    assertEquals(java.util.List.of(81L, 34L, 15L, 8L, 5L), j.plans().get(0).brackets().stream()
        .map(b -> b.settings()).toList());
  }

  @Test
  void wrongTypes() {
    refused(HEAD + "solver: nag\nreplicates: {count: many}\n", "replicates.count = 'many'", "a number");
    refused(HEAD + "solver: nag\nparameters:\n  gamma: {values: [0.1, fast]}\n", "parameters.gamma.values[1] = 'fast'",
        "a number");
    refused(HEAD + "solver: nag\nparameters: [gamma]\n", "parameters = [gamma]", "a mapping");
    refused(HEAD + "solver: nag\nstopping: {max_iterations: 2.5}\n", "max_iterations", "2.5", "an integer");
  }

  @Test
  void minAboveMaxAndLogUniformAtZero() {
    refused(HEAD + "solver: nag\nparameters:\n  gamma: {distribution: uniform, min: 0.9, max: 0.1}\n",
        "job.yaml:7:", "parameters.gamma.min = 0.9", "min <= max (max is 0.1)");
    refused(HEAD + "solver: nag\nparameters:\n  schedule.lr0: {distribution: log_uniform, min: 0, max: 1}\n",
        "parameters.schedule.lr0.min", "0", "in (0, inf)");
    refused(HEAD + "solver: nag\nparameters:\n  stopping.step_tolerance: {distribution: log_uniform, min: 0, max: 1}\n",
        "stopping.step_tolerance.min = 0.0", "min > 0 for log_uniform");
  }

  @Test
  void negativeLearningRateAndTolerance() {
    refused(HEAD + "solver: nag\nschedule: {kind: constant, lr0: -0.1}\n", "job.yaml:6:", "schedule.lr0 = -0.1",
        "(0, inf)");
    refused(HEAD + "solver: nag\nstopping: {step_tolerance: -1}\n", "stopping.step_tolerance = -1", "[0, inf)");
    refused(HEAD + "solver: nag\nparameters:\n  schedule.lr0: {values: [0.1, -1]}\n",
        "parameters.schedule.lr0.values[1] = -1", "(0, inf)");
    // Values are echoed as written in the file (-1.0e-6), not as Java prints the double.
    refused(HEAD + "solver: nag\nparameters:\n  stopping.step_tolerance: {value: -1.0e-6}\n",
        "stopping.step_tolerance.value = -1.0e-6", "[0, inf)");
  }

  @Test
  void betaOutsideTheUnitInterval() {
    refused(HEAD + "solver: adam\nparameters:\n  beta2: {values: [0.9, 1.0]}\n",
        "job.yaml:7:", "parameters.beta2.values[1] = 1.0", "in [0, 1)");
    refused(HEAD + "solver: adam\nparameters:\n  beta1: {distribution: uniform, min: -0.1, max: 0.9}\n",
        "parameters.beta1.min = -0.1", "in [0, 1)");
  }

  @Test
  void unknownNames() {
    refused(HEAD.replace("ackley", "ackly") + "solver: nag\n", "objective.name = 'ackly'", "did you mean 'ackley'?");
    refused(HEAD + "solver: nesterov\n", "solver = 'nesterov'", "known: gd, momentum, nag");
    refused(HEAD + "solver: nag\nschedule: expo\n", "schedule = 'expo'", "an schedule name");
    refused(HEAD + "solver: nag\nparameters:\n  schedule: {values: [constant, cosinus]}\n",
        "parameters.schedule.values[1] = 'cosinus'", "one of [constant, piecewise");
    refused(HEAD + "solver: nag\ngradient: {method: complex_step}\n", "complex_step", "one of [auto, analytic, central, forward]");
  }

  @Test
  void startPointOfTheWrongDimension() {
    refused("name: t\nobjective: {name: ackley, dimension: 3}\nstart: [25, 20]\nsolver: nag\n",
        "start = [25.0, 20.0]", "3 coordinates: objective ackley has dimension 3");
  }

  @Test
  void emptyValues() {
    refused(HEAD + "solver: nag\nparameters:\n  gamma: {values: []}\n", "parameters.gamma.values = []",
        "at least one value");
  }

  @Test
  void gridLargerThanALong() {
    StringBuilder b = new StringBuilder(SearchSpaceTest.bigGrid(5));
    b.append("  stopping.gradient_tolerance: {values: [");
    for (int v = 1; v <= 1 << 16; v++) {
      b.append(v).append(v < 1 << 16 ? ", " : "]}\n");
    }
    b.append("  stopping.divergence_bound: {values: [");
    for (int v = 1; v <= 1 << 10; v++) {
      b.append(v * 1e12).append(v < 1 << 10 ? ", " : "]}\n");
    }
    // 2^40 * 2^16 * 2^10 = 2^66 points.
    refused(b.toString(), "search", "fit in a 64-bit count");
  }

  @Test
  void missingUnreadableOrMalformedDataFiles() throws IOException {
    refused(HEAD.replace("{name: ackley, dimension: 2}", "{name: ridge, data: /nonexistent/x.csv}")
        .replace("[25, 20]", "[0, 0, 0, 0, 0]") + "solver: lbfgs\n", "/nonexistent/x.csv");
    Path ragged = tmp.resolve("ragged.csv");
    Files.writeString(ragged, "1,2,3\n4,5\n");
    refused("name: t\nobjective: {name: ridge, data: " + ragged + ", dimension: 2}\nstart: [0, 0]\nsolver: lbfgs\n",
        ragged.toString(), "line 2");
    Path words = tmp.resolve("words.csv");
    Files.writeString(words, "1,2,3\n4,five,6\n");
    refused("name: t\nobjective: {name: ridge, data: " + words + ", dimension: 2}\nstart: [0, 0]\nsolver: lbfgs\n",
        words.toString(), "line 2", "five");
  }

  @Test
  void distributionsInAGridAndInfiniteStartBoxes() {
    refused(HEAD + "solver: nag\nparameters:\n  gamma: {distribution: uniform, min: 0, max: 0.5}\n",
        "parameters.solver.gamma = uniform [0.0, 0.5]", "a distribution needs search: {method: random");
    // The corner's own coordinate is named (start.min[0]); YAML's spelling of infinity is -.inf.
    refused("name: t\nobjective: sphere\nstart: {min: [-Infinity, 0], max: [1, 1]}\nsolver: gd\n",
        "start.min[0]", "a finite number");
    refused("name: t\nobjective: sphere\nstart: {min: [-.inf, 0], max: [1, 1]}\nsolver: gd\n",
        "start.min[0] = -.inf", "a finite number");
  }

  @Test
  void aSixtyFourBitSeedIsKeptExactly() {
    JobSpec j = JobParser.parse("job.yaml", HEAD.replace("seed: 1", "seed: 9007199254740993") + "solver: nag\n");
    assertEquals(9007199254740993L, j.seed());
  }

  @Test
  void duplicateStudyNames() {
    refused("name: t\nobjective: {name: ackley}\nstart: [1, 1]\nstudies:\n  - {name: a, solver: nag}\n"
        + "  - {name: a, solver: adam}\n", "studies[1].name = 'a'", "not used by another study");
  }

  @Test
  void yamlSyntaxErrorsAndTypeTags() {
    refused("name: t\nsolver: [nag\n", "job.yaml:", "YAML syntax error");
    refused("name: !!java.lang.Runtime t\n", "YAML type tags are not allowed");
    refused("name: t\nname: u\n", "duplicate key 'name'");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var e = refused(HEAD + "solver: adam\nreplicates: {count: 0}\nparameters:\n  beta1: {values: [1.5]}\n"
        + "  eps: {distribution: log_uniform, min: -1, max: 1}\n", "replicates.count", "beta1", "eps");
    assertEquals(3, e.problems().size(), e.getMessage());
  }

  static Stream<Path> shippedJobs() throws IOException {
    return Files.list(Path.of("jobs")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("shippedJobs")
  void everyShippedJobValidates(Path job) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"validate", job.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("valid"));
  }

  @Test
  void theSeedJobIsTheSeedQuestion() {
    JobSpec j = JobParser.parse(Path.of("jobs/seed-ackley-nag.yaml"));
    assertEquals("nag", j.studies().get(0).solver());
    assertEquals(java.util.List.of(25.0, 20.0), java.util.Arrays.stream(j.studies().get(0).start().point()).boxed().toList());
    assertEquals(2e-4, j.targets().distances()[0]);
    assertEquals(5e-4, j.targets().gaps()[0]);
    assertTrue(j.replicates() > 1);
  }

  @Test
  void validateExitsTwoWithEveryProblemAndWritesNothing() throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, HEAD + "solver: nag\nparameters:\n  gamma: {values: [2]}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"validate", bad.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(bad + ":7:"), err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count());
    }
  }
}
