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

/**
 * A provider's reply about the client's request or pace reaches a client of the provider's format
 * as the provider sent it (Claude Code backs off on Anthropic's 529 overloaded_error); a client of
 * another format gets the gateway's error in its own format. Claude has one provider in the shipped
 * catalog, so its failure is the request's.
 */
class ProviderErrorRelayTest {
  private static final String CLAUDE = "anthropic/claude-sonnet-4.6";
  @RegisterExtension static final SimExtension SIM = new SimExtension();
  @TempDir Path dir;

  @Test
  void anAnthropicClient_getsTheProvidersOverloaded529AsItWas() throws Exception {
    try (Switchboard gateway = gateway()) {
      HttpResponse<String> response =
          post(
              gateway,
              "/v1/messages",
              "{\"model\":\""
                  + CLAUDE
                  + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
              "status-529");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(529);
      JsonNode body = Json.tree(response.body());
      assertThat(body.get("type").asText()).isEqualTo("error");
      assertThat(body.get("error").get("type").asText()).isEqualTo("overloaded_error");
      assertThat(response.headers().firstValue("x-generation-id")).isPresent();
    }
  }

  @Test
  void anOpenAiClient_ofTheSameClaude_getsTheGatewaysErrorInOpenAiShape() throws Exception {
    try (Switchboard gateway = gateway()) {
      HttpResponse<String> response =
          post(
              gateway,
              "/v1/chat/completions",
              "{\"model\":\""
                  + CLAUDE
                  + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
              "status-529");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      JsonNode error = Json.tree(response.body()).get("error");
      assertThat(error.get("message").asText()).contains("anthropic").contains("529");
    }
  }

  private Switchboard gateway() {
    return ShippedGateway.start(dir, SIM.provider(), true);
  }

  private static HttpResponse<String> post(
      Switchboard gateway, String path, String body, String fault) throws Exception {
    return ShippedGateway.post(
        gateway, path, body, "anthropic-version", "2023-06-01", "x-sim-fault", fault);
  }
}
