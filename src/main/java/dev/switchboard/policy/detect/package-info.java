/**
 * Sensitive-data detectors: find emails, phone numbers, payment cards, IBANs, US SSNs, IP
 * addresses, secrets and configured patterns or keywords in the text a request carries, as typed
 * character spans, never keeping the matched text. The built-in detectors are hand-written one-pass
 * scanners (checked against the RE2 patterns they replaced), configured patterns run on RE2J, and
 * libphonenumber reads bounded windows within a budget: a scan is linear in its text. Depends only
 * on wire, RE2J and libphonenumber.
 */
@NullMarked
package dev.switchboard.policy.detect;

import org.jspecify.annotations.NullMarked;
