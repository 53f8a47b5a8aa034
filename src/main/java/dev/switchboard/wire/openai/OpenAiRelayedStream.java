package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.wire.ByteSink;
import dev.switchboard.wire.ChatEvent;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Passthrough;
import dev.switchboard.wire.RelayedBody;
import dev.switchboard.wire.SseDecoder;
import dev.switchboard.wire.SseEvent;
import dev.switchboard.wire.StreamTruncated;
import dev.switchboard.wire.UpstreamStreamError;
import dev.switchboard.wire.Usage;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One OpenAI stream relayed to an OpenAI client. The chunk is parsed once, by the decoder, from its
 * UTF-8 bytes; its identity values are then replaced in place, by byte offset, where they differ
 * from the stream's: the id and created of the first chunk, the catalog's model name and, when the
 * gateway named it, the provider serving (OpenRouter's {@code provider} field, inserted after the
 * model). The result is written to the client as bytes ({@link #relayTo}) from two buffers reused
 * for the whole stream: no String of the chunk is made unless {@link #relayed} asks for one.
 */
final class OpenAiRelayedStream implements Passthrough.Stream {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEXT_DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private final OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
  private final String model;
  private final byte[] quotedModel;
  private final Optional<String> provider;
  private final byte[] quotedProvider;
  private final byte[] providerAfterModel;
  private final OpenAiSplice splice = new OpenAiSplice();
  private String id = "";
  private byte[] quotedId = new byte[0];
  private long created;
  private byte[] createdText = new byte[0];
  private boolean identified;
  private Optional<SseEvent> heldUsage = Optional.empty();

  /** The relayed chunks' data: the one being relayed and the one relayed before it. */
  private final byte[][] chunks = {new byte[512], new byte[512]};

  private final int[] lengths = new int[2];

  /** Which of {@link #chunks} holds the last chunk relayed; -1 before the first. */
  private int last = -1;

  private boolean relaying;
  private String type = "";
  private byte[] prefix = DATA;
  private @Nullable SseEvent relayedEvent;

  OpenAiRelayedStream(String model) {
    this(model, Optional.empty());
  }

  OpenAiRelayedStream(String model, String provider) {
    this(model, Optional.of(provider));
  }

  private OpenAiRelayedStream(String model, Optional<String> provider) {
    this.model = model;
    this.quotedModel = quoted(model);
    this.provider = provider;
    this.quotedProvider = provider.map(OpenAiRelayedStream::quoted).orElse(new byte[0]);
    this.providerAfterModel = concat(",\"provider\":".getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] concat(byte[] head) {
    byte[] joined = new byte[head.length + quotedProvider.length];
    System.arraycopy(head, 0, joined, 0, head.length);
    System.arraycopy(quotedProvider, 0, joined, head.length, quotedProvider.length);
    return joined;
  }

  private static byte[] quoted(String text) {
    return Json.string(TextNode.valueOf(text)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void decode(SseEvent event, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    before(event.event());
    decoder.decode(event, out);
    relay(event.data().indexOf('\n') >= 0, event);
  }

  @Override
  public void decode(SseDecoder.Frame frame, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    before(frame.type());
    decoder.decode(frame, out);
    relay(frame.multiline(), null);
  }

  @Override
  public void finish(Consumer<ChatEvent> out) throws StreamTruncated {
    decoder.finish(out);
  }

  private void before(String eventType) {
    relaying = false;
    relayedEvent = null;
    if (!eventType.equals(type)) {
      type = eventType;
      prefix =
          type.isEmpty() ? DATA : ("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** {@code source}: the event decoded, when it came as one; a chunk left as it was is it. */
  private void relay(boolean multiline, @Nullable SseEvent source) {
    OpenAiChunkReader.Chunk chunk = decoder.lastChunk().orElse(null);
    if (chunk == null) {
      // [DONE]: written by closing() once the request is settled.
      return;
    }
    if (!identified) {
      identified = true;
      id = chunk.id();
      quotedId = quoted(id);
      created = chunk.created();
      createdText = Long.toString(created).getBytes(StandardCharsets.US_ASCII);
    }
    int into = last == 0 ? 1 : 0;
    boolean changed = rewrite(chunk, into);
    if (chunk.usage().isPresent()) {
      heldUsage = Optional.of(changed || source == null ? event(into) : source);
      return;
    }
    if (!changed && source != null) {
      relayedEvent = source;
    } else if (multiline) {
      // A chunk spread over several data lines: rare, written through frame().
      relayedEvent = event(into);
    }
    last = into;
    relaying = true;
  }

  @Override
  public Optional<SseEvent> relayed() {
    if (!relaying) {
      return Optional.empty();
    }
    if (relayedEvent == null) {
      relayedEvent = event(last);
    }
    return Optional.of(relayedEvent);
  }

  @Override
  public boolean relayTo(ByteSink client) {
    if (!relaying) {
      return false;
    }
    if (relayedEvent != null) {
      client.frame(relayedEvent);
    } else {
      client.write(prefix, 0, prefix.length);
      client.write(chunks[last], 0, lengths[last]);
      client.write(END, 0, END.length);
    }
    return true;
  }

  private SseEvent event(int chunk) {
    return new SseEvent(type, new String(chunks[chunk], 0, lengths[chunk], StandardCharsets.UTF_8));
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
    Optional<SseEvent> template = last < 0 ? Optional.empty() : Optional.of(event(last));
    template
        .flatMap(OpenAiRelayedStream::object)
        .ifPresent(
            previous -> {
              chunk.set("id", previous.get("id"));
              chunk.set("created", previous.get("created"));
              chunk.set("model", previous.get("model"));
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

  /**
   * Writes the chunk the decoder read, its identity rewritten, into {@code chunks[into]}; returns
   * whether anything was rewritten.
   */
  private boolean rewrite(OpenAiChunkReader.Chunk chunk, int into) {
    byte[] data = decoder.lastData();
    int length = decoder.lastLength();
    OpenAiChunkReader.Spans spans = chunk.spans();
    splice.start(data, length);
    if (spans.model() >= 0 && !chunk.model().equals(model)) {
      splice.replace(spans.model(), splice.stringEnd(spans.model()), quotedModel);
    }
    if (spans.id() >= 0 && !chunk.id().equals(id)) {
      splice.replace(spans.id(), splice.stringEnd(spans.id()), quotedId);
    }
    if (spans.created() >= 0 && chunk.created() != created) {
      splice.replace(spans.created(), splice.numberEnd(spans.created()), createdText);
    }
    if (provider.isPresent()) {
      nameProvider(spans);
    }
    chunks[into] = splice.into(chunks[into]);
    lengths[into] = splice.resultLength();
    if (spans.provider() == OpenAiChunkReader.Spans.NOT_TEXT && provider.isPresent()) {
      return rebuildWithProvider(into, provider.get()) || splice.changed();
    }
    return splice.changed();
  }

  // A provider field that is not a string (null, say) cannot be replaced by offset: the rare chunk
  // that has one is rebuilt.
  private boolean rebuildWithProvider(int into, String name) {
    Optional<ObjectNode> root = object(event(into));
    if (root.isEmpty()) {
      return false;
    }
    byte[] rebuilt = Json.string(root.get().put("provider", name)).getBytes(StandardCharsets.UTF_8);
    chunks[into] = rebuilt;
    lengths[into] = rebuilt.length;
    return true;
  }

  /**
   * Replaces the chunk's provider where it names another, else inserts ours after the model (or
   * first, in a chunk without one): a few bytes spliced in, no re-serialization.
   */
  private void nameProvider(OpenAiChunkReader.Spans spans) {
    int at = spans.provider();
    if (at >= 0) {
      int end = splice.stringEnd(at);
      if (!splice.holds(at, end, quotedProvider)) {
        splice.replace(at, end, quotedProvider);
      }
    } else if (at == -1 && spans.model() >= 0) {
      int end = splice.stringEnd(spans.model());
      splice.replace(end, end, providerAfterModel);
    } else if (at == -1) {
      int open = splice.indexOf('{') + 1;
      byte[] field = concat("\"provider\":".getBytes(StandardCharsets.US_ASCII));
      splice.replace(open, open, splice.emptyFrom(open) ? field : withComma(field));
    }
  }

  private static byte[] withComma(byte[] field) {
    byte[] joined = new byte[field.length + 1];
    System.arraycopy(field, 0, joined, 0, field.length);
    joined[field.length] = ',';
    return joined;
  }
}
