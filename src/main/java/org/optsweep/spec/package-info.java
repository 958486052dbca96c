/**
 * Job specifications: the names and parameter values that make one solve
 * ({@link org.optsweep.spec.SolveSetup}), shared by the command line and job files.
 */
package org.optsweep.spec;
