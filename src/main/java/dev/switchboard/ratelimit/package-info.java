/**
 * Per-key rate limits (requests per minute, tokens per minute, concurrent requests) on Bucket4j: in
 * process on one node, on Redis through Lettuce in cluster mode. Depends on {@code account} for the
 * key's rules; nothing here knows HTTP.
 */
@NullMarked
package dev.switchboard.ratelimit;

import org.jspecify.annotations.NullMarked;
