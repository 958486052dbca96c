package org.optsweep.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.spark.api.java.function.MapPartitionsFunction;
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
 */
final class TrialSummarizer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final StructType out;
  private final int hyperCount;
  private final LongAccumulator rowsRead;
  private final LongAccumulator trialsOut;
  private final CollectionAccumulator<Row> best;
  private final int top;

  /**
   * @param out       the summary schema
   * @param hyperCount number of hyperparameter columns
   * @param rowsRead  counts the runs/ rows read
   * @param trialsOut counts the summary rows written
   * @param best      receives each task's best {@code top} rows by {@link Summary#BEST}
   * @param top       how many best rows a task keeps
   */
  TrialSummarizer(StructType out, int hyperCount, LongAccumulator rowsRead, LongAccumulator trialsOut,
                  CollectionAccumulator<Row> best, int top) {
    this.out = out;
    this.hyperCount = hyperCount;
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
  public Iterator<Row> call(Iterator<Row> rows) {
    // The task's best rows, worst first, so the head is the one to drop.
    PriorityQueue<Row> keep = new PriorityQueue<>(Summary.BEST.reversed());
    return new Iterator<>() {
      private Row pending = rows.hasNext() ? rows.next() : null;
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
      public Row next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        Row first = pending;
        String study = first.getString(0);
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
        Row r = first;
        while (r != null && r.getLong(1) == trial && r.getString(0).equals(study)) {
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
          String status = r.getString(base + 8);
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
          v[k++] = first.get(i);
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
        keep.add(row);
        if (keep.size() > top) {
          keep.poll();
        }
        return row;
      }
    };
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
