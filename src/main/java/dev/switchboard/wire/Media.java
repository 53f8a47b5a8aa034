package dev.switchboard.wire;

/** Where an image or document's bytes are: behind a URL, or inline as base64 with a media type. */
public sealed interface Media {
  /** Fetched by the provider from this address (or a data: URL). */
  record Url(String url) implements Media {}

  /** The bytes themselves, base64-encoded, with their media type. */
  record Inline(String mediaType, String base64) implements Media {}
}
