package org.optsweep.solver;

import breeze.linalg.DenseVector;
import breeze.linalg.DenseVector$mcD$sp;
import breeze.optimize.CachedDiffFunction;
import breeze.optimize.DiffFunction;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.optsweep.gradient.Evaluator;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * One solve's f and ∇f as a breeze {@code DiffFunction<DenseVector<Double>>}, every evaluation going through
 * the solve's {@link Evaluator} (so it is counted and the budget holds).
 *
 * <p>A Java class cannot implement breeze's {@code DiffFunction} (the trait's {@code final def apply(x): Double}
 * compiles to {@code double apply(Object)}, which clashes with {@code Function1}'s erased {@code Object
 * apply(Object)}; javac refuses, and {@code java.lang.reflect.Proxy} rejects the return-type clash).
 * {@link LambdaMetafactory} does not check the trait, so it spins a class implementing only {@code
 * calculate(Object): Tuple2}, which is wrapped in breeze's {@link CachedDiffFunction} — the only thing
 * breeze's minimisers then call (calling {@code apply} on the raw lambda would be an AbstractMethodError).
 * Technique measured in {@code /work/notes/mllib-mapping.md} §6b.
 *
 * <p>Not allocation-free: breeze keeps the gradients it is given (L-BFGS history, states), so each
 * evaluation returns a fresh vector, and breeze allocates several more per iteration.
 */
final class BreezeFunction {
  private final Evaluator eval;
  private final double[] x;
  /** The last point evaluated and its result, so that breeze re-asking for it costs no evaluation. */
  private double[] lastX;
  private Tuple2<Object, DenseVector<Object>> last;

  BreezeFunction(Evaluator eval, int n) {
    this.eval = eval;
    this.x = new double[n];
  }

  /** f and ∇f at {@code v}, through the evaluator, or the cached result for the same bits. */
  Tuple2<Object, DenseVector<Object>> calculate(DenseVector<Object> v) {
    for (int j = 0; j < x.length; j++) {
      x[j] = v.apply$mcD$sp(j);
    }
    if (last != null && java.util.Arrays.equals(x, lastX)) {
      return last;
    }
    double[] g = new double[x.length];
    double f = eval.valueAndGradient(x, g);
    lastX = x.clone();
    last = new Tuple2<>(f, new DenseVector$mcD$sp(g));
    return last;
  }

  /**
   * Makes {@code x}, {@code f}, {@code g} the cached last evaluation, as if they had just been computed (not
   * counted): a continued solve's cache then holds what the uninterrupted one's did.
   */
  void prime(double[] x, double f, double[] g) {
    lastX = x.clone();
    last = new Tuple2<>(f, new DenseVector$mcD$sp(g.clone()));
  }

  /** A breeze view of this function. */
  @SuppressWarnings("unchecked")
  DiffFunction<DenseVector<Object>> toBreeze() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      MethodHandle impl = lookup.findStatic(BreezeFunction.class, "calculateImpl",
          MethodType.methodType(Tuple2.class, BreezeFunction.class, Object.class));
      CallSite site = LambdaMetafactory.metafactory(lookup, "calculate",
          MethodType.methodType(DiffFunction.class, BreezeFunction.class),
          MethodType.methodType(Tuple2.class, Object.class),
          impl, MethodType.methodType(Tuple2.class, Object.class));
      DiffFunction<DenseVector<Object>> raw = (DiffFunction<DenseVector<Object>>) site.getTarget().invoke(this);
      return new CachedDiffFunction<>(raw, DenseVector.canCopyDenseVector(ClassTag$.MODULE$.Double()));
    } catch (Throwable t) {
      throw new IllegalStateException("cannot adapt the objective to breeze's DiffFunction", t);
    }
  }

  @SuppressWarnings({"unchecked", "unused"})
  private static Tuple2<Object, DenseVector<Object>> calculateImpl(BreezeFunction f, Object v) {
    return f.calculate((DenseVector<Object>) v);
  }

  /** A breeze dense vector holding a copy of {@code values}. */
  static DenseVector<Object> vector(double[] values) {
    return new DenseVector$mcD$sp(values.clone());
  }

  /** Copies a breeze dense vector into {@code out}. */
  static void copy(DenseVector<Object> v, double[] out) {
    for (int j = 0; j < out.length; j++) {
      out[j] = v.apply$mcD$sp(j);
    }
  }
}
