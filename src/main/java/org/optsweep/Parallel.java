package org.optsweep;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent pieces of the driver's work run side by side on daemon threads: Spark jobs submitted from
 * several threads overlap one job's planning and scheduling on the driver with another's tasks. Closing it
 * stops what is still running.
 */
public final class Parallel implements AutoCloseable {
  private final ExecutorService pool;
  private final String what;

  private Parallel(int threads, String name, String what) {
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    this.what = what;
  }

  /**
   * @param threads at most this many pieces at once
   * @param name    the threads' name
   * @param what    what the pieces do, for the message of an interruption ("computing the derived tables")
   */
  public static Parallel threads(int threads, String name, String what) {
    return new Parallel(threads, name, what);
  }

  public <T> Future<T> submit(Callable<T> piece) {
    return pool.submit(piece);
  }

  /**
   * A piece's result. Its runtime exception is thrown as it is; another failure, or an interruption, as an
   * IOException.
   */
  public <T> T get(Future<T> piece) throws IOException {
    try {
      return piece.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
