/** Markdown to safe HTML: rendered with commonmark, then sanitized with the OWASP sanitizer. */
package io.inkstream.query.render;
