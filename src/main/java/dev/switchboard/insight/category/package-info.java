/**
 * The task category of a request, from a fast rule-based classifier over its prompt ({@link
 * dev.switchboard.insight.category.Categorizer}); its accuracy is measured on labelled samples
 * under {@code src/test/resources/insight/}.
 */
@NullMarked
package dev.switchboard.insight.category;

import org.jspecify.annotations.NullMarked;
