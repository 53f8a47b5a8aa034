package dev.switchboard.sim;

/**
 * What every body, chunk or event of one answer shares, in any format: its id (chatcmpl-...,
 * msg_01..., or Gemini's responseId), its creation time in epoch seconds, and the model name it
 * reports.
 */
record Envelope(String id, long created, String model) {}
