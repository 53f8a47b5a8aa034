package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.config.Config;
import dev.switchboard.config.Transport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code server.transport: io_uring}: the gateway's event loops really run on io_uring, and keep
 * {@link EventLoopContract}. Skipped only where the kernel (or a container's seccomp profile)
 * refuses io_uring.
 */
class IoUringTransportTest extends EventLoopContract {
  @Override
  UnaryOperator<Config.Server> server() {
    return server -> server.withTransport(Transport.IO_URING);
  }

  @Override
  void assumeAvailable() {
    assumeTrue(
        io.vertx.core.transport.Transport.IO_URING.available(),
        () ->
            "io_uring refused here: "
                + io.vertx.core.transport.Transport.IO_URING.unavailabilityCause());
  }

  @Test
  void theEventLoopsRunOnIoUring() {
    assertThat(harness.gateway.transport()).isEqualTo(Transport.IO_URING);
  }
}
