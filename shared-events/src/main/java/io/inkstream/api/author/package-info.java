/** Author messages: registration and profile changes. */
package io.inkstream.api.author;
