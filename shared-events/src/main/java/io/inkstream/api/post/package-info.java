/** Post messages: publishing, revisions, reply policy and unpublishing. */
package io.inkstream.api.post;
