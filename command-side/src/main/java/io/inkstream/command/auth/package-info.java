/** Bearer tokens for clients that send many requests. */
package io.inkstream.command.auth;
