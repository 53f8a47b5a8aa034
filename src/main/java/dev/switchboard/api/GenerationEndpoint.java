package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.account.ApiKey;
import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.LedgerReader;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.money.Money;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GET /v1/generation?id=gen-... (and OpenRouter's path, /api/v1/generation): one ledger row in
 * OpenRouter's field names, with every attempt it made as {@code provider_responses}, for the key
 * that made the request only (another key's id is "not found", so ids reveal nothing). It also
 * shows what the sourcing policy decided: {@code data_class}, {@code policy_rule}, {@code
 * policy_action} and {@code finding_types} (type names, never the matched text).
 */
final class GenerationEndpoint {
  private final Vertx vertx;
  private final LedgerReader ledger;

  GenerationEndpoint(Vertx vertx, LedgerReader ledger) {
    this.vertx = vertx;
    this.ledger = ledger;
  }

  Future<byte[]> find(ApiKey key, Optional<String> id) {
    if (id.isEmpty() || id.get().isBlank()) {
      return Future.failedFuture(
          GatewayError.builder(
                  ErrorKind.INVALID_REQUEST, "id: required, the X-Generation-Id of a request")
              .param("id")
              .build());
    }
    return vertx
        .executeBlocking(
            () ->
                ledger
                    .find(id.get())
                    .filter(row -> row.keyId().equals(key.id()))
                    .map(row -> body(row, ledger.attempts(row.id()))))
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        GatewayError.of(
                            ErrorKind.NOT_FOUND,
                            "no generation with id '" + clip(id.get()) + "' for this key")));
  }

  private static byte[] body(UsageRecord row, List<Attempt> attempts) {
    ObjectNode data = Json.object().put("id", row.id()).put("created_at", row.at().toString());
    data.put("model", row.servedModel().orElse(row.requestedModel()))
        .put("requested_model", row.requestedModel());
    row.provider()
        .ifPresentOrElse(p -> data.put("provider_name", p), () -> data.putNull("provider_name"));
    row.providerModel().ifPresent(name -> data.put("provider_model", name));
    data.put("streamed", row.stream())
        .put("cancelled", row.errorCode().filter("client_closed"::equals).isPresent());
    data.put("latency", row.latencyMs());
    row.ttftMs().ifPresent(ttft -> data.put("time_to_first_token", ttft));
    data.put("tokens_prompt", row.promptTokens()).put("tokens_completion", row.completionTokens());
    data.put("native_tokens_cached", row.cachedTokens())
        .put("native_tokens_reasoning", row.reasoningTokens());
    data.put("estimated", row.estimated());
    row.router()
        .ifPresent(
            pick ->
                data.putObject("router")
                    .put("version", pick.version())
                    .put("score", pick.score())
                    .put("pick", pick.pick()));
    data.put("total_cost", Money.ofMicros(row.costMicros()).toUsd()).put("status", row.status());
    row.errorCode().ifPresent(code -> data.put("error_code", code));
    DataHandling handling = row.handling();
    data.put("data_class", handling.dataClass())
        .put("policy_rule", handling.rule())
        .put("policy_action", handling.action());
    ArrayNode findingTypes = data.putArray("finding_types");
    handling.findingTypes().forEach(findingTypes::add);
    ArrayNode responses = data.putArray("provider_responses");
    attempts.forEach(attempt -> responses.add(providerResponse(attempt)));
    ObjectNode root = Json.object();
    root.set("data", data);
    return Json.bytes(root);
  }

  /**
   * One attempt as OpenRouter lists it (provider, model, status, latency), with what ended it and
   * when its first token came; nulls where it has no such value (no response: no status).
   */
  private static ObjectNode providerResponse(Attempt attempt) {
    ObjectNode item =
        Json.object().put("provider_name", attempt.providerId()).put("model", attempt.modelId());
    if (attempt.status() > 0) {
      item.put("status", attempt.status());
    } else {
      item.putNull("status");
    }
    item.put("latency", attempt.latencyMs())
        .put("outcome", attempt.outcome().name().toLowerCase(Locale.ROOT));
    attempt
        .errorCode()
        .ifPresentOrElse(code -> item.put("error_code", code), () -> item.putNull("error_code"));
    if (attempt.firstTokenMs().isPresent()) {
      item.put("first_token_ms", attempt.firstTokenMs().getAsLong());
    } else {
      item.putNull("first_token_ms");
    }
    return item.put("bytes", attempt.bytes());
  }

  static String clip(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
