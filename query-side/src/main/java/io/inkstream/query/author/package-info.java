/** Author pages: profile, post count and recent posts. */
package io.inkstream.query.author;
