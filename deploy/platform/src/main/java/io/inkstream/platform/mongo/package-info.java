/** MongoDB clients, synchronous and reactive, on the one database MONGODB_URI names. */
package io.inkstream.platform.mongo;
