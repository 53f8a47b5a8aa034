package dev.switchboard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.openai.OpenAiFormat;

/**
 * Client request bodies of the OpenAI format: any bytes end as a request or a clean WireException
 * (a 400), and an accepted request respects the limits and can be encoded for an upstream.
 */
class OpenAiRequestFuzzTest {
  private static final OpenAiFormat FORMAT = new OpenAiFormat();
  private static final RequestLimits LIMITS = RequestLimits.DEFAULTS;

  @FuzzTest(maxDuration = "2m")
  void parseRequest(byte[] body) {
    ChatRequest request;
    try {
      request = FORMAT.parseRequest(IngressRequest.of(body));
    } catch (WireException e) {
      CleanErrors.check(e.getMessage());
      return;
    }
    if (request.model().isBlank()
        || (request.messages().isEmpty() && request.system().isEmpty())
        || request.messages().size() > LIMITS.maxMessages()
        || request.tools().size() > LIMITS.maxTools()) {
      throw new AssertionError("accepted a request outside the limits: " + request.model());
    }
    request
        .maxOutputTokens()
        .ifPresent(
            max -> {
              if (max < 1 || max > LIMITS.maxOutputTokens()) {
                throw new AssertionError("accepted max tokens " + max);
              }
            });
    request.promptText();
    try {
      FORMAT.encodeRequest(request, new UpstreamTarget("upstream-model"));
    } catch (WireException e) {
      throw new AssertionError("an OpenAI request the OpenAI format cannot send on", e);
    }
  }
}
