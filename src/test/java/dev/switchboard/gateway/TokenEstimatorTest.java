package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.Usage;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
  private static final int LARGE_CONTEXT = Integer.MAX_VALUE;

  @Test
  void countsAShortPromptExactly_withTheBpe() {
    Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    String text = "Say something about routers, in two short sentences.";
    Usage usage = TokenEstimator.estimate(request(text), "Routers route.", LARGE_CONTEXT);
    assertThat(usage.promptTokens()).isEqualTo(3 + 4 + o200k.countTokensOrdinary(text));
    assertThat(usage.completionTokens()).isEqualTo(o200k.countTokensOrdinary("Routers route."));
    assertThat(usage.isEstimated()).isTrue();
  }

  @Test
  void countsTextBeyondTheBudget_byBytes_soAHugeOneLetterPromptIsLinear() {
    int size = 9_000_000;
    Usage usage = TokenEstimator.estimate(request("a".repeat(size)), "", LARGE_CONTEXT);
    long bpePart =
        TokenEstimator.estimate(request("a".repeat(TokenEstimator.BPE_BUDGET)), "", LARGE_CONTEXT)
            .promptTokens();
    long byBytes = (size - TokenEstimator.BPE_BUDGET + 3) / 4;
    assertThat(usage.promptTokens()).isEqualTo(bpePart + byBytes);
  }

  @Test
  void neverCountsMorePromptTokensThanTheContextAllows() {
    Usage usage = TokenEstimator.estimate(request("a".repeat(9_000_000)), "done", 8192);
    assertThat(usage.promptTokens()).isEqualTo(8192);
    assertThat(usage.completionTokens()).isEqualTo(1);
  }

  @Test
  void sharesOneBudgetAcrossMessages() {
    String full = "abc ".repeat(TokenEstimator.BPE_BUDGET / 4);
    ChatRequest twoMessages = TestRequests.users("openai", false, full, full);
    long first = TokenEstimator.estimate(request(full), "", LARGE_CONTEXT).promptTokens();
    // The first message used the whole budget: the second is counted as 4 bytes per token.
    assertThat(TokenEstimator.estimate(twoMessages, "", LARGE_CONTEXT).promptTokens())
        .isEqualTo(first + 4 + TokenEstimator.BPE_BUDGET / 4);
  }

  @Test
  void measuresUtf8WithoutEncoding() {
    String text = "aé漢😀 b"; // 1, 2, 3 and 4 bytes per character
    assertThat(TokenEstimator.utf8Length(text, 0))
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    assertThat(TokenEstimator.utf8Length(text, 1))
        .isEqualTo(text.substring(1).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void refusesToRunOnAnEventLoop() {
    Vertx vertx = Vertx.vertx();
    try {
      CompletableFuture<Optional<Throwable>> thrown = new CompletableFuture<>();
      vertx.runOnContext(
          v -> {
            try {
              TokenEstimator.estimate(request("hello"), "", LARGE_CONTEXT);
              thrown.complete(Optional.empty());
            } catch (IllegalStateException e) {
              thrown.complete(Optional.of(e));
            }
          });
      assertThat(thrown.join()).get().isInstanceOf(IllegalStateException.class);
    } finally {
      vertx.close();
    }
  }

  private static ChatRequest request(String text) {
    return TestRequests.users("openai", false, text);
  }
}
