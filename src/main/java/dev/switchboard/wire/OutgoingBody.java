package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JSON object a format sends upstream: a tree of its own, or the client's body relayed with a
 * few top-level members changed (the model, the stream flag, a capped token limit; the gateway's
 * own fields removed). The client's body is shared by every attempt and never modified: its changes
 * are kept beside it and written in place of the members they replace, new ones at the end. When
 * the source kept its bytes ({@link SourceBytes}) the other members are copied from them as they
 * came, not written out again.
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

  // The source's bytes, member by member: unchanged ones as they came, changed ones written out.
  private byte[] spliced(SourceBytes.Members bytes) {
    List<Piece> pieces = new ArrayList<>(bytes.count() + changes.size());
    Map<String, JsonNode> added = new LinkedHashMap<>(changes);
    int i = 0;
    for (Map.Entry<String, JsonNode> member : tree.properties()) {
      String name = member.getKey();
      if (!changes.containsKey(name)) {
        pieces.add(new Piece(i, bytes.length(i), null));
      } else if (added.remove(name) != null) {
        pieces.add(Piece.of(name, changes.get(name)));
      }
      i++;
    }
    added.forEach(
        (name, value) -> {
          if (value != null) {
            pieces.add(Piece.of(name, value));
          }
        });
    int length = 2 + Math.max(0, pieces.size() - 1);
    for (Piece piece : pieces) {
      length += piece.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    out[at++] = '{';
    for (Piece piece : pieces) {
      if (at > 1) {
        out[at++] = ',';
      }
      if (piece.written == null) {
        bytes.copy(piece.member, out, at);
      } else {
        System.arraycopy(piece.written, 0, out, at, piece.length);
      }
      at += piece.length;
    }
    out[at] = '}';
    return out;
  }

  /** One member of a spliced body: the source's member number, or the bytes written for it. */
  private record Piece(int member, int length, byte @Nullable [] written) {
    static Piece of(String name, JsonNode value) {
      byte[] key = Json.bytes(TextNode.valueOf(name));
      byte[] json = Json.bytes(value);
      byte[] member = new byte[key.length + 1 + json.length];
      System.arraycopy(key, 0, member, 0, key.length);
      member[key.length] = ':';
      System.arraycopy(json, 0, member, key.length + 1, json.length);
      return new Piece(-1, member.length, member);
    }
  }
}
