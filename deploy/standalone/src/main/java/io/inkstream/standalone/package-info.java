/** Both sides in one process on one port, with an embedded MongoDB unless MONGODB_URI names one. */
package io.inkstream.standalone;
