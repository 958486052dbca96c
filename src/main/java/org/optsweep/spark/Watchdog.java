package org.optsweep.spark;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.optsweep.solver.SolveRequest;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Solver;
import org.optsweep.solver.Stop;
import org.optsweep.solver.StopTest;

/**
 * Runs solves of a user's objective on a helper thread and gives up on one that overruns its time
 * budget — the solver's own clock cannot stop an objective that never returns. The stuck thread is
 * interrupted and abandoned (a daemon: it cannot keep the executor alive) and a fresh one serves the
 * next solve. Used only for plugin objectives with {@code time_budget_ms} set: the hand-off costs
 * tens of microseconds a solve, which built-in objectives, which always return, do not pay.
 */
final class Watchdog implements AutoCloseable {
  /** Extra wall time granted beyond the budget before the solve is abandoned, in ms. */
  static final long GRACE_MS = 1000;

  private ExecutorService pool = newPool();

  private static ExecutorService newPool() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "optsweep-watchdog-solve");
      t.setDaemon(true);
      return t;
    });
  }

  SolveResult solve(Solver solver, SolveRequest req) {
    long budget = req.stopping().timeBudgetMillis();
    long start = System.nanoTime();
    Future<SolveResult> f = pool.submit(() -> solver.solve(req));
    try {
      return f.get(budget + GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      pool.shutdownNow();
      pool = newPool();
      return SolveResult.notRun(Stop.because(StopTest.ABANDONED, "objective " + req.objective().name()
          + " did not return within the time budget of " + budget + " ms (+" + GRACE_MS
          + " ms grace); the solve was abandoned"), req.start(), req.targets(), System.nanoTime() - start);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      return SolveResult.notRun(Stop.because(StopTest.COULD_NOT_RUN, "solve threw " + c), req.start(),
          req.targets(), System.nanoTime() - start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("task interrupted", e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
