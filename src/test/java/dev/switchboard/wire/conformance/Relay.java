package dev.switchboard.wire.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.StreamEncoder;
import dev.switchboard.wire.UpstreamFailure;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's answer path without the gateway: a provider's decoded answer written for a client
 * of another (or the same) format, with the identity and settled usage the gateway would give it,
 * then read back by the client format's own decoder.
 */
final class Relay {
  static final String ID = "gen-conformance-1";
  static final long CREATED = 1767225600L;
  static final String MODEL = "conformance/model";
  static final String PROVIDER = "conformance-provider";

  /** A price with more digits than a double would keep, so a lossy cost shows. */
  static final BigDecimal COST = new BigDecimal("0.000123456789");

  /** What the client got: the bytes, and its own format's reading of them. */
  record Stream(byte[] bytes, StreamRun.Outcome outcome) {}

  record Unary(byte[] bytes, ChatResponse response) {}

  private Relay() {}

  /** The usage the gateway settles on: the provider's last report priced, or an estimate. */
  static Usage settled(Optional<Usage> reported) {
    return reported.orElse(Usage.estimated(10, 5)).withCost(COST);
  }

  static Stream stream(WireFormat client, ChatRequest request, StreamRun.Outcome upstream) {
    StreamEncoder encoder = client.newStreamEncoder(request);
    encoder.identify(ID, CREATED, MODEL);
    StringBuilder wire = new StringBuilder();
    upstream.events().forEach(event -> encoder.encode(event, e -> wire.append(e.frame())));
    if (upstream.error().isEmpty()) {
      encoder.complete(settled(Gist.of(upstream.events()).usage()), e -> wire.append(e.frame()));
    } else {
      encoder.fail(asClientError(upstream.error().get()), e -> wire.append(e.frame()));
    }
    byte[] bytes = wire.toString().getBytes(UTF_8);
    return new Stream(bytes, StreamRun.decode(client, request, bytes));
  }

  /** A stream that breaks after some text: what the client sees must say it broke. */
  static Stream failedAfterText(WireFormat client, ChatRequest request, String text) {
    List<ChatEvent> events =
        List.of(new ChatEvent.Started("up-1", 1L, "up-model"), new ChatEvent.TextDelta(0, text));
    UpstreamFailure failure =
        new UpstreamFailure(
            UpstreamFailure.Retry.RETRYABLE,
            ErrorKind.UPSTREAM_FAILED,
            200,
            Optional.empty(),
            "the provider's connection reset");
    return stream(
        client,
        request,
        new StreamRun.Outcome(events, Optional.of(new UpstreamStreamError(failure))));
  }

  static Unary unary(WireFormat client, ChatResponse upstream) throws WireException {
    ChatResponse answer = upstream.settled(MODEL, settled(upstream.usage()));
    byte[] bytes = client.encodeResponse(answer);
    return new Unary(bytes, client.decodeResponse(bytes));
  }

  /** The client-safe error the gateway makes of a provider's failure (as api.Attempts does). */
  static GatewayError asClientError(UpstreamFailure failure) {
    GatewayError.Builder error =
        GatewayError.builder(
                failure.kind(), "provider '" + PROVIDER + "' failed: " + failure.detail())
            .provider(PROVIDER);
    failure.retryAfter().ifPresent(error::retryAfter);
    return error.build();
  }

  private static GatewayError asClientError(Exception streamEnd) {
    return streamEnd instanceof UpstreamStreamError e
        ? asClientError(e.failure())
        : GatewayError.of(
            ErrorKind.UPSTREAM_FAILED,
            "provider '" + PROVIDER + "' failed: " + streamEnd.getMessage());
  }

  static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
