package org.optsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.optsweep.objective.Objectives;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.SolverProvider;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Stopping;
import org.optsweep.search.Domain;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.SolveSetup;
import org.optsweep.spec.StudySpec;
import org.optsweep.spec.Trial;

/**
 * The columns of the output tables. Every hyperparameter of every study — objective, solver,
 * schedule, stopping and gradient parameters, defaults included — is its own typed column named
 * {@code <owner>_<name>} ({@code solver_gamma}, {@code schedule_lr0}, {@code stopping_max_iterations}),
 * null where it does not apply (a schedule parameter of another schedule kind, Adam's betas in a NAG
 * study), so a table can be filtered and grouped with plain SQL.
 */
public final class Columns implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One hyperparameter column. */
  record HyperColumn(String owner, String name, Param.Type type) implements Serializable {
    String column() {
      return owner + "_" + name;
    }

    DataType sparkType() {
      return switch (type) {
        case DOUBLE -> DataTypes.DoubleType;
        case INT -> DataTypes.IntegerType;
        case LONG -> DataTypes.LongType;
        case BOOLEAN -> DataTypes.BooleanType;
        case CHOICE, STRING -> DataTypes.StringType;
        case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
      };
    }
  }

  /** Columns of runs/ and traces/ that are directory names (objective=../solver=../chunk=..), not stored in files. */
  static final List<String> PARTITIONS = List.of("objective", "solver", "chunk");

  final List<HyperColumn> hyper;
  /** Keys of swept parameters over all studies (qualified, with '_' for '.'), for the printed table. */
  final List<String> swept;
  /** Hyperparameter columns drawn from a continuous distribution in some study: all values distinct. */
  final Set<String> continuous;

  Columns(JobSpec job) {
    Map<String, HyperColumn> cols = new LinkedHashMap<>();
    Set<String> sweptCols = new LinkedHashSet<>();
    Set<String> continuousCols = new LinkedHashSet<>();
    for (StudySpec st : job.studies()) {
      SolverProvider sp = Solvers.find(st.solver());
      add(cols, "objective", Objectives.find(st.objective()).params());
      add(cols, "solver", sp.params());
      if (sp.usesSchedule()) {
        for (String kind : kinds(st)) {
          add(cols, "schedule", Schedules.find(kind).params());
        }
      }
      add(cols, "stopping", Stopping.PARAMS);
      if (sp.usesGradient()) {
        add(cols, "gradient", org.optsweep.gradient.GradientMethod.PARAMS);
      }
      for (Map.Entry<String, Domain> e : st.space().domains().entrySet()) {
        if (e.getValue().gridSize() != 1) {
          sweptCols.add(e.getKey().replace('.', '_'));
        }
        if (e.getValue() instanceof Domain.Continuous) {
          continuousCols.add(e.getKey().replace('.', '_'));
        }
      }
    }
    this.hyper = new ArrayList<>(cols.values());
    this.swept = new ArrayList<>(sweptCols);
    this.continuous = continuousCols;
  }

  /**
   * Parquet column paths of runs/ whose values are practically all distinct (results, start points,
   * continuously drawn hyperparameters). Dictionary encoding them costs a hash lookup per value, only
   * for Parquet to fall back to plain encoding when the page is closed; writing them plain from the
   * start saves that work. Low-cardinality columns (names, statuses, grid values) keep dictionaries.
   * Paths of columns a file does not hold are ignored.
   */
  List<String> plainEncoded() {
    List<String> out = new ArrayList<>(List.of("start.list.element", "x.list.element", "value", "distance",
        "value_gap", "best_value", "wall_ms"));
    out.addAll(continuousHyper());
    return out;
  }

  /** Double hyperparameter columns drawn from a continuous distribution in some study. */
  List<String> continuousHyper() {
    List<String> out = new ArrayList<>();
    for (HyperColumn c : hyper) {
      // A bare key (lr0) or a qualified one (schedule.lr0) names the same column.
      if (c.type() == Param.Type.DOUBLE && (continuous.contains(c.column()) || continuous.contains(c.name()))) {
        out.add(c.column());
      }
    }
    return out;
  }

  private static void add(Map<String, HyperColumn> cols, String owner, List<Param<?>> params) {
    for (Param<?> p : params) {
      HyperColumn c = new HyperColumn(owner, p.name(), p.type());
      HyperColumn old = cols.putIfAbsent(c.column(), c);
      if (old != null && old.type() != c.type()) {
        // Two studies disagree on a column's type: fall back to text for both.
        cols.put(c.column(), new HyperColumn(owner, p.name(), Param.Type.STRING));
      }
    }
  }

  /** The schedule kinds a study can use. */
  static Set<String> kinds(StudySpec st) {
    Set<String> kinds = new LinkedHashSet<>();
    Domain d = st.space().get("schedule");
    if (d instanceof Domain.Values v) {
      v.values().forEach(k -> kinds.add(String.valueOf(k)));
    } else if (d instanceof Domain.Fixed f) {
      kinds.add(String.valueOf(f.value()));
    } else {
      kinds.add(st.schedule());
    }
    return kinds;
  }

  /** The hyperparameter values of a trial, in column order (null where not applicable). */
  Object[] values(Trial t) {
    Object[] out = new Object[hyper.size()];
    Map<String, Settings> s = t.setup().settings();
    boolean usesSchedule = t.setup().scheduleName() != null;
    boolean usesGradient = Solvers.find(t.setup().solverName()).usesGradient();
    for (int i = 0; i < out.length; i++) {
      HyperColumn c = hyper.get(i);
      if (c.owner().equals("schedule") && !usesSchedule || c.owner().equals("gradient") && !usesGradient) {
        continue;
      }
      Settings owner = s.get(c.owner());
      if (!owner.asMap().containsKey(c.name())) {
        continue;
      }
      Object v = owner.asMap().get(c.name());
      out[i] = c.type() == Param.Type.STRING && v != null && !(v instanceof String) ? String.valueOf(v) : v;
      if (v instanceof Double d && c.type() == Param.Type.DOUBLE) {
        out[i] = d;
      }
    }
    return out;
  }

  private static StructField f(String name, DataType t, boolean nullable) {
    return new StructField(name, t, nullable, Metadata.empty());
  }

  /** The schema of the solve rows (runs/ plus the trace arrays that go to traces/). */
  StructType solveSchema() {
    List<StructField> fs = new ArrayList<>();
    fs.add(f("job", DataTypes.StringType, false));
    fs.add(f("study", DataTypes.StringType, false));
    fs.add(f("trial", DataTypes.LongType, false));
    fs.add(f("replicate", DataTypes.IntegerType, false));
    fs.add(f("objective", DataTypes.StringType, false));
    fs.add(f("solver", DataTypes.StringType, false));
    fs.add(f("schedule", DataTypes.StringType, true));
    for (HyperColumn c : hyper) {
      fs.add(f(c.column(), c.sparkType(), true));
    }
    var doubles = DataTypes.createArrayType(DataTypes.DoubleType, false);
    var ints = DataTypes.createArrayType(DataTypes.IntegerType, false);
    fs.add(f("start", doubles, false));
    fs.add(f("x", doubles, true));
    fs.add(f("value", DataTypes.DoubleType, true));
    fs.add(f("distance", DataTypes.DoubleType, true));
    fs.add(f("value_gap", DataTypes.DoubleType, true));
    fs.add(f("best_value", DataTypes.DoubleType, true));
    fs.add(f("iterations", DataTypes.IntegerType, false));
    fs.add(f("f_evals", DataTypes.LongType, false));
    fs.add(f("grad_evals", DataTypes.LongType, false));
    fs.add(f("status", DataTypes.StringType, false));
    fs.add(f("reason", DataTypes.StringType, true));
    fs.add(f("distance_hits", ints, false));
    fs.add(f("gap_hits", ints, false));
    fs.add(f("success", DataTypes.BooleanType, false));
    fs.add(f("hit_iteration", DataTypes.IntegerType, true));
    fs.add(f("final_success", DataTypes.BooleanType, false));
    fs.add(f("wall_ms", DataTypes.DoubleType, false));
    fs.add(f("executor", DataTypes.StringType, true));
    fs.add(f("chunk", DataTypes.IntegerType, false));
    fs.add(f("trace_iteration", ints, true));
    fs.add(f("trace_value", doubles, true));
    fs.add(f("trace_distance", doubles, true));
    fs.add(f("trace_gradient_norm", doubles, true));
    fs.add(f("trace_step_norm", doubles, true));
    return new StructType(fs.toArray(new StructField[0]));
  }

  /** The schema of runs/ as written: the solve rows without the trace arrays. */
  StructType runsSchema() {
    StructType all = solveSchema();
    return new StructType(java.util.Arrays.stream(all.fields()).filter(f -> !f.name().startsWith("trace_"))
        .toArray(StructField[]::new));
  }

  /** The columns of runs/ stored in its files, in order: all but the trace arrays and the partition columns. */
  List<String> runsDataColumns() {
    return java.util.Arrays.stream(runsSchema().fieldNames()).filter(n -> !PARTITIONS.contains(n)).toList();
  }

  /**
   * The schema of a trace point: the solve's identity (job, study, trial, replicate; objective,
   * solver and chunk as partition columns) and the values at one sampled iteration.
   */
  static StructType traceSchema() {
    return new StructType(new StructField[] {f("job", DataTypes.StringType, false),
        f("study", DataTypes.StringType, false), f("trial", DataTypes.LongType, false),
        f("replicate", DataTypes.IntegerType, false), f("iteration", DataTypes.IntegerType, false),
        f("value", DataTypes.DoubleType, true), f("distance", DataTypes.DoubleType, true),
        f("gradient_norm", DataTypes.DoubleType, true), f("step_norm", DataTypes.DoubleType, true)});
  }

  /** The columns of traces/ stored in its files. */
  static List<String> traceDataColumns() {
    return List.of(traceSchema().fieldNames());
  }

  /** Names of the hyperparameter columns. */
  List<String> hyperNames() {
    return hyper.stream().map(HyperColumn::column).toList();
  }
}
