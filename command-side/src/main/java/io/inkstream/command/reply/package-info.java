/** Replies: one aggregate each, so that concurrent replies to one post never conflict. */
package io.inkstream.command.reply;
