/**
 * Named, documented and validated hyperparameters. Every objective, schedule and solver declares its
 * parameters here, so a job file, the command line and {@code optsweep list} all speak the same names,
 * and a bad value is refused with the owner, the name, the value and the expected range.
 */
package org.optsweep.param;
