package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent session a request belongs to, for per-session spend caps and the ledger: OpenRouter's
 * {@code session_id} body field, else the {@code x-session-id} header, else Claude Code's {@code
 * x-claude-code-session-id}. Bounded, so a client cannot make the ledger store an essay per row.
 */
final class SessionIds {
  static final int MAX_LENGTH = 256;
  private static final String FIELD = "session_id";
  private static final List<String> HEADERS = List.of("x-session-id", "x-claude-code-session-id");

  private SessionIds() {}

  /** Headers with lower-cased names; throws a 400 for a session id that is not a short text. */
  static Optional<String> of(ChatRequest request, Map<String, String> headers) {
    JsonNode field = request.source().body().get(FIELD);
    if (field != null && !field.isNull()) {
      if (!field.isTextual()) {
        throw invalid(FIELD, "must be a string");
      }
      return checked(FIELD, field.asText());
    }
    for (String header : HEADERS) {
      String value = headers.get(header);
      if (value != null) {
        return checked(header, value.strip());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> checked(String where, String id) {
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (id.length() > MAX_LENGTH) {
      throw invalid(where, "at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        throw invalid(where, "must not contain control characters");
      }
    }
    return Optional.of(id);
  }

  private static GatewayError invalid(String where, String problem) {
    return GatewayError.builder(ErrorKind.INVALID_REQUEST, "session id (" + where + "): " + problem)
        .param(where)
        .build();
  }
}
