package dev.switchboard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of reading a client's request: the ~1 KB chat request bench/chat.lua sends (a system
 * message and a support ticket), in OpenAI's and in Anthropic's format, through the format's parser
 * into the canonical ChatRequest. Planning its route is RoutePlanningBench. Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestParseBench {
  private static final String SYSTEM = "You are a concise, helpful customer-support assistant.";
  private static final String USER =
      "Summarize the following support ticket in two sentences and suggest one next step. "
          + ScanBench.SUPPORT_TICKET.substring(ScanBench.SUPPORT_TICKET.indexOf("Ticket:"));

  /** The request bench/chat.lua sends, streamed. */
  static final String OPENAI_CHAT =
      "{\"model\":\"bench/model\",\"messages\":[{\"role\":\"system\",\"content\":\""
          + SYSTEM
          + "\"},{\"role\":\"user\",\"content\":\""
          + USER
          + "\"}],\"temperature\":0.2,\"max_tokens\":256,\"stream\":true,"
          + "\"stream_options\":{\"include_usage\":true}}";

  private WireFormat openai;
  private WireFormat anthropic;
  private IngressRequest openaiChat;
  private IngressRequest anthropicMessages;

  @Setup
  public void setUp() throws WireException {
    openai = WireFormats.find("openai").orElseThrow();
    anthropic = WireFormats.find("anthropic").orElseThrow();
    String anthropicBody =
        "{\"model\":\"bench/model\",\"system\":\""
            + SYSTEM
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + USER
            + "\"}],\"temperature\":0.2,\"max_tokens\":256,\"stream\":true}";
    openaiChat = new IngressRequest("/v1/chat/completions", Map.of(), OPENAI_CHAT.getBytes(UTF_8));
    anthropicMessages =
        new IngressRequest(
            "/v1/messages",
            Map.of("anthropic-version", "2023-06-01"),
            anthropicBody.getBytes(UTF_8));
    for (ChatRequest parsed : List.of(openaiChat(), anthropicMessages())) {
      if (parsed.system().size() != 1 || parsed.messages().size() != 1) {
        throw new IllegalStateException("the request is no longer a system prompt and a message");
      }
    }
    if (openaiChat.body().length < 800) {
      throw new IllegalStateException("the request is no longer about 1 KB");
    }
  }

  @Benchmark
  public ChatRequest openaiChat() throws WireException {
    return openai.parseRequest(openaiChat);
  }

  @Benchmark
  public ChatRequest anthropicMessages() throws WireException {
    return anthropic.parseRequest(anthropicMessages);
  }
}
