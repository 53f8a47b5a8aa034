package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Upstream URLs, provider credentials and callbacks come only from configuration: a chat request
 * whose body or headers try to set one is refused with a 400 naming the field. A same-format body
 * goes upstream with its unknown fields, so an upstream that is itself a proxy (LiteLLM honours
 * {@code api_base}, {@code api_key}, {@code extra_headers}, {@code user_config}) would obey them.
 * The names are ones no OpenAI, Anthropic, Gemini or OpenRouter chat request uses; nested values
 * (tool schemas, metadata, Anthropic's {@code mcp_servers}) are the client's business and are not
 * looked at, nor are headers proxies in front of the gateway add ({@code x-forwarded-host}: the
 * gateway never builds an upstream URL from a request).
 */
public final class UpstreamOverrides {
  /**
   * Top-level body fields, written without case, '_' or '-' (api_base, apiBase and API-BASE are one
   * name): where to call, with which key, whom to call back.
   */
  private static final Set<String> BODY_FIELDS =
      Set.of(
          "apibase",
          "apiurl",
          "baseurl",
          "apiendpoint",
          "azureendpoint",
          "upstreamurl",
          "apikey",
          "providerapikey",
          "upstreamapikey",
          "azureadtoken",
          "awsaccesskeyid",
          "awssecretaccesskey",
          "awssessiontoken",
          "vertexcredentials",
          "extraheaders",
          "userconfig",
          "callbackurl",
          "callbacks",
          "successcallback",
          "failurecallback",
          "webhook",
          "webhookurl");

  /** Inside OpenRouter's {@code provider} object, whose real fields are all routing preferences. */
  private static final Set<String> PROVIDER_FIELDS = Set.of("url", "key", "endpoint");

  /**
   * Headers (lower case) that gateways and proxies use to retarget or re-key a call: Portkey's
   * custom host, Helicone's target URL, and the generic names.
   */
  private static final Set<String> HEADERS =
      Set.of(
          "x-upstream-url",
          "x-upstream-base-url",
          "x-base-url",
          "x-api-base",
          "x-api-base-url",
          "x-target-url",
          "x-provider-url",
          "x-provider-base-url",
          "x-portkey-custom-host",
          "helicone-target-url",
          "x-upstream-key",
          "x-upstream-api-key",
          "x-provider-key",
          "x-provider-api-key",
          "x-callback-url",
          "x-webhook-url");

  private UpstreamOverrides() {}

  /**
   * Refuses a request that tries to choose its upstream, key or callback.
   *
   * @param headers the client's headers, names in lower case (as {@code IngressRequest} has them)
   * @throws GatewayError INVALID_REQUEST (400) whose param names the first such field or header
   */
  public static void check(ChatRequest request, Map<String, String> headers) {
    for (String header : HEADERS) {
      if (headers.containsKey(header)) {
        throw refused(header, "header '" + header + "'");
      }
    }
    JsonNode body = request.source().body();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (BODY_FIELDS.contains(plain(name))) {
        throw refused(name, "field '" + name + "'");
      }
    }
    JsonNode provider = body.path("provider");
    for (Iterator<String> names = provider.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String plain = plain(name);
      if (BODY_FIELDS.contains(plain) || PROVIDER_FIELDS.contains(plain)) {
        throw refused("provider." + name, "field 'provider." + name + "'");
      }
    }
  }

  private static GatewayError refused(String param, String what) {
    return GatewayError.builder(
            ErrorKind.INVALID_REQUEST,
            what
                + " is not accepted: upstream URLs, provider keys and callbacks come only from the"
                + " gateway's configuration")
        .param(param)
        .build();
  }

  /** The name without case, '_' or '-'; names longer than any listed are left as they are. */
  private static String plain(String name) {
    if (name.length() > 32) {
      return name;
    }
    StringBuilder plain = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-') {
        plain.append(Character.toLowerCase(c));
      }
    }
    return plain.toString();
  }
}
