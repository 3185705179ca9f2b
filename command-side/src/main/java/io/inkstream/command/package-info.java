/** The command side: HTTP commands, checked by aggregates, stored as events. */
package io.inkstream.command;
