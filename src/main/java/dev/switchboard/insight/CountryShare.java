package dev.switchboard.insight;

/**
 * Tokens served by models originating in one country (ISO code like "CN" or "US", or "unknown") and
 * their share of all tokens.
 */
public record CountryShare(String country, long tokens, Share share) {}
