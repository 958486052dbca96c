package org.optsweep.reference;

/**
 * No reference of the required quality could be computed (MLlib's answer could not be certified even after
 * polishing; a trainer returned no finite answer). The message gives the residuals reached and the target.
 */
public final class ReferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReferenceException(String message) {
    super(message);
  }
}
