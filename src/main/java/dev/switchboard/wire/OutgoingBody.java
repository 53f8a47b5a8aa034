package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object the gateway sends on: a tree of its own, or a body it relays with a few top-level
 * members changed. Upstream, the client's body (the model, the stream flag, a capped token limit;
 * the gateway's own fields removed); to the client, a provider's non-streamed answer of its format
 * (the catalog model, the settled usage). The relayed body is never modified (the client's is
 * shared by every attempt): its changes are kept beside it and written in place of the members they
 * replace, new ones at the end. When the source kept its bytes ({@link SourceBytes}) the other
 * members are copied from them as they came, not written out again.
 */
public final class OutgoingBody {
  private final ObjectNode tree;
  private final boolean owned;
  private final Optional<SourceBytes> source;
  // For the client's body: a member's new value, or null when it is removed.
  private final Map<String, JsonNode> changes = new LinkedHashMap<>();

  private OutgoingBody(ObjectNode tree, boolean owned, Optional<SourceBytes> source) {
    this.tree = tree;
    this.owned = owned;
    this.source = source;
  }

  /** A body the format built for this call: changes go into it. */
  public static OutgoingBody of(ObjectNode built) {
    return new OutgoingBody(built, true, Optional.empty());
  }

  /** The client's body, relayed to a provider of its format: changes go beside it. */
  public static OutgoingBody relaying(ChatRequest.Source source) {
    return new OutgoingBody(source.body(), false, source.bytes());
  }

  /** A body parsed from {@code bytes}, relayed: changes go beside it. */
  public static OutgoingBody relaying(SourceBytes bytes) {
    return new OutgoingBody(bytes.tree(), false, Optional.of(bytes));
  }

  /** The member's value as it will be sent: missing when absent or removed. */
  public JsonNode path(String name) {
    if (!owned && changes.containsKey(name)) {
      JsonNode changed = changes.get(name);
      return changed == null ? MissingNode.getInstance() : changed;
    }
    return tree.path(name);
  }

  public boolean has(String name) {
    return !path(name).isMissingNode();
  }

  public OutgoingBody put(String name, JsonNode value) {
    if (owned) {
      tree.set(name, value);
    } else {
      changes.put(name, value);
    }
    return this;
  }

  public OutgoingBody put(String name, long value) {
    return put(name, JsonNodeFactory.instance.numberNode(value));
  }

  public OutgoingBody put(String name, boolean value) {
    return put(name, JsonNodeFactory.instance.booleanNode(value));
  }

  public OutgoingBody put(String name, String value) {
    return put(name, TextNode.valueOf(value));
  }

  public OutgoingBody remove(String name) {
    if (owned) {
      tree.remove(name);
    } else if (tree.has(name) || changes.containsKey(name)) {
      changes.put(name, null);
    }
    return this;
  }

  public OutgoingBody remove(Collection<String> names) {
    names.forEach(this::remove);
    return this;
  }

  /**
   * A member object to change in place: the body's own when it is this call's, else a copy put in
   * the member's place; a new object when the member is absent or not an object.
   */
  public ObjectNode object(String name) {
    JsonNode current = path(name);
    if (owned && current instanceof ObjectNode own) {
      return own;
    }
    ObjectNode changed = current instanceof ObjectNode shared ? shared.deepCopy() : Json.object();
    put(name, changed);
    return changed;
  }

  /** The body to send. */
  public byte[] bytes() {
    if (owned) {
      return Json.bytes(tree);
    }
    return source
        .flatMap(SourceBytes::members)
        .map(this::spliced)
        .orElseGet(() -> Json.bytes(changedCopy()));
  }

  // The top level copied (its values shared, never changed) with the changes applied.
  private ObjectNode changedCopy() {
    ObjectNode copy = Json.object();
    tree.properties().forEach(member -> copy.set(member.getKey(), member.getValue()));
    changes.forEach(
        (name, value) -> {
          if (value == null) {
            copy.remove(name);
          } else {
            copy.set(name, value);
          }
        });
    return copy;
  }

  // The source's bytes, member by member: unchanged ones as they came, the changed ones written out
  // (all in one go), in the source's order, added ones at the end.
  private byte[] spliced(SourceBytes.Members source) {
    // The body's members in order: a source member's number, or -1 - k for the k-th written one.
    int[] slots = new int[source.count() + changes.size()];
    int count = 0;
    ObjectNode written = Json.object();
    int i = 0;
    for (Map.Entry<String, JsonNode> member : tree.properties()) {
      String name = member.getKey();
      JsonNode changed = changes.get(name);
      if (changed != null) {
        slots[count++] = -1 - written.size();
        written.set(name, changed);
      } else if (!changes.containsKey(name)) {
        slots[count++] = i;
      }
      i++;
    }
    for (Map.Entry<String, JsonNode> change : changes.entrySet()) {
      if (change.getValue() != null && !tree.has(change.getKey())) {
        slots[count++] = -1 - written.size();
        written.set(change.getKey(), change.getValue());
      }
    }
    SourceBytes.Members writtenOut = SourceBytes.Members.of(Json.bytes(written));
    int length = 2 + Math.max(0, count - 1);
    for (int slot = 0; slot < count; slot++) {
      length += slots[slot] >= 0 ? source.length(slots[slot]) : writtenOut.length(-1 - slots[slot]);
    }
    byte[] out = new byte[length];
    out[0] = '{';
    int at = 1;
    for (int slot = 0; slot < count; slot++) {
      if (slot > 0) {
        out[at++] = ',';
      }
      SourceBytes.Members from = slots[slot] >= 0 ? source : writtenOut;
      int member = slots[slot] >= 0 ? slots[slot] : -1 - slots[slot];
      from.copy(member, out, at);
      at += from.length(member);
    }
    out[at] = '}';
    return out;
  }
}
