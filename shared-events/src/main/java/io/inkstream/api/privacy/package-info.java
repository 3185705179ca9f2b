/** The right to erasure: a commenter's personal data destroyed, their words kept. */
package io.inkstream.api.privacy;
