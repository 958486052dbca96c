package org.optsweep.output;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An output table: its directory, its columns in order and which of them are partition directories
 * ({@code objective=ackley/solver=nag/chunk=0}) rather than values in the files. The schema, the
 * stored columns, the plain-encoded column paths and every row are all generated from the one list
 * of {@link Column}s, so a column is added in one place and nothing can shift.
 *
 * @param <S>        what a row describes
 * @param name       the directory under the output root ({@code runs})
 * @param columns    every column, partition columns included, in schema order
 * @param partitions names of the partition columns, outermost first
 */
public record Table<S>(String name, List<Column<S>> columns, List<String> partitions) {

  /** The schema of a row as the table holds it (partition columns included, in column order). */
  public StructType schema() {
    return new StructType(columns.stream().map(c -> new StructField(c.name(), c.type(), c.nullable(),
        Metadata.empty())).toArray(StructField[]::new));
  }

  /** The schema with every column nullable: how Spark reads any Parquet table back. */
  public StructType readSchema() {
    return new StructType(columns.stream().map(c -> new StructField(c.name(), c.type(), true, Metadata.empty()))
        .toArray(StructField[]::new));
  }

  /** The columns stored in the files: all but the partition columns, in order. */
  public List<String> dataColumns() {
    return columns.stream().map(Column::name).filter(n -> !partitions.contains(n)).toList();
  }

  /** The Parquet paths of the plain-encoded columns ({@code x.list.element} for an array). */
  public List<String> plainEncoded() {
    List<String> out = new ArrayList<>();
    for (Column<S> c : columns) {
      if (c.plain()) {
        out.add(c.type() instanceof ArrayType ? c.name() + ".list.element" : c.name());
      }
    }
    return out;
  }

  /** The row of {@code s}: every column's value, in order. */
  public Object[] row(S s) {
    Object[] v = new Object[columns.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = columns.get(i).value().apply(s);
    }
    return v;
  }

  /** Whether the table has a column {@code name}. */
  public boolean has(String name) {
    return columns.stream().anyMatch(c -> c.name().equals(name));
  }

  /** The position of column {@code name}. */
  public int index(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("table " + this.name + " has no column " + name);
  }
}
