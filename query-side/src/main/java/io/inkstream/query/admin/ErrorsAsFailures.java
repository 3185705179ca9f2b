package io.inkstream.query.admin;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;

/**
 * Turns an error thrown by an event handler into a failure of that event. Axon sets aside as
 * a dead letter only what a handler throws as an {@link Exception}; an {@link Error} (a stack
 * overflow on a hostile body) went past the dead-letter queue and stopped the processor for
 * every post, again after each restart. Memory exhaustion still stops it: the heap is then no
 * place to go on from.
 */
@Component
class ErrorsAsFailures implements HandlerEnhancerDefinition {

    /** What a handler threw as an error, thrown on as an exception so that it is dead-lettered. */
    static final class HandlerError extends RuntimeException {
        HandlerError(Error cause) {
            super(cause.getClass().getSimpleName() + " in an event handler", cause);
        }
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                try {
                    return super.handle(message, target);
                } catch (OutOfMemoryError | InternalError fatal) {
                    throw fatal;
                } catch (Error error) {
                    throw new HandlerError(error);
                }
            }
        };
    }
}
