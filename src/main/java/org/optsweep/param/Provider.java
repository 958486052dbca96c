package org.optsweep.param;

import java.util.List;

/**
 * What every pluggable component — objective, schedule, solver — declares about itself: the name job
 * files use, one line of description, and its parameters. Each kind adds its own {@code create}.
 * Implementations are found by {@link Registry}: optsweep's own, then any listed under
 * {@code META-INF/services/<the kind's provider interface>} in a jar on the classpath ({@code --jars}).
 */
public interface Provider {

  /** The name used in job files ({@code ackley}, {@code nag}, {@code exponential}); unique per kind. */
  String name();

  /** One line: the formula or update rule and its reference. */
  String description();

  /** Every parameter, with its default, range and doc. */
  List<Param<?>> params();
}
