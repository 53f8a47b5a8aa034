package dev.switchboard.sim;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One simulator with default options, started before a test class and closed after it. */
abstract class SimServerTest {
  static Vertx vertx;
  static SimProvider sim;

  @BeforeAll
  static void startSim() throws Exception {
    vertx = Vertx.vertx();
    sim = SimHttp.await(SimProvider.start(vertx, SimOptions.defaults()));
  }

  @AfterAll
  static void stopSim() throws Exception {
    SimHttp.await(sim.close());
    SimHttp.await(vertx.close());
  }
}
