/** Atom and RSS feeds of the site, each author, each tag and a post's replies, with conditional GET. */
package io.inkstream.query.feed;
