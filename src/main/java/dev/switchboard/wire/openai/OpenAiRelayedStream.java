package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.RelayedBody;
import dev.switchboard.wire.RelayedStream;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.util.List;
import java.util.Optional;

/**
 * One OpenAI stream relayed to an OpenAI client. The chunk is parsed once, by the decoder; its
 * identity values are then replaced in place, by offset, where they differ from the stream's: the
 * id and created of the first chunk, the catalog's model name and, when the gateway named it, the
 * provider serving (OpenRouter's {@code provider} field, inserted after the model). A chunk that
 * already agrees leaves as the same string.
 */
final class OpenAiRelayedStream extends RelayedStream<OpenAiStreamDecoder> {
  private final String model;
  private final String quotedModel;
  private final Optional<String> provider;
  private final String quotedProvider;
  private final String providerAfterModel;
  private String id = "";
  private String quotedId = "";
  private long created;
  private boolean identified;
  private Optional<SseEvent> heldUsage = Optional.empty();
  private Optional<SseEvent> last = Optional.empty();

  OpenAiRelayedStream(String model) {
    this(model, Optional.empty());
  }

  OpenAiRelayedStream(String model, String provider) {
    this(model, Optional.of(provider));
  }

  private OpenAiRelayedStream(String model, Optional<String> provider) {
    super(new OpenAiStreamDecoder());
    this.model = model;
    this.quotedModel = Json.string(TextNode.valueOf(model));
    this.provider = provider;
    this.quotedProvider = provider.map(name -> Json.string(TextNode.valueOf(name))).orElse("");
    this.providerAfterModel = ",\"provider\":" + quotedProvider;
  }

  @Override
  protected Optional<SseEvent> relay(SseEvent event) {
    OpenAiChunkReader.Chunk chunk = decoder().lastChunk().orElse(null);
    if (chunk == null) {
      // [DONE]: written by closing() once the request is settled.
      return Optional.empty();
    }
    if (!identified) {
      identified = true;
      id = chunk.id();
      quotedId = Json.string(TextNode.valueOf(id));
      created = chunk.created();
    }
    SseEvent rewritten = rewritten(event, chunk);
    if (chunk.usage().isPresent()) {
      heldUsage = Optional.of(rewritten);
      return Optional.empty();
    }
    last = Optional.of(rewritten);
    return last;
  }

  /**
   * The usage chunk (the one held back, or one built like the last chunk when the provider sent
   * none) amended with the settled usage, then [DONE].
   */
  @Override
  public List<SseEvent> closing(Usage settled) {
    ObjectNode chunk = heldUsage.flatMap(OpenAiRelayedStream::object).orElseGet(this::usageChunk);
    RelayedBody.settleUsage(chunk, "usage", usage -> OpenAiUsage.encode(settled, usage));
    return List.of(SseEvent.data(Json.string(chunk)), SseEvent.data(OpenAiStreamDecoder.DONE));
  }

  private ObjectNode usageChunk() {
    ObjectNode chunk = Json.object().put("object", "chat.completion.chunk");
    last.flatMap(OpenAiRelayedStream::object)
        .ifPresent(
            template -> {
              chunk.set("id", template.get("id"));
              chunk.set("created", template.get("created"));
              chunk.set("model", template.get("model"));
            });
    provider.ifPresent(name -> chunk.put("provider", name));
    chunk.putArray("choices");
    return chunk;
  }

  private static Optional<ObjectNode> object(SseEvent event) {
    try {
      return Json.tree(event.data()) instanceof ObjectNode object
          ? Optional.of(object)
          : Optional.empty();
    } catch (WireException e) {
      return Optional.empty();
    }
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
    if (provider.isPresent()) {
      nameProvider(data, spans, splice);
    }
    SseEvent out = splice.changed() ? new SseEvent(event.event(), splice.result()) : event;
    return spans.provider() == OpenAiChunkReader.Spans.NOT_TEXT && provider.isPresent()
        ? rebuiltWithProvider(out, provider.get())
        : out;
  }

  // A provider field that is not a string (null, say) cannot be replaced by offset: the rare chunk
  // that has one is rebuilt.
  private static SseEvent rebuiltWithProvider(SseEvent event, String provider) {
    return object(event)
        .map(root -> new SseEvent(event.event(), Json.string(root.put("provider", provider))))
        .orElse(event);
  }

  /**
   * Replaces the chunk's provider where it names another, else inserts ours after the model (or
   * first, in a chunk without one): a few bytes spliced in, no re-serialization.
   */
  private void nameProvider(String data, OpenAiChunkReader.Spans spans, Splice splice) {
    int at = spans.provider();
    if (at >= 0) {
      int end = stringEnd(data, at);
      if (end - at != quotedProvider.length() || !data.startsWith(quotedProvider, at)) {
        splice.replace(at, end, quotedProvider);
      }
    } else if (at == -1 && spans.model() >= 0) {
      int end = stringEnd(data, spans.model());
      splice.replace(end, end, providerAfterModel);
    } else if (at == -1) {
      int open = data.indexOf('{') + 1;
      boolean empty = data.substring(open).strip().startsWith("}");
      splice.replace(open, open, "\"provider\":" + quotedProvider + (empty ? "" : ","));
    }
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

  /**
   * Up to four replacements (an insertion is an empty range) in one string, applied in offset order
   * whatever the call order.
   */
  private static final class Splice {
    private final String data;
    private final int[] starts = new int[4];
    private final int[] ends = new int[4];
    private final String[] values = new String[4];
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
