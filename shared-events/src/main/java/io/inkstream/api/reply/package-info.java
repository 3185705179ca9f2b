/** Reply messages: the comment threads under posts. */
package io.inkstream.api.reply;
