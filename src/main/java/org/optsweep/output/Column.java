package org.optsweep.output;

import java.util.function.Function;
import org.apache.spark.sql.types.DataType;

/**
 * One column of an output table, defined once: its name, its Spark (and hence Parquet) type, whether
 * it may be null, how its value is taken from the thing a row describes, and whether its values are
 * practically all distinct (then written without a dictionary: a hash lookup per value would only
 * lead Parquet to fall back to plain encoding when the page closes).
 *
 * @param <S>      what a row describes: a solve, a trace point, a setting
 * @param name     the column name
 * @param type     the Spark type (strings, longs, ints, doubles, booleans, arrays of doubles or ints)
 * @param nullable whether the value may be null
 * @param plain    whether to write it without dictionary encoding
 * @param value    the value of a row; boxed numbers, String, Boolean, double[] or int[]
 */
public record Column<S>(String name, DataType type, boolean nullable, boolean plain, Function<S, Object> value) {

  /** A column written with dictionary encoding (names, statuses, grid values). */
  public static <S> Column<S> of(String name, DataType type, boolean nullable, Function<S, Object> value) {
    return new Column<>(name, type, nullable, false, value);
  }

  /** A column whose values are practically all distinct (results, drawn values). */
  public static <S> Column<S> plain(String name, DataType type, boolean nullable, Function<S, Object> value) {
    return new Column<>(name, type, nullable, true, value);
  }
}
