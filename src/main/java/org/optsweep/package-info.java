/**
 * optsweep: sweeps of optimizer settings run as batch jobs on Apache Spark. This package holds only
 * what every other package shares: the one type for bad input ({@link org.optsweep.InputException},
 * exit code 2) and its {@link org.optsweep.Problem}s.
 */
package org.optsweep;
