package org.optsweep.output;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;
import org.optsweep.spec.JobSpec;

/**
 * {@code job.json}: the provenance of an output, typed — the job as resolved and its hash, the seed,
 * versions, what the reproducibility of the numbers rests on (JVM build, CPU model and flags: the
 * math library's last bits depend on them), the Spark configuration, counts, timings and the status
 * (RUNNING, then SUCCEEDED or FAILED with the error). Written at the start and rewritten at the end.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class JobInfo {
  private final String format = OutputGuard.FORMAT;
  @JsonProperty("format_version")
  private final int formatVersion = OutputGuard.FORMAT_VERSION;
  private String status = "RUNNING";
  private final String started = Instant.now().toString();
  private String finished;
  private Double seconds;
  private String error;
  private String job;
  @JsonProperty("job_file")
  private String jobFile;
  @JsonProperty("job_sha256")
  private String jobSha256;
  private long seed;
  private Map<String, Object> resolved;
  private Map<String, Long> trials;
  private int replicates;
  private long solves;
  private int chunks;
  @JsonProperty("trials_per_chunk")
  private long trialsPerChunk;
  private Map<String, Object> targets;
  private Map<String, Object> confirmation;
  private Map<String, Object> references;
  private Map<String, String> versions;
  private Map<String, String> reproducibility;
  @JsonProperty("default_parallelism")
  private int defaultParallelism;
  @JsonProperty("spark_conf")
  private Map<String, String> sparkConf;
  private Map<String, String> tables;
  private Map<String, Double> timings;
  private Long rows;
  private Long iterations;
  @JsonProperty("chunks_run")
  private Integer chunksRun;
  @JsonProperty("chunks_skipped")
  private Integer chunksSkipped;

  /** The job's side of job.json: what was run and with which versions. */
  public JobInfo(JobSpec spec, String jobText, String sparkVersion, Map<String, String> sparkConf, int cores,
                 Output out) {
    job = spec.name();
    jobFile = spec.file();
    jobSha256 = DigestUtils.sha256Hex(jobText.getBytes(StandardCharsets.UTF_8));
    seed = spec.seed();
    resolved = spec.resolved();
    trials = new LinkedHashMap<>();
    for (int s = 0; s < spec.studies().size(); s++) {
      trials.put(spec.studies().get(s).name(), spec.trials(s));
    }
    replicates = spec.replicates();
    solves = spec.totalSolves();
    chunks = spec.chunks();
    trialsPerChunk = spec.trialsPerChunk();
    targets = new LinkedHashMap<>();
    targets.put("distance", spec.targets().distances());
    targets.put("value_gap", spec.targets().gaps());
    targets.put("headline", "the first distance and the first value_gap threshold; success = both hit");
    confirmation = new LinkedHashMap<>();
    confirmation.put("enabled", spec.confirmTop() > 0);
    confirmation.put("top", spec.confirmTop());
    confirmation.put("replicates", spec.confirmReplicates());
    confirmation.put("solves", spec.confirmSolves());
    versions = new LinkedHashMap<>();
    Package pkg = JobInfo.class.getPackage();
    versions.put("optsweep", pkg.getImplementationVersion() == null ? "dev" : pkg.getImplementationVersion());
    versions.put("spark", sparkVersion);
    versions.put("scala", scala.util.Properties.versionNumberString());
    versions.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version"));
    reproducibility = observed();
    defaultParallelism = cores;
    this.sparkConf = new TreeMap<>(sparkConf);
    tables = new LinkedHashMap<>();
    for (String t : List.of(Tables.RUNS, Tables.TRACES, Tables.SUMMARY)) {
      tables.put(t, out.uri(t));
    }
  }

  /**
   * What the numbers' bit-reproducibility rests on, as observed: java.lang.Math's exp/cos/sin are
   * HotSpot intrinsics, exact to the last bit only on the same JVM build and CPU family.
   */
  static Map<String, String> observed() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("math", "java.lang.Math (HotSpot intrinsics)");
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.vendor") + " "
        + System.getProperty("java.runtime.version"));
    m.put("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        String key = colon < 0 ? "" : line.substring(0, colon).trim();
        if (key.equals("model name") && !m.containsKey("cpu_model")) {
          m.put("cpu_model", line.substring(colon + 1).trim());
        } else if (key.equals("flags") && !m.containsKey("cpu_flags")) {
          m.put("cpu_flags", line.substring(colon + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      m.put("cpu_model", "unknown (no /proc/cpuinfo)");
    }
    return m;
  }

  /** The reference optima: how many the job measures against, how many were computed, in how long. */
  public void references(int count, int computed, double seconds) {
    references = new LinkedHashMap<>();
    references.put("count", count);
    references.put("computed", computed);
    references.put("seconds", seconds);
    references.put("table", Tables.REFERENCES);
  }

  /** The run finished: counts, timings, chunks. */
  public void succeeded(double seconds, long rows, long iterations, int chunksRun, int chunksSkipped,
                        Map<String, Double> timings) {
    status = "SUCCEEDED";
    finish(seconds);
    this.rows = rows;
    this.iterations = iterations;
    this.chunksRun = chunksRun;
    this.chunksSkipped = chunksSkipped;
    this.timings = timings;
  }

  /** The run failed: the reason, one line. */
  public void failed(double seconds, String error) {
    status = "FAILED";
    finish(seconds);
    this.error = error;
  }

  private void finish(double s) {
    finished = Instant.now().toString();
    seconds = s;
  }

  /** The JSON text. */
  public String json() throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
  }
}
