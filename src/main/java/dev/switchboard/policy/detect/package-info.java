/**
 * Sensitive-data detectors: find emails, phone numbers, payment cards, IBANs, US SSNs, IP
 * addresses, secrets and configured patterns or keywords in the text a request carries, as typed
 * character spans, never keeping the matched text. Every pattern runs on RE2J: each built-in
 * detector has its RE2J pattern (named, in its class), a hand-written one-pass prefilter only finds
 * the candidates (where a match could start: an '@', a digit starting a word, a token prefix), and
 * the pattern, anchored at each candidate on a bounded window ({@link AnchoredPattern}), decides
 * whether it matches and where it ends; checksums and validity rules run after. Configured patterns
 * search the whole text on RE2J; libphonenumber reads bounded windows of the runs its pattern
 * delimits, within a budget. A scan is linear in its text. Depends only on wire, RE2J and
 * libphonenumber.
 */
@NullMarked
package dev.switchboard.policy.detect;

import org.jspecify.annotations.NullMarked;
