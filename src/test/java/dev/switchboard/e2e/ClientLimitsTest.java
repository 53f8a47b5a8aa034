package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.ClientLimits;
import dev.switchboard.config.Config;
import dev.switchboard.wire.Json;
import java.nio.file.Files;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client can hold of the server, over raw sockets against a gateway with short limits: a
 * head that never completes, an idle connection, a body that stops short, and an upload from a
 * stranger all end within the configured bounds, none of them by reading the body.
 */
class ClientLimitsTest {
  private static final Duration LIMIT = Duration.ofMillis(600);
  private static final long MAX_BODY = 64 * 1024;
  private static Switchboard gateway;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    Config config =
        Config.defaults()
            .withServer(
                new Config.Server(
                    "127.0.0.1",
                    0,
                    MAX_BODY,
                    Duration.ofSeconds(2),
                    new ClientLimits(LIMIT, LIMIT, 2048, Duration.ofSeconds(30)),
                    false))
            .withStorage(
                new Config.Storage(Files.createTempDirectory("switchboard-limits").resolve("db")));
    gateway = Switchboard.start(config, Catalog.load(Catalog.shippedTree(), Json.object()));
    key = gateway.keys().create("limits", OptionalLong.empty()).secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aHeadThatTricklesIn_isClosedAfterTheIdleTimeout() throws InterruptedException {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      http.send("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n");
      // One header line every 100 ms keeps the socket busy: a read-idle timer would never fire.
      boolean closed = false;
      for (int line = 0; !closed && line < 150; line++) {
        Thread.sleep(100);
        closed = !http.trySend("X-Slow-" + line + ": still coming\r\n");
      }
      assertThat(closed || http.closedByServer()).isTrue();
    }
  }

  @Test
  void anIdleKeepAliveConnection_isClosed_afterItsLastResponse() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      assertThat(http.send(RawHttp.head("GET /health HTTP/1.1")).response().status())
          .isEqualTo(200);
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void aBodyThatStopsShort_is408_andTheConnectionCloses() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      http.send(chatHead("Bearer " + key, 1000)).send("{\"model\":");
      MalformedRequestsTest.expectError(http.response(), 408);
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void aStrangersUpload_is401_beforeTheBodyIsSent() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      // 9 MiB announced, not a byte of it sent: the answer must not wait for the body.
      http.send(chatHead("Bearer sk-sb-v1-notAKeyOfOurs", 9L * 1024 * 1024));
      MalformedRequestsTest.expectError(http.response(), 401);
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void aStrangersUpload_is401_evenWhenItsBodyIsUnderWay() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      http.send(chatHead("", 9L * 1024 * 1024));
      try {
        http.send(new byte[256 * 1024]);
      } catch (java.io.UncheckedIOException refused) {
        // The gateway may answer and close before the upload is out: that is the point.
      }
      MalformedRequestsTest.expectError(http.response(), 401);
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void aStrangerAskingToContinue_getsNo100_but401() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      http.send(
          RawHttp.head(
              "POST /v1/chat/completions HTTP/1.1",
              "Authorization",
              "Bearer sk-sb-v1-notAKeyOfOurs",
              "Expect",
              "100-continue",
              "Content-Length",
              "9437184"));
      assertThat(http.nextStatus()).as("no 100 Continue before the key is known").isEqualTo(401);
    }
  }

  @Test
  void aDeclaredLengthOverTheLimit_is413_beforeTheBodyIsSent() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      http.send(chatHead("Bearer " + key, MAX_BODY + 1));
      MalformedRequestsTest.expectError(http.response(), 413);
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void headersOverTheLimit_are431() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      http.send(RawHttp.head("GET /health HTTP/1.1", "X-Padding", "p".repeat(4096)));
      MalformedRequestsTest.expectError(http.response(), 431);
    }
  }

  @Test
  void theModelList_needsAKey_whenConfiguredPrivate() {
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      MalformedRequestsTest.expectError(
          http.send(RawHttp.head("GET /v1/models HTTP/1.1")).response(), 401);
    }
    try (RawHttp http = RawHttp.connect(gateway.port())) {
      RawHttp.Response listed =
          http.send(RawHttp.head("GET /v1/models HTTP/1.1", "Authorization", "Bearer " + key))
              .response();
      assertThat(listed.status()).isEqualTo(200);
    }
  }

  private static String chatHead(String authorization, long length) {
    return RawHttp.head(
        "POST /v1/chat/completions HTTP/1.1",
        "Authorization",
        authorization,
        "Content-Type",
        "application/json",
        "Content-Length",
        Long.toString(length));
  }
}
