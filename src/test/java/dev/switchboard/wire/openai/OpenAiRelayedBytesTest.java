package dev.switchboard.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Fixtures;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.TestRequests;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte path of the OpenAI relay (events framed as bytes, decoded from them, written to the
 * client as bytes) says and writes exactly what the String path does; and a chunk read as a repeat
 * of the one before is the chunk Jackson reads.
 */
class OpenAiRelayedBytesTest {
  private static final ChatRequest REQUEST = TestRequests.users("openai", true);
  private static final String HEAD =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":17,"
          + "\"model\":\"up/model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":";
  private static final String TAIL = "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

  /** Content strings as they stand in the JSON, the odd ones included. */
  private static final List<String> CONTENTS =
      List.of(
          "\"Hello\"",
          "\" world\"",
          "\"\"",
          "null",
          "\"line\\nbreak \\\"quoted\\\" back\\\\slash\\/ \\t\\b\\f\\r\"",
          "\"\\u00e9\\ud83d\\ude00 \\u0041\"",
          "\"caf\u00e9 \u4f60\u597d \ud83d\ude42\"",
          "\"bad \\x escape\"",
          "\"bad \\u12G4 escape\"",
          "\"raw \u0001 control\"",
          "\"unterminated",
          "\"tail\\\\\"",
          "\"a\"");

  @Test
  void fixtures_giveTheSameEventsAndBytes_eitherWay() {
    for (String scenario : Fixtures.scenarios("openai")) {
      if (Fixtures.has("openai", scenario, "upstream-response.sse")) {
        byte[] stream = Fixtures.bytes("openai", scenario, "upstream-response.sse");
        assertSameEitherWay(stream, scenario);
      }
    }
  }

  @Test
  void oddChunks_giveTheSameEventsAndBytes_eitherWay() {
    StringBuilder stream = new StringBuilder();
    for (String content : CONTENTS) {
      stream.append("data: ").append(HEAD).append(content).append(TAIL).append("\n\n");
    }
    // Another id and model, a provider that is not text, no model, two data lines, a usage chunk.
    stream.append("data: ").append(HEAD.replace("chatcmpl-1", "chatcmpl-2")).append("\"x\"");
    stream.append(TAIL).append("\n\n");
    stream.append("data: {\"provider\":null,").append(HEAD.substring(1)).append("\"y\"");
    stream.append(TAIL).append("\n\n");
    stream.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"z\"}}]}\n\n");
    stream.append("data: ").append(HEAD).append("\n").append("data: \"two lines\"").append(TAIL);
    stream.append("\n\n");
    stream
        .append("data: ")
        .append(HEAD)
        .append("\"w\"")
        .append(TAIL.replace("null}", "{"))
        .append("\"prompt_tokens\":3,\"completion_tokens\":4}}\n\n");
    byte[] bytes = stream.toString().getBytes(UTF_8);
    // Invalid UTF-8 inside a content string.
    byte[] invalid = ("data: " + HEAD + "\"?\"" + TAIL + "\n\n").getBytes(UTF_8);
    invalid[6 + HEAD.length() + 1] = (byte) 0xC3;
    assertSameEitherWay(concat(bytes, invalid), "odd chunks");
  }

  @Test
  void randomContent_givesTheSameEventsAndBytes_eitherWay() {
    Random random = new Random(14);
    String alphabet = "ab \"\\/\n\t\u00e9\u0001{}:,";
    for (int round = 0; round < 50; round++) {
      StringBuilder stream = new StringBuilder();
      for (int chunk = 0; chunk < 20; chunk++) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
          char c = alphabet.charAt(random.nextInt(alphabet.length()));
          text.append(
              switch (c) {
                case '"' -> "\\\"";
                case '\\' -> random.nextBoolean() ? "\\\\" : "\\u005c";
                case '\n' -> "\\n";
                case '\t' -> random.nextBoolean() ? "\\t" : "\t";
                default -> String.valueOf(c);
              });
        }
        stream.append("data: ").append(HEAD).append('"').append(text).append('"');
        stream.append(TAIL).append("\n\n");
      }
      assertSameEitherWay(stream.toString().getBytes(UTF_8), "round " + round);
    }
  }

  @Test
  void repeatedChunk_isWhatJacksonReads() throws Exception {
    OpenAiRepeatedChunk repeated = new OpenAiRepeatedChunk();
    byte[] first = (HEAD + "\"Hello\"" + TAIL).getBytes(UTF_8);
    repeated.parsed(first, first.length, OpenAiChunkReader.read(first, first.length));
    int repeats = 0;
    for (String content : CONTENTS) {
      byte[] next = (HEAD + content + TAIL).getBytes(UTF_8);
      OpenAiChunkReader.Chunk fast = repeated.repeat(next, next.length);
      if (fast != null) {
        repeats++;
        assertThat(fast).as(content).isEqualTo(OpenAiChunkReader.read(next, next.length));
      }
    }
    assertThat(repeats).as("the plain ASCII contents read as repeats").isGreaterThanOrEqualTo(6);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  private static void assertSameEitherWay(byte[] stream, String what) {
    for (String model : List.of("up/model", "catalog/model")) {
      for (boolean named : List.of(false, true)) {
        Passthrough.Stream byStrings = open(model, named);
        Passthrough.Stream byBytes = open(model, named);
        List<String> strings = new ArrayList<>();
        List<String> bytes = new ArrayList<>();
        SseDecoder sse = new SseDecoder();
        sse.feed(
            stream,
            event -> strings.add(step(byStrings, () -> byStrings.decode(event, out(strings)))));
        SseDecoder frames = new SseDecoder();
        frames.feedFrames(
            stream,
            0,
            stream.length,
            frame -> bytes.add(step(byBytes, () -> byBytes.decode(frame, out(bytes)))));
        assertThat(bytes).as(what + " model " + model + " named " + named).isEqualTo(strings);
      }
    }
  }

  private static Passthrough.Stream open(String model, boolean named) {
    OpenAiPassthrough passthrough = new OpenAiPassthrough();
    return named ? passthrough.open(REQUEST, model, "Prov") : passthrough.open(REQUEST, model);
  }

  private static java.util.function.Consumer<ChatEvent> out(List<String> seen) {
    return event -> seen.add(event.toString());
  }

  /** A decode step. */
  @FunctionalInterface
  private interface Decode {
    void run() throws Exception;
  }

  /** Decodes, then says what the client gets: the frame written, or the failure. */
  private static String step(Passthrough.Stream relay, Decode decode) {
    try {
      decode.run();
    } catch (Exception e) {
      return "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    boolean wrote = relay.relayTo(client::write);
    String viaEvent = relay.relayed().map(event -> event.frame()).orElse("(held)");
    String written = wrote ? client.toString(UTF_8) : "(held)";
    assertThat(written).as("relayTo writes the frame of relayed()").isEqualTo(viaEvent);
    return written;
  }
}
