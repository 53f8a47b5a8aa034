package dev.switchboard.wire;

/** What a format needs to address one deployment: the provider's own name for the model. */
public record UpstreamTarget(String upstreamModel) {}
