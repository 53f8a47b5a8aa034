package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.Logging;
import dev.switchboard.wire.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineTest {
  @Test
  void writesTheRequestFields_asOneTextLineOfKeyValues() {
    String line = new LogLine(Logging.Format.TEXT).format(request());
    assertThat(line.lines()).hasSize(1);
    assertThat(line)
        .contains(" INFO request method=POST route=/v1/chat/completions status=200")
        .contains(" prompt_tokens=12 estimated=false cost=0.000034 generation_id=gen-1");
  }

  @Test
  void writesTheRequestFields_asOneJsonObject_withTypedValues() throws Exception {
    String line = new LogLine(Logging.Format.JSON).format(request());
    assertThat(line.lines()).hasSize(1);
    JsonNode json = Json.tree(line);
    assertThat(json.get("msg").asText()).isEqualTo("request");
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("status").isInt()).isTrue();
    assertThat(json.get("prompt_tokens").asLong()).isEqualTo(12);
    assertThat(json.get("estimated").isBoolean()).isTrue();
    assertThat(json.get("generation_id").asText()).isEqualTo("gen-1");
  }

  @Test
  void anyOtherRecord_isItsMessage_andTheErrorsClassOnly() throws Exception {
    LogRecord failure = new LogRecord(Level.WARNING, "gen-2 status=502: provider failed\nsecond");
    failure.setThrown(new IllegalStateException("boom"));
    String json = new LogLine(Logging.Format.JSON).format(failure);
    assertThat(json.lines()).hasSize(1);
    assertThat(Json.tree(json).get("error").asText()).isEqualTo("IllegalStateException");
    String text = new LogLine(Logging.Format.TEXT).format(failure);
    assertThat(text).contains("WARNING gen-2 status=502").doesNotContain("\tat ");
  }

  private static LogRecord request() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("method", "POST");
    fields.put("route", "/v1/chat/completions");
    fields.put("status", 200);
    fields.put("prompt_tokens", 12L);
    fields.put("estimated", false);
    fields.put("cost", "0.000034");
    fields.put("generation_id", "gen-1");
    LogRecord record = new LogRecord(Level.INFO, "request");
    record.setParameters(new Object[] {fields});
    return record;
  }
}
