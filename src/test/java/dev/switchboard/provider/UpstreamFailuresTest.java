package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.UpstreamFailure;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {
  /** Netty's refusal is a ConnectException subclass whose name used to reach clients. */
  private static final class AnnotatedConnectException extends ConnectException {
    AnnotatedConnectException() {
      super("Connection refused: /10.0.0.7:443");
    }
  }

  @Test
  void transportErrors_areOurWords_withNoJavaClassNameOrAddress() {
    List<Throwable> errors =
        List.of(
            new AnnotatedConnectException(),
            new UnknownHostException("api.example.invalid"),
            new SSLHandshakeException("PKIX path building failed"),
            new IOException("Connection reset by peer"));
    for (Throwable error : errors) {
      UpstreamFailure failure = UpstreamFailures.of(error, false);
      assertThat(failure.detail())
          .as("detail of %s", error)
          .doesNotContain("Exception")
          .doesNotContain("10.0.0.7")
          .doesNotContain("example.invalid")
          .doesNotContain("PKIX")
          .isNotBlank();
    }
  }

  @Test
  void aRefusedConnection_isNotSent_soTheNextProviderIsSafeToTry() {
    assertThat(UpstreamFailures.of(new AnnotatedConnectException(), true).retry())
        .isEqualTo(UpstreamFailure.Retry.NOT_SENT);
  }

  @Test
  void beforeHeaders_aDroppedConnectionIsAReset_aRefusalOrATimeoutIsNot() {
    assertThat(
            UpstreamFailures.beforeHeaders(new io.vertx.core.http.HttpClosedException("closed"))
                .cause())
        .isEqualTo(UpstreamFailure.Cause.RESET);
    assertThat(UpstreamFailures.beforeHeaders(new IOException("Connection reset by peer")).cause())
        .isEqualTo(UpstreamFailure.Cause.RESET);
    assertThat(UpstreamFailures.beforeHeaders(new AnnotatedConnectException()).cause())
        .isEqualTo(UpstreamFailure.Cause.NONE);
    assertThat(
            UpstreamFailures.beforeHeaders(new java.util.concurrent.TimeoutException("idle"))
                .cause())
        .isEqualTo(UpstreamFailure.Cause.NONE);
  }

  @Test
  void theGatewaysOwnFileLimit_isNotSent_andNotTheProvidersFault() {
    // As Netty's epoll transport reports EMFILE when it cannot make the socket (its errors come
    // from the native library, loaded with the transport).
    assumeTrue(Epoll.isAvailable(), "Netty's epoll transport (Linux)");
    Throwable epoll =
        new ChannelException(Errors.newIOException("newSocketStream(..)", -24 /* EMFILE */));
    Throwable nio = new SocketException("Too many open files");
    for (Throwable error : List.of(epoll, nio)) {
      UpstreamFailure failure = UpstreamFailures.of(error, true);
      assertThat(failure.retry()).as("%s", error).isEqualTo(UpstreamFailure.Retry.NOT_SENT);
      assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
      assertThat(failure.cause()).isEqualTo(UpstreamFailure.Cause.OUT_OF_FILES);
      assertThat(failure.detail()).contains("out of file descriptors").doesNotContain("Exception");
    }
    assertThat(UpstreamFailures.of(new IOException("Connection reset by peer"), true).cause())
        .isEqualTo(UpstreamFailure.Cause.NONE);
  }
}
