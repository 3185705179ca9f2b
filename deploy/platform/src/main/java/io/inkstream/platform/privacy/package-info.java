/** Commenters' personal data: sealed under a key each, opened for readers, erased by destroying the key. */
package io.inkstream.platform.privacy;
