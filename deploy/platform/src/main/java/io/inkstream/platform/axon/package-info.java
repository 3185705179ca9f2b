/** Axon on MongoDB: the event store and token store wired in, batched read-model writes, the metadata every event carries. */
package io.inkstream.platform.axon;
