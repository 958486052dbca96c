package org.optsweep.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference optima known to this JVM, by {@link ReferenceKey}: where an objective instance learns the
 * optimum its runs are measured against.
 *
 * <p>The order of calls that makes it work (see the package documentation):
 * <ol>
 *   <li>the driver computes each distinct reference once ({@link org.optsweep.reference.compute.ReferenceStage#compute}) and
 *       {@link #register}s it;</li>
 *   <li>it ships {@link #all()} to the executors (a broadcast; {@link Reference} is serializable), where each
 *       task calls {@link #registerAll} before it builds an objective — a no-op in local mode, where driver
 *       and executors share this JVM;</li>
 *   <li>objectives built afterwards look their key up once, when they are built
 *       ({@link org.optsweep.objective.Objective#reference()}, {@code minimiser()}, {@code minimum()}).</li>
 * </ol>
 * An objective built before its reference was registered keeps reporting none (NaN/null): build after
 * registering. Thread-safe.
 */
public final class References {
  private References() {}

  private static final ConcurrentHashMap<ReferenceKey, Reference> BY_KEY = new ConcurrentHashMap<>();

  /**
   * Adds (or replaces) the reference for its key.
   *
   * @return the reference previously registered under that key, or {@code null}
   */
  public static Reference register(Reference reference) {
    return BY_KEY.put(reference.key(), reference);
  }

  /** Registers each of {@code references} (an executor's copy of the driver's {@link #all()}). */
  public static void registerAll(Collection<Reference> references) {
    for (Reference r : references) {
      register(r);
    }
  }

  /** The reference registered for {@code key}, or {@code null}. */
  public static Reference lookup(ReferenceKey key) {
    return key == null ? null : BY_KEY.get(key);
  }

  /** Every registered reference (a snapshot, in no particular order): what the driver ships and tabulates. */
  public static List<Reference> all() {
    return new ArrayList<>(BY_KEY.values());
  }

  /** How many references are registered. */
  public static int size() {
    return BY_KEY.size();
  }

  /** Forgets every reference (tests; a long-lived driver between jobs). */
  public static void clear() {
    BY_KEY.clear();
  }
}
