/** The right to erasure: a commenter's key destroyed, what they wrote in clear before redacted. */
package io.inkstream.command.privacy;
