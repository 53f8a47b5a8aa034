package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.Switchboard;
import dev.switchboard.wire.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Requests crossing formats through the gateway, against the simulator's providers. */
class TranslationTest {
  @RegisterExtension static final SimExtension SIM = new SimExtension();
  @TempDir Path dir;

  /**
   * An agent that sends no cache hints (OpenClaw through the OpenAI dialect) still gets Anthropic's
   * prompt cache: the gateway marks the stable prefix, so the second turn reads what the first
   * wrote.
   */
  @Test
  void anOpenAiAgentOnClaude_isBilledCacheReadsOnItsSecondTurn() throws Exception {
    String system =
        "You are a careful coding agent. Follow the repository's conventions. ".repeat(120);
    String body =
        "{\"model\":\"anthropic/claude-sonnet-4.6\",\"max_tokens\":20,\"messages\":["
            + "{\"role\":\"system\",\"content\":\""
            + system
            + "\"},{\"role\":\"user\",\"content\":\"List the files.\"},"
            + "{\"role\":\"assistant\",\"content\":\"README.md and pom.xml.\"},"
            + "{\"role\":\"user\",\"content\":\"%s\"}]}";
    try (Switchboard gateway = ShippedGateway.start(dir, SIM.provider(), false)) {
      JsonNode first =
          usage(
              ShippedGateway.post(
                  gateway, "/v1/chat/completions", body.formatted("Open the README.")));
      JsonNode second =
          usage(
              ShippedGateway.post(gateway, "/v1/chat/completions", body.formatted("Now the pom.")));
      assertThat(first.path("prompt_tokens_details").path("cached_tokens").asLong())
          .as("nothing cached yet: %s", first)
          .isZero();
      assertThat(second.path("prompt_tokens_details").path("cached_tokens").asLong())
          .as("the prefix written by the first turn is read: %s", second)
          .isGreaterThan(1000);
    }
  }

  /** Claude Code's Anthropic-only fields reach a DeepSeek request as a named, harmless drop. */
  @Test
  void anthropicOnlyFields_areNamedInTheDroppedHeader_whenTheProviderSpeaksOpenAi()
      throws Exception {
    String body =
        "{\"model\":\"deepseek/deepseek-v3.2\",\"max_tokens\":20,"
            + "\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    try (Switchboard gateway = ShippedGateway.start(dir, SIM.provider(), false)) {
      HttpResponse<String> response =
          ShippedGateway.post(gateway, "/v1/messages", body, "anthropic-version", "2023-06-01");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-switchboard-dropped"))
          .hasValueSatisfying(dropped -> assertThat(dropped).contains("context_management"));
      assertThat(Json.tree(response.body()).get("type").asText()).isEqualTo("message");
    }
  }

  private static JsonNode usage(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.tree(response.body()).get("usage");
  }
}
