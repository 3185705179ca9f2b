/** The HTTP edge both sides share: domain errors as problem responses, correlation ids, the requester. */
package io.inkstream.platform.web;
