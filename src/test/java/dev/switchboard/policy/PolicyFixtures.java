package dev.switchboard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.catalog.Provider;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigNode;
import dev.switchboard.provider.WireFormats;
import dev.switchboard.routing.Route;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The policy tests' catalog ({@code e2e/policy-catalog.yaml}), policies written in YAML and chat
 * requests parsed as a client sends them. A valid test card number and an email address are the
 * flagged data.
 */
final class PolicyFixtures {
  /** A Visa test number: passes the Luhn check. */
  static final String CARD = "4111 1111 1111 1111";

  static final String EMAIL = "jane.doe@example.com";

  static final Catalog CATALOG = catalog();

  private PolicyFixtures() {}

  private static Catalog catalog() {
    try (InputStream in = PolicyFixtures.class.getResourceAsStream("/e2e/policy-catalog.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Catalog.load(ConfigNode.readYaml(yaml, "test", CatalogException::new), Json.object());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code policy:} section written in YAML. */
  static JsonNode yaml(String policyYaml) {
    return ConfigNode.readYaml(policyYaml, "policy", ConfigException::new);
  }

  static SourcingPolicy parse(String policyYaml) {
    return PolicyParser.parse(yaml(policyYaml), CATALOG);
  }

  /** An OpenAI chat request for {@code model} with one user message. */
  static ChatRequest openAi(String model, String userText) {
    return parsed(
        "openai",
        Json.string(
            Json.object()
                .put("model", model)
                .set(
                    "messages",
                    Json.array().add(Json.object().put("role", "user").put("content", userText)))));
  }

  static ChatRequest parsed(String format, String body) {
    try {
      return WireFormats.find(format)
          .orElseThrow()
          .parseRequest(new IngressRequest("", Map.of(), body.getBytes(StandardCharsets.UTF_8)));
    } catch (WireException e) {
      throw new AssertionError(body, e);
    }
  }

  /** The route of {@code model} at {@code provider}, as the catalog has it. */
  static Route route(String model, String provider) {
    return route(model, CATALOG.provider(provider).orElseThrow());
  }

  /** The route of {@code model} at the catalog's deployment at {@code provider}'s id. */
  static Route route(String model, Provider provider) {
    return new Route(
        CATALOG.deployment(model, provider.id()).orElseThrow(),
        provider,
        WireFormats.find(provider.format()).orElseThrow());
  }

  /** {@code provider} with an unknown jurisdiction (blank), as no catalog entry can say. */
  static Provider unplaced(String provider) {
    Provider p = CATALOG.provider(provider).orElseThrow();
    return new Provider(p.id(), p.name(), p.format(), p.baseUrl(), p.apiKey(), "", p.dataPolicy());
  }
}
