/** The Axon event store and token store on MongoDB, and the metadata every event carries. */
package io.inkstream.platform.axon;
