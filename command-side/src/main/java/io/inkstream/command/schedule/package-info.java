/** Scheduled posts: which are due when, kept from the events, and published at their time. */
package io.inkstream.command.schedule;
