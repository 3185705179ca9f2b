/** Admin: projection status and replays, the audit log, post history and time travel. */
package io.inkstream.query.admin;
