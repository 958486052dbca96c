package org.optsweep.spark;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.util.LongAccumulator;

/** Console progress: trials done of total, rate and ETA, every few seconds from a daemon thread. */
final class Progress {
  private final PrintStream console;
  private final LongAccumulator done;
  private final long total;
  private final long start = System.nanoTime();
  private volatile boolean running;
  private long skippedTrials;
  private Thread thread;

  Progress(PrintStream console, LongAccumulator done, long total) {
    this.console = console;
    this.done = done;
    this.total = total;
  }

  /** Trials that a resumed run does not solve again. */
  void skip(long n) {
    skippedTrials += n;
  }

  void start() {
    running = true;
    thread = new Thread(() -> {
      long last = -1;
      while (running) {
        try {
          Thread.sleep(2000);
        } catch (InterruptedException e) {
          return;
        }
        long d = done.value() + skippedTrials;
        if (d != last && d > 0 && running) {
          print(d);
          last = d;
        }
      }
    }, "optsweep-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void print(long d) {
    double secs = (System.nanoTime() - start) / 1e9;
    double rate = (d - skippedTrials) / Math.max(secs, 1e-9);
    long left = total - d;
    String eta = rate > 0 ? formatSeconds(left / rate) : "?";
    console.printf(Locale.ROOT, "[optsweep] trials %,d / %,d (%.1f%%), %.0f trials/s, ETA %s%n", d, total,
        100.0 * d / total, rate, eta);
  }

  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  static String formatSeconds(double s) {
    long t = Math.round(s);
    return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60)
        : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
  }
}
