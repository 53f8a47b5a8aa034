package dev.switchboard.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client library never sends: stalled heads,
 * truncated bodies, duplicate or conflicting headers. Reads block for at most {@link #PATIENCE}, so
 * a server that never answers fails the test instead of hanging it.
 */
final class RawHttp implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(15);
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout((int) PATIENCE.toMillis());
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(int port) {
    try {
      return new RawHttp(new Socket("127.0.0.1", port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request head: the request line, the headers given (name, value pairs) and a blank line. */
  static String head(String requestLine, String... headers) {
    StringBuilder text = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      text.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    return text.append("\r\n").toString();
  }

  /**
   * Writes a whole chat request for {@code model} on {@code socket} (one the test may close while
   * it is in flight), with more headers as name, value pairs.
   */
  static void writeChat(Socket socket, String key, String model, boolean stream, String... headers)
      throws IOException {
    byte[] body = GatewayHarness.body(model, stream, "").getBytes(StandardCharsets.UTF_8);
    List<String> all =
        new ArrayList<>(
            List.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + key,
                "Content-Length",
                Integer.toString(body.length)));
    all.addAll(List.of(headers));
    OutputStream out = socket.getOutputStream();
    out.write(
        head("POST /v1/chat/completions HTTP/1.1", all.toArray(String[]::new))
            .getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
  }

  RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawHttp send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends what it can; false when the server has closed the connection already. */
  boolean trySend(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The next response (not 1xx), its body read by Content-Length or to the end of the stream. */
  Response response() {
    try {
      Response response;
      do {
        response = readOne();
      } while (response.status() < 200);
      return response;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no response within " + PATIENCE, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of the next response, informational (1xx) ones included. */
  int nextStatus() {
    try {
      return readOne().status();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server closed the connection (end of stream or reset) within {@link #PATIENCE}. */
  boolean closedByServer() {
    try {
      while (in.read() != -1) {
        // Drain whatever the server still sends before it closes.
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response readOne() throws IOException {
    String statusLine = line();
    if (statusLine.isEmpty()) {
      throw new AssertionError("the server closed the connection without a response");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    if (status < 200) {
      return new Response(status, headers, "");
    }
    List<String> length = headers.getOrDefault("content-length", List.of());
    byte[] body =
        length.isEmpty() ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.getFirst()));
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One parsed response; header names are lower case. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, List.of()).stream().findFirst().orElse("");
    }
  }
}
