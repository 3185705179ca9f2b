/** Messages shared by both sides: identifiers and the acting principal. */
package io.inkstream.api;
