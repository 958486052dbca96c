package org.optsweep.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructType;
import org.optsweep.output.Output;
import org.optsweep.output.Tables;

/**
 * The derived tables of an output (issue 13, items 3 and 4), computed with Spark from {@code runs/},
 * {@code traces/} and {@code summary/} and written beside them as Parquet:
 * <ul>
 *   <li>{@code ecdf/} — runtime ECDFs in iterations and evaluations ({@link EcdfTable});</li>
 *   <li>{@code fixed_budget/} — quartiles of the best sampled gap, value and distance by 10, 100, 1000, …
 *   iterations ({@link FixedBudgetTable});</li>
 *   <li>{@code sensitivity/} — success rate with its Wilson interval and median gap per binned parameter value
 *   ({@link SensitivityTable});</li>
 *   <li>{@code importance/} — random-forest parameter importance, Optuna's mean decrease in impurity
 *   ({@link ImportanceTable}).</li>
 * </ul>
 * The executors aggregate; only the tables' rows (hundreds to a few thousand) reach the driver, which sorts
 * them and writes each table as one Parquet file. The same output gives the same tables on any number of
 * cores: counts and exact order statistics, never sampled or order-dependent sums, and a seeded forest fitted
 * in one partition.
 *
 * <p>{@code analysis.json}, written after the tables, records a fingerprint of the inputs ({@link
 * SweepOutput#inputFingerprint}); {@link #ensure} recomputes when it is missing or differs (a resumed run
 * added chunks, a confirmation stage was added).
 */
public final class Analysis {
  /** Bumped when a derived table's definition changes: older tables are then stale. */
  public static final int VERSION = 1;

  /**
   * The derived tables' rows, each sorted as written.
   *
   * @param ecdf        rows of {@link EcdfTable#SCHEMA}
   * @param fixedBudget rows of {@link FixedBudgetTable#SCHEMA}
   * @param sensitivity rows of {@link SensitivityTable#SCHEMA}
   * @param importance  rows of {@link ImportanceTable#SCHEMA}
   */
  public record Result(List<Row> ecdf, List<Row> fixedBudget, List<Row> sensitivity, List<Row> importance) {

    /** The rows of derived table {@code name} ({@link Tables#DERIVED}). */
    public List<Row> table(String name) {
      return switch (name) {
        case Tables.ECDF -> ecdf;
        case Tables.FIXED_BUDGET -> fixedBudget;
        case Tables.SENSITIVITY -> sensitivity;
        case Tables.IMPORTANCE -> importance;
        default -> throw new IllegalArgumentException("no derived table " + name);
      };
    }
  }

  private Analysis() {}

  /** The schema of derived table {@code name}. */
  public static StructType schema(String name) {
    return switch (name) {
      case Tables.ECDF -> EcdfTable.SCHEMA;
      case Tables.FIXED_BUDGET -> FixedBudgetTable.SCHEMA;
      case Tables.SENSITIVITY -> SensitivityTable.SCHEMA;
      case Tables.IMPORTANCE -> ImportanceTable.SCHEMA;
      default -> throw new IllegalArgumentException("no derived table " + name);
    };
  }

  /** Computes the four tables (nothing is written). */
  public static Result compute(SweepOutput in) throws IOException {
    Dataset<Row> runs = in.runs();
    Dataset<Row> traces = in.traces();
    Dataset<Row> summary = in.summary();
    // Three independent chains of Spark jobs, submitted from three threads: one job's planning, code
    // generation and scheduling on the driver overlaps another's tasks. Each result depends on its data only.
    try (org.optsweep.Parallel p = org.optsweep.Parallel.threads(3, "optsweep-analysis",
        "computing the derived tables")) {
      Future<List<List<Row>>> runTables = p.submit(() -> {
        EcdfTable.Result ecdf = EcdfTable.compute(runs);
        return List.of(ecdf.rows(), FixedBudgetTable.compute(runs, traces, ecdf.maxIterations()));
      });
      Future<List<Row>> sensitivity = p.submit(() -> SensitivityTable.compute(summary, in.job()));
      Future<List<Row>> importance = p.submit(() -> ImportanceTable.compute(in.spark(), summary, in.job()));
      List<List<Row>> rt = p.get(runTables);
      return new Result(rt.get(0), rt.get(1), p.get(sensitivity), p.get(importance));
    }
  }

  /**
   * The tables of {@code in}: read back when {@code analysis.json} says they were computed from the output as
   * it is now, else computed and written (then {@code analysis.json}). When the output cannot be written (a
   * read-only location) the tables are computed and returned, and a line on {@code log} says so.
   */
  public static Result ensure(SweepOutput in, PrintStream log) throws IOException {
    String fingerprint = in.inputFingerprint();
    if (current(in, fingerprint)) {
      return read(in);
    }
    Result r = compute(in);
    try {
      write(in, r, fingerprint);
    } catch (IOException | RuntimeException e) {
      log.println("optsweep report: the derived tables could not be written into " + in.location() + " ("
          + org.optsweep.Failures.describe(e) + "); the report uses them without storing them");
    }
    return r;
  }

  /** Whether the stored tables were computed from the output's present inputs by this version. */
  public static boolean current(SweepOutput in, String fingerprint) throws IOException {
    Output out = in.output();
    if (!out.exists(Output.ANALYSIS_JSON)) {
      return false;
    }
    try {
      JsonNode j = new ObjectMapper().readTree(out.read(Output.ANALYSIS_JSON));
      if (j == null || j.path("version").asInt() != VERSION || !fingerprint.equals(j.path("inputs_sha256").asText())) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    for (String t : Tables.DERIVED) {
      if (!out.exists(t)) {
        return false;
      }
    }
    return true;
  }

  /** Writes the tables (each one sorted Parquet file), then {@code analysis.json}. */
  public static void write(SweepOutput in, Result r, String fingerprint) throws IOException {
    Output out = in.output();
    out.delete(Output.ANALYSIS_JSON);
    for (String t : Tables.DERIVED) {
      // coalesce(1) keeps the rows in the order given: one file, sorted as the driver sorted it
      in.spark().createDataFrame(r.table(t), schema(t)).coalesce(1).write().mode(SaveMode.Overwrite)
          .parquet(out.uri(t));
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("format", "optsweep-analysis");
    j.put("version", VERSION);
    j.put("inputs_sha256", fingerprint);
    j.put("computed", Instant.now().toString());
    j.put("complete_output", in.complete());
    Map<String, Integer> rows = new LinkedHashMap<>();
    for (String t : Tables.DERIVED) {
      rows.put(t, r.table(t).size());
    }
    j.put("rows", rows);
    out.write(Output.ANALYSIS_JSON, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(j) + "\n");
  }

  /** Reads the stored tables back (in their written order). */
  public static Result read(SweepOutput in) {
    List<List<Row>> t = Tables.DERIVED.stream().map(n -> in.read(n).collectAsList()).toList();
    return new Result(t.get(0), t.get(1), t.get(2), t.get(3));
  }
}
