/**
 * The data-sensitivity sourcing policy: classifies each request (its key's default class, the
 * {@code X-Data-Class} header, what the detectors find), and says where its class may be processed,
 * whether its findings are redacted first, or whether it is blocked. Routing applies the result as
 * a hard filter on every attempt and fallback.
 */
@NullMarked
package dev.switchboard.policy;

import org.jspecify.annotations.NullMarked;
