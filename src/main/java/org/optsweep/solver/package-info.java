/**
 * Local solvers: the gradient family (GD, heavy-ball momentum, the seed's NAG, Adam, Adagrad, RMSProp)
 * sharing one loop, L-BFGS with a strong-Wolfe line search, and scipy's Nelder–Mead. A solver holds
 * its validated configuration only; each {@code solve} returns a {@link org.optsweep.solver.SolveResult}
 * with its own counts, status and reason, target first-hits and an optional log-spaced trace.
 */
package org.optsweep.solver;
