package org.optsweep.report;

/** The order of stages in every table and chart: the search, then the confirmation, then anything else. */
final class Stages {
  private Stages() {}

  static int rank(String stage) {
    return SweepOutput.SEARCH.equals(stage) ? 0 : SweepOutput.CONFIRM.equals(stage) ? 1 : 2;
  }

  static int compare(String a, String b) {
    int c = Integer.compare(rank(a), rank(b));
    return c != 0 ? c : a.compareTo(b);
  }
}
