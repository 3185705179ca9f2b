/** Post pages and post lists: their projection, queries and HTTP endpoints. */
package io.inkstream.query.post;
