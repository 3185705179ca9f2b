/** Posts: publishing, revisions, the reply policy, unpublishing, and unique slugs. */
package io.inkstream.command.post;
