/** Comment threads: nested replies, live updates, and the reply count of each post. */
package io.inkstream.query.thread;
