package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.WireException;
import java.util.function.Consumer;

/**
 * One OpenAI stream relayed to an OpenAI client. The chunk is parsed once, by the decoder; its
 * identity values are then replaced in place, by offset, where they differ from the stream's: the
 * id and created of the first chunk, and the catalog's model name. A chunk that already agrees
 * leaves as the same string.
 */
final class OpenAiRelayedStream implements Passthrough.Stream {
  private final OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
  private final String model;
  private final String quotedModel;
  private String id = "";
  private String quotedId = "";
  private long created;
  private boolean identified;
  private SseEvent relayed = SseEvent.data("");
  private Passthrough.Role role = Passthrough.Role.CONTENT;

  OpenAiRelayedStream(String model) {
    this.model = model;
    this.quotedModel = Json.string(TextNode.valueOf(model));
  }

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    decoder.decode(event, out);
    OpenAiChunkReader.Chunk chunk = decoder.lastChunk().orElse(null);
    if (chunk == null) {
      relayed = event;
      role = Passthrough.Role.END;
      return;
    }
    if (!identified) {
      identified = true;
      id = chunk.id();
      quotedId = Json.string(TextNode.valueOf(id));
      created = chunk.created();
    }
    role = chunk.usage().isPresent() ? Passthrough.Role.USAGE : Passthrough.Role.CONTENT;
    relayed = rewritten(event, chunk);
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    decoder.finish(out);
  }

  @Override
  public SseEvent relayed() {
    return relayed;
  }

  @Override
  public Passthrough.Role role() {
    return role;
  }

  private SseEvent rewritten(SseEvent event, OpenAiChunkReader.Chunk chunk) {
    String data = event.data();
    OpenAiChunkReader.Spans spans = chunk.spans();
    Splice splice = new Splice(data);
    if (spans.model() >= 0 && !chunk.model().equals(model)) {
      splice.replace(spans.model(), stringEnd(data, spans.model()), quotedModel);
    }
    if (spans.id() >= 0 && !chunk.id().equals(id)) {
      splice.replace(spans.id(), stringEnd(data, spans.id()), quotedId);
    }
    if (spans.created() >= 0 && chunk.created() != created) {
      splice.replace(spans.created(), numberEnd(data, spans.created()), Long.toString(created));
    }
    return splice.changed() ? new SseEvent(event.event(), splice.result()) : event;
  }

  /** The offset just past the JSON string that opens at {@code start}. */
  private static int stringEnd(String data, int start) {
    int i = start + 1;
    while (data.charAt(i) != '"') {
      i += data.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static int numberEnd(String data, int start) {
    int i = start;
    while (i < data.length() && "+-.0123456789eE".indexOf(data.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  /** Up to three replacements in one string, applied in offset order whatever the call order. */
  private static final class Splice {
    private final String data;
    private final int[] starts = new int[3];
    private final int[] ends = new int[3];
    private final String[] values = new String[3];
    private int count;

    Splice(String data) {
      this.data = data;
    }

    void replace(int start, int end, String value) {
      int at = count++;
      while (at > 0 && starts[at - 1] > start) {
        starts[at] = starts[at - 1];
        ends[at] = ends[at - 1];
        values[at] = values[at - 1];
        at--;
      }
      starts[at] = start;
      ends[at] = end;
      values[at] = value;
    }

    boolean changed() {
      return count > 0;
    }

    String result() {
      StringBuilder out = new StringBuilder(data.length() + 32);
      int from = 0;
      for (int i = 0; i < count; i++) {
        out.append(data, from, starts[i]).append(values[i]);
        from = ends[i];
      }
      return out.append(data, from, data.length()).toString();
    }
  }
}
