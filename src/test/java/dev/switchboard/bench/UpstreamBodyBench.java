package dev.switchboard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.UpstreamTarget;
import dev.switchboard.wire.WireException;
import dev.switchboard.wire.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A request from its bytes to the bytes sent upstream: a coding agent's 80 KB request
 * (bench/agent-request.json: a system prompt, 18 tools, 20 turns of tool calls and results) parsed,
 * then encoded for a provider of the same format (relayed) and of another (translated); and the 1
 * KB chat request of RequestParseBench, relayed. Run with bench/jmh.sh from the repository's root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UpstreamBodyBench {
  private WireFormat openai;
  private WireFormat anthropic;
  private IngressRequest agent;
  private IngressRequest chat;
  private final UpstreamTarget target = new UpstreamTarget("upstream-model");

  @Setup
  public void setUp() throws IOException, WireException {
    openai = WireFormats.find("openai").orElseThrow();
    anthropic = WireFormats.find("anthropic").orElseThrow();
    String body =
        Files.readString(Path.of("bench/agent-request.json"))
            .replaceFirst("\"MODEL\"", "\"bench/agent\"");
    agent = new IngressRequest("/v1/chat/completions", Map.of(), body.getBytes(UTF_8));
    chat =
        new IngressRequest(
            "/v1/chat/completions", Map.of(), RequestParseBench.OPENAI_CHAT.getBytes(UTF_8));
    if (agent.body().length < 60_000 || openaiToOpenai().length < 60_000) {
      throw new IllegalStateException("the agent request is no longer about 80 KB");
    }
  }

  @Benchmark
  public byte[] openaiToOpenai() throws WireException {
    return openai.encodeRequest(openai.parseRequest(agent), target).body();
  }

  @Benchmark
  public byte[] openaiToAnthropic() throws WireException {
    return anthropic.encodeRequest(openai.parseRequest(agent), target).body();
  }

  @Benchmark
  public byte[] chatToOpenai() throws WireException {
    return openai.encodeRequest(openai.parseRequest(chat), target).body();
  }

  @Benchmark
  public Object parseOnly() throws WireException {
    return openai.parseRequest(agent);
  }
}
