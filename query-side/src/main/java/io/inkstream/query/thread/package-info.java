/** Comment threads: nested replies, their pages, and the reply count of each post. */
package io.inkstream.query.thread;
