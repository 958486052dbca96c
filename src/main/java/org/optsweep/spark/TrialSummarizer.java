package org.optsweep.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the summary rows in one streaming pass over runs/, without a shuffle: a task writes every
 * replicate of its trials into one file, in order, so a trial's rows arrive consecutively when each
 * file is read whole. The same quantities as {@link Summary#of} (which remains the reference and the
 * fallback), computed in Java on the few replicates of one trial at a time.
 *
 * <p>It reads Spark's internal rows straight from the Parquet scan: no external Row is built per
 * input row (the hyperparameters are converted once a trial, from its first row), which made this
 * pass several times cheaper than a typed {@code mapPartitions}.
 */
final class TrialSummarizer implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  private static final long serialVersionUID = 1L;

  private final StructType out;
  private final int hyperCount;
  /** The summary's column types; those at 2.. are passed through from a trial's first row (same order as read). */
  private final DataType[] types;
  private final LongAccumulator rowsRead;
  private final LongAccumulator trialsOut;
  private final CollectionAccumulator<Row> best;
  private final int top;

  /**
   * @param out       the summary schema
   * @param hyperCount number of hyperparameter columns
   * @param rowsRead  counts the runs/ rows read
   * @param trialsOut counts the summary rows written
   * @param best      receives each task's best {@code top} rows by {@link Summary#best}
   * @param top       how many best rows a task keeps
   */
  TrialSummarizer(StructType out, int hyperCount, LongAccumulator rowsRead, LongAccumulator trialsOut,
                  CollectionAccumulator<Row> best, int top) {
    this.out = out;
    this.hyperCount = hyperCount;
    this.types = ChunkSolver.types(out);
    this.rowsRead = rowsRead;
    this.trialsOut = trialsOut;
    this.best = best;
    this.top = top;
  }

  /** The columns read from runs/, in this order. */
  static List<String> inputColumns(Columns columns) {
    List<String> in = new ArrayList<>(List.of("study", "trial", "job", "objective", "solver", "schedule"));
    in.addAll(columns.hyperNames());
    in.addAll(List.of("success", "final_success", "hit_iteration", "iterations", "f_evals", "grad_evals", "distance",
        "value_gap", "status"));
    return in;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    // The task's best rows, worst first, so the head is the one to drop.
    java.util.Comparator<Row> order = Summary.best(out);
    PriorityQueue<Row> keep = new PriorityQueue<>(order.reversed());
    return new Iterator<>() {
      // The scan reuses its row object: what outlives a call to next() is copied.
      private InternalRow pending = rows.hasNext() ? rows.next() : null;
      private long read = 0;
      private long written = 0;
      private boolean published = false;

      @Override
      public boolean hasNext() {
        if (pending == null && !published) {
          // Once, when the task's input is exhausted: only a finished task reports.
          published = true;
          rowsRead.add(read);
          trialsOut.add(written);
          keep.forEach(best::add);
        }
        return pending != null;
      }

      @Override
      public InternalRow next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        InternalRow first = pending.copy();
        UTF8String studyKey = first.getUTF8String(0);
        String study = studyKey.toString();
        long trial = first.getLong(1);
        int base = 6 + hyperCount;
        long n = 0;
        long successes = 0;
        long finals = 0;
        double ertNum = 0;
        double evalNum = 0;
        long iterationSum = 0;
        long diverged = 0;
        long failed = 0;
        Double gapMin = null;
        double[] d = new double[8];
        double[] g = new double[8];
        int nd = 0;
        int ng = 0;
        InternalRow r = pending;
        while (r != null && r.getLong(1) == trial && r.getUTF8String(0).equals(studyKey)) {
          n++;
          read++;
          boolean success = r.getBoolean(base);
          int iterations = r.getInt(base + 3);
          long evals = r.getLong(base + 4) + r.getLong(base + 5);
          if (success) {
            successes++;
            int hit = r.getInt(base + 2);
            ertNum += hit;
            evalNum += (double) (evals * hit) / Math.max(iterations, 1);
          } else {
            ertNum += iterations;
            evalNum += evals;
          }
          if (r.getBoolean(base + 1)) {
            finals++;
          }
          iterationSum += iterations;
          if (!r.isNullAt(base + 6)) {
            d = grow(d, nd);
            d[nd++] = r.getDouble(base + 6);
          }
          if (!r.isNullAt(base + 7)) {
            double v = r.getDouble(base + 7);
            g = grow(g, ng);
            g[ng++] = v;
            // min() as Spark SQL orders doubles: NaN above everything, so it wins only alone.
            if (gapMin == null || v < gapMin || Double.isNaN(gapMin) && !Double.isNaN(v)) {
              gapMin = v;
            }
          }
          String status = r.getUTF8String(base + 8).toString();
          if (status.equals("DIVERGED")) {
            diverged++;
          } else if (status.equals("FAILED") || status.equals("TIMED_OUT")) {
            failed++;
          }
          r = rows.hasNext() ? rows.next() : null;
        }
        pending = r;
        Arrays.sort(d, 0, nd);
        Arrays.sort(g, 0, ng);
        Object[] v = new Object[out.size()];
        int k = 0;
        v[k++] = study;
        v[k++] = trial;
        for (int i = 2; i < base; i++) {
          v[k++] = external(first, i, types[i]);
        }
        v[k++] = n;
        v[k++] = successes;
        v[k++] = (double) successes / n;
        v[k++] = (double) finals / n;
        v[k++] = successes == 0 ? null : ertNum / successes;
        v[k++] = successes == 0 ? null : evalNum / successes;
        v[k++] = quantile(d, nd, 0.25);
        v[k++] = quantile(d, nd, 0.5);
        v[k++] = quantile(d, nd, 0.75);
        v[k++] = quantile(g, ng, 0.25);
        v[k++] = quantile(g, ng, 0.5);
        v[k++] = quantile(g, ng, 0.75);
        v[k++] = gapMin;
        v[k++] = (double) iterationSum / n;
        v[k++] = diverged;
        v[k] = failed;
        Row row = new GenericRowWithSchema(v, out);
        written++;
        if (keep.size() < top) {
          keep.add(row);
        } else if (top > 0 && order.compare(row, keep.peek()) < 0) {
          keep.poll();
          keep.add(row);
        }
        // Written as an internal row: no external-Row encoder per summary row (see ChunkSolver).
        return ChunkSolver.internal(v, types);
      }
    };
  }

  /**
   * A column of an internal row as the value an external Row holds. Typed getters only: the generic
   * {@code InternalRow.get(i, type)} consults the SQL configuration on every call, which on an
   * executor thread rebuilds a config reader (hashing the environment) each time.
   */
  private static Object external(InternalRow row, int i, DataType type) {
    if (row.isNullAt(i)) {
      return null;
    }
    if (type instanceof StringType) {
      return row.getUTF8String(i).toString();
    } else if (type instanceof DoubleType) {
      return row.getDouble(i);
    } else if (type instanceof IntegerType) {
      return row.getInt(i);
    } else if (type instanceof LongType) {
      return row.getLong(i);
    } else if (type instanceof BooleanType) {
      return row.getBoolean(i);
    } else if (type instanceof ArrayType) {
      return row.getArray(i).toDoubleArray();
    }
    throw new IllegalStateException("summary column of unexpected type " + type);
  }

  private static double[] grow(double[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, 2 * a.length);
  }

  /** Linear interpolation between closest ranks, as {@link Summary#quantile}; null when empty. */
  static Double quantile(double[] sorted, int n, double p) {
    if (n == 0) {
      return null;
    }
    double pos = p * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return lo == hi ? sorted[lo] : sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
