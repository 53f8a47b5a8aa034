/**
 * Sensitive-data detectors: find emails, phone numbers, payment cards, IBANs, US SSNs, IP
 * addresses, secrets and configured patterns or keywords in the text a request carries, as typed
 * character spans, never keeping the matched text. Every pattern runs on RE2J (linear time).
 * Depends only on wire, RE2J and libphonenumber.
 */
@NullMarked
package dev.switchboard.policy.detect;

import org.jspecify.annotations.NullMarked;
