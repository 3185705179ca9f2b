/** Logins, roles and bearer tokens: HTTP Basic against hashed credentials, or a signed JWT. */
package io.inkstream.platform.security;
