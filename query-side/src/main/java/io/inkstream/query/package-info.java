/** The query side: projections into read models, and the queries that serve them. */
package io.inkstream.query;
