/** An in-process MongoDB server (mongo-java-server) on an H2 file or in memory, for the standalone default and tests. */
package io.inkstream.embedded;
