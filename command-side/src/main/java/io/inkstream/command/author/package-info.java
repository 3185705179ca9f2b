/** Authors: registration with a login, and profile changes. */
package io.inkstream.command.author;
