/** What every Inkstream process shares: MongoDB, the event store, security and problem responses. */
package io.inkstream.platform;
