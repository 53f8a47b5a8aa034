package dev.switchboard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A provider's non-streamed answer from its bytes to the bytes an OpenAI client gets, settled (the
 * catalog model, the usage with its cost, the provider's name): the 1 KB completion the bench's
 * mock answers (../shared/bench/completion.json) and a 24 KB one (a long answer and three tool
 * calls). Run with bench/jmh.sh from the repository's root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnswerBodyBench {
  private static final Usage SETTLED =
      Usage.reported(213, 64, 0, 0).withCost(new BigDecimal("0.000181"));
  private WireFormat openai;
  private byte[] chat;
  private byte[] large;

  @Setup
  public void setUp() {
    openai = WireFormats.find("openai").orElseThrow();
    chat = completion(MOCK_ANSWER, "").getBytes(UTF_8);
    StringBuilder text = new StringBuilder();
    while (text.length() < 20_000) {
      text.append("The export times out because the report query scans every row; ")
          .append("paginate it (\\\"page_size\\\": 5000) and stream the CSV instead.\\n");
    }
    StringBuilder calls = new StringBuilder(",\"tool_calls\":[");
    for (int i = 0; i < 3; i++) {
      calls
          .append(i > 0 ? "," : "")
          .append("{\"id\":\"call_")
          .append(i)
          .append("\",\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":")
          .append("\"{\\\"path\\\":\\\"src/main/java/Export")
          .append(i)
          .append(".java\\\",\\\"lines\\\":[1,400]}\"}}");
    }
    large = completion(text.toString(), calls.append(']').toString()).getBytes(UTF_8);
  }

  @Benchmark
  public byte[] chatAnswer() throws WireException {
    return openai.passthrough().readBody(chat).answer(SETTLED, "bench/plain", "Mock plain");
  }

  @Benchmark
  public byte[] largeAnswer() throws WireException {
    return openai.passthrough().readBody(large).answer(SETTLED, "bench/plain", "Mock plain");
  }

  private static final String MOCK_ANSWER =
      "Hello! This is a fixed, non-streamed answer from the mock upstream. It is long enough to"
          + " look like a short real reply: a gateway in front of it has to read the request, pick"
          + " a provider, forward the body, and copy this JSON back to the client, counting tokens"
          + " from the usage block on the way.";

  private static String completion(String content, String toolCalls) {
    return "{\"id\":\"chatcmpl-mock0000000000000000000000001\",\"object\":\"chat.completion\","
        + "\"created\":1732400000,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\",\"refusal\":null,\"annotations\":[]"
        + toolCalls
        + "},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":213,"
        + "\"completion_tokens\":64,\"total_tokens\":277,\"prompt_tokens_details\":"
        + "{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
        + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
        + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_mock\"}";
  }
}
