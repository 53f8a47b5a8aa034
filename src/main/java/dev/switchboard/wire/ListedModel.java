package dev.switchboard.wire;

/** One model of the gateway's catalog as a model list shows it: id, display name, release date. */
public record ListedModel(String id, String name, long createdEpochSeconds) {}
