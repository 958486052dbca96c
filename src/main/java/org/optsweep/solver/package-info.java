/**
 * Local solvers: the gradient family (GD, heavy-ball momentum, the seed's NAG, Adam, Adagrad, RMSProp)
 * sharing one loop, L-BFGS with a strong-Wolfe line search, scipy's Nelder–Mead, and for non-smooth L1
 * penalties ISTA / FISTA ({@link org.optsweep.solver.ProximalGradient}, Beck &amp; Teboulle 2009) and breeze's
 * OWL-QN ({@link org.optsweep.solver.Owlqn}, Andrew &amp; Gao 2007). A solver holds its validated
 * configuration only; each {@code solve} returns a {@link org.optsweep.solver.SolveResult} with its own
 * counts, status and reason, target first-hits and an optional log-spaced trace.
 *
 * <h2>Pausing and continuing</h2>
 * {@link org.optsweep.solver.Solver#solve(org.optsweep.solver.SolveRequest, org.optsweep.solver.SolverState, int)}
 * runs a solve up to an iteration and returns, unless the solve ended first, a
 * {@link org.optsweep.solver.SolverState}: x, the solver's own state and
 * the monitor's (counts, best value, target hits, trace samples, wall time), as plain typed columns for a Parquet
 * row. Continued from it, the solve is bit-identical to an uninterrupted one of the same request — for every
 * built-in solver, OWL-QN included (breeze's state is rebuilt), as {@code ContinuationTest} checks for each; the
 * schedule continues at lr(k + 1), the trace follows the plan of the whole budget, the evaluation and time budgets
 * hold for the whole solve. The uninterrupted path is the same loop, with the same fast path. Bit-identical
 * means on one JVM and CPU family ({@code Math.*}, breeze's BLAS choice): a rung continued on an executor of
 * another kind may differ in the last bits, as a whole solve would.
 *
 * <h2>L1 terms</h2>
 * On a {@link org.optsweep.objective.Composite} objective (elastic net, L1-logistic) ISTA, FISTA and OWL-QN
 * evaluate only the smooth part and treat the L1 term exactly; their evaluation counts are of the smooth
 * part. Every other gradient solver differentiates the full F, i.e. follows a subgradient, and its stop
 * reason says so ({@link org.optsweep.objective.Composite#SUBGRADIENT_NOTE}, the stop's detail).
 *
 * <h2>Measured on the lasso / L1-logistic paths of {@code regularized.json}</h2>
 * Start 0, errors against the independent numpy optima (rel_w = max|Δw|/max(max|w*|, 1)):
 * <ul>
 *   <li>diabetes in original units (Hessian condition up to 5e7), λ = λ_max·10^{0, −0.8, …, −4}: FISTA with
 *       backtracking and adaptive restart, until x stops changing: 16 079, 39 994, 34 635, 60 037, 113 722,
 *       116 020 iterations (two s evaluations each), rel_w ≤ 8.9e-9, |rel_f| ≤ 9e-16, KKT 5e-10 … 3.5e-9.
 *       Plain FISTA (no restart): rel_w 1.6e-4 … 9e-4 after 400 000 iterations; ISTA: 0.1 … 1. OWL-QN:
 *       breeze's iterates stop improving at rel_w 2e-7 … 2e-6 (k1 … k4, 1 013 – 23 920 iterations) and
 *       0.3 (k5, KKT 219), each reported CONVERGED by its function-value test.</li>
 *   <li>breast cancer standardised (condition ≤ 6.2e3), 6 L1 and 2 elastic-net λ: OWL-QN to KKT 1e-10 in
 *       19 – 1 650 iterations, rel_w ≤ 3.7e-7; FISTA (backtracking, restart) 54 – 18 345 iterations,
 *       rel_w ≤ 1.7e-12; ISTA (backtracking) 6 365 / 14 280 iterations at the two largest λ, rel_w ≤ 3e-14.</li>
 * </ul>
 * Figures from {@code PenalizedSolversTest} (its test report holds them per case).
 */
package org.optsweep.solver;
