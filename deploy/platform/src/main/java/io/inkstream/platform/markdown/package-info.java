/** What Markdown Inkstream takes: limits both sides check, so that any body renders in bounded time. */
package io.inkstream.platform.markdown;
