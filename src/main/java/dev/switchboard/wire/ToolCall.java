package dev.switchboard.wire;

/** A function call the model asked for; {@code arguments} is the JSON text exactly as generated. */
public record ToolCall(String id, String name, String arguments) {}
