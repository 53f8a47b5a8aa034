package dev.switchboard.e2e;

import dev.switchboard.sim.SimOptions;
import dev.switchboard.sim.SimProvider;
import io.vertx.core.Vertx;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator (every provider, default options) on its own Vert.x for the tests of a class:
 * {@code @RegisterExtension static final SimExtension SIM = new SimExtension();}.
 */
final class SimExtension implements BeforeAllCallback, AfterAllCallback {
  private @Nullable Vertx vertx;
  private @Nullable SimProvider sim;

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    sim =
        SimProvider.start(vertx, SimOptions.defaults())
            .toCompletionStage()
            .toCompletableFuture()
            .join();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sim != null) {
      sim.close().toCompletionStage().toCompletableFuture().join();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  SimProvider provider() {
    return Objects.requireNonNull(sim, "the simulator starts before the class's first test");
  }
}
