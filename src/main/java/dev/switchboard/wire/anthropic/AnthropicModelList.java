package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.ListedModel;
import java.time.Instant;
import java.util.List;

/** GET /v1/models in Anthropic's shape: one page holding every model. */
final class AnthropicModelList {
  private AnthropicModelList() {}

  static byte[] encode(List<ListedModel> models) {
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    for (ListedModel model : models) {
      data.addObject()
          .put("type", "model")
          .put("id", model.id())
          .put("display_name", model.name())
          .put("created_at", Instant.ofEpochSecond(model.createdEpochSeconds()).toString());
    }
    root.put("has_more", false);
    if (models.isEmpty()) {
      root.putNull("first_id").putNull("last_id");
    } else {
      root.put("first_id", models.getFirst().id()).put("last_id", models.getLast().id());
    }
    return Json.bytes(root);
  }
}
