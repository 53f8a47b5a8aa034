package dev.switchboard.wire.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorBody;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.ToolSpec;
import dev.switchboard.wire.UpstreamCall;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import dev.switchboard.wire.conformance.Scenarios.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance matrix: every registered client format against every registered provider format,
 * from the same fixture folders as {@link WireConformanceTest}. N formats give N x N cells per
 * applicable scenario, with no code per format: a client's requests are translated for every
 * provider format, every provider's recorded answers (streamed, unary, errors) are written for
 * every client format and read back by that format's own decoder, and what the client learns must
 * mean what the provider said, less the losses {@link Capabilities} documents.
 */
class CrossFormatTest {
  private static final String UPSTREAM_MODEL = "upstream-model";

  @TestFactory
  Stream<DynamicNode> clientRequestsTranslateForEveryProviderFormat() {
    List<DynamicNode> cells = new ArrayList<>();
    for (Scenario s : Scenarios.all()) {
      if (s.has(Scenarios.CLIENT_REQUEST)) {
        for (WireFormat provider : Scenarios.formats()) {
          String cell =
              s.format().name() + " client -> " + provider.name() + " provider: " + s.name();
          cells.add(Cell.of(cell, () -> request(s, provider, cell)));
        }
      }
    }
    return cells.stream();
  }

  @TestFactory
  Stream<DynamicNode> providerAnswersReachEveryClientFormat() {
    List<DynamicNode> cells = new ArrayList<>();
    for (Scenario s : Scenarios.all()) {
      for (WireFormat client : Scenarios.formats()) {
        String cell = s.format().name() + " provider -> " + client.name() + " client: " + s.name();
        if (s.has(Scenarios.STREAM)) {
          cells.add(Cell.of(cell + " (stream)", () -> stream(s, client, cell)));
        }
        if (s.has(Scenarios.RESPONSE)) {
          cells.add(Cell.of(cell + " (unary)", () -> unary(s, client, cell)));
        }
        if (s.has(Scenarios.ERROR)) {
          cells.add(Cell.of(cell + " (error before the first byte)", () -> error(s, client, cell)));
        }
      }
    }
    return cells.stream();
  }

  @TestFactory
  Stream<DynamicNode> anErrorAfterTheFirstByteReadsAsAnErrorNeverAsAnEnd() {
    return Cell.perFormat(
        format -> {
          Relay.Stream seen =
              Relay.failedAfterText(format, request(format, true), "partial answer");
          assertThat(seen.outcome().error())
              .as("%s: its decoder reads its own encoder's fail()", format.name())
              .containsInstanceOf(UpstreamStreamError.class);
          assertThat(Gist.of(seen.outcome().events()).text()).isEqualTo("partial answer");
        });
  }

  @TestFactory
  Stream<DynamicNode> aTruncatedStreamIsTruncatedInEveryFormat() {
    return Cell.perFormat(
        format -> {
          Optional<Scenario> truncated =
              Scenarios.of(format).stream()
                  .filter(s -> s.name().equals("truncated-stream"))
                  .findFirst();
          if (truncated.isEmpty()) {
            fail("src/test/resources/wire/%s has no truncated-stream scenario", format.name());
          }
          Scenario s = truncated.orElseThrow();
          StreamRun.Outcome outcome =
              StreamRun.decode(format, s.decoderRequest(), s.bytes(Scenarios.STREAM));
          assertThat(outcome.error()).containsInstanceOf(StreamTruncated.class);
        });
  }

  private static void request(Scenario s, WireFormat provider, String cell) throws Exception {
    ChatRequest request;
    try {
      request = s.clientRequest();
    } catch (WireException e) {
      // A request its own format refuses (its expected-request.json records why): nothing to
      // translate, but the refusal must name the field.
      assertThat(e.param())
          .as("%s: the client's refusal names the field (%s)", cell, e.getMessage())
          .isNotBlank();
      return;
    }
    UpstreamCall call;
    try {
      call = provider.encodeRequest(request, new UpstreamTarget(UPSTREAM_MODEL));
    } catch (WireException e) {
      assertThat(e.param())
          .as("%s: a refusal names the field (%s)", cell, e.getMessage())
          .isNotBlank();
      if (!Capabilities.refuses(provider.name(), e.param())) {
        fail(
            "%s: refused %s (%s); list it in Capabilities.REFUSALS if %s truly cannot carry it",
            cell, e.param(), e.getMessage(), provider.name());
      }
      return;
    }
    assertThat(call.dropped()).as("%s: dropped fields are named", cell).allMatch(f -> !f.isBlank());
    assertThat(call.stream()).as("%s: stream choice", cell).isEqualTo(request.stream());
    // The provider's format must read what we wrote for it: the same parser serves its clients.
    ChatRequest sent =
        provider.parseRequest(
            new IngressRequest(
                Scenarios.ingressPath(provider, call.path()),
                lowerCase(call.headers()),
                call.body()));
    assertThat(sent.model()).as("%s: the deployment's model", cell).isEqualTo(UPSTREAM_MODEL);
    assertThat(Gist.conversation(sent, call.dropped()))
        .as("%s: what the conversation says (dropped: %s)", cell, call.dropped())
        .isEqualTo(Gist.conversation(request, call.dropped()));
    assertThat(sent.tools().stream().map(ToolSpec::name))
        .as("%s: the tools", cell)
        .containsExactlyElementsOf(request.tools().stream().map(ToolSpec::name).toList());
  }

  private static void stream(Scenario s, WireFormat client, String cell) {
    StreamRun.Outcome upstream =
        StreamRun.decode(s.format(), s.decoderRequest(), s.bytes(Scenarios.STREAM));
    ChatRequest request = clientRequest(s, client, true);
    Relay.Stream seen = Relay.stream(client, request, upstream);
    Gist expected = Gist.of(upstream.events());
    Gist got = Gist.of(seen.outcome().events());
    if (upstream.error().isPresent()) {
      assertThat(seen.outcome().error())
          .as("%s: a broken stream reaches the client as an in-band error", cell)
          .containsInstanceOf(UpstreamStreamError.class);
      assertThat(got.text())
          .as("%s: the text sent before the break", cell)
          .isEqualTo(expected.text());
      return;
    }
    assertThat(seen.outcome().error()).as("%s: the client's stream ends cleanly", cell).isEmpty();
    assertIdentity(seen.outcome().events().getFirst(), cell);
    SameMeaning.assertSurvived(client.name(), expected, got, cell);
    SameMeaning.assertUsage(
        client.name(), Relay.settled(expected.usage()), got.usage(), seen.bytes(), cell);
  }

  private static void unary(Scenario s, WireFormat client, String cell) throws Exception {
    ChatResponse upstream = s.format().decodeResponse(s.bytes(Scenarios.RESPONSE));
    Relay.Unary seen = Relay.unary(client, upstream);
    assertThat(seen.response().model()).as("%s: catalog model", cell).isEqualTo(Relay.MODEL);
    SameMeaning.assertSurvived(client.name(), Gist.of(upstream), Gist.of(seen.response()), cell);
    SameMeaning.assertUsage(
        client.name(),
        Relay.settled(upstream.usage()),
        seen.response().usage(),
        seen.bytes(),
        cell);
  }

  private static void error(Scenario s, WireFormat client, String cell) {
    UpstreamFailure failure = WireConformanceTest.decodeFailure(s);
    GatewayError error = Relay.asClientError(failure);
    ErrorBody body = client.encodeError(error);
    // The class of status, not the number: a format may say 529 where another says 502.
    assertThat(body.status() / 100)
        .as("%s: HTTP status %s for %s", cell, body.status(), failure.kind())
        .isEqualTo(failure.kind().status() / 100);
    UpstreamFailure seen =
        client.decodeFailure(body.status(), Optional.empty(), Map.of(), body.body());
    assertThat(seen.kind())
        .as("%s: the kind of failure, read back", cell)
        .isEqualTo(failure.kind());
    assertThat(seen.detail()).as("%s: the message, read back", cell).contains(Relay.PROVIDER);
  }

  /** The identity the gateway gave the stream, not the provider's; a format may lack a time. */
  private static void assertIdentity(ChatEvent first, String cell) {
    assertThat(first).as("%s: the stream begins", cell).isInstanceOf(ChatEvent.Started.class);
    ChatEvent.Started started = (ChatEvent.Started) first;
    // A format may put its own prefix on the gateway's id (Anthropic's msg_).
    assertThat(started.id()).as("%s: one id per client stream", cell).endsWith(Relay.ID);
    assertThat(started.model()).as("%s: the catalog model", cell).isEqualTo(Relay.MODEL);
    assertThat(started.created()).as("%s: creation time", cell).isIn(Relay.CREATED, 0L);
  }

  /** The scenario's client request in the client's format when it has one, else a plain one. */
  private static ChatRequest clientRequest(Scenario s, WireFormat client, boolean stream) {
    return s.in(client)
        .filter(c -> c.has(Scenarios.CLIENT_REQUEST))
        .map(Scenario::decoderRequest)
        .orElseGet(() -> request(client, stream));
  }

  private static ChatRequest request(WireFormat format, boolean stream) {
    return TestRequests.users(format.name(), stream, "hello");
  }

  private static Map<String, String> lowerCase(Map<String, String> headers) {
    Map<String, String> lower = new java.util.HashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), value));
    return lower;
  }
}
