package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a stream's events reach the client's socket: the first at once, the rest gathered. */
class ClientStreamTest {
  private static final byte[] FIRST = "data: first\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECOND = "data: second\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] THIRD = "data: third\n\n".getBytes(StandardCharsets.UTF_8);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theFirstDataIsWrittenAtOnceAndLaterDataOncePerPassOfTheEventLoop() throws Exception {
    // Bytes handed to the response, read at points of one pass of the event loop and the next.
    List<Long> written = new CopyOnWriteArrayList<>();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  HttpServerResponse response = request.response();
                  Config.Server limits =
                      new Config.Server("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2));
                  ClientStream stream =
                      new ClientStream(vertx, request, limits, new StreamTicker(vertx, 1000));
                  stream.write(FIRST, 0, FIRST.length);
                  stream.flush();
                  written.add(response.bytesWritten());
                  stream.write(SECOND, 0, SECOND.length);
                  stream.flush();
                  stream.write(THIRD, 0, THIRD.length);
                  stream.flush();
                  written.add(response.bytesWritten());
                  vertx.runOnContext(
                      next -> {
                        written.add(response.bytesWritten());
                        stream.end();
                      });
                })
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.body()).isEqualTo("data: first\n\ndata: second\n\ndata: third\n\n");
    assertThat(written)
        .containsExactly(
            (long) FIRST.length,
            (long) FIRST.length,
            (long) (FIRST.length + SECOND.length + THIRD.length));
  }
}
