package dev.switchboard.bench;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.TestRequests;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one stream chunk in the gateway's wire code, from the provider's SSE bytes to the
 * client's: a {@value #CHUNKS}-event stream made of a recorded fixture (src/test/resources/wire),
 * relayed whole per invocation (attempt set-up and the settled closing events included), reported
 * per chunk. Same format (the passthrough relays, which rename the model and name the provider in
 * OpenAI's chunks) and the two translations that matter most (an OpenAI provider for an Anthropic
 * client, an Anthropic provider for an OpenAI client). Driven as gateway.StreamAttempt drives the
 * wire code ({@link RelayedAttempt}). Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamChunkBench {
  static final int CHUNKS = 200;

  private WireFormat openai;
  private WireFormat anthropic;
  private WireFormat gemini;
  private LongStream openaiText;
  private LongStream anthropicText;
  private LongStream geminiThinking;
  private final Map<WireFormat, ChatRequest> requests = new HashMap<>();

  @Setup
  public void setUp() {
    openai = WireFormats.find("openai").orElseThrow();
    anthropic = WireFormats.find("anthropic").orElseThrow();
    gemini = WireFormats.find("gemini").orElseThrow();
    for (WireFormat format : List.of(openai, anthropic, gemini)) {
      requests.put(format, TestRequests.users(format.name(), true, "Hello!"));
    }
    // role chunk, 9 content chunks, finish, usage, [DONE]
    openaiText = LongStream.of("openai", "text-stream", 1, 10, CHUNKS);
    // message_start, block start, 4 text deltas and a ping, block stop, message_delta, message_stop
    anthropicText = LongStream.of("anthropic", "text-stream", 2, 7, CHUNKS);
    // 5 thought chunks, 14 text chunks of ~450 bytes, the finishing chunk
    geminiThinking = LongStream.of("gemini", "thinking-stream", 5, 19, CHUNKS);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void openaiToOpenai(Blackhole client) throws Exception {
    relay(openai, openai, openaiText, client);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void anthropicToAnthropic(Blackhole client) throws Exception {
    relay(anthropic, anthropic, anthropicText, client);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void geminiToGemini(Blackhole client) throws Exception {
    relay(gemini, gemini, geminiThinking, client);
  }

  /** An OpenAI provider's stream for an Anthropic client. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void openaiToAnthropic(Blackhole client) throws Exception {
    relay(openai, anthropic, openaiText, client);
  }

  /** An Anthropic provider's stream for an OpenAI client. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void anthropicToOpenai(Blackhole client) throws Exception {
    relay(anthropic, openai, anthropicText, client);
  }

  /** {@link #openaiToOpenai} through the byte API of issue 14 ({@link FrameAttempt}). */
  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void openaiToOpenaiFrames(Blackhole client) throws Exception {
    frames(openai, openai, openaiText, client);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void anthropicToAnthropicFrames(Blackhole client) throws Exception {
    frames(anthropic, anthropic, anthropicText, client);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void geminiToGeminiFrames(Blackhole client) throws Exception {
    frames(gemini, gemini, geminiThinking, client);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void openaiToAnthropicFrames(Blackhole client) throws Exception {
    frames(openai, anthropic, openaiText, client);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void anthropicToOpenaiFrames(Blackhole client) throws Exception {
    frames(anthropic, openai, anthropicText, client);
  }

  private void frames(WireFormat provider, WireFormat ingress, LongStream stream, Blackhole client)
      throws Exception {
    FrameAttempt.run(
        provider,
        ingress,
        requests.get(ingress),
        stream,
        (Buffer written) -> client.consume(written));
  }

  private void relay(WireFormat provider, WireFormat ingress, LongStream stream, Blackhole client)
      throws Exception {
    RelayedAttempt.run(
        provider,
        ingress,
        requests.get(ingress),
        stream,
        (Buffer written) -> client.consume(written));
  }
}
