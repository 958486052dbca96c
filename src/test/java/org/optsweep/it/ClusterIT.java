package org.optsweep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed job on a real Spark standalone cluster (one master, two workers on 127.0.0.1, started from
 * the Maven-resolved jars by deploy/local-cluster/start.sh), submitted through SparkSubmit with the
 * shaded application jar — the path a cluster user takes. Then a worker is killed mid-job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static final Path DIR = Proc.IT.resolve("cluster");
  /** The seed job's search (2,000 trials x 8) and its confirmation (the best 10 x 100 fresh starts). */
  static final long SEED_SOLVES = 2000L * 8 + 10 * 100;
  String master;

  @BeforeAll
  void startCluster() throws Exception {
    Proc.run(DIR.resolve("stop.log"), 60, "deploy/local-cluster/stop.sh", "--dir", DIR.toString());
    Path log = Proc.IT.resolve("cluster-start.log");
    int code = Proc.run(log, 120, "deploy/local-cluster/start.sh", "--workers", "2", "--dir", DIR.toString());
    assertEquals(0, code, Proc.tail(log));
    master = Files.readString(DIR.resolve("master.url")).trim();
    assertTrue(master.startsWith("spark://127.0.0.1:"), master);
  }

  @AfterAll
  void stopCluster() throws Exception {
    Proc.run(Proc.IT.resolve("cluster-stop.log"), 120, "deploy/local-cluster/stop.sh", "--dir", DIR.toString());
  }

  private Process submit(Path log, Path out) throws Exception {
    Proc.deleteTree(out);
    return Proc.start(log, "deploy/local-cluster/submit.sh", master, "--conf", "spark.executor.memory=768m",
        "--", "run", "jobs/seed-ackley-nag.yaml", "--out", out.toString());
  }

  @Test
  @Order(1)
  void seedJobOnTheClusterGivesTheLocalRunsTable() throws Exception {
    Path local = Proc.IT.resolve("seed-local");
    Path cluster = Proc.IT.resolve("seed-cluster");
    Proc.deleteTree(local);
    Path localLog = Proc.IT.resolve("seed-local.log");
    assertEquals(0, Proc.run(localLog, 900, "bin/optsweep", "run", "jobs/seed-ackley-nag.yaml", "--out",
        local.toString(), "--master", "local[2]"), Proc.tail(localLog));
    Path clusterLog = Proc.IT.resolve("seed-cluster.log");
    Process p = submit(clusterLog, cluster);
    assertTrue(p.waitFor(900, TimeUnit.SECONDS), "cluster run did not finish");
    assertEquals(0, p.exitValue(), Proc.tail(clusterLog));
    assertTrue(Proc.read(clusterLog).contains("best settings by their confirmed success rate"), Proc.tail(clusterLog));
    assertEquals(SEED_SOLVES, Tables.scalar("SELECT count(*) FROM " + Tables.runs(cluster)));
    // Executors on the cluster are the workers' (ids 0, 1), locally the driver's.
    assertTrue(Tables.scalar("SELECT count(DISTINCT executor) FROM " + Tables.runs(cluster)) >= 2,
        "both workers' executors ran tasks");
    assertEquals(0, Tables.difference(local, cluster, "wall_ms, executor"));
  }

  @Test
  @Order(2)
  void aWorkerKilledMidJobLosesNothingAndDoublesNothing() throws Exception {
    Path out = Proc.IT.resolve("seed-kill");
    Path log = Proc.IT.resolve("seed-kill.log");
    Process p = submit(log, out);
    // Kill worker 1 once the job is under way (the first progress line).
    assertTrue(Proc.await(300, () -> {
      try {
        return Proc.read(log).contains("[optsweep] trials");
      } catch (Exception e) {
        return false;
      }
    }), "no progress: " + Proc.tail(log));
    Path killLog = Proc.IT.resolve("kill-worker.log");
    assertEquals(0, Proc.run(killLog, 30, "deploy/local-cluster/kill-worker.sh", "--dir", DIR.toString(), "1"),
        Proc.tail(killLog));
    assertTrue(p.waitFor(900, TimeUnit.SECONDS), "job did not finish after the worker was killed");
    assertEquals(0, p.exitValue(), Proc.tail(log));
    assertEquals(SEED_SOLVES, Tables.scalar("SELECT count(*) FROM " + Tables.runs(out)));
    assertEquals(SEED_SOLVES, Tables.scalar("SELECT count(DISTINCT (stage, study, trial, replicate)) FROM " + Tables.runs(out)));
    assertEquals(0, Tables.difference(Proc.IT.resolve("seed-local"), out, "wall_ms, executor"));
  }
}
