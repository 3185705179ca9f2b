package io.inkstream.api;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.AbstractAnnotatedParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;

/**
 * Versions as clients see them: a post's first event makes version 1, its second version 2. The
 * event store counts from 0; this is the one place that turns one count into the other.
 */
public final class Versions {

    private Versions() {
    }

    /** The version the event at this sequence number of its aggregate makes. */
    public static long after(long sequence) {
        return sequence + 1;
    }

    /** The sequence number of the event that made this version. */
    public static long sequenceOf(long version) {
        return version - 1;
    }

    /** Gives {@link Version} parameters their value; found by Axon through {@code META-INF/services}. */
    public static final class Resolver extends AbstractAnnotatedParameterResolverFactory<Version, Long> {

        private static final ParameterResolver<Long> VERSION = new ParameterResolver<>() {
            @Override
            public Long resolveParameterValue(Message<?> message) {
                return after(((DomainEventMessage<?>) message).getSequenceNumber());
            }

            @Override
            public boolean matches(Message<?> message) {
                return message instanceof DomainEventMessage;
            }
        };

        public Resolver() {
            super(Version.class, Long.class);
        }

        @Override
        protected ParameterResolver<Long> getResolver() {
            return VERSION;
        }
    }
}
