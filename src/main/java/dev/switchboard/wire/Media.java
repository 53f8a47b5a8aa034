package dev.switchboard.wire;

/** Where an image or document's bytes are: behind a URL, or inline as base64 with a media type. */
public sealed interface Media {
  record Url(String url) implements Media {}

  record Inline(String mediaType, String base64) implements Media {}
}
