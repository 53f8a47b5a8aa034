package dev.switchboard.wire.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance matrix's axes: every format registered in {@link WireFormats#all()} and every
 * scenario folder under src/test/resources/wire/&lt;format&gt;/. Fixture folders of a format that
 * is not registered are not read, so a format's fixtures can land before its code.
 */
final class Scenarios {
  static final String CLIENT_REQUEST = "client-request.json";
  static final String CLIENT_PATH = "client-request.path";
  static final String STREAM = "upstream-response.sse";
  static final String RESPONSE = "upstream-response.json";
  static final String ERROR = "upstream-error.json";
  static final String ERROR_STATUS = "upstream-error.status";

  private Scenarios() {}

  /** One fixture folder of one registered format. */
  record Scenario(WireFormat format, String name) {
    boolean has(String file) {
      return Fixtures.has(format.name(), name, file);
    }

    byte[] bytes(String file) {
      return Fixtures.bytes(format.name(), name, file);
    }

    String text(String file) {
      return new String(bytes(file), UTF_8).strip();
    }

    /** The client request as the format parses it, sent to the path the fixture names. */
    ChatRequest clientRequest() throws WireException {
      String path = has(CLIENT_PATH) ? text(CLIENT_PATH) : format.chatPaths().getFirst();
      return format.parseRequest(new IngressRequest(path, Map.of(), bytes(CLIENT_REQUEST)));
    }

    /**
     * The request a stream decoder of this format is made for: the scenario's own client request
     * when it has one that parses, else a plain streamed one.
     */
    ChatRequest decoderRequest() {
      if (has(CLIENT_REQUEST)) {
        try {
          return clientRequest();
        } catch (WireException e) {
          // The client-request check reports this; the stream checks still run.
        }
      }
      return TestRequests.users(format.name(), true, "hello");
    }

    Optional<Scenario> in(WireFormat other) {
      return Fixtures.scenarios(other.name()).contains(name)
          ? Optional.of(new Scenario(other, name))
          : Optional.empty();
    }

    @Override
    public String toString() {
      return format.name() + "/" + name;
    }
  }

  /**
   * The path a client of {@code format} would call for what {@code upstreamPath} asks of a
   * provider. An upstream path is relative to the provider's base URL, whose own path is the API
   * version ("/models/x:generateContent" under ".../v1beta"); the format's chat routes begin with
   * that version, so the part of a route before the upstream path's first segment is put back.
   */
  static String ingressPath(WireFormat format, String upstreamPath) {
    int slash = upstreamPath.indexOf('/', 1);
    String firstSegment = slash < 0 ? upstreamPath : upstreamPath.substring(0, slash + 1);
    for (String route : format.chatPaths()) {
      int at = route.indexOf(firstSegment.startsWith("/") ? firstSegment : "/" + firstSegment);
      if (at >= 0) {
        return route.substring(0, at) + upstreamPath;
      }
    }
    return upstreamPath;
  }

  static List<WireFormat> formats() {
    return WireFormats.all();
  }

  static List<Scenario> of(WireFormat format) {
    List<Scenario> scenarios = new ArrayList<>();
    Fixtures.scenarios(format.name()).forEach(name -> scenarios.add(new Scenario(format, name)));
    return scenarios;
  }

  static List<Scenario> all() {
    List<Scenario> scenarios = new ArrayList<>();
    formats().forEach(format -> scenarios.addAll(of(format)));
    return scenarios;
  }
}
