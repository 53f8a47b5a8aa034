package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The official OpenAI Java SDK's Responses API against the gateway, for a model behind an
 * OpenAI-format provider and one behind an Anthropic-format provider: create, stream, typed errors.
 */
class ResponsesSdkTest {
  private static final List<String> MODELS = ResponsesSdk.MODELS;
  private final GatewayHarness harness = GatewayHarness.shared();
  private final OpenAIClient client = ResponsesSdk.client(harness.gateway.port(), harness.key);

  @ParameterizedTest
  @FieldSource("MODELS")
  void createsAResponse(String model) {
    Response response =
        client.responses().create(ResponsesSdk.ask(model, "What is a model gateway?").build());
    assertThat(response.id()).startsWith("resp_");
    assertThat(response.status()).hasValue(ResponseStatus.COMPLETED);
    assertThat(ResponsesSdk.text(response)).isNotBlank();
    ResponseUsage usage = response.usage().orElseThrow();
    assertThat(usage.inputTokens()).isPositive();
    assertThat(usage.outputTokens()).isPositive();
    assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    assertThat(usage._allProperties().get("cost")).as("the priced cost").isNotNull();
  }

  @ParameterizedTest
  @FieldSource("MODELS")
  void streamsAResponse_asTheApiSendsIt(String model) {
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream =
        client
            .responses()
            .createStreaming(ResponsesSdk.ask(model, "What is a model gateway?").build())) {
      stream.stream().forEach(events::add);
    }
    assertThat(events.get(0).isCreated()).as("first: response.created").isTrue();
    assertThat(events.get(1).isInProgress()).as("then response.in_progress").isTrue();
    assertThat(events.get(2).isOutputItemAdded()).isTrue();
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(ResponseStreamEvent::isOutputTextDelta)
        .forEach(event -> text.append(event.asOutputTextDelta().delta()));
    assertThat(text.toString()).isNotBlank();
    ResponseStreamEvent last = events.getLast();
    assertThat(last.isCompleted()).as("last: response.completed").isTrue();
    Response completed = last.asCompleted().response();
    assertThat(ResponsesSdk.text(completed)).isEqualTo(text.toString());
    assertThat(completed.usage().orElseThrow().outputTokens()).isPositive();
    List<Long> numbers = new ArrayList<>();
    events.forEach(event -> numbers.add(sequenceNumber(event)));
    assertThat(numbers)
        .as("sequence_number counts every event from 0")
        .isEqualTo(java.util.stream.LongStream.range(0, events.size()).boxed().toList());
  }

  @Test
  void seesTypedErrors() {
    String model = ResponsesSdk.OPENAI_FORMAT;
    assertThatThrownBy(
            () -> client.responses().create(ResponsesSdk.ask("nobody/nothing", "hi").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                ResponsesSdk.client(harness.gateway.port(), "sk-sb-v1-wrong")
                    .responses()
                    .create(ResponsesSdk.ask(model, "hi").build()))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(
            () -> client.responses().create(ResponsesSdk.ask(model, "hi").store(true).build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("store");
    assertThatThrownBy(
            () ->
                client
                    .responses()
                    .create(ResponsesSdk.ask(model, "hi").previousResponseId("resp_1").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("previous_response_id");
  }

  /** The event's sequence_number, read from its JSON as the SDK received it. */
  private static long sequenceNumber(ResponseStreamEvent event) {
    JsonNode json = event._json().orElseThrow().convert(JsonNode.class);
    return json.path("sequence_number").asLong(-1);
  }
}
