package org.optsweep.hostile;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.optsweep.cli.Main;

/**
 * Hostile input, data-driven: every case in {@code src/test/resources/hostile/cases.yaml} is run through
 * {@link Main#run} in-process, in a fresh temporary directory, and checked against the input contract
 * (see {@code src/test/resources/hostile/README.md}):
 *
 * <ul>
 *   <li>the exit code the case expects (2 for bad input, 0 where the contract says "accept");
 *   <li>no Java stack trace and no raw control character in stderr, stderr no bigger than the case allows;
 *   <li>for job-file problems: a stderr line with {@code FILE:LINE:COLUMN}, the field path and the value as
 *       written (and a data file's own line and column);
 *   <li>nothing written or deleted: the case's directory tree (every file's content) is unchanged, no new
 *       entry in the working directory, no Spark session started;
 *   <li>a time limit per case (input that never ends must be refused, not read).
 * </ul>
 *
 * <p>Every failed check of a case is reported together, so that a failure says everything the product did
 * wrong. A summary of all cases is written to {@code target/hostile-report.txt}.
 */
class HostileInputTest {

  /** Set to true to run cases whose output target would be deleted by the code under test (see README). */
  static final String DANGEROUS = "optsweep.hostile.dangerous";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [a-z].*\\(.*\\)$");
  private static final Pattern UNICODE = Pattern.compile("\\{U\\+([0-9A-Fa-f]{4,6})\\}");
  private static final Pattern REPEAT = Pattern.compile("\\{repeat:(\\d+):([^}]*)\\}");
  /** Bytes of stdout/stderr kept for the checks (the total is still counted). */
  private static final int KEEP = 2 << 20;
  private static final int DEFAULT_MAX_STDERR = 20_000;
  private static final int DEFAULT_TIMEOUT_S = 60;
  /** Spark settings for a run that reaches Spark although it should have been refused (one core, no UI). */
  private static final Map<String, String> SPARK_PROPS = Map.of(
      "spark.master", "local[1]",
      "spark.ui.enabled", "false",
      "spark.ui.showConsoleProgress", "false",
      "spark.driver.host", "127.0.0.1",
      "spark.driver.bindAddress", "127.0.0.1");
  private static final Map<String, String> savedProps = new LinkedHashMap<>();
  private static final Map<String, String> report = new TreeMap<>();

  // ---------------------------------------------------------------------------------------------- cases

  /** One file to create in the case directory. */
  record FileSpec(String text, String base64, String latin1, String utf16, boolean dir, boolean fifo,
                  Integer sparseMb, String symlink, Repeat repeat) {}

  /** head + count × line ({i} = 0-based index) + tail, streamed to disk. */
  record Repeat(String head, String line, long count, String tail) {}

  /** One problem the stderr must report on one line: position, field path, value as written. */
  record ProblemSpec(String at, List<String> field, List<String> value) {}

  /** What the outcome must look like. */
  record Expect(Integer exit, List<ProblemSpec> problems, List<String> expect, List<String> csvAt,
                List<String> stderr, List<String> stderrRegex, List<String> stderrAbsentRegex,
                List<String> stdout, List<String> stdoutRegex, Integer problemLines) {}

  /** A case as written in cases.yaml. */
  record Case(String id, String cls, String note, Map<String, FileSpec> files, List<String> args,
              Expect expect, List<Expect> alternatives, int maxStderr, int timeout, List<String> requires,
              String dangerous, List<String> cwdCleanup) {
    @Override
    public String toString() {
      return cls + "/" + id;
    }
  }

  static Stream<Case> cases() throws IOException {
    JsonNode root;
    try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/cases.yaml")) {
      if (in == null) {
        throw new IllegalStateException("hostile/cases.yaml not on the test classpath");
      }
      root = YAML.readTree(in);
    }
    List<Case> out = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    for (JsonNode n : root.get("cases")) {
      Case c = parseCase(n);
      if (!ids.add(c.id())) {
        throw new IllegalStateException("duplicate case id " + c.id());
      }
      out.add(c);
    }
    return out.stream();
  }

  private static final Set<String> CASE_KEYS = Set.of("id", "class", "note", "files", "args", "max_stderr",
      "timeout", "requires", "dangerous", "cwd_cleanup", "alternatives", "exit", "at", "field", "value",
      "problems", "expect", "csv_at", "stderr", "stderr_regex", "stderr_absent_regex", "stdout", "stdout_regex",
      "problem_lines");
  private static final Set<String> EXPECT_KEYS = Set.of("exit", "at", "field", "value", "problems", "expect",
      "csv_at", "stderr", "stderr_regex", "stderr_absent_regex", "stdout", "stdout_regex", "problem_lines");

  private static Case parseCase(JsonNode n) {
    String id = n.path("id").asText(null);
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalStateException("case without a valid id (lower case, digits, -): " + n);
    }
    n.fieldNames().forEachRemaining(k -> {
      if (!CASE_KEYS.contains(k)) {
        throw new IllegalStateException("case " + id + ": unknown key " + k);
      }
    });
    Map<String, FileSpec> files = new LinkedHashMap<>();
    if (n.has("files")) {
      n.get("files").fields().forEachRemaining(e -> files.put(e.getKey(), fileSpec(id, e.getValue())));
    }
    List<Expect> alts = new ArrayList<>();
    if (n.has("alternatives")) {
      for (JsonNode a : n.get("alternatives")) {
        a.fieldNames().forEachRemaining(k -> {
          if (!EXPECT_KEYS.contains(k)) {
            throw new IllegalStateException("case " + id + ": unknown key in an alternative: " + k);
          }
        });
        alts.add(expect(a));
      }
    }
    Expect e = expect(n);
    if (e.exit() == null && (alts.isEmpty() || alts.stream().anyMatch(a -> a.exit() == null))) {
      throw new IllegalStateException("case " + id + ": no expected exit code");
    }
    return new Case(id, n.path("class").asText("misc"), n.path("note").asText(""), files, strings(n.get("args")),
        e, alts, n.path("max_stderr").asInt(DEFAULT_MAX_STDERR), n.path("timeout").asInt(DEFAULT_TIMEOUT_S),
        strings(n.get("requires")), n.path("dangerous").asText(null), strings(n.get("cwd_cleanup")));
  }

  private static FileSpec fileSpec(String id, JsonNode v) {
    if (v.isTextual()) {
      return new FileSpec(v.asText(), null, null, null, false, false, null, null, null);
    }
    Repeat r = null;
    if (v.has("repeat")) {
      JsonNode rn = v.get("repeat");
      r = new Repeat(rn.path("head").asText(""), rn.path("line").asText(), rn.path("count").asLong(),
          rn.path("tail").asText(""));
    }
    FileSpec f = new FileSpec(v.path("text").asText(null), v.path("base64").asText(null),
        v.path("latin1").asText(null), v.path("utf16").asText(null), v.path("dir").asBoolean(false),
        v.path("fifo").asBoolean(false), v.has("sparse_mb") ? v.get("sparse_mb").asInt() : null,
        v.path("symlink").asText(null), r);
    return f;
  }

  private static Expect expect(JsonNode n) {
    List<ProblemSpec> problems = new ArrayList<>();
    if (n.has("at") || n.has("field") || n.has("value")) {
      problems.add(problem(n));
    }
    if (n.has("problems")) {
      for (JsonNode p : n.get("problems")) {
        problems.add(problem(p));
      }
    }
    return new Expect(n.has("exit") ? n.get("exit").asInt() : null, problems, strings(n.get("expect")),
        strings(n.get("csv_at")), strings(n.get("stderr")), strings(n.get("stderr_regex")),
        strings(n.get("stderr_absent_regex")), strings(n.get("stdout")), strings(n.get("stdout_regex")),
        n.has("problem_lines") ? n.get("problem_lines").asInt() : null);
  }

  private static ProblemSpec problem(JsonNode n) {
    return new ProblemSpec(n.path("at").asText(null), strings(n.get("field")), strings(n.get("value")));
  }

  /** A string or a list of strings. */
  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else {
      out.add(n.asText());
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------- set-up

  @BeforeAll
  static void sparkSettings() {
    // Only reached by a case whose refusal is missing: then one core and no UI, on this shared machine.
    SPARK_PROPS.forEach((k, v) -> {
      savedProps.put(k, System.getProperty(k));
      System.setProperty(k, v);
    });
  }

  @AfterAll
  static void restoreAndReport() throws IOException {
    stopSpark();
    savedProps.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      StringBuilder sb = new StringBuilder();
      long failed = report.values().stream().filter(s -> s.startsWith("FAIL")).count();
      sb.append("hostile input: ").append(report.size()).append(" cases, ").append(failed).append(" failed\n");
      report.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
      Files.writeString(target.resolve("hostile-report.txt"), sb.toString(), StandardCharsets.UTF_8);
    }
  }

  // -------------------------------------------------------------------------------------------- a case

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileInput(Case c) throws Exception {
    String key = c.cls() + "/" + c.id();
    for (String r : c.requires()) {
      boolean ok = switch (r) {
        case "posix" -> FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        case "fifo" -> FileSystems.getDefault().supportedFileAttributeViews().contains("posix") && hasMkfifo();
        case "dev_zero" -> Files.exists(Path.of("/dev/zero"));
        case "symlink" -> FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        default -> throw new IllegalStateException("case " + c.id() + ": unknown requirement " + r);
      };
      if (!ok) {
        report.put(key, "SKIP (needs " + r + ")");
        assumeTrue(false, "needs " + r);
      }
    }
    // Not named after the case: an expected word must not be found in the directory's name.
    Path tmp = Files.createTempDirectory("hostile-").toRealPath();
    Path cwd = Path.of("").toAbsolutePath();
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("tmp", tmp.toString());
    vars.put("job", tmp.resolve("job.yaml").toString());
    vars.put("home", System.getProperty("user.home"));
    vars.put("cwd", cwd.toString());
    List<Path> fifos = new ArrayList<>();
    Set<String> cwdBefore = listNames(cwd);
    List<String> failures = new ArrayList<>();
    long millis = -1;
    String seen = "";
    try {
      for (Map.Entry<String, FileSpec> f : c.files().entrySet()) {
        create(tmp, f.getKey(), f.getValue(), vars, fifos);
      }
      Path danger = c.dangerous() == null ? null : cwd.resolve(subst(c.dangerous(), vars)).normalize();
      Set<String> dangerBefore = null;
      if (danger != null) {
        // The code of a6e100f deletes an --overwrite target once Spark has started if it holds a job.yaml;
        // to be safe with code to come, anything that looks like an optsweep output counts.
        String marker = Stream.of("job.yaml", "job.json", "_SUCCESS", "_chunks")
            .filter(m -> Files.exists(danger.resolve(m), LinkOption.NOFOLLOW_LINKS)).findFirst().orElse(null);
        if (Files.isDirectory(danger) && marker != null && !Boolean.getBoolean(DANGEROUS)) {
          report.put(key, "SKIP (dangerous: " + danger + " holds " + marker + "; set -D" + DANGEROUS + "=true)");
          assumeTrue(false, danger + " holds " + marker + ": --overwrite could delete it; run with -D" + DANGEROUS
              + "=true to run this case anyway");
        }
        dangerBefore = listNames(danger);
      }
      Map<String, String> treeBefore = tree(tmp);
      String[] args = c.args().stream().map(a -> subst(a, vars)).toArray(String[]::new);
      boolean sparkBefore = sparkRunning();

      Outcome o;
      try {
        o = assertTimeoutPreemptively(Duration.ofSeconds(c.timeout()), () -> runMain(args),
            () -> "did not finish within " + c.timeout() + " s");
      } catch (AssertionFailedError e) {
        o = null;
        failures.add("did not finish within " + c.timeout() + " s (input must be refused, not read to the end)");
      }
      unblock(fifos);
      if (!sparkBefore && sparkRunning()) {
        failures.add("a Spark session was started (bad input must be refused before any work)");
        stopSpark();
      }
      if (o != null) {
        millis = o.millis();
        seen = " | exit " + o.exit() + ", stderr: " + clip(escape(o.err().strip()), 300);
        check(c, o, vars, failures);
      }
      Map<String, String> treeAfter = tree(tmp);
      if (!treeAfter.equals(treeBefore)) {
        failures.add("files changed in the case directory: " + diff(treeBefore, treeAfter));
      }
      Set<String> cwdAfter = listNames(cwd);
      if (!cwdAfter.equals(cwdBefore)) {
        Set<String> added = new TreeSet<>(cwdAfter);
        added.removeAll(cwdBefore);
        Set<String> removed = new TreeSet<>(cwdBefore);
        removed.removeAll(cwdAfter);
        failures.add("working directory changed: added " + quoted(added) + ", removed " + quoted(removed));
      }
      if (danger != null) {
        Set<String> gone = new TreeSet<>(dangerBefore);
        gone.removeAll(listNames(danger));
        if (!gone.isEmpty()) {
          failures.add("entries of " + danger + " disappeared: " + quoted(gone));
        }
      }
    } finally {
      unblock(fifos);
      for (String name : c.cwdCleanup()) {
        Path p = cwd.resolve(name);
        if (!cwdBefore.contains(name) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)
            && p.normalize().getParent().equals(cwd)) {
          deleteTree(p);
        }
      }
      deleteTree(tmp);
    }
    String time = millis < 0 ? "" : " (" + millis + " ms)";
    if (failures.isEmpty()) {
      report.put(key, "PASS" + time + seen);
    } else {
      report.put(key, "FAIL" + time + " " + String.join(" | ", failures));
      fail(c.id() + (c.note().isEmpty() ? "" : " (" + c.note().strip() + ")") + ":\n  - "
          + String.join("\n  - ", failures));
    }
  }

  /** What Main.run did. */
  record Outcome(int exit, Throwable thrown, String out, long outBytes, String err, long errBytes, long millis) {}

  private static Outcome runMain(String[] args) {
    CappedStream out = new CappedStream();
    CappedStream err = new CappedStream();
    long t0 = System.nanoTime();
    int exit = Integer.MIN_VALUE;
    Throwable thrown = null;
    try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      try {
        exit = Main.run(args, po, pe);
      } catch (Throwable t) {
        thrown = t;
      }
    }
    return new Outcome(exit, thrown, out.text(), out.total, err.text(), err.total,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  // -------------------------------------------------------------------------------------------- checks

  private static void check(Case c, Outcome o, Map<String, String> vars, List<String> failures) {
    String err = o.err();
    if (o.thrown() != null) {
      failures.add("Main.run threw " + o.thrown() + " (expected an exit code)");
    }
    // The universal part of the contract.
    String[] lines = err.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (STACK_FRAME.matcher(lines[i]).matches() || lines[i].contains("Exception in thread")) {
        failures.add("stderr has a Java stack trace (line " + (i + 1) + ": " + clip(escape(lines[i]), 100) + ")");
        break;
      }
    }
    for (int i = 0; i < err.length(); i++) {
      char ch = err.charAt(i);
      if (isForbiddenControl(ch)) {
        int line = 1 + (int) err.substring(0, i).chars().filter(x -> x == '\n').count();
        failures.add(String.format("stderr has a raw control character U+%04X (stderr line %d: %s)", (int) ch, line,
            clip(escape(lines[Math.min(line - 1, lines.length - 1)]), 120)));
        break;
      }
    }
    if (o.errBytes() > c.maxStderr()) {
      failures.add("stderr is " + o.errBytes() + " bytes, at most " + c.maxStderr() + " allowed");
    }
    // The case's own expectations: all of the top level, and one of the alternatives if there are any.
    List<String> own = checkExpect(c.expect(), o, vars);
    if (!c.alternatives().isEmpty()) {
      List<String> why = new ArrayList<>();
      boolean any = false;
      for (int i = 0; i < c.alternatives().size(); i++) {
        List<String> f = checkExpect(c.alternatives().get(i), o, vars);
        if (f.isEmpty()) {
          any = true;
          break;
        }
        why.add("alternative " + (i + 1) + ": " + String.join("; ", f));
      }
      if (!any) {
        own.add("none of the accepted outcomes: " + String.join(" / ", why));
      }
    }
    failures.addAll(own);
  }

  private static List<String> checkExpect(Expect e, Outcome o, Map<String, String> vars) {
    List<String> f = new ArrayList<>();
    String err = o.err();
    List<String> lines = List.of(err.split("\n"));
    if (e.exit() != null && o.thrown() == null && o.exit() != e.exit()) {
      f.add("exit code " + o.exit() + ", expected " + e.exit() + " (stderr: " + clip(escape(err.strip()), 240)
          + (e.exit() == 0 ? "" : "; stdout: " + clip(escape(o.out().strip()), 80)) + ")");
    }
    String job = Pattern.quote(vars.get("job"));
    for (ProblemSpec p : e.problems()) {
      Pattern at = p.at() == null ? null : Pattern.compile(job + ":(?:" + atRegex(p.at()) + ")(?!\\d)");
      List<String> candidates = at == null ? lines : lines.stream().filter(l -> at.matcher(l).find()).toList();
      String what = (p.at() == null ? "" : "{job}:" + p.at()) + (p.field().isEmpty() ? "" : " field " + p.field())
          + (p.value().isEmpty() ? "" : " value " + p.value());
      if (candidates.isEmpty()) {
        f.add("no stderr line at " + "{job}:" + p.at() + " (wanted" + what + "); stderr: "
            + clip(escape(err.strip()), 240));
        continue;
      }
      boolean ok = candidates.stream().anyMatch(l -> containsAny(l, p.field(), vars) && containsAny(l, p.value(), vars));
      if (!ok) {
        f.add("no stderr line with" + what + "; " + (at == null ? "stderr: " : "lines at the position: ")
            + clip(escape(String.join(" // ", candidates)), 240));
      }
    }
    for (String x : e.expect()) {
      if (!Pattern.compile(subst(x, vars, true), Pattern.CASE_INSENSITIVE).matcher(err).find()) {
        f.add("stderr does not say what was expected (/" + x + "/): " + clip(escape(err.strip()), 200));
      }
    }
    for (String x : e.csvAt()) {
      // name:LINE:COL or name:LINE (either "file:3:2" or "file, line 3, column 2")
      String[] parts = x.split(":");
      String name = Pattern.quote(parts[0]);
      String re = parts.length >= 3
          ? name + "(?::" + parts[1] + ":" + parts[2] + "(?!\\d)|[^\\n]*\\bline " + parts[1] + "\\b[^\\n]*\\bcol(?:umn)? "
              + parts[2] + "\\b)"
          : name + "(?::" + parts[1] + "(?!\\d)|[^\\n]*\\bline " + parts[1] + "\\b)";
      if (!Pattern.compile(re).matcher(err).find()) {
        f.add("stderr does not give the data file position " + x + ": " + clip(escape(err.strip()), 240));
      }
    }
    for (String x : e.stderr()) {
      String s = subst(x, vars);
      if (!err.contains(s)) {
        f.add("stderr does not contain '" + escape(x) + "': " + clip(escape(err.strip()), 200));
      }
    }
    for (String x : e.stderrRegex()) {
      if (!Pattern.compile(subst(x, vars, true), Pattern.MULTILINE).matcher(err).find()) {
        f.add("stderr does not match /" + x + "/: " + clip(escape(err.strip()), 200));
      }
    }
    for (String x : e.stderrAbsentRegex()) {
      Matcher m = Pattern.compile(subst(x, vars, true), Pattern.MULTILINE).matcher(err);
      if (m.find()) {
        f.add("stderr should not match /" + x + "/ but has '" + clip(escape(m.group()), 120) + "'");
      }
    }
    for (String x : e.stdout()) {
      if (!o.out().contains(subst(x, vars))) {
        f.add("stdout does not contain '" + x + "': " + clip(escape(o.out().strip()), 200));
      }
    }
    for (String x : e.stdoutRegex()) {
      if (!Pattern.compile(subst(x, vars, true), Pattern.MULTILINE).matcher(o.out()).find()) {
        f.add("stdout does not match /" + x + "/: " + clip(escape(o.out().strip()), 200));
      }
    }
    if (e.problemLines() != null) {
      Pattern p = Pattern.compile(job + ":\\d+:\\d+");
      long n = lines.stream().filter(l -> p.matcher(l).find()).count();
      if (n != e.problemLines()) {
        f.add("stderr has " + n + " problem lines ({job}:LINE:COL), expected " + e.problemLines());
      }
    }
    return f;
  }

  /** "5:9" exact, "5" any column of line 5, "5:9|4:8" either. */
  private static String atRegex(String at) {
    List<String> alts = new ArrayList<>();
    for (String a : at.split("\\|")) {
      a = a.strip();
      if (!a.matches("\\d+(:\\d+)?")) {
        throw new IllegalStateException("bad position '" + at + "': expected LINE:COL, LINE, or alternatives with |");
      }
      alts.add(a.contains(":") ? Pattern.quote(a) : Pattern.quote(a) + ":\\d+");
    }
    return String.join("|", alts);
  }

  private static boolean containsAny(String line, List<String> alternatives, Map<String, String> vars) {
    return alternatives.isEmpty() || alternatives.stream().anyMatch(a -> line.contains(subst(a, vars)));
  }

  /** C0 controls except TAB and LF, DEL, and C1 controls. */
  static boolean isForbiddenControl(char ch) {
    return (ch < 0x20 && ch != '\t' && ch != '\n') || (ch >= 0x7f && ch <= 0x9f);
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static String subst(String s, Map<String, String> vars) {
    return subst(s, vars, false);
  }

  /** {tmp} {job} {home} {cwd} (quoted in a regex), {U+XXXX}, {repeat:N:TEXT}. */
  static String subst(String s, Map<String, String> vars, boolean regex) {
    for (Map.Entry<String, String> v : vars.entrySet()) {
      s = s.replace("{" + v.getKey() + "}", regex ? Pattern.quote(v.getValue()) : v.getValue());
    }
    if (!regex) {
      Matcher r = REPEAT.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (r.find()) {
        r.appendReplacement(sb, Matcher.quoteReplacement(r.group(2).repeat(Integer.parseInt(r.group(1)))));
      }
      r.appendTail(sb);
      s = sb.toString();
      Matcher u = UNICODE.matcher(s);
      sb = new StringBuilder();
      while (u.find()) {
        u.appendReplacement(sb, Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(u.group(1), 16)))));
      }
      u.appendTail(sb);
      s = sb.toString();
    }
    return s;
  }

  private static void create(Path tmp, String name, FileSpec f, Map<String, String> vars, List<Path> fifos)
      throws IOException, InterruptedException {
    Path p = tmp.resolve(name).normalize();
    if (!p.startsWith(tmp)) {
      throw new IllegalStateException("file outside the case directory: " + name);
    }
    Files.createDirectories(p.getParent());
    if (f.dir()) {
      Files.createDirectories(p);
    } else if (f.fifo()) {
      Process pr = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
      if (pr.waitFor() != 0) {
        throw new IOException("mkfifo " + p + " failed");
      }
      fifos.add(p);
    } else if (f.sparseMb() != null) {
      try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
        raf.setLength((long) f.sparseMb() << 20);
      }
    } else if (f.symlink() != null) {
      Files.createSymbolicLink(p, Path.of(subst(f.symlink(), vars)));
    } else if (f.base64() != null) {
      Files.write(p, Base64.getMimeDecoder().decode(f.base64()));
    } else if (f.latin1() != null) {
      Files.write(p, subst(f.latin1(), vars).getBytes(StandardCharsets.ISO_8859_1));
    } else if (f.utf16() != null) {
      Files.write(p, subst(f.utf16(), vars).getBytes(StandardCharsets.UTF_16));
    } else if (f.repeat() != null) {
      Repeat r = f.repeat();
      try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
        w.write(subst(r.head(), vars));
        for (long i = 0; i < r.count(); i++) {
          w.write(r.line().replace("{i}", Long.toString(i)));
        }
        w.write(subst(r.tail(), vars));
      }
    } else if (f.text() != null) {
      Files.writeString(p, subst(f.text(), vars), StandardCharsets.UTF_8);
    } else {
      throw new IllegalStateException("file " + name + ": no content given");
    }
  }

  /** Every entry under root (links not followed): path → kind and content digest. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return m;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
        m.put(root.relativize(dir).toString() + "/", "dir");
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        String rel = root.relativize(file).toString();
        if (a.isSymbolicLink()) {
          m.put(rel, "link to " + Files.readSymbolicLink(file));
        } else if (a.isRegularFile()) {
          m.put(rel, a.size() <= (1 << 20) ? "file " + sha256(Files.readAllBytes(file))
              : "file of " + a.size() + " bytes, modified " + a.lastModifiedTime());
        } else {
          m.put(rel, "special");
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        m.put(root.relativize(file).toString(), "unreadable " + e.getClass().getSimpleName());
        return FileVisitResult.CONTINUE;
      }
    });
    return m;
  }

  private static String diff(Map<String, String> before, Map<String, String> after) {
    List<String> d = new ArrayList<>();
    before.forEach((k, v) -> {
      if (!after.containsKey(k)) {
        d.add("deleted " + k);
      } else if (!after.get(k).equals(v)) {
        d.add("changed " + k);
      }
    });
    after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> d.add("created " + k));
    return clip(String.join(", ", d), 400);
  }

  private static Set<String> listNames(Path dir) throws IOException {
    Set<String> s = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> st = Files.list(dir)) {
        st.forEach(p -> s.add(p.getFileName().toString()));
      }
    }
    return s;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** A reader blocked on a FIFO gets end-of-file (O_RDWR open never blocks on Linux). */
  private static void unblock(List<Path> fifos) {
    for (Path f : fifos) {
      if (Files.exists(f)) {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
          raf.getFD();
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private static boolean hasMkfifo() {
    try {
      return new ProcessBuilder("sh", "-c", "command -v mkfifo").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static boolean sparkRunning() {
    return SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
  }

  private static void stopSpark() {
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
    if (SparkSession.getActiveSession().isDefined()) {
      SparkSession.getActiveSession().get().stop();
    }
    SparkSession.clearDefaultSession();
    SparkSession.clearActiveSession();
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Control characters as \\uXXXX, for failure messages. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\n') {
        sb.append("\\n");
      } else if (isForbiddenControl(ch) || ch == '\t') {
        sb.append(String.format("\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n) + "...(" + s.length() + " chars)";
  }

  private static String quoted(Set<String> names) {
    return names.stream().map(n -> "'" + escape(n) + "'").toList().toString();
  }

  /** Keeps the first {@link #KEEP} bytes, counts all. */
  static final class CappedStream extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    volatile long total;

    @Override
    public synchronized void write(int b) {
      if (total++ < KEEP) {
        kept.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      long room = KEEP - total;
      if (room > 0) {
        kept.write(b, off, (int) Math.min(room, len));
      }
      total += len;
    }

    synchronized String text() {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }
}
