package org.optsweep.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;

/**
 * The rungs of an adaptive search, as a pure function of its knobs: which settings run, to how many iterations,
 * with how many replicates, and how many of them each rung promotes. Nothing here runs a solve; the driver runs
 * rung after rung, continuing the survivors' solves ({@code Solver.solve(request, state, pauseAt)}) and ranking
 * them with {@link Promotion}.
 *
 * <h2>Hyperband</h2>
 * Li, Jamieson, DeSalvo, Rostamizadeh &amp; Talwalkar (2018), "Hyperband: A Novel Bandit-Based Approach to
 * Hyperparameter Optimization", JMLR 18(185), Algorithm 1, with the resource in iterations:
 * <ul>
 *   <li>R = the study's {@code max_iterations}, r = {@code min_iterations}, η = {@code eta} (a whole number ≥ 2);
 *       s_max = ⌊log_η(R/r)⌋, the largest s with r·η^s ≤ R (computed in integers), and B = (s_max + 1)·R;</li>
 *   <li>bracket s = s_max, s_max − 1, …, 0 (in that order; with {@code brackets} = b &lt; s_max + 1, the first b
 *       of them, the most aggressive): n = ⌈(B/R)·η^s/(s + 1)⌉ = ⌈(s_max + 1)·η^s/(s + 1)⌉ settings;</li>
 *   <li>rung i = 0, …, s of bracket s: n_i = ⌊n·η^−i⌋ settings run to r_i = R·η^(i−s) iterations, rounded half up to
 *       a whole iteration (exact when R/r is a power of η; the last rung is always R); after rung i the best
 *       ⌊n_i/η⌋ = n_{i+1} are promoted to rung i + 1.</li>
 * </ul>
 * Unlike the paper's accounting, where each rung trains from scratch, a promoted setting continues its solves
 * where the rung paused them ({@link #iterationsContinued()} against {@link #iterationsRestarted()}).
 *
 * <h2>Successive halving</h2>
 * One bracket of the above — Jamieson &amp; Talwalkar (2016), "Non-stochastic Best Arm Identification and
 * Hyperparameter Optimization", AISTATS, in the form Hyperband runs it (its inner loop, Li et al. 2018 Algorithm 1
 * lines 5–10): keep the best 1/η of the settings at each rung while the budget per setting grows η-fold, from
 * r_0 = R·η^−s to R with s = s_max, instead of the 2016 paper's halving of a fixed total budget. n settings
 * (default η^s_max, the size of Hyperband's first bracket; at least η^s_max so that one setting reaches R).
 *
 * <h2>Replicates</h2>
 * Rung i runs m_i = m·g^i replicates of each setting (m = {@code replicates.count}, g = {@code replicate_growth},
 * default 1): a survivor's m_{i−1} replicates continue, and m_i − m_{i−1} new ones (the next replicate indices,
 * hence the next start points) start from scratch and run r_i iterations.
 *
 * <h2>Trials</h2>
 * optsweep decodes a trial from its index and never lists trials: bracket b (in the order above) takes the
 * consecutive block of n_b trial indices after those of the brackets before it, its position p ↦ trial
 * {@link Bracket#firstTrial()} + p. The trial's setting is the study's sampler's (random or Sobol) trial at that
 * index, so a study of this plan has {@link #settings()} distinct settings, 0 … settings − 1, and a rung's settings
 * are named by their trial indices.
 *
 * @param method        {@code hyperband} or {@code successive_halving}
 * @param maxIterations R
 * @param minIterations r
 * @param eta           η
 * @param brackets      the brackets, in the order they take trial indices
 */
public record RungPlan(String method, int maxIterations, int minIterations, int eta, List<Bracket> brackets) {

  /** search.min_iterations: r, the budget of the smallest rung; default 1. */
  public static final Param<Integer> MIN_ITERATIONS = Param.integer("min_iterations", 1, 1, Integer.MAX_VALUE,
      "iterations of the smallest rung (r); the largest is the study's max_iterations (R)");
  /** search.eta: η, the reduction factor; default 3 (Li et al. 2018). */
  public static final Param<Integer> ETA = Param.integer("eta", 3, 2, 1 << 20,
      "reduction factor: each rung keeps the best 1/eta of its settings and runs them eta times longer");
  /** search.brackets: Hyperband brackets, the most aggressive first; 0 = all s_max + 1 (default). */
  public static final Param<Integer> BRACKETS = Param.integer("brackets", 0, 0, 64,
      "Hyperband brackets, the most aggressive first; 0 = all (floor(log_eta(R/r)) + 1)");
  /** search.replicate_growth: g, each rung runs g times the replicates of the one before; default 1. */
  public static final Param<Integer> REPLICATE_GROWTH = Param.integer("replicate_growth", 1, 1, 1 << 20,
      "each rung runs this many times the replicates of the rung before (1 = the same)");

  /** The most brackets a plan may have (each is a few rows of bookkeeping on the driver). */
  public static final int MAX_BRACKETS = 100_000;

  public RungPlan {
    brackets = List.copyOf(brackets);
  }

  /**
   * One rung: how many settings run, to which iteration, with how many replicates each.
   *
   * @param index      i, 0 for the first rung of its bracket
   * @param settings   n_i
   * @param iterations r_i, the iteration the rung's solves pause at (or end at: the last rung's is R)
   * @param replicates m_i
   */
  public record Rung(int index, long settings, int iterations, int replicates) {}

  /**
   * One bracket: a successive-halving run over its own block of trials.
   *
   * @param s          Li et al.'s s: the bracket has s + 1 rungs
   * @param firstTrial the trial index of its position 0
   * @param rungs      its rungs, the first with all its settings
   */
  public record Bracket(int s, long firstTrial, List<Rung> rungs) {
    public Bracket {
      rungs = List.copyOf(rungs);
    }

    /** n, the settings the bracket starts with. */
    public long settings() {
      return rungs.get(0).settings();
    }

    /** The trial index of the setting at {@code position} in 0 … n − 1. */
    public long trial(long position) {
      if (position < 0 || position >= settings()) {
        throw new IndexOutOfBoundsException("position " + position + " of a bracket of " + settings() + " settings");
      }
      return firstTrial + position;
    }

    /** How many of rung i's settings rung i + 1 takes: n_{i+1}, 0 after the last rung. */
    public long promoted(int i) {
      return i + 1 < rungs.size() ? rungs.get(i + 1).settings() : 0;
    }
  }

  /**
   * Hyperband's plan (see the class doc).
   *
   * @param maxIterations   R ≥ 1, the study's {@code max_iterations}
   * @param minIterations   r in 1 … R
   * @param eta             η ≥ 2
   * @param brackets        how many brackets, the most aggressive first; 0 = all s_max + 1
   * @param replicates      m ≥ 1, replicates of each setting in a bracket's first rung
   * @param replicateGrowth g ≥ 1
   * @throws InvalidParameterException naming the knob at fault
   */
  public static RungPlan hyperband(int maxIterations, int minIterations, int eta, int brackets, int replicates,
                                   int replicateGrowth) {
    return hyperband(maxIterations, minIterations, eta, brackets, 0, replicates, replicateGrowth);
  }

  /**
   * Hyperband's plan run for as many iterations of its outer loop as it takes to try at least {@code settings}
   * settings (Li et al. 2018 run Hyperband repeatedly, each iteration on new settings): the brackets of one
   * iteration, repeated on the next blocks of trial indices.
   *
   * @param settings at least this many settings; 0 = one iteration
   * @see #hyperband(int, int, int, int, int, int)
   */
  public static RungPlan hyperband(int maxIterations, int minIterations, int eta, int brackets, long settings,
                                   int replicates, int replicateGrowth) {
    int sMax = check(maxIterations, minIterations, eta, replicates, replicateGrowth);
    if (brackets < 0 || brackets > sMax + 1) {
      throw new InvalidParameterException("search", "brackets", brackets, "0 (all) or 1 .. " + (sMax + 1)
          + " (floor(log_" + eta + "(" + maxIterations + "/" + minIterations + ")) + 1)");
    }
    int count = brackets == 0 ? sMax + 1 : brackets;
    List<Bracket> out = new ArrayList<>();
    long first = 0;
    do {
      for (int s = sMax; s > sMax - count; s--) {
        long etaS = pow(eta, s);
        long n = ceilDiv((sMax + 1) * etaS, s + 1);
        Bracket b = bracket(s, first, n, maxIterations, eta, replicates, replicateGrowth);
        out.add(b);
        first = Math.addExact(first, n);
      }
      if (out.size() > MAX_BRACKETS) {
        throw new InvalidParameterException("search", "trials", settings, "at most about " + first / out.size()
            * MAX_BRACKETS + " settings (" + MAX_BRACKETS + " brackets of Hyperband)");
      }
    } while (first < settings);
    return new RungPlan("hyperband", maxIterations, minIterations, eta, out);
  }

  /**
   * Successive halving's plan: one bracket with s = s_max (see the class doc).
   *
   * @param maxIterations   R ≥ 1
   * @param minIterations   r in 1 … R
   * @param eta             η ≥ 2
   * @param settings        n ≥ η^s_max, or 0 for η^s_max
   * @param replicates      m ≥ 1
   * @param replicateGrowth g ≥ 1
   * @throws InvalidParameterException naming the knob at fault
   */
  public static RungPlan successiveHalving(int maxIterations, int minIterations, int eta, long settings,
                                           int replicates, int replicateGrowth) {
    int s = check(maxIterations, minIterations, eta, replicates, replicateGrowth);
    long least = pow(eta, s);
    if (settings != 0 && settings < least) {
      throw new InvalidParameterException("search", "trials", settings, "0 (" + least + ") or at least " + least
          + " = " + eta + "^" + s + " settings, so that one reaches max_iterations = " + maxIterations);
    }
    return new RungPlan("successive_halving", maxIterations, minIterations, eta,
        List.of(bracket(s, 0, settings == 0 ? least : settings, maxIterations, eta, replicates, replicateGrowth)));
  }

  /** Checks the shared knobs; returns s_max. */
  private static int check(int maxIterations, int minIterations, int eta, int replicates, int replicateGrowth) {
    if (maxIterations < 1) {
      throw new InvalidParameterException("stopping", "max_iterations", maxIterations,
          "at least 1 for an adaptive search (the largest rung's budget)");
    }
    if (minIterations < 1 || minIterations > maxIterations) {
      throw new InvalidParameterException("search", "min_iterations", minIterations, "1 .. max_iterations = "
          + maxIterations);
    }
    if (eta < 2) {
      throw new InvalidParameterException("search", "eta", eta, "a whole number >= 2");
    }
    if (replicates < 1) {
      throw new InvalidParameterException("replicates", "count", replicates, "at least 1");
    }
    if (replicateGrowth < 1) {
      throw new InvalidParameterException("search", "replicate_growth", replicateGrowth, "at least 1");
    }
    int s = 0;
    // The largest s with r·η^s ≤ R, in integers: log() misjudges exact powers (log(243)/log(3) < 5).
    while ((long) minIterations * pow(eta, s + 1) <= maxIterations) {
      s++;
    }
    return s;
  }

  private static Bracket bracket(int s, long first, long n, int maxIterations, int eta, int replicates,
                                 int replicateGrowth) {
    List<Rung> rungs = new ArrayList<>();
    long m = replicates;
    for (int i = 0; i <= s; i++) {
      long down = pow(eta, s - i);
      // R·η^(i−s) rounded half up: (2R + η^(s−i)) / (2η^(s−i)).
      long iterations = (2L * maxIterations + down) / (2 * down);
      if (m > Integer.MAX_VALUE) {
        throw new InvalidParameterException("search", "replicate_growth", replicateGrowth, "a growth that keeps "
            + replicates + " x growth^" + i + " replicates within " + Integer.MAX_VALUE);
      }
      rungs.add(new Rung(i, n / pow(eta, i), (int) Math.max(1, iterations), (int) m));
      m = Math.multiplyExact(m, (long) replicateGrowth);
    }
    return new Bracket(s, first, rungs);
  }

  /** η^k, exact (only called where it is at most R·η). */
  private static long pow(int eta, int k) {
    long p = 1;
    for (int i = 0; i < k; i++) {
      p = Math.multiplyExact(p, (long) eta);
    }
    return p;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** The distinct settings the plan runs: Σ n over its brackets, trial indices 0 … settings − 1. */
  public long settings() {
    long n = 0;
    for (Bracket b : brackets) {
      n = Math.addExact(n, b.settings());
    }
    return n;
  }

  /**
   * The bracket whose block holds {@code trial}.
   *
   * @throws IndexOutOfBoundsException if the trial is not in 0 … {@link #settings()} − 1
   */
  public Bracket bracketOf(long trial) {
    for (Bracket b : brackets) {
      if (trial >= b.firstTrial() && trial < b.firstTrial() + b.settings()) {
        return b;
      }
    }
    throw new IndexOutOfBoundsException("trial " + trial + " of a plan of " + settings() + " settings");
  }

  /**
   * Iterations the plan runs at most when promoted solves continue: every replicate of every setting runs to its
   * rung's budget, each iteration once. Solves that end early (converged, diverged) spend less.
   */
  public long iterationsContinued() {
    long total = 0;
    for (Bracket b : brackets) {
      long prevIterations = 0;
      long prevReplicates = 0;
      for (Rung r : b.rungs()) {
        long continued = prevReplicates * (r.iterations() - prevIterations);
        long fresh = (r.replicates() - prevReplicates) * (long) r.iterations();
        total = Math.addExact(total, Math.multiplyExact(r.settings(), continued + fresh));
        prevIterations = r.iterations();
        prevReplicates = r.replicates();
      }
    }
    return total;
  }

  /**
   * Iterations the plan would run at most if every rung started its solves anew — the paper's accounting (for
   * R = 81, η = 3: B = 5R = 405 per bracket, about).
   */
  public long iterationsRestarted() {
    long total = 0;
    for (Bracket b : brackets) {
      for (Rung r : b.rungs()) {
        total = Math.addExact(total, Math.multiplyExact(r.settings(), (long) r.replicates() * r.iterations()));
      }
    }
    return total;
  }

  /**
   * The plan as a table, one line per bracket: {@code s=4: 81x1 27x3 9x9 3x27 1x81} (settings x iterations); the
   * brackets of repeated Hyperband iterations once, with the number of iterations.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s R=%d r=%d eta=%d, %d settings:", method,
        maxIterations, minIterations, eta, settings()));
    // One iteration of the outer loop: up to the first bracket that repeats the first one's s.
    int period = brackets.size();
    for (int b = 1; b < brackets.size(); b++) {
      if (brackets.get(b).s() == brackets.get(0).s()) {
        period = b;
        break;
      }
    }
    for (Bracket b : brackets.subList(0, period)) {
      out.append("\n  s=").append(b.s()).append(" (trials ").append(b.firstTrial()).append("..")
          .append(b.firstTrial() + b.settings() - 1).append("):");
      for (Rung r : b.rungs()) {
        out.append(' ').append(r.settings()).append('x').append(r.iterations());
        if (r.replicates() != 1) {
          out.append('x').append(r.replicates()).append("rep");
        }
      }
    }
    if (period < brackets.size()) {
      out.append(String.format(Locale.ROOT, "%n  the same %d brackets %d times in all (trials 0..%d)", period,
          brackets.size() / period, settings() - 1));
    }
    return out.toString();
  }
}
