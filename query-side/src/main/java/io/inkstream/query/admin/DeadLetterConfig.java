package io.inkstream.query.admin;

import io.inkstream.query.Generations;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A dead-letter queue on MongoDB for each read model: an event its projection fails on is set
 * aside (with the later events of the same aggregate, to keep their order) and the read model
 * goes on with the others. Admins list and retry them under {@code /admin/dead-letters}.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfig {

    @Bean
    ConfigurerModule deadLetterQueues(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : Generations.READ_MODELS.keySet()) {
                processing.registerDeadLetterQueue(group, config -> new EmptyAwareDeadLetterQueue<>(
                        MongoSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .mongoTemplate(axonMongoTemplate)
                                .serializer(serializer)
                                .transactionManager(NoTransactionManager.instance())
                                .build()));
            }
        });
    }
}
