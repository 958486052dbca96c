package org.optsweep.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.search.Domain;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.Owners;
import org.optsweep.spec.StudySpec;
import org.optsweep.spec.Trial;

/**
 * The hyperparameter columns of a job's tables: every parameter of every study — objective, solver,
 * schedule, stopping and gradient, defaults included — as its own typed column named
 * {@code <owner>_<name>} ({@code solver_gamma}, {@code schedule_lr0}, {@code stopping_max_iterations}),
 * null where it does not apply (a schedule parameter of another kind, Adam's betas in a NAG study),
 * so that a table can be filtered and grouped with plain SQL.
 */
public final class HyperColumns {

  /** One hyperparameter column. */
  record Hyper(String owner, String name, Param.Type type) {
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

  private final List<Hyper> hyper;
  /** Columns of swept parameters over all studies, for the printed table. */
  private final List<String> swept;
  /** Columns drawn from a continuous distribution in some study: all values distinct. */
  private final Set<String> continuous;

  public HyperColumns(JobSpec job) {
    Map<String, Hyper> cols = new LinkedHashMap<>();
    Set<String> sweptCols = new LinkedHashSet<>();
    Set<String> continuousCols = new LinkedHashSet<>();
    for (StudySpec st : job.studies()) {
      Owners owners = Owners.of(st.objective(), st.solver(), kinds(st));
      owners.declared().forEach((owner, params) -> {
        for (Param<?> p : params) {
          Hyper c = new Hyper(owner, p.name(), p.type());
          Hyper old = cols.putIfAbsent(c.column(), c);
          if (old != null && old.type() != c.type()) {
            // Two studies disagree on a column's type: text for both.
            cols.put(c.column(), new Hyper(owner, p.name(), Param.Type.STRING));
          }
        }
      });
      for (Map.Entry<String, Domain> e : st.space().domains().entrySet()) {
        String col = e.getKey().replace('.', '_');
        if (e.getValue().gridSize() != 1) {
          sweptCols.add(col);
        }
        if (e.getValue() instanceof Domain.Continuous) {
          continuousCols.add(col);
        }
      }
    }
    this.hyper = new ArrayList<>(cols.values());
    this.swept = new ArrayList<>(sweptCols);
    this.continuous = continuousCols;
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

  /** Number of hyperparameter columns. */
  public int size() {
    return hyper.size();
  }

  /** The columns for rows of a source whose i-th hyperparameter value {@code values} gives. */
  <S> List<Column<S>> columns(java.util.function.Function<S, Object[]> values) {
    List<Column<S>> out = new ArrayList<>();
    for (int i = 0; i < hyper.size(); i++) {
      Hyper h = hyper.get(i);
      int k = i;
      boolean plain = h.type() == Param.Type.DOUBLE && continuous.contains(h.column());
      out.add(new Column<>(h.column(), h.sparkType(), true, plain, s -> {
        Object[] v = values.apply(s);
        return v == null ? null : v[k];
      }));
    }
    return out;
  }

  /** Columns of swept parameters (for the printed table), in first-seen order. */
  public List<String> swept() {
    return swept;
  }

  /** The hyperparameter values of a trial, in column order (null where not applicable). */
  public Object[] values(Trial t) {
    Object[] out = new Object[hyper.size()];
    Map<String, Settings> s = t.setup().settings();
    for (int i = 0; i < out.length; i++) {
      Hyper c = hyper.get(i);
      Settings owner = s.get(c.owner());
      if (owner == null || !owner.asMap().containsKey(c.name())) {
        continue;
      }
      Object v = owner.asMap().get(c.name());
      out[i] = c.type() == Param.Type.STRING && v != null && !(v instanceof String) ? String.valueOf(v) : v;
    }
    return out;
  }
}
