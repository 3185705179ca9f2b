/** Live updates for server-sent-event subscribers: one notifier, for every read model. */
package io.inkstream.query.live;
