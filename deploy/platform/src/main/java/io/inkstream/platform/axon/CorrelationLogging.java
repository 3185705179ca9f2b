package io.inkstream.platform.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the correlationId of the event being handled into the logging context, so every log
 * line a projection writes (a failure, a dead letter) names the request that caused it.
 * Commands do the same in {@code Commands}.
 */
@Configuration(proxyBeanMethods = false)
public class CorrelationLogging implements MessageHandlerInterceptor<EventMessage<?>> {

    @Bean
    ConfigurerModule correlationInLogs() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((config, processor) -> new CorrelationLogging()));
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(Metadata.CORRELATION_ID);
        if (correlationId == null) {
            return chain.proceed();
        }
        try (MDC.MDCCloseable scope = MDC.putCloseable(Metadata.CORRELATION_ID, correlationId.toString())) {
            return chain.proceed();
        }
    }
}
