package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.WireException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test client for the sim's Anthropic and Gemini formats, on top of {@link SimHttp}. */
final class FormatHttp {
  static final String WEATHER_TOOL =
      """
      {"name":"get_weather","description":"Current weather for a city",
       "input_schema":{"type":"object","properties":{"city":{"type":"string"}},
       "required":["city"]}}""";
  static final String WEATHER_DECLARATION =
      """
      {"name":"get_weather","description":"Current weather for a city",
       "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},
       "required":["city"]}}""";

  private FormatHttp() {}

  /** An Anthropic Messages request with one user turn and max_tokens 1024. */
  static ObjectNode messages(String model, String userText) {
    ObjectNode body = Json.object().put("model", model).put("max_tokens", 1024);
    body.putArray("messages").addObject().put("role", "user").put("content", userText);
    return body;
  }

  /** POSTs to {base}/messages with an x-api-key and anthropic-version, plus these headers. */
  static HttpResponse<String> anthropic(
      SimProvider sim, String providerId, JsonNode body, String... headers)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("x-api-key", "sk-ant-test"));
    all.addAll(List.of("anthropic-version", "2023-06-01"));
    all.addAll(List.of(headers));
    return SimHttp.post(
        sim.baseUrl(providerId) + "/messages", Json.string(body), all.toArray(String[]::new));
  }

  /** A Gemini request with one user turn. */
  static ObjectNode contents(String userText) {
    ObjectNode body = Json.object();
    body.putArray("contents")
        .addObject()
        .put("role", "user")
        .putArray("parts")
        .addObject()
        .put("text", userText);
    return body;
  }

  /** POSTs to {base}/models/{model}:generateContent (or :streamGenerateContent?alt=sse). */
  static HttpResponse<String> gemini(
      SimProvider sim, String providerId, String model, boolean stream, JsonNode body)
      throws IOException, InterruptedException {
    String method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
    return geminiAt(
        sim.baseUrl(providerId) + "/models/" + model + method, body, "x-goog-api-key", "g-key");
  }

  static HttpResponse<String> geminiAt(String url, JsonNode body, String... headers)
      throws IOException, InterruptedException {
    return SimHttp.post(url, Json.string(body), headers);
  }

  /** Every event of a stream body with its name, in order. */
  static List<SseEvent> sse(String body) {
    List<SseEvent> events = new ArrayList<>();
    SseDecoder decoder = new SseDecoder();
    decoder.feed(body.getBytes(StandardCharsets.UTF_8), events::add);
    decoder.finish(events::add);
    return events;
  }

  static List<String> names(List<SseEvent> events) {
    return events.stream().map(SseEvent::event).toList();
  }

  static JsonNode data(SseEvent event) throws WireException {
    return Json.tree(event.data());
  }

  /** The data of every event whose name is {@code name}, parsed. */
  static List<JsonNode> named(List<SseEvent> events, String name) throws WireException {
    List<JsonNode> found = new ArrayList<>();
    for (SseEvent event : events) {
      if (event.event().equals(name)) {
        found.add(Json.tree(event.data()));
      }
    }
    return found;
  }
}
