package org.optsweep.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsweep.InputException;
import org.optsweep.Problem;
import org.optsweep.objective.DataCache;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Names;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.search.SearchMethod;
import org.optsweep.solver.Targets;

/**
 * Reads and validates a job file. Every problem found is collected — unknown keys with a
 * did-you-mean, wrong types, bad ranges, unknown names, wrong start dimensions, unreadable data,
 * values that fail only in combination — and reported together, each with file:line:column, the
 * field path, the value and what was expected. Nothing here starts Spark or writes anything.
 *
 * <p>The parts: {@link Yaml} (positions, empty values, aliases), {@link Sections} (the job-level
 * sections, declared as parameters), {@link StudyParser} and {@link DomainParser} (studies and their
 * swept parameters, routed by {@link Owners}), {@link TrialChecker} (combinations).
 */
public final class JobParser {
  /** Largest job file read, in bytes: a job is a page of YAML, not a data set. */
  public static final int MAX_JOB_BYTES = 8 << 20;

  private static final Set<String> TOP_KEYS;

  static {
    Set<String> keys = new LinkedHashSet<>(StudyParser.STUDY_KEYS);
    keys.addAll(List.of("seed", "description", "studies"));
    Sections.all().forEach(s -> keys.add(s.name()));
    TOP_KEYS = Set.copyOf(keys);
  }

  /** seed: the job seed every random stream derives from; default 0. */
  public static final Param<Long> SEED = Param.whole("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE,
      "the job seed: every random stream derives from it, the trial and the replicate");

  private final Problems problems;
  private final boolean checkTrials;

  private JobParser(String file, boolean checkTrials) {
    this.problems = new Problems(file);
    this.checkTrials = checkTrials;
  }

  /** Reads and validates the job file at {@code path}: at most {@link #MAX_JOB_BYTES}, UTF-8 text. */
  public static JobSpec parse(Path path) {
    return parse(path.toString(), read(path));
  }

  /** The text of a job file, refused before reading past {@link #MAX_JOB_BYTES} or from a pipe or device. */
  public static String read(Path path) {
    String file = path.toString();
    try {
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw refused(file, Files.isDirectory(path) ? "a job file, not a directory" : "a regular job file (not a"
            + " device, pipe or socket)");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_JOB_BYTES + 1);
      }
      if (bytes.length > MAX_JOB_BYTES) {
        throw refused(file, "a job file within the limit of " + (MAX_JOB_BYTES >> 20) + " MiB (this one is larger;"
            + " a job is a page of YAML, data belongs in a data file)");
      }
      return utf8(file, bytes);
    } catch (java.nio.file.InvalidPathException e) {
      throw refused(file, "a valid path (" + e.getReason() + ")");
    } catch (NoSuchFileException e) {
      throw refused(file, "a readable job file (no such file)");
    } catch (IOException | SecurityException e) {
      throw refused(file, "a readable job file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  /** The text, or the line and column of the first byte that is not UTF-8. */
  private static String utf8(String file, byte[] bytes) {
    java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      int line = 1;
      int col = 1;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          col++;
        }
      }
      throw new InputException(List.of(new Problem(file, line, col, "(document)", null, String.format(
          java.util.Locale.ROOT, "UTF-8 text (found the byte 0x%02x, which is not UTF-8)", bytes[bad] & 0xFF))));
    }
    d.flush(out);
    return out.flip().toString();
  }

  private static InputException refused(String file, String expected) {
    return new InputException(List.of(new Problem(file, 0, 0, "(file)", null, expected)));
  }

  /** Validates YAML text; {@code file} names it in messages. */
  public static JobSpec parse(String file, String text) {
    return new JobParser(file, true).job(text);
  }

  /**
   * Reads YAML text already validated on the driver: executors re-read the job from its text (no
   * serialisation of the spec), skipping the combination checks.
   */
  public static JobSpec parseValidated(String file, String text) {
    return new JobParser(file, false).job(text);
  }

  private JobSpec job(String text) {
    Yaml.Node root;
    try {
      root = Yaml.parse(text);
    } catch (Yaml.Refused e) {
      for (Yaml.Issue i : e.issues) {
        problems.add(i.line(), i.column(), i.path(), null, i.message());
      }
      throw new InputException(problems.list());
    }
    if (!root.isMap()) {
      problems.add(root, "(document)", root.text(), "a mapping with name, seed, studies or objective/solver, ...");
      throw new InputException(problems.list());
    }
    Map<String, Yaml.Node> top = root.map();
    if (top.isEmpty()) {
      problems.add(root, "(document)", null, "a job: at least name, objective, start and solver (an empty file)");
      throw new InputException(problems.list());
    }
    for (Map.Entry<String, Yaml.Node> e : top.entrySet()) {
      if (!TOP_KEYS.contains(e.getKey())) {
        problems.add(e.getValue(), e.getKey(), null, "a known key" + Names.didYouMean(e.getKey(), TOP_KEYS)
            + (e.getKey().equals("<<") ? " (YAML merge keys are not supported: repeat the keys, or use an alias"
                + " as a whole value)" : "") + " (allowed here: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS))
            + ")");
      }
    }
    String name = name(root);
    long seed = 0;
    if (top.get("seed") != null) {
      try {
        seed = SEED.coerce("job", top.get("seed").plain());
      } catch (InvalidParameterException e) {
        problems.add(top.get("seed"), "seed", top.get("seed").text(), e.expected());
      }
    }
    Settings search = Sections.read(Sections.SEARCH, top.get("search"), problems);
    Settings rep = Sections.read(Sections.REPLICATES, top.get("replicates"), problems);
    Settings tg = Sections.read(Sections.TARGETS, top.get("targets"), problems);
    Settings trace = Sections.read(Sections.TRACE, top.get("trace"), problems);
    Settings exec = Sections.read(Sections.EXECUTION, top.get("execution"), problems);
    Settings limits = Sections.read(Sections.LIMITS, top.get("limits"), problems);
    Settings check = Sections.read(Sections.CHECK, top.get("check"), problems);
    Settings confirm = Sections.read(Sections.CONFIRMATION, top.get("confirmation"), problems);
    SearchMethod method = SearchMethod.all().stream().filter(m -> m.name().equals(search.get(Sections.METHOD)))
        .findFirst().orElseThrow();
    Yaml.Node searchNode = top.get("search");
    Yaml.Node trialsNode = searchNode != null && searchNode.isMap() ? searchNode.map().get("trials") : null;
    if (method.needsTrials() && trialsNode == null && !problems.any()) {
      problems.add(searchNode, "search.trials", null, "the number of trials for " + method.name() + " search");
    } else if (!method.allowsTrials() && trialsNode != null) {
      problems.add(trialsNode, "search.trials", trialsNode.text(), method.adaptive()
          ? "no trials for " + method.name() + " search (the rung plan decides how many settings run)"
          : "no trials for grid search (its size is the product of the values lists)");
    }
    AdaptivePlans.checkKnobs(method, searchNode, problems);
    if (trace.get(Sections.POINTS) == 1) {
      problems.add(top.get("trace").map().get("points"), "trace.points", "1", "0 (no trace) or at least 2 points");
    }
    DataCache.setMaxBytes((long) limits.get(Sections.DATA_FILE_MB) << 20);
    List<StudyParser.Parsed> studies = studies(root);
    for (StudyParser.Parsed st : studies) {
      method.refusals(st.spec().space(), search.get(Sections.TRIALS)).forEach((key, why) -> {
        boolean swept = st.swept().containsKey(key);
        problems.add(swept ? st.swept().get(key) : searchNode, swept ? st.path() + "parameters." + key
            : key.isEmpty() ? st.path() + "parameters" : key, swept ? st.spec().space().get(key).describe() : null, why);
      });
    }
    unreportedNulls(root);
    problems.throwIfAny();
    boolean relative = tg.get(Sections.RELATIVE_DISTANCE).length > 0;
    if (relative && tg.get(Sections.DISTANCE).length > 0) {
      problems.add(top.get("targets"), "targets", null, "distance or relative_distance, not both");
      problems.throwIfAny();
    }
    Targets targets = new Targets(relative ? tg.get(Sections.RELATIVE_DISTANCE) : tg.get(Sections.DISTANCE),
        tg.get(Sections.VALUE_GAP), relative);
    JobSpec job = new JobSpec(problems.file(), name, seed, studies.stream().map(StudyParser.Parsed::spec).toList(),
        method, method.allowsTrials() ? search.get(Sections.TRIALS) : 0, rep.get(Sections.COUNT),
        rep.get(Sections.START_JITTER), rep.get(Sections.EXACT_FIRST), targets, trace.get(Sections.POINTS),
        trace.get(Sections.TRACE_REPLICATES), exec.get(Sections.TASKS_PER_CORE), exec.get(Sections.TRIALS_PER_CHUNK),
        confirm.get(Sections.CONFIRM) ? confirm.get(Sections.CONFIRM_TOP) : 0, confirm.get(Sections.CONFIRM_REPLICATES),
        limits.get(Sections.DATA_FILE_MB), asMap(root), List.of(), null);
    job = AdaptivePlans.plan(job, search, searchNode, problems);
    try {
      if (job.totalSolves() == 0) {
        problems.add(root, "search", null, "at least one trial");
      }
    } catch (ArithmeticException e) {
      problems.add(searchNode, "search", null, "a search whose trials x replicates fit in a 64-bit count (this grid"
          + " has more than 9.2e18 points)");
    }
    if (checkTrials) {
      TrialChecker checker = new TrialChecker(problems, check.get(Sections.CHECK_GRADIENT)
          ? new TrialChecker.GradientCheckSettings(check.get(Sections.CHECK_POINTS), check.get(Sections.CHECK_TOLERANCE),
              rep.get(Sections.START_JITTER), seed) : null);
      studies.forEach(checker::check);
      for (StudyParser.Parsed st : studies) {
        try {
          JobSpec.objectiveSettings(st.spec());
        } catch (InputException e) {
          String key = st.swept().keySet().stream().filter(k -> k.startsWith("objective.")
              && st.spec().space().get(k) instanceof org.optsweep.search.Domain.Continuous).findFirst().orElse(null);
          problems.add(key == null ? null : st.swept().get(key), st.path() + "parameters." + key, null,
              e.getMessage());
        }
      }
    }
    problems.throwIfAny();
    return job;
  }

  /** Empty values that no reader of a setting has reported (under a key that is never read, say). */
  private void unreportedNulls(Yaml.Node root) {
    Yaml.nulls(root, "", (n, path) -> {
      if (!problems.reportedAt(n)) {
        problems.add(n, path.isEmpty() ? "(document)" : path, n.text(), "a value (found an empty value: ~, null or"
            + " nothing after the colon; write a value or leave the key out)");
      }
    });
  }

  private String name(Yaml.Node root) {
    Yaml.Node n = root.map().get("name");
    if (n == null) {
      problems.add(root, "name", null, "a job name (letters, digits, _ . -)");
      return null;
    }
    if (!(n.value() instanceof String s) || !StudyParser.NAME.matcher(s).matches()) {
      problems.add(n, "name", n.text(), "letters, digits, _ . - (at most 100), starting with a letter or digit");
      return null;
    }
    return s;
  }

  private List<StudyParser.Parsed> studies(Yaml.Node root) {
    StudyParser parser = new StudyParser(problems);
    List<StudyParser.Parsed> out = new ArrayList<>();
    Yaml.Node st = root.map().get("studies");
    if (st == null) {
      StudyParser.Parsed p = parser.study(root, root, "", 0);
      if (p != null) {
        out.add(p);
      }
      return out;
    }
    if (!st.isList() || st.list().isEmpty()) {
      problems.add(st, "studies", st.text(), "a non-empty list of studies");
      return out;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < st.list().size(); i++) {
      Yaml.Node s = st.list().get(i);
      String path = "studies[" + i + "]";
      if (!s.isMap()) {
        problems.add(s, path, s.text(), "a study (mapping with name, solver, parameters, ...)");
        continue;
      }
      for (Map.Entry<String, Yaml.Node> e : s.map().entrySet()) {
        if (!StudyParser.STUDY_KEYS.contains(e.getKey())) {
          problems.add(e.getValue(), path + "." + e.getKey(), null, "a key of a study"
              + Names.didYouMean(e.getKey(), StudyParser.STUDY_KEYS) + " (allowed here: "
              + String.join(", ", new java.util.TreeSet<>(StudyParser.STUDY_KEYS)) + ")");
        }
      }
      StudyParser.Parsed p = parser.study(root, s, path + ".", out.size());
      if (p != null) {
        if (!names.add(p.spec().name())) {
          problems.add(s.map().get("name"), path + ".name", "'" + p.spec().name() + "'",
              "a study name not used by another study");
        }
        out.add(p);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Yaml.Node root) {
    return (Map<String, Object>) root.plain();
  }
}
