package dev.switchboard.api;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Usage;

/**
 * Counts tokens with o200k_base when a provider reports no usage. The result is flagged estimated
 * in the ledger and in the response, because other models' tokenizers differ.
 */
final class TokenEstimator {
  private static final Encoding ENCODING =
      Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  // OpenAI counts about 4 tokens of framing per message and 3 to prime the answer.
  private static final int PER_MESSAGE = 4;
  private static final int PER_REQUEST = 3;

  private TokenEstimator() {}

  static Usage estimate(ChatRequest request, String completionText) {
    long prompt = PER_REQUEST;
    for (var message : request.messages()) {
      prompt += PER_MESSAGE + ENCODING.countTokensOrdinary(message.text());
      for (var call : message.toolCalls()) {
        prompt +=
            ENCODING.countTokensOrdinary(call.name())
                + ENCODING.countTokensOrdinary(call.arguments());
      }
    }
    return Usage.estimated(prompt, ENCODING.countTokensOrdinary(completionText));
  }
}
