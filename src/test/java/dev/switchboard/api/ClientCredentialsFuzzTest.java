package dev.switchboard.api;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.account.KeyAuthenticator;
import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Client credentials as they arrive: any Authorization header value, sent over a real socket to a
 * real Vert.x server whose handler is {@link ClientCredentials}, gets a 401 (or Vert.x's own 400
 * for a header it cannot read), never a 5xx and never silence.
 */
class ClientCredentialsFuzzTest {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
  private static final Set<Integer> ALLOWED = Set.of(200, 400, 401, 431);
  private static Path dir;
  private static Vertx vertx;
  private static SqliteDatabase database;
  private static ExecutorService blocking;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("client-credentials-fuzz");
    database = SqliteDatabase.open(dir.resolve("keys.db"));
    SqlKeyStore store = SqlKeyStore.of(database);
    store.create("fuzz", OptionalLong.empty());
    blocking = Executors.newVirtualThreadPerTaskExecutor();
    KeyAuthenticator keys = KeyAuthenticator.of(store, store.hasher(), blocking);
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    ClientCredentials.authenticate(keys, vertx, request)
                        .onComplete(
                            result -> {
                              int status =
                                  result.succeeded()
                                      ? 200
                                      : Failures.asGatewayError(result.cause()).kind().status();
                              request.response().setStatusCode(status).end();
                            }))
            .listen(0, "127.0.0.1")
            .await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    blocking.close();
    database.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @FuzzTest(maxDuration = "2m")
  void authorizationHeader(byte[] value) throws IOException {
    // Jazzer's SSRF detector would flag the one connection this target exists to make.
    BugDetectors.allowNetworkConnections(
        (host, port) -> port == server.actualPort() && LOOPBACK.contains(host));
    int status = send(withoutLineBreaks(value));
    if (!ALLOWED.contains(status)) {
      throw new AssertionError("the Authorization header was answered with HTTP " + status);
    }
  }

  /** Line breaks would end the header and frame another request: that is Vert.x's business. */
  private static byte[] withoutLineBreaks(byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length);
    for (byte b : value) {
      if (b != '\r' && b != '\n') {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static int send(byte[] authorization) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      socket.setSoTimeout(10_000); // a hang fails the run instead of stalling it
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /v1/chat/completions HTTP/1.1\r\nHost: fuzz\r\nAuthorization: "
              .getBytes(StandardCharsets.US_ASCII));
      out.write(authorization);
      out.write(
          "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      if (!statusLine.startsWith("HTTP/1.1 ")) {
        throw new AssertionError("no HTTP response, got '" + statusLine + "'");
      }
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
