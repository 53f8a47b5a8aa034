package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import dev.switchboard.config.Transport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code server.busy_poll}: event loops that poll for 200 us before they block keep {@link
 * EventLoopContract} on the native transport, and a gateway whose loops have gone to sleep wakes
 * for the next request. (Timers under busy polling: the whole e2e suite with {@code
 * -Dswitchboard.e2e.busy_poll_us=200}.)
 */
class BusyPollingGatewayTest extends EventLoopContract {
  @Override
  UnaryOperator<Config.Server> server() {
    return server -> server.withBusyPoll(Duration.ofNanos(200_000));
  }

  @Test
  void theLoopsStayOnTheNativeTransport() {
    assertThat(harness.gateway.transport()).isEqualTo(Transport.NATIVE);
  }

  @Test
  void anIdleGatewayAnswersAfterSleeping() throws InterruptedException {
    Thread.sleep(300); // past any window: the loops block in the kernel
    HttpResponse<String> response =
        harness.chat(GatewayHarness.body("moonshotai/kimi-k2.5", false, ""));
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
