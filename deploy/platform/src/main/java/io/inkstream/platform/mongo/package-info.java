/** MongoDB clients, and the embedded MongoDB that the standalone default and the tests run. */
package io.inkstream.platform.mongo;
