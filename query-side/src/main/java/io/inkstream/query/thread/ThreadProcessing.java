package io.inkstream.query.thread;

import io.inkstream.api.reply.ReplyEvent;
import io.inkstream.query.ReadModels;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thread read model's processor handles a post's reply events in order, in one segment:
 * an answer is placed after its parent, and a thread's sets and count have one writer. (By
 * default events are ordered per aggregate, which is per reply here: an answer could be
 * projected before its parent, and two segments could recount one thread at once.)
 */
@Configuration(proxyBeanMethods = false)
class ThreadProcessing {

    @Bean
    ConfigurerModule threadSequencing() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSequencingPolicy(
                ReadModels.THREAD_GROUP, config -> policy()));
    }

    static SequencingPolicy<EventMessage<?>> policy() {
        return event -> event.getPayload() instanceof ReplyEvent reply ? reply.postId().value()
                : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
