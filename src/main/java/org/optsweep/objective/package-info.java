/**
 * Objectives f(x): the built-in test functions with published optima (Ackley, Rosenbrock, Rastrigin,
 * sphere, ill-conditioned quadratic), the data-driven losses from the seed questions (ridge regression
 * with its exact EJML optimum, the group-sparse reconstruction loss, a sparse autoencoder), and the
 * {@link org.optsweep.objective.ObjectiveProvider} service users implement for their own.
 */
package org.optsweep.objective;
