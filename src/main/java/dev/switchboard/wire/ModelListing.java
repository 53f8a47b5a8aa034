package dev.switchboard.wire;

import java.util.List;
import java.util.Map;

/**
 * Optional for a format: its clients list models at GET /v1/models too, but expect their own shape
 * (Claude Code's model discovery reads Anthropic's). The edge asks each such format whether a
 * request is one of its clients'; the OpenAI/OpenRouter shape answers everyone else.
 */
public interface ModelListing {
  /** Whether a model-list request with these headers (lower-case names) is this format's client. */
  boolean recognizes(Map<String, String> headers);

  byte[] encodeModelList(List<ListedModel> models);
}
