package org.optsweep.output;

import java.util.Comparator;

/**
 * The order of the printed table, defined once for the tasks (their best settings), the driver
 * (merging them) and a resumed run (reading {@code summary/} back): success rate descending, then
 * aRT ascending, then median distance ascending — nulls last and NaN after numbers, as Spark SQL
 * orders — and (study, trial) to break ties, so that the table is the same however the rows were
 * split into tasks. In an adaptive search a setting that ran a larger budget (a later rung) ranks
 * before any that stopped earlier: its rates were measured on the whole solve, theirs on a part of it.
 */
public final class Ranking {
  private Ranking() {}

  /** The order of summary rows of {@code table}. */
  public static Comparator<Object[]> of(Table<TrialStats> table) {
    int rate = table.index("success_rate");
    int ert = table.index("ert_iterations");
    int dist = table.index("distance_median");
    int study = table.index("study");
    int trial = table.index("trial");
    int budget = table.has("budget") ? table.index("budget") : -1;
    return (a, b) -> {
      int c = budget < 0 ? 0 : ascending(b[budget], a[budget]);
      if (c == 0) {
        c = ascending(b[rate], a[rate]);
      }
      if (c == 0) {
        c = ascending(a[ert], b[ert]);
      }
      if (c == 0) {
        c = ascending(a[dist], b[dist]);
      }
      if (c == 0) {
        c = ((String) a[study]).compareTo((String) b[study]);
      }
      return c != 0 ? c : Long.compare(((Number) a[trial]).longValue(), ((Number) b[trial]).longValue());
    };
  }

  /** Ascending, nulls last, NaN after numbers. */
  private static int ascending(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
  }

  /** Keeps the best {@code k} rows offered, in a bounded heap (worst first, so the head is the one to drop). */
  public static final class Best {
    private final Comparator<Object[]> order;
    private final int k;
    private final java.util.PriorityQueue<Object[]> heap;

    public Best(Table<TrialStats> table, int k) {
      this.order = of(table);
      this.k = k;
      this.heap = new java.util.PriorityQueue<>(order.reversed());
    }

    public void offer(Object[] row) {
      if (heap.size() < k) {
        heap.add(row);
      } else if (order.compare(row, heap.peek()) < 0) {
        heap.poll();
        heap.add(row);
      }
    }

    /** The rows kept, best first. */
    public java.util.List<Object[]> sorted() {
      java.util.List<Object[]> out = new java.util.ArrayList<>(heap);
      out.sort(order);
      return out;
    }
  }
}
