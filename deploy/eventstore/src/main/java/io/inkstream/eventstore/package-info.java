/** The event store on MongoDB: Axon's storage engine, its hash chains and checkpoints, and the port the rest reads it through. */
package io.inkstream.eventstore;
