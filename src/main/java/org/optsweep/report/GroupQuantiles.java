package org.optsweep.report;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.optsweep.stats.Quantiles;

/**
 * Exact quantiles per group of a DataFrame by {@link Quantiles#linear}'s definition (numpy's 'linear', NaN
 * sorted last as the worst value), computed on the executors by {@link Quantiles} itself: the rows are
 * hash-partitioned by the group key (one shuffle), each task gathers its groups' values into primitive arrays,
 * sorts them ({@link Quantiles#sortNanLast}) and sends back one row per group. The driver receives the
 * quantiles only. A group's values are sorted before use, so the result does not depend on how the rows were
 * partitioned or ordered: the same on any number of cores. Null values are left out (unknown, not worst);
 * a task holds its largest group's values (8 bytes each) in memory.
 */
final class GroupQuantiles {
  private GroupQuantiles() {}

  /** The quartiles 0.25, 0.5 and 0.75. */
  static final double[] QUARTILES = {0.25, 0.5, 0.75};

  /**
   * The quantiles of one group.
   *
   * @param rows      the group's rows, null values included
   * @param count     the number of non-null values in the group
   * @param quantiles one per requested probability, in the values' unit; NaN when the group has no value
   * @param sums      per column named in {@code sums}, its sum over the group's rows (nulls as 0)
   */
  record Result(long rows, long count, double[] quantiles, long[] sums) {}

  /**
   * The quantiles {@code ps} of column {@code value} in each group of {@code df} by {@code keys}, with the
   * group's row count and the sums of the long columns {@code sums}, in one pass over {@code df}.
   *
   * @return per group (the key columns' values, in order) its result
   */
  static Map<List<Object>, Result> of(Dataset<Row> df, List<String> keys, String value, double[] ps,
      String... sums) {
    List<Column> cols = new ArrayList<>();
    keys.forEach(k -> cols.add(col(k)));
    cols.add(col(value).cast("double"));
    for (String s : sums) {
      cols.add(col(s).cast("long"));
    }
    Dataset<Row> slim = df.select(cols.toArray(Column[]::new));
    int nk = keys.size();
    List<StructField> fields = new ArrayList<>(Arrays.asList(slim.schema().fields()).subList(0, nk));
    fields.add(DataTypes.createStructField("_rows", DataTypes.LongType, false));
    fields.add(DataTypes.createStructField("_n", DataTypes.LongType, false));
    for (int i = 0; i < ps.length; i++) {
      fields.add(DataTypes.createStructField("_q" + i, DataTypes.DoubleType, false));
    }
    for (int i = 0; i < sums.length; i++) {
      fields.add(DataTypes.createStructField("_s" + i, DataTypes.LongType, false));
    }
    StructType outSchema = new StructType(fields.toArray(StructField[]::new));
    Column[] k = keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    List<Row> rows = slim.repartition(k).mapPartitions(new PerTask(nk, ps.clone(), sums.length),
        Encoders.row(outSchema)).collectAsList();
    Map<List<Object>, Result> out = new LinkedHashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>(nk);
      for (int i = 0; i < nk; i++) {
        key.add(r.get(i));
      }
      double[] q = new double[ps.length];
      for (int i = 0; i < q.length; i++) {
        q[i] = r.getDouble(nk + 2 + i);
      }
      long[] s = new long[sums.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = r.getLong(nk + 2 + ps.length + i);
      }
      out.put(key, new Result(r.getLong(nk), r.getLong(nk + 1), q, s));
    }
    return out;
  }

  /** One task: its groups' values in growing primitive arrays, then sorted and summarised. */
  private static final class PerTask implements MapPartitionsFunction<Row, Row> {
    private final int keys;
    private final double[] ps;
    private final int sums;

    PerTask(int keys, double[] ps, int sums) {
      this.keys = keys;
      this.ps = ps;
      this.sums = sums;
    }

    private static final class Acc {
      double[] values = new double[16];
      int n;
      long rows;
      long[] sums;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> it) {
      Map<List<Object>, Acc> groups = new HashMap<>();
      while (it.hasNext()) {
        Row r = it.next();
        List<Object> key = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
          key.add(r.get(i));
        }
        Acc a = groups.computeIfAbsent(key, x -> {
          Acc y = new Acc();
          y.sums = new long[sums];
          return y;
        });
        a.rows++;
        if (!r.isNullAt(keys)) {
          if (a.n == a.values.length) {
            a.values = Arrays.copyOf(a.values, a.values.length * 2);
          }
          a.values[a.n++] = r.getDouble(keys);
        }
        for (int i = 0; i < sums; i++) {
          a.sums[i] += r.isNullAt(keys + 1 + i) ? 0 : r.getLong(keys + 1 + i);
        }
      }
      List<Row> out = new ArrayList<>(groups.size());
      groups.forEach((key, a) -> {
        Quantiles.sortNanLast(a.values, a.n);
        Object[] v = new Object[keys + 2 + ps.length + sums];
        for (int i = 0; i < keys; i++) {
          v[i] = key.get(i);
        }
        v[keys] = a.rows;
        v[keys + 1] = (long) a.n;
        for (int i = 0; i < ps.length; i++) {
          v[keys + 2 + i] = Quantiles.linear(a.values, a.n, ps[i]);
        }
        for (int i = 0; i < sums; i++) {
          v[keys + 2 + ps.length + i] = a.sums[i];
        }
        out.add(RowFactory.create(v));
      });
      return out.iterator();
    }
  }
}
