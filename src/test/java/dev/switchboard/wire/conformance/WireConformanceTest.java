package dev.switchboard.wire.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import dev.switchboard.wire.conformance.Scenarios.Scenario;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each registered format against each of its own fixture folders: the recorded bytes decode to the
 * canonical goldens next to them (expected-events.json, expected-response.json,
 * expected-failure.json, expected-request.json), and a stream decodes to the same events however
 * its bytes are cut. A new format or scenario needs no code here, only its folder and its goldens:
 * {@value Golden#UPDATE_COMMAND} writes them (read them before committing).
 */
class WireConformanceTest {
  static final String EVENTS = "expected-events.json";
  static final String RESPONSE = "expected-response.json";
  static final String FAILURE = "expected-failure.json";
  static final String REQUEST = "expected-request.json";

  /** Each fixture file and the golden it is checked against. */
  private static final Map<String, String> GOLDEN_OF =
      Map.of(
          Scenarios.CLIENT_REQUEST, REQUEST,
          Scenarios.STREAM, EVENTS,
          Scenarios.RESPONSE, RESPONSE,
          Scenarios.ERROR, FAILURE);

  @TestFactory
  Stream<DynamicNode> everyRegisteredFormatHasFixtures() {
    return Scenarios.formats().stream()
        .map(
            format ->
                Cell.of(
                    format.name() + " has fixtures",
                    () ->
                        assertThat(Scenarios.of(format))
                            .as("fixture folders under src/test/resources/wire/%s", format.name())
                            .isNotEmpty()));
  }

  @TestFactory
  Stream<DynamicNode> everyScenarioDecodesToItsGoldens() {
    return Scenarios.all().stream()
        .map(scenario -> dynamicContainer(scenario.toString(), checks(scenario)));
  }

  /** One test listing every golden missing, so a new format's gaps show in one message. */
  @Test
  void everyFixtureHasItsGolden() {
    List<String> missing = new ArrayList<>();
    for (Scenario s : Scenarios.all()) {
      for (Map.Entry<String, String> pair : GOLDEN_OF.entrySet()) {
        if (s.has(pair.getKey())
            && !Files.exists(Golden.path(s.format().name(), s.name(), pair.getValue()))) {
          missing.add(s + "/" + pair.getValue());
        }
      }
    }
    assertThat(missing)
        .as(
            "goldens missing; create them with %s, then read them against the fixtures",
            Golden.UPDATE_COMMAND)
        .isEmpty();
  }

  private static Stream<DynamicNode> checks(Scenario s) {
    List<DynamicNode> checks = new ArrayList<>();
    if (s.has(Scenarios.CLIENT_REQUEST)) {
      checks.add(Cell.of(s + ": client request parses to " + REQUEST, () -> clientRequest(s)));
    }
    if (s.has(Scenarios.STREAM)) {
      checks.add(Cell.of(s + ": stream decodes to " + EVENTS, () -> stream(s)));
      checks.add(Cell.of(s + ": stream decodes alike at every byte cut", () -> rechunked(s)));
    }
    if (s.has(Scenarios.RESPONSE)) {
      checks.add(Cell.of(s + ": response decodes to " + RESPONSE, () -> response(s)));
    }
    if (s.has(Scenarios.ERROR)) {
      checks.add(Cell.of(s + ": error reply decodes to " + FAILURE, () -> failure(s)));
    }
    if (checks.isEmpty()) {
      // A folder the harness cannot read is a mistake (a misspelt file name), not a pass.
      checks.add(
          Cell.of(
              s + ": has a fixture",
              () -> fail("it holds none of the files src/test/resources/wire/README.md lists")));
    }
    return checks.stream();
  }

  private static void clientRequest(Scenario s) throws Exception {
    ObjectNode parsed;
    try {
      parsed = RequestJson.write(s.clientRequest());
    } catch (WireException e) {
      // A request the format refuses on purpose: the golden records the refusal and its field.
      parsed = RequestJson.refused(e);
    }
    Golden.check(s.format().name(), s.name(), REQUEST, parsed);
  }

  private static void stream(Scenario s) {
    StreamRun.Outcome outcome =
        StreamRun.decode(s.format(), s.decoderRequest(), s.bytes(Scenarios.STREAM));
    List<ObjectNode> actual = EventJson.write(outcome);
    Golden.checkLines(s.format().name(), s.name(), EVENTS, actual);
    // The golden reads back into the same events: the JSON form loses nothing the checks use.
    List<ChatEvent> read = new ArrayList<>();
    Golden.read(s.format().name(), s.name(), EVENTS)
        .forEach(node -> EventJson.read(node).ifPresent(read::add));
    assertThat(read).as("events read back from " + EVENTS).isEqualTo(outcome.events());
  }

  private static void rechunked(Scenario s) {
    WireFormat format = s.format();
    byte[] bytes = s.bytes(Scenarios.STREAM);
    ChatRequest request = s.decoderRequest();
    StreamRun.Outcome whole = StreamRun.decode(format, request, bytes);
    for (int[] cuts : StreamRun.splits(bytes.length)) {
      StreamRun.Outcome pieces = StreamRun.decode(format, request, bytes, cuts);
      if (!StreamRun.same(pieces, whole)) {
        assertThat(EventJson.write(pieces))
            .as("%s %s", s, StreamRun.describe(cuts))
            .isEqualTo(EventJson.write(whole));
      }
    }
  }

  private static void response(Scenario s) throws Exception {
    ChatResponse response = s.format().decodeResponse(s.bytes(Scenarios.RESPONSE));
    Golden.check(s.format().name(), s.name(), RESPONSE, PartJson.response(response));
  }

  private static void failure(Scenario s) {
    UpstreamFailure failure = decodeFailure(s);
    Golden.check(s.format().name(), s.name(), FAILURE, EventJson.failure(Json.object(), failure));
  }

  /** The scenario's recorded error reply through the format's decodeFailure. */
  static UpstreamFailure decodeFailure(Scenario s) {
    int status = Integer.parseInt(s.text(Scenarios.ERROR_STATUS));
    return s.format().decodeFailure(status, Optional.empty(), Map.of(), s.bytes(Scenarios.ERROR));
  }
}
